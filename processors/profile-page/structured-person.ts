import type { CheerioAPI } from 'cheerio';
import { cleanText, evidenceAt } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';
import { addAffiliation, addEducation, addUnique, newDraft, type PersonDraft } from './person-draft.js';
import { ORCID_ID } from './text-facts.js';

/**
 * schema.org `Person` data embedded in the page: JSON-LD (`<script type="application/ld+json">`,
 * `@graph` arrays, nested `mainEntity`) and microdata (`itemscope itemtype=".../Person"`). When a
 * page states who it is about this way, it is more reliable than any layout heuristic.
 */

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
type Thing = { [key: string]: Value };

const isThing = (v: Value | undefined): v is Thing =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: Value | undefined): Value[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];

function typesOf(thing: Thing): string[] {
  return asList(thing['@type'] ?? thing['type']).flatMap((t) =>
    typeof t === 'string' ? [t.replace(/^https?:\/\/schema\.org\//i, '').replace(/^schema:/i, '')] : [],
  );
}

/** Plain text of a property: a string, a number, or a Thing's name. */
function textsOf(v: Value | undefined): string[] {
  return asList(v).flatMap((x) => {
    if (typeof x === 'string') return cleanText(x) === '' ? [] : [cleanText(x)];
    if (typeof x === 'number') return [String(x)];
    if (isThing(x)) return textsOf(x['name'] ?? x['@value'] ?? x['value']);
    return [];
  });
}

/** Every Person node in a JSON-LD value, main entities first. */
function collectPersons(value: Value, out: Thing[], depth = 0): void {
  if (depth > 8) return;
  for (const item of asList(value)) {
    if (!isThing(item)) continue;
    if (typesOf(item).includes('Person')) out.push(item);
    for (const key of ['@graph', 'mainEntity', 'about', 'author', 'member', 'employee', 'founder']) {
      const nested = item[key];
      if (nested !== undefined && !typesOf(item).includes('Person')) collectPersons(nested, out, depth + 1);
    }
  }
}

function placeOf(v: Value | undefined): RawPlace | undefined {
  const first = asList(v)[0];
  if (typeof first === 'string') return cleanText(first) === '' ? undefined : { city: cleanText(first) };
  if (!isThing(first)) return undefined;
  const place: RawPlace = {};
  const [street] = textsOf(first['streetAddress']);
  const [city] = textsOf(first['addressLocality']);
  const [region] = textsOf(first['addressRegion']);
  const [postalCode] = textsOf(first['postalCode']);
  const [country] = textsOf(first['addressCountry']);
  if (street !== undefined) place.street = street;
  if (city !== undefined) place.city = city;
  if (region !== undefined) place.region = region;
  if (postalCode !== undefined) place.postalCode = postalCode;
  if (country !== undefined) place.country = country;
  return Object.keys(place).length > 0 ? place : undefined;
}

/** Turns one Person Thing (from JSON-LD or microdata) into a draft; undefined without a name. */
export function draftOfPerson(
  person: Thing,
  sourceId: string,
  path: string,
  role: PersonDraft['role'],
): PersonDraft | undefined {
  const given = textsOf(person['givenName'])[0];
  const family = textsOf(person['familyName'])[0];
  const full = textsOf(person['name'])[0] ?? ([given, family].filter(Boolean).join(' ') || undefined);
  if (full === undefined) return undefined;
  const draft = newDraft(role, { full }, evidenceAt(sourceId, `${path}.name`, full));
  if (given !== undefined) draft.name.given = given;
  if (family !== undefined) draft.name.family = family;
  addUnique(draft.otherNames, ...textsOf(person['alternateName']).filter((n) => n !== full));
  addUnique(draft.emails, ...textsOf(person['email']).map((e) => e.replace(/^mailto:/i, '')));
  addUnique(draft.phones, ...textsOf(person['telephone']));
  const links = [...textsOf(person['url']), ...textsOf(person['sameAs'])];
  addUnique(draft.urls, ...links.filter((u) => /^https?:\/\//i.test(u)));
  const identifiers = [...links, ...textsOf(person['identifier'])];
  const orcid =
    identifiers.find((u) => /orcid/i.test(u) && ORCID_ID.test(u)) ??
    identifiers.find((u) => /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/i.test(u));
  if (orcid !== undefined) draft.orcid = orcid.match(ORCID_ID)?.[1]?.toUpperCase();
  const titles = textsOf(person['jobTitle']);
  addUnique(
    draft.professionalTitles,
    ...titles,
    ...textsOf(person['honorificSuffix']),
    ...textsOf(person['award']).filter((a) => /fellow\b|院士|academician/i.test(a)),
  );
  addUnique(draft.skills, ...textsOf(person['knowsAbout']));
  const [description] = textsOf(person['description']);
  if (description !== undefined) draft.summary.push(description);
  const location = placeOf(person['address'] ?? person['homeLocation'] ?? person['workLocation']);
  if (location !== undefined) draft.location = location;

  for (const key of ['worksFor', 'affiliation', 'memberOf']) {
    asList(person[key]).forEach((org, i) => {
      const [name] = textsOf(org);
      if (name === undefined) return;
      const affiliation = {
        organization: name,
        evidence: evidenceAt(sourceId, `${path}.${key}[${i}]`, name),
      };
      const dept = isThing(org)
        ? (textsOf(org['department'])[0] ?? textsOf(org['subOrganization'])[0])
        : undefined;
      addAffiliation(draft, {
        ...affiliation,
        ...(key !== 'memberOf' && titles[0] !== undefined ? { title: titles[0] } : {}),
        ...(dept !== undefined ? { department: dept } : {}),
        ...(key === 'worksFor' ? { current: true } : {}),
      });
    });
  }
  asList(person['alumniOf']).forEach((school, i) => {
    const [name] = textsOf(school);
    if (name !== undefined)
      addEducation(draft, {
        institution: name,
        evidence: evidenceAt(sourceId, `${path}.alumniOf[${i}]`, name),
      });
  });
  return draft;
}

export function jsonLdPersons($: CheerioAPI): Array<{ person: Thing; path: string }> {
  const out: Array<{ person: Thing; path: string }> = [];
  $('script[type="application/ld+json" i], script[type="application/ld+json"]').each((i, el) => {
    const raw = $(el).text().trim();
    if (raw === '') return;
    let value: Value;
    try {
      value = JSON.parse(raw) as Value;
    } catch {
      return; // a broken JSON-LD block is common and not fatal: the page text is still read
    }
    const persons: Thing[] = [];
    collectPersons(value, persons);
    persons.forEach((person, k) =>
      out.push({ person, path: `script[type=ld+json][${i + 1}]/Person[${k + 1}]` }),
    );
  });
  return out;
}

/** Microdata items of type Person, as Things (nested itemscopes become nested Things). */
export function microdataPersons($: CheerioAPI): Array<{ person: Thing; path: string }> {
  const out: Array<{ person: Thing; path: string }> = [];
  type El = Parameters<typeof $>[0];
  const itemOf = (scope: El, depth: number): Thing => {
    const thing: Thing = {};
    const type = $(scope).attr('itemtype');
    if (type !== undefined)
      thing['@type'] = type.split(/\s+/).map((t) => t.replace(/^https?:\/\/schema\.org\//i, ''));
    $(scope)
      .find('[itemprop]')
      .each((_, prop) => {
        // Only properties of this item, not of an item nested inside it.
        const owner = $(prop).parent().closest('[itemscope]').get(0);
        if (owner !== $(scope).get(0)) return;
        const names = ($(prop).attr('itemprop') ?? '').split(/\s+/).filter(Boolean);
        let value: Value;
        if ($(prop).is('[itemscope]'))
          value = depth < 4 ? itemOf(prop, depth + 1) : cleanText($(prop).text());
        else
          value = cleanText(
            $(prop).attr('content') ??
              ($(prop).is('a, link') ? $(prop).attr('href') : undefined) ??
              ($(prop).is('img') ? $(prop).attr('src') : undefined) ??
              ($(prop).is('time') ? $(prop).attr('datetime') : undefined) ??
              $(prop).text(),
          );
        for (const name of names) {
          const existing = thing[name];
          thing[name] = existing === undefined ? value : [...asList(existing), value];
        }
      });
    return thing;
  };
  $('[itemscope][itemtype]').each((i, el) => {
    if (!/schema\.org\/Person\b/i.test($(el).attr('itemtype') ?? '')) return;
    if ($(el).parent().closest('[itemscope][itemtype*="Person" i]').length > 0) return; // a person inside a person: colleague, not subject
    out.push({ person: itemOf(el, 0), path: `[itemtype=Person][${i + 1}]` });
  });
  return out;
}
