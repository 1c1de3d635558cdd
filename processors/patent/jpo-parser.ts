import { cleanText } from '../common/evidence.js';
import { officeParser, type ReadResult } from './office-parser.js';
import { isJapaneseOrganization, japaneseAddress, japanesePersonText } from './office-names.js';
import { classificationSymbol, pushUnique, type OfficeParty, type OfficePatent } from './office-patent.js';
import { child, childrenNamed, descendants, textAt, textOf, type XmlNode } from './xml-tree.js';

/**
 * JPO gazette XML (`jp-official-gazette`, `jp:` namespace): published applications (公開特許公報,
 * kind A) and granted patents (特許公報, B). Inventors (`parties/inventors/inventor/addressbook`)
 * keep their Japanese names as written, family name first ("福永 悟大"), and are marked Japanese so
 * no pinyin is made of their kanji. An inventor's address often ends "…株式会社内" ("care of the
 * company"): that company is their employer. Agents (代理人, `agent` under
 * `jp:applicants-agents`) are never read. IPC from `classification-ipc`, F-terms from
 * `jp:f-term-info`.
 */

const SKIP = new Set(['description', 'claims', 'drawings', 'abstract-figure', 'image-of-bibliographic-data']);

/**
 * JPO separates family and given names with (full- or half-width) spaces. A company, department or
 * division written beside the name (研究開発部, 特許課, 中央研究所) is not part of it; a field that
 * holds nothing else names no person (undefined). A party with a Korean address writes a Korean
 * name (Hanja or katakana): marked `ko`, so it is neither read as Chinese nor as Japanese order.
 */
function japaneseName(written: string, korean: boolean): OfficeParty['name'] | undefined {
  const full = japanesePersonText(written);
  if (full === undefined) return undefined;
  const [family, ...given] = full.split(' ');
  if (/[A-Za-z]/.test(full)) return { full };
  const lang = korean ? ('ko' as const) : ('ja' as const);
  if (family === undefined || given.length === 0) return { full, lang };
  return { full, family, given: given.join(' '), order: 'surname-first', lang };
}

function read(tree: XmlNode): ReadResult {
  const root = tree.children[0];
  if (root?.name !== 'jp-official-gazette')
    return { kind: 'skipped', reason: `root <${root?.name ?? 'none'}> is not a JPO gazette document` };
  const biblio = child(root, 'bibliographic-data');
  const base = 'jp-official-gazette/bibliographic-data';
  const pub = child(biblio, 'publication-reference');
  // The document's own <kind> is Japanese text (公開特許公報(A)); the ST.16 code is an attribute.
  const kind =
    root.attrs['kind-of-st16'] ?? /\(([A-Z]\d?)\)/.exec(textAt(pub, 'document-id', 'kind'))?.[1] ?? '';
  const patent: OfficePatent = {
    format: 'jpo-xml',
    pubPath: `${base}/publication-reference/document-id`,
    country: textAt(pub, 'document-id', 'country') || (root.attrs['country'] ?? 'JP'),
    number: textAt(pub, 'document-id', 'doc-number'),
    kind,
    docType: /^[BCY]/i.test(kind) ? 'grant' : 'application',
    title: textOf(child(biblio, 'invention-title')),
    publicationDate: textAt(pub, 'document-id', 'date'),
    filingDate: textAt(biblio, 'application-reference', 'document-id', 'date'),
    ipc: [],
    cpc: [],
    fterms: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  const ipc = child(biblio, 'classification-ipc');
  for (const c of [...childrenNamed(ipc, 'main-clsf'), ...childrenNamed(ipc, 'further-clsf')])
    pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const c of descendants(biblio, 'classification-ipcr'))
    pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const f of descendants(biblio, 'f-term')) pushUnique(patent.fterms ?? [], cleanText(textOf(f)));
  const abstract = child(root, 'abstract');
  if (abstract !== undefined) patent.abstract = textOf(abstract);

  const parties = child(biblio, 'parties');
  childrenNamed(child(parties, 'inventors'), 'inventor').forEach((node, i) => {
    const written = textAt(node, 'addressbook', 'name');
    if (written === '') return;
    const where = japaneseAddress(textAt(node, 'addressbook', 'address', 'text'));
    const name = japaneseName(written, where.place?.country === 'KR');
    if (name === undefined) return;
    const party: OfficeParty = { path: `${base}/parties/inventors/inventor[${i + 1}]`, name };
    if (where.place !== undefined) party.place = where.place;
    if (where.careOf !== undefined) party.careOf = where.careOf;
    patent.inventors.push(party);
  });
  let n = 0;
  for (const group of descendants(parties, 'applicants-agents'))
    for (const node of childrenNamed(group, 'applicant')) {
      n++;
      const written = cleanText(textAt(node, 'addressbook', 'name'));
      if (written === '') continue;
      const party: OfficeParty = { path: `${base}/parties/applicants-agents/applicant[${n}]` };
      const where = japaneseAddress(textAt(node, 'addressbook', 'address', 'text'));
      const name = japaneseName(written, where.place?.country === 'KR');
      if (isJapaneseOrganization(written) || !/\s/.test(written) || name === undefined)
        party.organization = written;
      else party.name = name;
      if (where.place !== undefined) party.place = where.place;
      (patent.docType === 'grant' ? patent.assignees : patent.applicants).push(party);
    }
  return { kind: 'patent', patent };
}

export const jpoParser = officeParser({
  format: 'jpo-xml',
  detect: (head) => /<jp-official-gazette[\s>]/.test(head),
  tree: { skip: SKIP },
  read,
});
