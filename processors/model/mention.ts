import type { FormatName, SourceKind } from '../../lib/envelope.js';
import type { AffiliationKind } from '../normalize/org-hygiene.js';

/**
 * What a parser extracts: one person as one source document shows them, with raw strings as
 * written in the source (normalization happens afterwards, in `processors/normalize/`). Every
 * fact carries the evidence that supports it so a merge can be redone and a score explained.
 */

/** Where a fact came from: the record, the field path inside it (or a CSS/XML path), and a short snippet. */
export interface Evidence {
  /** The envelope id of the source record. */
  sourceId: string;
  /** e.g. `us-patent-grant/us-bibliographic-data-grant/us-parties/inventors/inventor[2]` or `basics.email`. */
  path: string;
  /** The source text the fact was read from, trimmed to ≤ 200 characters. */
  snippet?: string;
}

/** How the person appears in the source; decides default seniority and whether they belong in the index. */
export type MentionRole =
  | 'resume-subject'
  | 'inventor'
  | 'reporting-owner'
  | 'officer'
  | 'director'
  | 'director-nominee'
  | 'profile-subject'
  | 'group-member'
  /** A work's author (OpenAlex, Crossref, Semantic Scholar papers) or a scholar's own record (ORCID, author profiles). */
  | 'author'
  /** A book's or proceedings' editor (Crossref `editor`). */
  | 'editor';

/** A name as written. Parsers fill what the source distinguishes; `full` is always set. */
export interface RawName {
  /** The name as one string, exactly as written (e.g. `MUSK ELON`, `Dr. Jane Q. Smith, PhD`, `张三`). */
  full: string;
  given?: string;
  family?: string;
  /** `surname-first` for sources that write the family name first (SEC owners, USPTO last-name/first-name split, Chinese). */
  order?: 'given-first' | 'surname-first';
  /**
   * `ja` when the source says the name is Japanese (JPO gazettes), `ko` when it is a Korean name
   * in Han script (Hanja: a party with a Korean address in a Chinese or Japanese patent): the
   * characters are then not read as Chinese, so no pinyin is made for them.
   */
  lang?: 'ja' | 'ko';
}

export interface RawPlace {
  street?: string;
  city?: string;
  /** A US state, a Chinese province, or another first-level region, as written. */
  region?: string;
  postalCode?: string;
  /** As written: an ISO code (`US`, `CN`), a name (`China`, `中国`), or a nationality (`中国国籍`). */
  country?: string;
}

export interface RawAffiliation {
  organization: string;
  /** A party or state organ rather than an employer (processors/normalize/org-hygiene.ts). */
  kind?: AffiliationKind;
  /** Job title or position at that organization (`CEO`, `Senior VP, GC`, `研究员`). */
  title?: string;
  department?: string;
  startDate?: string;
  endDate?: string;
  /** True when the source says the position is current (no end date on a résumé, an officer on a filing's date). */
  current?: boolean;
  location?: RawPlace;
  /** Identifiers of the organization when the source gives them (SEC issuer CIK, ticker). */
  organizationIds?: { secCik?: string; ticker?: string; ror?: string; openalex?: string };
  /** Standard Industrial Classification code of the organization (EDGAR headers). */
  sic?: string;
  summary?: string;
  evidence: Evidence;
}

export interface RawEducation {
  institution: string;
  /** Field of study / major (`Computer Science`, `光学工程`). */
  area?: string;
  /** As written: `PhD`, `Bachelor of Science`, `博士`, `硕士研究生`. */
  degree?: string;
  startDate?: string;
  endDate?: string;
  evidence: Evidence;
}

export interface RawPatent {
  /** Publication/patent number as in the document, e.g. `11477944`, `D0967598`, `20220240350`. */
  number: string;
  /** Country of the publication, `US` for USPTO. */
  country: string;
  /** Kind code: `B1`, `B2`, `A1`, `S1`, `E`, `P2`… */
  kind?: string;
  docType: 'grant' | 'application';
  title: string;
  abstract?: string;
  publicationDate?: string;
  filingDate?: string;
  /** Classification codes as written, e.g. `H01L 21/768`, `G06F16/22`. */
  cpc: string[];
  ipc: string[];
  assignees: string[];
  applicants: string[];
  /** All inventors' names in order; lets resolution use co-inventors. */
  inventors: string[];
  /** Number of references cited by this document, when the document lists them. */
  citationCount?: number;
  /** Number of times cited, when a source provides it (the XML does not; later enrichment may). */
  citedByCount?: number;
  /** Patent family id (DOCDB `family-id`): publications of one invention in several offices share it. */
  familyId?: string;
  /** Japanese F-terms (`3E067AA03`), JPO documents only. */
  fterms?: string[];
}

/** A scholarly work as one source shows it; the same shape for OpenAlex, Crossref and Semantic Scholar. */
export interface RawPublication {
  /** The source's own id of the work: `W2741809807`, a DOI, `s2:223588394`. */
  id: string;
  /** Lower-case DOI without the resolver prefix (`10.7717/peerj.4375`), when known. */
  doi?: string;
  title: string;
  year?: number;
  /** Journal, proceedings or book series, as written. */
  venue?: string;
  /** Topic, field, subfield and concept names, and subject categories, as written. */
  topics: string[];
  keywords: string[];
  /** Times cited, when the source counts it (OpenAlex `cited_by_count`, Crossref `is-referenced-by-count`). */
  citedByCount?: number;
  /** All authors' names in order; lets resolution use co-authors as it uses co-inventors. */
  authors: string[];
  /** 1-based position of this mention's person among the authors. */
  authorPosition?: number;
}

/** A scholar's counts as an author-level source gives them (OpenAlex authors, Semantic Scholar authors). */
export interface ScholarMetrics {
  worksCount?: number;
  citedByCount?: number;
  hIndex?: number;
}

export interface RawFilingRole {
  issuer: string;
  issuerCik?: string;
  ticker?: string;
  /** One mention may hold several roles at one issuer (director and 10% owner). */
  role: 'director' | 'officer' | 'ten-percent-owner' | 'other' | 'director-nominee';
  /** Officer title, or the "other" text. */
  title?: string;
  /** Form type (`4`, `3`, `5`, `10-K`, `DEF 14A`, `8-K`, `20-F`). */
  form: string;
  /** Period of report or filing date (as written). */
  date?: string;
  /** Accession number when known. */
  accession?: string;
  sic?: string;
  /** 8-K Item 5.02 events: appointment or departure. */
  event?: 'appointed' | 'departed' | 'elected';
}

export interface PersonMention {
  /** `<sourceId>#<index>`: stable while the source is unchanged. */
  mentionId: string;
  sourceId: string;
  sourceKind: SourceKind;
  format: FormatName;
  role: MentionRole;
  name: RawName;
  /** Other forms of the name the source gives (a Chinese name beside a Latin one, a nickname). */
  otherNames?: string[];
  emails?: string[];
  phones?: string[];
  urls?: string[];
  orcid?: string;
  /** OpenAlex author id (`A5023888391`): a strong key, like the ORCID. */
  openalexId?: string;
  /** Semantic Scholar author id (`119387837`): a strong key. */
  semanticScholarId?: string;
  /** SEC CIK of the person (reporting owner). */
  secCik?: string;
  gender?: string;
  birthDate?: string;
  age?: number;
  nationality?: string;
  ethnicity?: string;
  location?: RawPlace;
  /** A short self-description or bio. */
  summary?: string;
  affiliations: RawAffiliation[];
  education: RawEducation[];
  /** Professional titles and honours as written (`教授`, `研究员`, `高级工程师`, `院士`, `Fellow of IEEE`). */
  professionalTitles: string[];
  /** Skills, research areas and keywords as written. */
  skills: string[];
  patents: RawPatent[];
  filingRoles: RawFilingRole[];
  /** Works the person authored or edited (publication sources only). */
  publications?: RawPublication[];
  scholarMetrics?: ScholarMetrics;
  evidence: Evidence[];
}

/** Facts about the source document itself, for provenance and `show`. */
export interface DocumentInfo {
  sourceId: string;
  format: FormatName;
  /** A human label: a patent number, `Form 4 · TESLA MOTORS INC · 2011-…`, a page title. */
  title: string;
  /** Link to the original when known. */
  uri?: string;
  date?: string;
}
