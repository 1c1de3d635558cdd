import { evidenceAt } from '../common/evidence.js';
import type { RawAffiliation, RawEducation, RawPlace } from '../model/mention.js';
import {
  ShapeError,
  childPath,
  firstString,
  isObject,
  objectsOf,
  optString,
  optStringList,
  typeName,
  type JsonObject,
} from './json-resume-shape.js';

/**
 * Maps JSON Resume sections (work, education, skills, awards, location) to the raw mention
 * types. Values stay as written; only whitespace is trimmed and blanks dropped.
 */

/** End dates that mean "still there", in the languages résumés in the wild use. */
const CURRENT_END =
  /^(present|now|current|currently|today|ongoing|actual|actualidad|aujourd'hui|heute|至今|今|现在|目前)(?![a-z])/i;

const US_STATE_TAIL = /^([A-Z]{2})(?:\s+(\d{5}(?:-\d{4})?))?$/;
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(
    ' ',
  ),
);

/**
 * `location` is an object in the schema, but hand-written résumés often put a string
 * ("Paris, France"). The string is split on commas only (city first, country last), never
 * reinterpreted, so nothing is lost or invented.
 */
export function placeOf(value: JsonObject[string] | undefined, path: string): RawPlace | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const parts = value
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (parts.length === 0) return undefined;
    // "Palo Alto, CA" / "Seattle, WA 98104": a trailing US state code is a region, not a country.
    const state = parts.length >= 2 ? parts[parts.length - 1]?.match(US_STATE_TAIL) : null;
    if (state?.[1] !== undefined && US_STATES.has(state[1])) {
      const place: RawPlace = { city: parts[parts.length - 2], region: state[1] };
      if (state[2] !== undefined) place.postalCode = state[2];
      if (parts.length > 2) place.street = parts.slice(0, -2).join(', ');
      return place;
    }
    if (parts.length === 1) return { city: parts[0] };
    if (parts.length === 2) return { city: parts[0], country: parts[1] };
    return { city: parts[0], region: parts.slice(1, -1).join(', '), country: parts[parts.length - 1] };
  }
  if (!isObject(value)) throw new ShapeError(path, `expected object or string, got ${typeName(value)}`);
  const place: RawPlace = {};
  const street = firstString(value, ['address', 'street', 'streetAddress'], path);
  const city = optString(value, 'city', path);
  const region = optString(value, 'region', path);
  const postalCode = optString(value, 'postalCode', path);
  const country = firstString(value, ['countryCode', 'country'], path);
  if (street !== undefined) place.street = street;
  if (city !== undefined) place.city = city;
  if (region !== undefined) place.region = region;
  if (postalCode !== undefined) place.postalCode = postalCode;
  if (country !== undefined) place.country = country;
  return Object.keys(place).length === 0 ? undefined : place;
}

function summaryOf(item: JsonObject, path: string): string | undefined {
  const summary = firstString(item, ['summary', 'description'], path);
  const highlights = optStringList(item, 'highlights', path);
  const parts = [summary, ...highlights.map((h) => `• ${h}`)].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? undefined : parts.join('\n');
}

/** `work[]` (and the pre-1.0 `company` key) as affiliations; entries without an employer are skipped. */
export function readWork(root: JsonObject, sourceId: string): RawAffiliation[] {
  const out: RawAffiliation[] = [];
  for (const { item, path } of objectsOf(root, 'work', '')) {
    const organization = firstString(item, ['name', 'company', 'organization'], path);
    const title = optString(item, 'position', path);
    const startDate = optString(item, 'startDate', path);
    const endDate = optString(item, 'endDate', path);
    const location = placeOf(item['location'], childPath(path, 'location'));
    const summary = summaryOf(item, path);
    if (organization === undefined) continue;
    const affiliation: RawAffiliation = {
      organization,
      evidence: evidenceAt(sourceId, path, [organization, title].filter(Boolean).join(' · ')),
    };
    if (title !== undefined) affiliation.title = title;
    if (startDate !== undefined) affiliation.startDate = startDate;
    if (endDate !== undefined) affiliation.endDate = endDate;
    // No end date on a dated position is how JSON Resume says "current" (the schema's own convention).
    if (
      (endDate === undefined && startDate !== undefined) ||
      (endDate !== undefined && CURRENT_END.test(endDate))
    )
      affiliation.current = true;
    if (location !== undefined) affiliation.location = location;
    if (summary !== undefined) affiliation.summary = summary;
    out.push(affiliation);
  }
  return out;
}

export function readEducation(root: JsonObject, sourceId: string): RawEducation[] {
  const out: RawEducation[] = [];
  for (const { item, path } of objectsOf(root, 'education', '')) {
    const institution = firstString(item, ['institution', 'name', 'school'], path);
    const area = optString(item, 'area', path);
    const degree = firstString(item, ['studyType', 'degree'], path);
    const startDate = optString(item, 'startDate', path);
    const endDate = optString(item, 'endDate', path);
    optStringList(item, 'courses', path); // validated: a wrong type there is a broken document
    if (institution === undefined) continue;
    const education: RawEducation = {
      institution,
      evidence: evidenceAt(sourceId, path, [institution, degree, area].filter(Boolean).join(' · ')),
    };
    if (area !== undefined) education.area = area;
    if (degree !== undefined) education.degree = degree;
    if (startDate !== undefined) education.startDate = startDate;
    if (endDate !== undefined) education.endDate = endDate;
    out.push(education);
  }
  return out;
}

/** Skill names and their keywords, deduplicated case-insensitively in order of appearance. */
export function readSkills(root: JsonObject): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (s: string | undefined): void => {
    if (s === undefined) return;
    const key = s.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const { item, path } of objectsOf(root, 'skills', '')) {
    add(optString(item, 'name', path));
    for (const keyword of optStringList(item, 'keywords', path)) add(keyword);
  }
  return out;
}

/**
 * Honours that are titles a person carries (Fellow of a society, academician, 院士), as opposed to
 * prizes won once. "Fellowship" (a grant) and "Postdoctoral Fellow" (a job) are not honours.
 */
const HONOUR_TITLE =
  /\bFellow\b(?!ship)|\bAcademician\b|Member of the (?:National )?Academy|\bLaureate\b|院士|长江学者|杰出青年|杰青|千人计划|万人计划|特聘教授|Chair Professor/i;
const NOT_HONOUR = /\b(?:postdoc(?:toral)?|research|teaching|graduate|doctoral|visiting)\s+fellow\b/i;

function isHonourTitle(title: string): boolean {
  return HONOUR_TITLE.test(title) && !NOT_HONOUR.test(title);
}

export interface AwardsRead {
  honours: string[];
  /** One line per award: `title (awarder, date)`. */
  lines: string[];
}

export function readAwards(root: JsonObject): AwardsRead {
  const honours: string[] = [];
  const lines: string[] = [];
  for (const { item, path } of objectsOf(root, 'awards', '')) {
    const title = firstString(item, ['title', 'name'], path);
    if (title === undefined) continue;
    const awarder = optString(item, 'awarder', path);
    const date = optString(item, 'date', path);
    const detail = [awarder, date].filter(Boolean).join(', ');
    lines.push(detail === '' ? title : `${title} (${detail})`);
    if (isHonourTitle(title)) honours.push(title);
  }
  return { honours, lines };
}
