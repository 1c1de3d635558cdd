import { cleanText } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';
import { officeParser, type ReadResult } from './office-parser.js';
import { looksLikeOrganization, splitCityLine } from './office-names.js';
import {
  classificationSymbol,
  commaName,
  pushUnique,
  type OfficeParty,
  type OfficePatent,
} from './office-patent.js';
import { at, child, childrenNamed, descendants, textAt, textOf, type XmlNode } from './xml-tree.js';

/**
 * EPO `ep-patent-document` (European Publication Server, DTD 1.0 through 1.5; A documents,
 * applications, and B documents, granted patents). The bibliographic section `SDOBI` uses the
 * ST.32 INID tags: B110 number, B130 kind, B140 date, B220 filing date, B510/B510EP IPC, B540
 * titles in the three official languages, B721 inventors, B711 applicants (A), B731 proprietors
 * (B). B741 representatives (patent attorneys) and the citations' authors (B562) are not people of
 * the index and are never read.
 */

const SKIP = new Set([
  'description',
  'claims',
  'drawings',
  'ep-reference-list',
  'search-report-data',
  'copyright',
]);

/** `<snm>HARTHUM, Jörg</snm>` (1.x), or split `<fnm>`/`<snm>` as some older files write it. */
function epoParty(node: XmlNode, path: string, person: boolean): OfficeParty {
  const snm = textAt(node, 'snm');
  const fnm = textAt(node, 'fnm');
  const adr = child(node, 'adr');
  const place: RawPlace = {};
  const street = textAt(adr, 'str');
  if (street !== '') place.street = street;
  Object.assign(place, splitCityLine(textAt(adr, 'city')));
  const pcode = textAt(adr, 'pcode');
  if (pcode !== '') place.postalCode = pcode;
  const country = textAt(adr, 'ctry');
  if (country !== '') place.country = country;
  const party: OfficeParty = { path };
  if (Object.keys(place).length > 0) party.place = place;
  const written = fnm !== '' ? `${snm}, ${fnm}` : snm;
  const isPerson = person || (written.includes(',') && !looksLikeOrganization(written));
  if (isPerson) party.name = commaName(written);
  else party.organization = cleanText(written);
  return party;
}

function parties(
  parent: XmlNode | undefined,
  parentPath: string,
  tag: string,
  person: boolean,
): OfficeParty[] {
  return childrenNamed(parent, tag).map((node, i) =>
    epoParty(node, `${parentPath}/${tag}[${i + 1}]`, person),
  );
}

/** The title in the document's language, else English, else the first. */
function title(b540: XmlNode | undefined, lang: string): string {
  const titles: Array<{ lang: string; text: string }> = [];
  let current = '';
  for (const node of b540?.children ?? []) {
    if (node.name === 'B541') current = textOf(node).toLowerCase();
    else if (node.name === 'B542') titles.push({ lang: current, text: textOf(node) });
  }
  return (
    (titles.find((t) => t.lang === lang) ?? titles.find((t) => t.lang === 'en') ?? titles[0])?.text ?? ''
  );
}

function read(tree: XmlNode): ReadResult {
  const root = tree.children[0];
  if (root === undefined || root.name !== 'ep-patent-document')
    return { kind: 'skipped', reason: `root <${root?.name ?? 'none'}> is not an ep-patent-document` };
  const sdobi = child(root, 'SDOBI');
  const base = 'ep-patent-document/SDOBI';
  const kind = textAt(sdobi, 'B100', 'B130') || (root.attrs['kind'] ?? '');
  const patent: OfficePatent = {
    format: 'epo-xml',
    pubPath: `${base}/B100/B110`,
    country: textAt(sdobi, 'B100', 'B190') || (root.attrs['country'] ?? 'EP'),
    number: textAt(sdobi, 'B100', 'B110') || (root.attrs['doc-number'] ?? ''),
    kind,
    docType: /^[BC]/i.test(kind) ? 'grant' : 'application',
    title: title(at(sdobi, 'B500', 'B540'), (root.attrs['lang'] ?? 'en').toLowerCase()),
    publicationDate: textAt(sdobi, 'B100', 'B140', 'date') || root.attrs['date-publ'],
    filingDate: textAt(sdobi, 'B200', 'B220', 'date'),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  const b500 = child(sdobi, 'B500');
  for (const c of descendants(b500, 'classification-ipcr'))
    pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const tag of ['B511', 'B512'])
    for (const c of descendants(b500, tag)) pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  for (const c of descendants(b500, 'classification-cpc'))
    pushUnique(patent.cpc, classificationSymbol(textOf(c)));
  const b560 = child(b500, 'B560');
  if (b560 !== undefined)
    patent.citationCount = b560.children.filter((c) => c.name === 'B561' || c.name === 'B562').length;
  const abstract = child(root, 'abstract');
  if (abstract !== undefined) patent.abstract = textOf(abstract);

  const b700 = child(sdobi, 'B700');
  patent.inventors = parties(child(b700, 'B720'), `${base}/B700/B720`, 'B721', true);
  patent.applicants = parties(child(b700, 'B710'), `${base}/B700/B710`, 'B711', false);
  patent.assignees = parties(child(b700, 'B730'), `${base}/B700/B730`, 'B731', false);
  return { kind: 'patent', patent };
}

export const epoParser = officeParser({
  format: 'epo-xml',
  detect: (head) => /<ep-patent-document[\s>]|<!DOCTYPE\s+ep-patent-document\b/.test(head),
  tree: { skip: SKIP },
  read,
});
