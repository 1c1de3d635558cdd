import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { cleanText } from '../common/evidence.js';
import { decodeText } from '../common/decode-text.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { RawPlace } from '../model/mention.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import {
  buildOfficeMentions,
  classificationSymbol,
  commaName,
  pushUnique,
  type OfficeParty,
  type OfficePatent,
} from './office-patent.js';

/**
 * USPTO "Green Book" (APS) full text, the only machine-readable form of the 1976–2001 grants:
 * fixed-field text, one record group per patent (`PATN`, then `INVT` per inventor, `ASSG` per
 * assignee, `CLAS`, `UREF`/`FREF`/`OREF` citations, `ABST`, `LREP` the attorney…), each line a
 * four-character field name, two spaces and the value; continuation lines start with spaces.
 * Names are written "Last; First Middle". Attorneys (`LREP`) and examiners (`EXP`) are not people of
 * the index. Weekly files are split at each `PATN` while streaming (`split-greenbook.ts`).
 */

interface Group {
  tag: string;
  index: number;
  fields: Map<string, string>;
}

function groups(text: string, budget: ParseBudget): Group[] {
  const out: Group[] = [];
  const counts = new Map<string, number>();
  let current: Group | undefined;
  let lastField: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    budget.step();
    const line = raw.replace(/\s+$/, '');
    if (line === '') continue;
    if (/^[A-Z]{4}$/.test(line) || /^HHHHHT/.test(line)) {
      const n = (counts.get(line) ?? 0) + 1;
      counts.set(line, n);
      current = { tag: line, index: n, fields: new Map() };
      out.push(current);
      lastField = undefined;
      continue;
    }
    if (current === undefined) continue;
    const field = /^([A-Z0-9]{3,4})\s+(.*)$/.exec(line);
    if (field !== null && !/^\s/.test(raw)) {
      lastField = field[1] as string;
      const previous = current.fields.get(lastField);
      // Repeated fields (PAL paragraphs, FSS) join; the first of single-valued ones is what we read.
      current.fields.set(
        lastField,
        previous === undefined ? (field[2] as string) : `${previous} ${field[2]}`,
      );
    } else if (lastField !== undefined) {
      current.fields.set(lastField, `${current.fields.get(lastField) ?? ''} ${line.trim()}`);
    }
  }
  return out;
}

/** Green Book countries are three letters, ISO alpha-2 plus `X` (`JPX`, `DEX`). */
function country(code: string | undefined): string | undefined {
  const c = cleanText(code);
  if (c === '') return undefined;
  return /^[A-Z]{2}X$/.test(c) ? c.slice(0, 2) : c;
}

function place(g: Group): RawPlace | undefined {
  const p: RawPlace = {};
  const street = cleanText(g.fields.get('STR'));
  const city = cleanText(g.fields.get('CTY'));
  const state = cleanText(g.fields.get('STA'));
  const zip = cleanText(g.fields.get('ZIP'));
  const ctry = country(g.fields.get('CNT'));
  if (street !== '') p.street = street;
  if (city !== '') p.city = city;
  if (state !== '') p.region = state;
  if (zip !== '') p.postalCode = zip;
  if (ctry !== undefined) p.country = ctry;
  else if (state !== '') p.country = 'US';
  return Object.keys(p).length === 0 ? undefined : p;
}

/** `039373754` (WKU: type digit or letters, number, check digit) → `3937375`; `D02456781` → `D245678`. */
function patentNumber(wku: string): string {
  const body = wku.slice(0, -1);
  return body.replace(/^([A-Z]*)0+(?=\d)/, '$1');
}

function readGreenbook(envelope: RecordEnvelope, limits: ParseLimits, budget: ParseBudget): ParseOutcome {
  const decoded = decodeText(envelope.body, envelope.contentType, limits);
  if (!decoded.ok) return { status: 'rejected', error: decoded.error };
  const all = groups(decoded.text, budget);
  const patn = all.find((g) => g.tag === 'PATN');
  const wku = cleanText(patn?.fields.get('WKU'));
  if (patn === undefined || wku === '')
    return {
      status: 'rejected',
      error: new ProcessingError(
        'schema-mismatch',
        'Green Book text without a PATN record and its WKU patent number',
        { location: 'PATN/WKU' },
      ),
    };
  const patent: OfficePatent = {
    format: 'uspto-greenbook',
    pubPath: 'PATN/WKU',
    country: 'US',
    number: patentNumber(wku),
    kind: 'A',
    docType: 'grant',
    title: cleanText(patn.fields.get('TTL')),
    publicationDate: cleanText(patn.fields.get('ISD')),
    filingDate: cleanText(patn.fields.get('APD')),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
    citationCount: all.filter((g) => g.tag === 'UREF' || g.tag === 'FREF' || g.tag === 'OREF').length,
  };
  for (const g of all.filter((x) => x.tag === 'CLAS')) {
    const icl = g.fields.get('ICL');
    if (icl !== undefined) pushUnique(patent.ipc, classificationSymbol(icl) ?? cleanText(icl));
  }
  const abstract = all.find((g) => g.tag === 'ABST')?.fields.get('PAL');
  if (abstract !== undefined) patent.abstract = cleanText(abstract);
  for (const g of all) {
    const nam = cleanText(g.fields.get('NAM'));
    if (nam === '') continue;
    const where = place(g);
    if (g.tag === 'INVT') {
      const party: OfficeParty = { path: `INVT[${g.index}]`, name: commaName(nam, ';') };
      if (where !== undefined) party.place = where;
      patent.inventors.push(party);
    } else if (g.tag === 'ASSG') {
      const party: OfficeParty = { path: `ASSG[${g.index}]`, organization: nam };
      if (where !== undefined) party.place = where;
      patent.assignees.push(party);
    }
  }
  const { document, mentions } = buildOfficeMentions(envelope, patent);
  if (mentions.length === 0)
    return {
      status: 'rejected',
      error: new ProcessingError('no-person', `patent US ${patent.number} lists no inventor (INVT)`, {
        location: 'INVT',
      }),
    };
  return { status: 'parsed', document, mentions };
}

export const usptoGreenbookParser: Parser = {
  format: 'uspto-greenbook',
  sourceKind: 'patent',
  detect: (head) => /^(?:\uFEFF)?(?:HHHHHT[^\n]*\r?\n)?PATN\r?\n/.test(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => readGreenbook(envelope, limits, budget));
  },
};
