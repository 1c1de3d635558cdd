/**
 * What the surrounding container knows about a filing document. An EDGAR full-submission text file
 * gives it from its SEC header; a bare HTML document fetched from EDGAR may give none of it, and
 * the HTML extractor then reads what it can from the document itself (cover page).
 */
export interface FilingContext {
  /** Envelope id of the record the document came from. */
  sourceId: string;
  /** `10-K`, `DEF 14A`, `8-K`, `20-F`, `4`… */
  form?: string;
  issuer?: string;
  issuerCik?: string;
  ticker?: string;
  /** Standard Industrial Classification code of the filer, e.g. `3674`. */
  sic?: string;
  filingDate?: string;
  periodOfReport?: string;
  accession?: string;
  /** Prefix for evidence paths when the document is embedded (e.g. `document[2]`). */
  pathPrefix?: string;
  uri?: string;
}
