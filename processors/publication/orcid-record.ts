import type { XmlElement } from '../filing/ownership-xml-tree.js';
import { cleanText, evidenceAt } from '../common/evidence.js';
import type { FormatName } from '../../lib/envelope.js';
import type { PersonMention, RawAffiliation, RawEducation, RawPublication } from '../model/mention.js';
import { doiOf, orcidOf, rorOf } from './identifiers.js';
import { asRecord, text, type JsonRecord } from './json-read.js';
import { distinct, publicationMention, scholarName } from './publication-mention.js';

/**
 * One reader for ORCID records in both serialisations. ORCID's XML (v2.x, v3.0) and JSON use the
 * same local names (`given-names`, `employment-summary`, `organization`…), so the XML tree is
 * turned into the JSON shape (repeated children become arrays, attributes become `@name` keys)
 * and read once. Works, employments and educations are found wherever they sit, which covers
 * v2.x (`employments.employment-summary[]`), v3.0 (`affiliation-group[].summaries[]`) and the
 * single-section endpoints (`/employments`, `/person`).
 */

/** The XML tree as ORCID's JSON would have it. */
export function xmlToOrcidJson(el: XmlElement): unknown {
  if (el.children.length === 0 && Object.keys(el.attributes).length === 0) return el.text;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(el.attributes)) out[`@${key.replace(/^.*:/, '')}`] = value;
  for (const child of el.children) {
    const value = xmlToOrcidJson(child);
    const known = out[child.name];
    if (known === undefined) out[child.name] = value;
    else if (Array.isArray(known)) known.push(value);
    else out[child.name] = [known, value];
  }
  if (el.children.length === 0 && cleanText(el.text) !== '') out.value = el.text;
  return out;
}

/** One or many: a single XML child and a JSON array read alike. */
function all(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every value under this key at any depth, with its path. */
function findAll(value: unknown, key: string, path = ''): { value: unknown; path: string }[] {
  const found: { value: unknown; path: string }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`));
    else {
      const obj = asRecord(v);
      if (obj === undefined) return;
      for (const [k, child] of Object.entries(obj)) {
        const childPath = at === '' ? k : `${at}.${k}`;
        if (k === key)
          all(child).forEach((item, i) =>
            found.push({ value: item, path: Array.isArray(child) ? `${childPath}[${i}]` : childPath }),
          );
        else walk(child, childPath);
      }
    }
  };
  walk(value, path);
  return found;
}

function at(obj: unknown, ...keys: string[]): unknown {
  let current = obj;
  for (const key of keys) current = asRecord(Array.isArray(current) ? current[0] : current)?.[key];
  return current;
}

/** `{year: {value: "2019"}, month: {value: "02"}}` → `2019-02`. */
function dateOf(value: unknown): string | undefined {
  const year = text(at(value, 'year'));
  if (year === undefined) return undefined;
  const month = text(at(value, 'month'));
  return month === undefined ? year : `${year}-${month.padStart(2, '0')}`;
}

const AFFILIATION_SECTIONS = [
  'employment-summary',
  'invited-position-summary',
  'membership-summary',
  'service-summary',
];
const EDUCATION_SECTIONS = ['education-summary', 'qualification-summary'];

const SECTION_ONLY = [...AFFILIATION_SECTIONS, ...EDUCATION_SECTIONS, 'work-summary'];

export interface OrcidPeople {
  mentions: PersonMention[];
  /** Why nothing was read, when the record holds no person (a search answer with iDs only). */
  empty?: string;
}

/** The mention(s) of an ORCID document already in the JSON shape. */
export function readOrcid(root: unknown, sourceId: string, format: FormatName): OrcidPeople {
  const obj = asRecord(root);
  if (obj === undefined) return { mentions: [], empty: 'not an ORCID record' };
  const expanded = all(obj['expanded-result']);
  if (expanded.length > 0) return { mentions: expanded.flatMap((r, i) => searchHit(r, i, sourceId, format)) };
  if (obj.result !== undefined || obj['num-found'] !== undefined)
    return { mentions: [], empty: 'ORCID search answer lists iDs only, no names' };
  const mention = recordMention(obj, sourceId, format);
  if (mention !== undefined) return { mentions: [mention] };
  // `/employments`, `/educations`, `/works` answers carry no name: nothing to index on their own.
  const section = SECTION_ONLY.find((key) => findAll(obj, key).length > 0);
  return section === undefined
    ? { mentions: [], empty: 'ORCID record has no public name' }
    : {
        mentions: [],
        empty: `ORCID section answer (${section}) carries no name; read the full record or /person`,
      };
}

function searchHit(value: unknown, i: number, sourceId: string, format: FormatName): PersonMention[] {
  const hit = asRecord(value);
  const name = scholarName(
    text(hit?.['credit-name']),
    text(hit?.['given-names']),
    text(hit?.['family-names']),
  );
  if (hit === undefined || name === undefined) return [];
  const path = `expanded-result[${i}]`;
  const mention = publicationMention({
    sourceId,
    format,
    index: i,
    role: 'author',
    name,
    path,
    snippet: [name.full, text(hit['orcid-id'])].filter(Boolean).join(' · '),
  });
  const orcid = orcidOf(text(hit['orcid-id']));
  if (orcid !== undefined) mention.orcid = orcid;
  const others = all(hit['other-name']).flatMap((n) => text(n) ?? []);
  if (others.length > 0) mention.otherNames = others;
  all(hit['institution-name']).forEach((n, j) => {
    const organization = text(n);
    if (organization !== undefined)
      mention.affiliations.push({
        organization,
        evidence: evidenceAt(sourceId, `${path}.institution-name[${j}]`, organization),
      });
  });
  const emails = all(hit.email).flatMap((e) => text(e) ?? []);
  if (emails.length > 0) mention.emails = emails;
  return [mention];
}

function recordMention(obj: JsonRecord, sourceId: string, format: FormatName): PersonMention | undefined {
  // A full record has `person`; the /person endpoint answers the person itself.
  const person =
    asRecord(obj.person) ?? (obj.name !== undefined || obj['other-names'] !== undefined ? obj : undefined);
  const personPath = person === obj ? '' : 'person.';
  const nameObj = asRecord(at(person, 'name'));
  const given = text(at(nameObj, 'given-names'));
  const family = text(at(nameObj, 'family-name'));
  const credit = text(at(nameObj, 'credit-name'));
  const name = scholarName(given === undefined && family === undefined ? credit : undefined, given, family);
  if (name === undefined) return undefined;
  const orcid = orcidOf(
    text(at(obj, 'orcid-identifier', 'path')) ??
      text(at(obj, 'orcid-identifier', 'uri')) ??
      text(obj['@path']) ??
      text(obj.path) ??
      text(at(nameObj, 'path')) ??
      text(nameObj?.['@path']),
  );
  const mention = publicationMention({
    sourceId,
    format,
    index: 0,
    role: 'author',
    name,
    path: `${personPath}name`,
    snippet: [name.full, orcid].filter(Boolean).join(' · '),
  });
  if (orcid !== undefined) mention.orcid = orcid;
  const others = distinct([
    credit,
    ...findAll(at(person, 'other-names'), 'content').map((c) => text(c.value)),
  ]).filter((n) => n !== name.full);
  if (others.length > 0) mention.otherNames = others;
  const bio = text(at(person, 'biography', 'content'));
  if (bio !== undefined) mention.summary = bio;
  const emails = findAll(at(person, 'emails'), 'email').flatMap((e) => {
    const v = text(asRecord(e.value)?.email) ?? text(e.value);
    return v !== undefined && v.includes('@') ? [v] : [];
  });
  if (emails.length > 0) mention.emails = distinct(emails);
  const urls = findAll(at(person, 'researcher-urls'), 'url').flatMap((u) => text(u.value) ?? []);
  if (urls.length > 0) mention.urls = distinct(urls);
  const country = findAll(at(person, 'addresses'), 'country').map((c) => text(c.value))[0];
  if (country !== undefined) mention.location = { country };
  // People often type all their keywords into one field, comma-separated.
  mention.skills = distinct(
    findAll(at(person, 'keywords'), 'content').flatMap((c) => (text(c.value) ?? '').split(/[,;，；]/)),
  );
  for (const section of AFFILIATION_SECTIONS)
    for (const found of findAll(obj, section)) {
      const affiliation = affiliationOf(found.value, found.path, sourceId);
      if (affiliation !== undefined) mention.affiliations.push(affiliation);
    }
  for (const section of EDUCATION_SECTIONS)
    for (const found of findAll(obj, section)) {
      const education = educationOf(found.value, found.path, sourceId);
      if (education !== undefined) mention.education.push(education);
    }
  mention.publications = findAll(obj, 'work-summary').flatMap((w) => workOf(w.value));
  return mention;
}

function affiliationOf(value: unknown, path: string, sourceId: string): RawAffiliation | undefined {
  const organization = text(at(value, 'organization', 'name'));
  if (organization === undefined) return undefined;
  const affiliation: RawAffiliation = {
    organization,
    evidence: evidenceAt(sourceId, `${path}.organization.name`, organization),
  };
  const title = text(at(value, 'role-title'));
  if (title !== undefined) affiliation.title = title;
  const department = text(at(value, 'department-name'));
  if (department !== undefined) affiliation.department = department;
  const start = dateOf(at(value, 'start-date'));
  if (start !== undefined) affiliation.startDate = start;
  const end = dateOf(at(value, 'end-date'));
  if (end !== undefined) affiliation.endDate = end;
  else if (start !== undefined) affiliation.current = true;
  const address = at(value, 'organization', 'address');
  const city = text(at(address, 'city'));
  const region = text(at(address, 'region'));
  const country = text(at(address, 'country'));
  if (city !== undefined || country !== undefined || region !== undefined)
    affiliation.location = {
      ...(city === undefined ? {} : { city }),
      ...(region === undefined ? {} : { region }),
      ...(country === undefined ? {} : { country }),
    };
  const disambiguated = at(value, 'organization', 'disambiguated-organization');
  if (text(at(disambiguated, 'disambiguation-source'))?.toUpperCase() === 'ROR') {
    const ror = rorOf(text(at(disambiguated, 'disambiguated-organization-identifier')));
    if (ror !== undefined) affiliation.organizationIds = { ror };
  }
  return affiliation;
}

function educationOf(value: unknown, path: string, sourceId: string): RawEducation | undefined {
  const institution = text(at(value, 'organization', 'name'));
  if (institution === undefined) return undefined;
  const education: RawEducation = {
    institution,
    evidence: evidenceAt(sourceId, `${path}.organization.name`, institution),
  };
  const degree = text(at(value, 'role-title'));
  if (degree !== undefined) education.degree = degree;
  const area = text(at(value, 'department-name'));
  if (area !== undefined) education.area = area;
  const start = dateOf(at(value, 'start-date'));
  if (start !== undefined) education.startDate = start;
  const end = dateOf(at(value, 'end-date'));
  if (end !== undefined) education.endDate = end;
  return education;
}

function workOf(value: unknown): RawPublication[] {
  const title = text(at(value, 'title', 'title'));
  if (title === undefined) return [];
  const ids = findAll(at(value, 'external-ids'), 'external-id');
  const doi = ids
    .filter((id) => text(at(id.value, 'external-id-type'))?.toLowerCase() === 'doi')
    .map((id) => doiOf(text(at(id.value, 'external-id-value'))))
    .find((d) => d !== undefined);
  const publication: RawPublication = {
    id: doi ?? `orcid-work:${text(at(value, 'put-code')) ?? text(asRecord(value)?.['@put-code']) ?? title}`,
    title,
    topics: [],
    keywords: [],
    authors: [],
  };
  if (doi !== undefined) publication.doi = doi;
  const year = Number(text(at(value, 'publication-date', 'year')));
  if (Number.isInteger(year) && year > 0) publication.year = year;
  const venue = text(at(value, 'journal-title'));
  if (venue !== undefined) publication.venue = venue;
  return [publication];
}
