/**
 * The header of an EDGAR full-submission file: who filed what, when, and the filer's industry
 * (SIC), which the documents themselves rarely state. Two spellings exist and both are read:
 *
 * - the text header of `<SEC-HEADER>` / `<IMS-HEADER>` (`.txt` submissions on www.sec.gov):
 *   `ACCESSION NUMBER:\t0000320193-22-000061` lines, blocks such as `ISSUER:` / `COMPANY DATA:`;
 * - the SGML header of dissemination feeds (`.nc` files, `<SUBMISSION>`): `<ACCESSION-NUMBER>…`,
 *   `<ISSUER><COMPANY-DATA><CONFORMED-NAME>…<ASSIGNED-SIC>2834`.
 *
 * Values are kept as written (dates as `20220506`); {@link edgarDateToIso} converts dates.
 */

export type SecPartyKind = 'filer' | 'issuer' | 'reporting-owner' | 'subject-company' | 'filed-by';

export interface SecAddress {
  street1?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  phone?: string;
}

export interface SecHeaderParty {
  kind: SecPartyKind;
  /** COMPANY CONFORMED NAME (for a reporting owner, the person's name, surname first). */
  name?: string;
  cik?: string;
  /** The four-digit SIC code, e.g. `3674`. */
  sic?: string;
  /** The SIC label when the header gives it, e.g. `SEMICONDUCTORS & RELATED DEVICES`. */
  sicLabel?: string;
  /** EDGAR's reviewing office, e.g. `04 Manufacturing`. */
  organizationName?: string;
  irsNumber?: string;
  stateOfIncorporation?: string;
  fiscalYearEnd?: string;
  formType?: string;
  fileNumber?: string;
  businessAddress?: SecAddress;
  mailAddress?: SecAddress;
  formerNames: { name: string; dateOfChange?: string }[];
}

export interface SecHeader {
  style: 'text' | 'sgml';
  accession?: string;
  submissionType?: string;
  documentCount?: number;
  /** CONFORMED PERIOD OF REPORT, as written (`20220504`). */
  periodOfReport?: string;
  /** FILED AS OF DATE, as written (`20220506`). */
  filedAsOf?: string;
  dateAsOfChange?: string;
  acceptanceDateTime?: string;
  /** 8-K ITEM INFORMATION lines (text) or item numbers (SGML). */
  items: string[];
  groupMembers: string[];
  parties: SecHeaderParty[];
}

type Field =
  | 'accession'
  | 'submissionType'
  | 'documentCount'
  | 'period'
  | 'filed'
  | 'changed'
  | 'acceptance'
  | 'item'
  | 'groupMember'
  | 'name'
  | 'cik'
  | 'sic'
  | 'organizationName'
  | 'irs'
  | 'stateOfIncorporation'
  | 'fiscalYearEnd'
  | 'formType'
  | 'fileNumber'
  | 'street1'
  | 'street2'
  | 'city'
  | 'state'
  | 'zip'
  | 'phone'
  | 'formerName'
  | 'formerDate';
type Block = 'data' | 'filing-values' | 'business-address' | 'mail-address' | 'former';

type Token =
  | { kind: 'party'; party: SecPartyKind }
  | { kind: 'block'; block: Block }
  | { kind: 'field'; field: Field; value: string };

const PARTIES: Record<string, SecPartyKind> = {
  FILER: 'filer',
  ISSUER: 'issuer',
  'REPORTING-OWNER': 'reporting-owner',
  'SUBJECT COMPANY': 'subject-company',
  'SUBJECT-COMPANY': 'subject-company',
  'FILED BY': 'filed-by',
  'FILED-BY': 'filed-by',
};

const BLOCKS: Record<string, Block> = {
  'COMPANY DATA': 'data',
  'OWNER DATA': 'data',
  'FILING VALUES': 'filing-values',
  'BUSINESS ADDRESS': 'business-address',
  'MAIL ADDRESS': 'mail-address',
  'FORMER COMPANY': 'former',
  'FORMER NAME': 'former',
};

/** Text-header keys and SGML tag names (hyphens read as spaces) mapped to one vocabulary. */
const FIELDS: Record<string, Field> = {
  'ACCESSION NUMBER': 'accession',
  'CONFORMED SUBMISSION TYPE': 'submissionType',
  TYPE: 'submissionType',
  'PUBLIC DOCUMENT COUNT': 'documentCount',
  'CONFORMED PERIOD OF REPORT': 'period',
  PERIOD: 'period',
  'FILED AS OF DATE': 'filed',
  'FILING DATE': 'filed',
  'DATE AS OF CHANGE': 'changed',
  'DATE OF FILING DATE CHANGE': 'changed',
  'ACCEPTANCE DATETIME': 'acceptance',
  'ITEM INFORMATION': 'item',
  ITEMS: 'item',
  'GROUP MEMBERS': 'groupMember',
  'COMPANY CONFORMED NAME': 'name',
  'CONFORMED NAME': 'name',
  'CENTRAL INDEX KEY': 'cik',
  CIK: 'cik',
  'STANDARD INDUSTRIAL CLASSIFICATION': 'sic',
  'ASSIGNED SIC': 'sic',
  'ORGANIZATION NAME': 'organizationName',
  'IRS NUMBER': 'irs',
  EIN: 'irs',
  'STATE OF INCORPORATION': 'stateOfIncorporation',
  'FISCAL YEAR END': 'fiscalYearEnd',
  'FORM TYPE': 'formType',
  'SEC FILE NUMBER': 'fileNumber',
  'FILE NUMBER': 'fileNumber',
  'STREET 1': 'street1',
  STREET1: 'street1',
  'STREET 2': 'street2',
  STREET2: 'street2',
  CITY: 'city',
  STATE: 'state',
  ZIP: 'zip',
  'BUSINESS PHONE': 'phone',
  PHONE: 'phone',
  'FORMER CONFORMED NAME': 'formerName',
  'DATE OF NAME CHANGE': 'formerDate',
  'DATE CHANGED': 'formerDate',
};

function tokenFor(rawKey: string, value: string): Token | undefined {
  const key = rawKey
    .replace(/[\s-]+/g, ' ')
    .trim()
    .toUpperCase();
  const party = PARTIES[key] ?? PARTIES[rawKey.trim().toUpperCase()];
  if (party !== undefined) return { kind: 'party', party };
  const block = BLOCKS[key];
  if (block !== undefined) return { kind: 'block', block };
  const field = FIELDS[key];
  return field === undefined ? undefined : { kind: 'field', field, value: value.replace(/\s+/g, ' ').trim() };
}

function textTokens(header: string): Token[] {
  const tokens: Token[] = [];
  for (const line of header.split(/\r?\n/)) {
    const tag = line.match(/^\s*<(ACCEPTANCE-DATETIME)>\s*(\S*)/);
    const kv = tag ?? line.match(/^\s*([A-Z][A-Z0-9 &/.()'-]*?)\s*:\s*(.*)$/);
    if (kv === null) continue;
    const token = tokenFor(kv[1] ?? '', kv[2] ?? '');
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

function sgmlTokens(header: string): Token[] {
  const tokens: Token[] = [];
  for (const m of header.matchAll(/<(\/?)([A-Z0-9-]+)>([^<]*)/g)) {
    if (m[1] === '/') continue;
    const token = tokenFor(m[2] ?? '', m[3] ?? '');
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}

function setAddress(party: SecHeaderParty, block: Block, field: Field, value: string): void {
  const key = block === 'mail-address' ? 'mailAddress' : 'businessAddress';
  const address = (party[key] ??= {});
  if (
    field === 'street1' ||
    field === 'street2' ||
    field === 'city' ||
    field === 'state' ||
    field === 'zip' ||
    field === 'phone'
  )
    address[field] = value;
}

function applyPartyField(party: SecHeaderParty, block: Block, field: Field, value: string): void {
  switch (field) {
    case 'name':
      party.name ??= value;
      return;
    case 'cik':
      party.cik ??= value;
      return;
    case 'sic': {
      // "SEMICONDUCTORS & RELATED DEVICES [3674]" (text) or "3674" (SGML).
      const m = value.match(/^(.*?)\s*\[(\d{1,4})\]\s*$/);
      party.sic = m?.[2] ?? value;
      if (m?.[1]) party.sicLabel = m[1];
      return;
    }
    case 'organizationName':
      party.organizationName = value;
      return;
    case 'irs':
      party.irsNumber = value;
      return;
    case 'stateOfIncorporation':
      party.stateOfIncorporation = value;
      return;
    case 'fiscalYearEnd':
      party.fiscalYearEnd = value;
      return;
    case 'formType':
      party.formType = value;
      return;
    case 'fileNumber':
      party.fileNumber = value;
      return;
    case 'formerName':
      party.formerNames.push({ name: value });
      return;
    case 'formerDate': {
      const last = party.formerNames[party.formerNames.length - 1];
      if (last !== undefined) last.dateOfChange = value;
      return;
    }
    default:
      if (block === 'business-address' || block === 'mail-address') setAddress(party, block, field, value);
  }
}

function build(tokens: Token[], style: SecHeader['style']): SecHeader {
  const header: SecHeader = { style, items: [], groupMembers: [], parties: [] };
  let party: SecHeaderParty | undefined;
  let block: Block = 'data';
  for (const token of tokens) {
    if (token.kind === 'party') {
      party = { kind: token.party, formerNames: [] };
      header.parties.push(party);
      block = 'data';
      continue;
    }
    if (token.kind === 'block') {
      block = token.block;
      continue;
    }
    const { field, value } = token;
    if (value === '') continue;
    if (party !== undefined && field !== 'item' && field !== 'groupMember' && field !== 'acceptance') {
      applyPartyField(party, block, field, value);
      continue;
    }
    if (field === 'accession') header.accession ??= value;
    else if (field === 'submissionType') header.submissionType ??= value;
    else if (field === 'documentCount' && /^\d+$/.test(value)) header.documentCount = Number(value);
    else if (field === 'period') header.periodOfReport ??= value;
    else if (field === 'filed') header.filedAsOf ??= value;
    else if (field === 'changed') header.dateAsOfChange ??= value;
    else if (field === 'acceptance') header.acceptanceDateTime ??= value;
    else if (field === 'item') header.items.push(value);
    else if (field === 'groupMember') header.groupMembers.push(value);
  }
  return header;
}

/** Where the header sits in a submission, or undefined when there is none. */
export function locateSecHeader(
  text: string,
): { start: number; end: number; style: SecHeader['style'] } | undefined {
  const open = text.search(/<(SEC|IMS)-HEADER>/);
  if (open >= 0) {
    const close = text.slice(open).search(/<\/(SEC|IMS)-HEADER>/);
    const doc = text.indexOf('<DOCUMENT>', open);
    const end = close >= 0 ? open + close : doc >= 0 ? doc : text.length;
    return { start: open, end, style: 'text' };
  }
  const submission = text.search(/^\s*<SUBMISSION>/);
  if (submission >= 0) {
    const start = text.indexOf('<SUBMISSION>');
    const doc = text.indexOf('<DOCUMENT>', start);
    return { start, end: doc >= 0 ? doc : text.length, style: 'sgml' };
  }
  return undefined;
}

/** Parses the header of a full submission (or a bare `.hdr.sgml`); undefined when there is none. */
export function parseSecHeader(text: string): SecHeader | undefined {
  const at = locateSecHeader(text);
  if (at === undefined) return undefined;
  const slice = text.slice(at.start, at.end);
  return build(at.style === 'text' ? textTokens(slice) : sgmlTokens(slice), at.style);
}

/**
 * The company the filing is about: the ISSUER of a Form 3/4/5, the SUBJECT COMPANY of a
 * Schedule 13D/G or tender offer, otherwise the (first) FILER of a 10-K, 8-K or proxy.
 */
export function headerCompany(header: SecHeader): SecHeaderParty | undefined {
  return (
    header.parties.find((p) => p.kind === 'issuer') ??
    header.parties.find((p) => p.kind === 'subject-company') ??
    header.parties.find((p) => p.kind === 'filer')
  );
}

/** The issuer's SIC code, or another company party's when the issuer block has none; `0000` means unknown. */
export function headerSic(header: SecHeader): { sic: string; label?: string } | undefined {
  const company = headerCompany(header);
  const candidates = [company, ...header.parties.filter((p) => p.kind !== 'reporting-owner')];
  for (const p of candidates)
    if (p?.sic !== undefined && /^\d{3,4}$/.test(p.sic) && !/^0+$/.test(p.sic))
      return p.sicLabel === undefined ? { sic: p.sic } : { sic: p.sic, label: p.sicLabel };
  return undefined;
}

/** `20220506` → `2022-05-06`; anything else is returned unchanged. */
export function edgarDateToIso(date: string | undefined): string | undefined {
  const m = date?.match(/^(\d{4})(\d{2})(\d{2})$/);
  return m === null || m === undefined ? date : `${m[1]}-${m[2]}-${m[3]}`;
}
