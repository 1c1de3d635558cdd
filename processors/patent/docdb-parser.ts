import { ProcessingError } from '../../lib/errors.js';
import { cleanText } from '../common/evidence.js';
import type { RawName } from '../model/mention.js';
import { isHanName } from '../normalize/fold.js';
import { officeParser, type ReadResult } from './office-parser.js';
import { liftTitles, looksLikeOrganization } from './office-names.js';
import {
  classificationSymbol,
  commaName,
  pushUnique,
  type OfficeParty,
  type OfficePatent,
} from './office-patent.js';
import { at, child, childrenNamed, descendants, textAt, textOf, type XmlNode } from './xml-tree.js';

/**
 * EPO DOCDB exchange documents (`exch:exchange-document`, any publishing office: WO, DE, AP, YU…),
 * one per record; the weekly exchange files wrap thousands in `exch:exchange-documents` and are
 * split while streaming (`split-elements.ts`). Each party is listed once per name form:
 * `docdb` (EPO-normalised, capitals, no comma, with the residence country), `docdba` (the
 * original as the EPO keyed it) and `original`; the forms of one person share a `sequence`
 * number and become one mention. Names in the citations (cited patents' applicants, authors of
 * non-patent literature) are not people of the index and are never read.
 */

const SKIP = new Set(['priority-claims', 'description', 'claims']);

/** Forms of one party, by data format. */
interface PartyForms {
  sequence: string;
  path: string;
  forms: Map<string, string>;
  residence?: string;
}

function collectForms(parent: XmlNode | undefined, parentPath: string, tag: string): PartyForms[] {
  const bySequence = new Map<string, PartyForms>();
  const counters = new Map<string, number>();
  for (const node of childrenNamed(parent, tag)) {
    const format = node.attrs['data-format'] ?? 'docdb';
    const n = (counters.get(format) ?? 0) + 1;
    counters.set(format, n);
    const sequence = node.attrs['sequence'] ?? String(n);
    const name = cleanText(textOf(child(node, `${tag}-name`) ?? child(node, 'name')));
    let entry = bySequence.get(sequence);
    if (entry === undefined) {
      entry = { sequence, path: `${parentPath}/${tag}[sequence=${sequence}]`, forms: new Map() };
      bySequence.set(sequence, entry);
    }
    if (name !== '' && !entry.forms.has(format)) entry.forms.set(format, name);
    const residence = textAt(node, 'residence', 'country');
    if (residence !== '') entry.residence ??= residence;
  }
  return [...bySequence.values()];
}

/**
 * The display name from the forms: the `original` or `docdba` form written "SURNAME, Given" says
 * which part is the family name; the `docdb` form ("OLIVEIRA DOS SANTOS ADRIANA") does not, and is
 * used only when it is the only one, read surname first.
 */
function personFrom(forms: Map<string, string>): { name: RawName; titles: string[] } | undefined {
  const titles: string[] = [];
  // The forms repeat the titles with and without dots (`DIPL.-PHYS.`, `DIPL-PHYS`): keep one.
  const key = (t: string): string => t.replace(/[.-]/g, '').toUpperCase();
  const lifted = ORDER.flatMap((format) => {
    const written = forms.get(format);
    if (written === undefined) return [];
    const result = liftTitles(written);
    for (const t of result.titles) if (!titles.some((k) => key(k) === key(t))) titles.push(t);
    return result.name === '' ? [] : [result.name];
  });
  const withComma = lifted.find((n) => n.includes(','));
  if (withComma !== undefined) return { name: commaName(withComma), titles };
  const first = lifted[0];
  return first === undefined ? undefined : { name: { full: first, order: 'surname-first' }, titles };
}

const ORDER = ['original', 'docdba', 'docdb'];

function party(entry: PartyForms, inventor: boolean): OfficeParty | undefined {
  const written = [...entry.forms.values()];
  if (written.length === 0) return undefined;
  const result: OfficeParty = { path: entry.path };
  if (entry.residence !== undefined) result.place = { country: entry.residence };
  const organization = !inventor && written.some((w) => looksLikeOrganization(w) || !w.includes(','));
  if (organization) {
    result.organization = entry.forms.get('docdba') ?? entry.forms.get('original') ?? (written[0] as string);
  } else {
    const person = personFrom(entry.forms);
    if (person === undefined) return undefined;
    result.name = person.name;
    // A Han-script form of a Korean or Japanese resident is Hanja or kanji, not a Chinese name.
    const lang = entry.residence === 'KR' ? 'ko' : entry.residence === 'JP' ? 'ja' : undefined;
    if (lang !== undefined && isHanName(person.name.full)) result.name = { ...person.name, lang };
    if (person.titles.length > 0) result.professionalTitles = person.titles;
  }
  // Other forms worth keeping: those that are not just the shown name written "SURNAME, Given".
  const shown = (result.name?.full ?? result.organization ?? '').toLowerCase();
  const others = written.filter(
    (w) => w.toLowerCase() !== shown && commaName(liftTitles(w).name).full.toLowerCase() !== shown,
  );
  const unique = others.filter((w, i) => others.indexOf(w) === i);
  if (unique.length > 0) result.otherNames = unique;
  return result;
}

function byLanguage(nodes: XmlNode[]): XmlNode | undefined {
  return nodes.find((n) => n.attrs['lang'] === 'en') ?? nodes[0];
}

function read(tree: XmlNode): ReadResult {
  let doc = tree.children[0];
  if (doc?.name === 'exchange-documents') {
    const inner = childrenNamed(doc, 'exchange-document');
    if (inner.length !== 1)
      return {
        kind: 'rejected',
        error: new ProcessingError(
          'unsupported-document',
          `exchange-documents holds ${inner.length} documents in one record; the file ingest splits them (one record per exchange-document)`,
        ),
      };
    doc = inner[0];
  }
  if (doc === undefined || doc.name !== 'exchange-document')
    return { kind: 'skipped', reason: `root <${doc?.name ?? 'none'}> is not a DOCDB exchange-document` };
  if (doc.attrs['status'] === 'D') return { kind: 'skipped', reason: 'DOCDB delete record (status="D")' };
  const base = 'exchange-document/bibliographic-data';
  const biblio = child(doc, 'bibliographic-data');
  const pubRefs = childrenNamed(biblio, 'publication-reference');
  const pub = pubRefs.find((r) => (r.attrs['data-format'] ?? 'docdb') === 'docdb') ?? pubRefs[0];
  const appRefs = childrenNamed(biblio, 'application-reference');
  const app = appRefs.find((r) => (r.attrs['data-format'] ?? 'docdb') === 'docdb') ?? appRefs[0];
  const kind = textAt(pub, 'document-id', 'kind') || (doc.attrs['kind'] ?? '');
  const patent: OfficePatent = {
    format: 'docdb-xml',
    pubPath: `${base}/publication-reference[data-format=docdb]/document-id`,
    country: textAt(pub, 'document-id', 'country') || (doc.attrs['country'] ?? ''),
    number: textAt(pub, 'document-id', 'doc-number') || (doc.attrs['doc-number'] ?? ''),
    kind,
    // Kind codes differ by office; B and C are granted or examined patents almost everywhere.
    docType: /^[BCEFY]/i.test(kind) ? 'grant' : 'application',
    title: textOf(byLanguage(childrenNamed(biblio, 'invention-title'))),
    publicationDate: textAt(pub, 'document-id', 'date') || doc.attrs['date-publ'],
    filingDate: textAt(app, 'document-id', 'date'),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  const family = doc.attrs['family-id'];
  if (family !== undefined && family !== '') patent.familyId = family;
  const abstract = byLanguage(childrenNamed(doc, 'abstract').concat(childrenNamed(biblio, 'abstract')));
  if (abstract !== undefined) patent.abstract = textOf(abstract);
  for (const c of descendants(child(biblio, 'classifications-ipcr'), 'text'))
    pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const tag of ['main-classification', 'further-classification'])
    for (const c of descendants(child(biblio, 'classification-ipc'), tag))
      pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const c of descendants(child(biblio, 'patent-classifications'), 'patent-classification')) {
    const scheme = at(c, 'classification-scheme')?.attrs['scheme'] ?? '';
    if (/^CPC/i.test(scheme))
      pushUnique(patent.cpc, classificationSymbol(textAt(c, 'classification-symbol')));
  }
  const cited = child(biblio, 'references-cited');
  if (cited !== undefined) patent.citationCount = childrenNamed(cited, 'citation').length;
  const parties = child(biblio, 'parties');
  patent.inventors = collectForms(child(parties, 'inventors'), `${base}/parties/inventors`, 'inventor')
    .map((e) => party(e, true))
    .filter((p): p is OfficeParty => p !== undefined);
  patent.applicants = collectForms(child(parties, 'applicants'), `${base}/parties/applicants`, 'applicant')
    .map((e) => party(e, false))
    .filter((p): p is OfficeParty => p !== undefined);
  return { kind: 'patent', patent };
}

export const docdbParser = officeParser({
  format: 'docdb-xml',
  detect: (head) => /<(?:[\w-]+:)?exchange-documents?[\s>]/.test(head),
  tree: { skip: SKIP },
  read,
});
