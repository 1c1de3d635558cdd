import { cleanText } from '../common/evidence.js';
import type { RawName, RawPlace } from '../model/mention.js';
import { officeParser, type ReadResult } from './office-parser.js';
import { classificationSymbol, pushUnique, type OfficeParty, type OfficePatent } from './office-patent.js';
import { at, child, childrenNamed, descendants, textAt, textOf, type XmlNode } from './xml-tree.js';

/**
 * USPTO full text of 2001–2004, before the ICE v4 schemas:
 * - grants in ST.32 `PATDOC` (v2.4 SGML in 2001, v2.5 XML 2002–2004): INID tags as in EPO
 *   documents, every value wrapped in `PDAT` (`B721/PARTY-US/NAM/FNM`, `SNM/STEXT/PDAT`, `ADR/CITY`);
 *   B721 inventors, B731 assignees; B740 agents and B745 examiners are not people of the index;
 * - pre-grant publications in `patent-application-publication` (PAP v1.x, 2001–2004):
 *   `inventors/first-named-inventor|inventor` with `name/given-name|family-name` and a residence;
 *   the correspondence address is not a person of the index.
 * The SGML files are not well-formed XML (empty elements left open): documents without an XML
 * declaration are read leniently.
 */

const SKIP = new Set([
  'SDODE',
  'SDOCL',
  'SDODR',
  'SDOCR',
  'subdoc-description',
  'subdoc-claims',
  'subdoc-drawings',
]);

/** Drops the `<!ENTITY … NDATA …>` image declarations every PATDOC carries: never expanded, harmless. */
function dropUnparsedEntities(text: string): string {
  return text.replace(/<!ENTITY\s+[^\s>]+\s+SYSTEM\s+"[^"]*"\s+NDATA\s+\w+\s*>/g, '');
}

function stext(node: XmlNode | undefined): string {
  return cleanText(textOf(node));
}

function patdocParty(node: XmlNode, path: string, person: boolean): OfficeParty | undefined {
  const party = child(node, 'PARTY-US') ?? descendants(node, 'PARTY-US')[0] ?? node;
  const nam = child(party, 'NAM');
  const org = stext(child(nam, 'ONM'));
  const family = stext(child(nam, 'SNM'));
  const given = [stext(child(nam, 'FNM')), stext(child(nam, 'MNM'))].filter((s) => s !== '').join(' ');
  const suffix = stext(child(nam, 'SFX'));
  const adr = child(party, 'ADR');
  const place: RawPlace = {};
  const street = stext(child(adr, 'STR'));
  const city = stext(child(adr, 'CITY'));
  const state = stext(child(adr, 'STATE'));
  const postcode = stext(child(adr, 'PCODE'));
  const country = stext(child(adr, 'CTRY'));
  if (street !== '') place.street = street;
  if (city !== '') place.city = city;
  if (state !== '') place.region = state;
  if (postcode !== '') place.postalCode = postcode;
  if (country !== '') place.country = country;
  else if (state !== '') place.country = 'US';
  const result: OfficeParty = { path };
  if (Object.keys(place).length > 0) result.place = place;
  if (org !== '' && !person) result.organization = org;
  else if (family !== '' || given !== '') {
    const name: RawName = {
      full: [given, family, suffix].filter((s) => s !== '').join(' '),
      order: 'given-first',
    };
    if (given !== '') name.given = given;
    if (family !== '') name.family = family;
    result.name = name;
  } else if (org !== '') result.organization = org;
  else return undefined;
  return result;
}

function readPatdoc(root: XmlNode): ReadResult {
  const sdobi = child(root, 'SDOBI');
  const base = 'PATDOC/SDOBI';
  const kind = stext(at(sdobi, 'B100', 'B130'));
  const patent: OfficePatent = {
    format: 'uspto-legacy',
    pubPath: `${base}/B100/B110`,
    country: stext(at(sdobi, 'B100', 'B190')) || 'US',
    number: stext(at(sdobi, 'B100', 'B110')),
    kind,
    docType: 'grant',
    title: stext(at(sdobi, 'B500', 'B540')),
    publicationDate: stext(at(sdobi, 'B100', 'B140')),
    filingDate: stext(at(sdobi, 'B200', 'B220')),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  const b510 = at(sdobi, 'B500', 'B510');
  for (const tag of ['B511', 'B512'])
    for (const c of childrenNamed(b510, tag)) pushUnique(patent.ipc, classificationSymbol(stext(c)));
  const b560 = at(sdobi, 'B500', 'B560');
  if (b560 !== undefined)
    patent.citationCount = b560.children.filter((c) => c.name === 'B561' || c.name === 'B562').length;
  const abstract = child(root, 'SDOAB');
  if (abstract !== undefined) patent.abstract = textOf(abstract);
  const b700 = child(sdobi, 'B700');
  childrenNamed(child(b700, 'B720'), 'B721').forEach((n, i) => {
    const p = patdocParty(n, `${base}/B700/B720/B721[${i + 1}]`, true);
    if (p !== undefined) patent.inventors.push(p);
  });
  childrenNamed(child(b700, 'B730'), 'B731').forEach((n, i) => {
    const p = patdocParty(n, `${base}/B700/B730/B731[${i + 1}]`, false);
    if (p !== undefined) patent.assignees.push(p);
  });
  return { kind: 'patent', patent };
}

function papInventor(node: XmlNode, path: string): OfficeParty | undefined {
  const nameNode = child(node, 'name');
  const given = [textAt(nameNode, 'given-name'), textAt(nameNode, 'middle-name')]
    .filter((s) => s !== '')
    .join(' ');
  const family = textAt(nameNode, 'family-name');
  const suffix = textAt(nameNode, 'name-suffix');
  if (given === '' && family === '') return undefined;
  const name: RawName = {
    full: [given, family, suffix].filter((s) => s !== '').join(' '),
    order: 'given-first',
  };
  if (given !== '') name.given = given;
  if (family !== '') name.family = family;
  const residence = child(node, 'residence');
  const where = child(residence, 'residence-us') ?? child(residence, 'residence-non-us');
  const place: RawPlace = {};
  const city = textAt(where, 'city');
  const state = textAt(where, 'state');
  const country = textAt(where, 'country-code');
  if (city !== '') place.city = city;
  if (state !== '') place.region = state;
  if (country !== '') place.country = country;
  const party: OfficeParty = { path, name };
  if (Object.keys(place).length > 0) party.place = place;
  const citizenship = textAt(residence, 'citizenship', 'country-code');
  if (citizenship !== '') party.nationality = citizenship;
  return party;
}

function readPap(root: XmlNode): ReadResult {
  const biblio = child(root, 'subdoc-bibliographic-information');
  const base = 'patent-application-publication/subdoc-bibliographic-information';
  const tech = child(biblio, 'technical-information');
  const patent: OfficePatent = {
    format: 'uspto-legacy',
    pubPath: `${base}/document-id`,
    country: 'US',
    number: textAt(biblio, 'document-id', 'doc-number'),
    kind: textAt(biblio, 'document-id', 'kind-code'),
    docType: 'application',
    title: textOf(child(tech, 'title-of-invention')),
    publicationDate: textAt(biblio, 'document-id', 'document-date'),
    filingDate: textAt(biblio, 'domestic-filing-data', 'filing-date'),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  for (const c of descendants(child(tech, 'classification-ipc'), 'ipc'))
    pushUnique(patent.ipc, classificationSymbol(textOf(c)));
  const abstract = child(root, 'subdoc-abstract');
  if (abstract !== undefined) patent.abstract = textOf(abstract);
  const inventors = child(biblio, 'inventors');
  let n = 0;
  for (const node of inventors?.children ?? []) {
    if (node.name !== 'first-named-inventor' && node.name !== 'inventor') continue;
    n++;
    const p = papInventor(node, `${base}/inventors/${node.name}[${n}]`);
    if (p !== undefined) patent.inventors.push(p);
  }
  childrenNamed(child(biblio, 'assignee') ? biblio : child(biblio, 'assignees'), 'assignee').forEach(
    (node, i) => {
      const org = textAt(node, 'organization-name');
      if (org !== '') patent.assignees.push({ path: `${base}/assignee[${i + 1}]`, organization: org });
    },
  );
  return { kind: 'patent', patent };
}

function read(tree: XmlNode): ReadResult {
  const root = tree.children.find((c) => c.name === 'PATDOC' || c.name === 'patent-application-publication');
  if (root?.name === 'PATDOC') return readPatdoc(root);
  if (root?.name === 'patent-application-publication') return readPap(root);
  return {
    kind: 'skipped',
    reason: `root <${tree.children[0]?.name ?? 'none'}> is not a USPTO 2001-2004 document`,
  };
}

export const usptoLegacyParser = officeParser({
  format: 'uspto-legacy',
  detect: (head) => /<PATDOC[\s>]|<!DOCTYPE\s+PATDOC\b|<patent-application-publication[\s>]/.test(head),
  tree: (text) => ({ skip: SKIP, lenient: !/^\s*(?:\uFEFF)?<\?xml/.test(text) }),
  prepare: dropUnparsedEntities,
  read,
});
