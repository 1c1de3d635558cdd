import { cleanText } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';
import { isHanName } from '../normalize/fold.js';
import { officeParser, type ReadResult } from './office-parser.js';
import { chineseAddress, isKoreanPlace, looksLikeOrganization } from './office-names.js';
import { classificationSymbol, pushUnique, type OfficeParty, type OfficePatent } from './office-patent.js';
import { at, child, childrenNamed, descendants, textAt, textOf, type XmlNode } from './xml-tree.js';

/**
 * CNIPA (SIPO) patent publications in both schemas of its bulk data:
 * - the current `business:PatentDocumentAndRelated` (XSD V2.x, `business:` and `base:`
 *   namespaces): `Parties/InventorDetails/Inventor/AddressBook/Name`, applicants with a structured
 *   address (Province, City, County, PostCode, Text; unknown parts written as `0`);
 * - the older `cn-patent-document` (`cn-parties/cn-inventors/cn-inventor/name`, applicants'
 *   addresses as one text line).
 * Names stay in Han characters as written; the normalizer adds the pinyin keys. Patent agencies
 * (专利代理…) and agents are never read: they are not people of the index.
 */

const SKIP = new Set([
  'Description',
  'Claims',
  'Drawings',
  'description',
  'claims',
  'drawings',
  'SearchReport',
]);

/** CNIPA writes `0` for an unknown address part. */
function value(node: XmlNode | undefined, ...path: string[]): string {
  const v = textAt(node, ...path);
  return v === '0' ? '' : v;
}

function isPersonName(name: string): boolean {
  return !looksLikeOrganization(name) && (isHanName(name) ? name.replace(/\s/g, '').length <= 4 : true);
}

/**
 * `koreanDocument`: every priority claim is Korean (a Korean applicant's filing), which says the
 * inventors are Korean when they have no address of their own, as CNIPA often prints them.
 */
function party(
  name: string,
  path: string,
  place: RawPlace | undefined,
  inventor: boolean,
  koreanDocument = false,
): OfficeParty {
  const result: OfficeParty = { path };
  const clean = cleanText(name);
  if (inventor || isPersonName(clean)) {
    // A Korean party's Han name is Hanja, read as Korean (no pinyin), not as a Chinese name.
    const korean =
      place === undefined || Object.keys(place).length === 0
        ? koreanDocument
        : isKoreanPlace(place.country, place.street);
    result.name = isHanName(clean)
      ? { full: clean.replace(/\s+/g, ''), ...(korean ? { lang: 'ko' as const } : {}) }
      : { full: clean };
  } else result.organization = clean;
  if (place !== undefined && Object.keys(place).length > 0) result.place = place;
  return result;
}

/** The structured business: address, completed from its text line. */
function businessPlace(address: XmlNode | undefined): RawPlace | undefined {
  if (address === undefined) return undefined;
  const text = value(address, 'Text');
  const parsed = chineseAddress(text);
  const place: RawPlace = { ...parsed };
  const province = value(address, 'Province');
  const city = value(address, 'City');
  const postcode = value(address, 'PostCode');
  const country = value(address, 'WIPOST3Code');
  if (province !== '') place.region = province;
  if (city !== '') place.city = city;
  if (postcode !== '') place.postalCode = postcode;
  if (country !== '') place.country = country;
  if (place.street === undefined && text !== '' && place.region === undefined) place.street = text;
  return place;
}

function readBusiness(root: XmlNode): ReadResult {
  const biblio = child(root, 'BibliographicData');
  const base = 'PatentDocumentAndRelated/BibliographicData';
  const pubs = childrenNamed(biblio, 'PublicationReference');
  const pub = pubs.find((p) => p.attrs['dataFormat'] === 'standard') ?? pubs[0];
  const apps = childrenNamed(biblio, 'ApplicationReference');
  const app = apps.find((p) => p.attrs['dataFormat'] === 'original') ?? apps[0];
  const kind = textAt(pub, 'DocumentID', 'Kind');
  const patent: OfficePatent = {
    format: 'cnipa-xml',
    pubPath: `${base}/PublicationReference/DocumentID`,
    country: textAt(pub, 'DocumentID', 'WIPOST3Code') || (root.attrs['country'] ?? 'CN'),
    number: textAt(pub, 'DocumentID', 'DocNumber'),
    kind,
    // CN kinds: A publication of an application, B granted invention, U utility model, S design.
    docType: /^[BCUSY]/i.test(kind) ? 'grant' : 'application',
    title: textOf(child(biblio, 'InventionTitle')),
    publicationDate: textAt(pub, 'DocumentID', 'Date'),
    filingDate: textAt(app, 'DocumentID', 'Date'),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  for (const c of descendants(child(biblio, 'ClassificationIPCRDetails'), 'ClassificationIPCR'))
    pushUnique(patent.ipc, classificationSymbol(textAt(c, 'Text')));
  const abstract = child(root, 'Abstract');
  if (abstract !== undefined) patent.abstract = childrenNamed(abstract, 'Paragraphs').map(textOf).join(' ');
  const parties = child(biblio, 'Parties');
  const partiesPath = `${base}/Parties`;
  const priorities = childrenNamed(child(biblio, 'PriorityDetails'), 'Priority').map((p) =>
    value(p, 'WIPOST3Code'),
  );
  const koreanDocument = priorities.length > 0 && priorities.every((country) => country === 'KR');
  childrenNamed(child(parties, 'InventorDetails'), 'Inventor').forEach((node, i) => {
    const name = textAt(node, 'AddressBook', 'Name');
    if (name !== '')
      patent.inventors.push(
        party(
          name,
          `${partiesPath}/InventorDetails/Inventor[${i + 1}]`,
          businessPlace(at(node, 'AddressBook', 'Address')),
          true,
          koreanDocument,
        ),
      );
  });
  childrenNamed(child(parties, 'ApplicantDetails'), 'Applicant').forEach((node, i) => {
    const name = textAt(node, 'AddressBook', 'Name') || textAt(node, 'AddressBook', 'OrganizationName');
    if (name !== '')
      patent.applicants.push(
        party(
          name,
          `${partiesPath}/ApplicantDetails/Applicant[${i + 1}]`,
          businessPlace(at(node, 'AddressBook', 'Address')),
          false,
        ),
      );
  });
  // A granted patent's holder (专利权人) is its assignee.
  childrenNamed(child(parties, 'AssigneeDetails'), 'Assignee').forEach((node, i) => {
    const name = textAt(node, 'AddressBook', 'Name') || textAt(node, 'AddressBook', 'OrganizationName');
    if (name !== '')
      patent.assignees.push(
        party(
          name,
          `${partiesPath}/AssigneeDetails/Assignee[${i + 1}]`,
          businessPlace(at(node, 'AddressBook', 'Address')),
          false,
        ),
      );
  });
  return { kind: 'patent', patent };
}

function readOld(root: XmlNode): ReadResult {
  const biblio = child(root, 'cn-bibliographic-data');
  const base = 'cn-patent-document/cn-bibliographic-data';
  const pub = child(biblio, 'cn-publication-reference') ?? child(biblio, 'publication-reference');
  const kind = textAt(pub, 'document-id', 'kind');
  const patent: OfficePatent = {
    format: 'cnipa-xml',
    pubPath: `${base}/cn-publication-reference/document-id`,
    country: textAt(pub, 'document-id', 'country') || 'CN',
    number: textAt(pub, 'document-id', 'doc-number'),
    kind,
    docType: /^[BCUSY]/i.test(kind) ? 'grant' : 'application',
    title: textOf(child(biblio, 'invention-title')),
    publicationDate: textAt(pub, 'document-id', 'date'),
    filingDate: textAt(biblio, 'application-reference', 'document-id', 'date'),
    ipc: [],
    cpc: [],
    inventors: [],
    applicants: [],
    assignees: [],
  };
  for (const c of descendants(child(biblio, 'classifications-ipcr'), 'classification-ipcr'))
    pushUnique(patent.ipc, classificationSymbol(textAt(c, 'text')));
  const abstract = child(biblio, 'abstract') ?? child(root, 'abstract');
  if (abstract !== undefined)
    patent.abstract = childrenNamed(abstract, 'p')
      .filter((p) => p.attrs['num'] !== 'bio')
      .map(textOf)
      .join(' ');
  const parties = child(biblio, 'cn-parties') ?? child(biblio, 'parties');
  const nameOf = (node: XmlNode): string => textAt(node, 'name') || textAt(node, 'addressbook', 'name');
  const placeOf = (node: XmlNode): RawPlace | undefined => {
    const text = textAt(node, 'addressbook', 'address', 'text') || textAt(node, 'address', 'text');
    return text === '' ? undefined : chineseAddress(text);
  };
  childrenNamed(child(parties, 'cn-inventors'), 'cn-inventor').forEach((node, i) => {
    const name = nameOf(node);
    if (name !== '')
      patent.inventors.push(
        party(name, `${base}/cn-parties/cn-inventors/cn-inventor[${i + 1}]`, placeOf(node), true),
      );
  });
  childrenNamed(child(parties, 'cn-applicants'), 'cn-applicant').forEach((node, i) => {
    const name = nameOf(node);
    if (name !== '')
      patent.applicants.push(
        party(name, `${base}/cn-parties/cn-applicants/cn-applicant[${i + 1}]`, placeOf(node), false),
      );
  });
  childrenNamed(child(parties, 'cn-assignees'), 'cn-assignee').forEach((node, i) => {
    const name = nameOf(node);
    if (name !== '')
      patent.assignees.push(
        party(name, `${base}/cn-parties/cn-assignees/cn-assignee[${i + 1}]`, placeOf(node), false),
      );
  });
  return { kind: 'patent', patent };
}

function read(tree: XmlNode): ReadResult {
  const root = tree.children[0];
  if (root?.name === 'PatentDocumentAndRelated') return readBusiness(root);
  if (root?.name === 'cn-patent-document') return readOld(root);
  return { kind: 'skipped', reason: `root <${root?.name ?? 'none'}> is not a CNIPA patent document` };
}

export const cnipaParser = officeParser({
  format: 'cnipa-xml',
  detect: (head) => /<(?:business:)?PatentDocumentAndRelated[\s>]|<cn-patent-document[\s>]/.test(head),
  tree: { skip: SKIP },
  read,
});
