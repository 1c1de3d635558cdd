import type { FacetCounts, SearchHit } from '../../indexer/contract.js';
import type { ResolutionExplanation } from '../../ingest/explain-resolution.js';
import { MASK, scrubContactText, type ContactKind } from '../../lib/contact-text.js';
import type { TalentProfile } from '../../processors/model/profile.js';

export { MASK, scrubContacts } from '../../lib/contact-text.js';

/**
 * What roles that may read profiles but not reach people (analysts) see: everything but contact
 * details (e-mail, phone, postal address, birth date). The contact fields leave the profile, and
 * every other text (titles, affiliations, skills, evidence and source titles, the score
 * explanation, merge reasons, search hits, facet values) is masked by content with
 * lib/contact-text.ts, since a résumé puts an e-mail in its headline or a phone in a job title as
 * often as in its contact block. Every answer an analyst gets passes through this module.
 */
export const MASKED_FIELDS = ['emails', 'phones', 'birthDate', 'address'] as const;
export type MaskedField = (typeof MASKED_FIELDS)[number];

/** Evidence paths of contact facts: `basics.email`, `birthDate@line[3]`, `…/reportingOwnerAddress`. */
const CONTACT_PATH = /e-?mail|phone|mobile|\btel|fax|address|street|postal|birth/i;

/**
 * Keys whose values are identifiers (hashes, mention and source ids, evidence paths) or machine
 * dates: left as they are, so links keep working, and since a hex id may hold a digit run shaped
 * like a phone number.
 */
const VERBATIM_KEYS = new Set([
  'id',
  'profileId',
  'mentionId',
  'mentionIds',
  'sourceId',
  'sources',
  'left',
  'right',
  'closestMention',
  'resolvedMentionIds',
  'path',
  'fetchedAt',
  'firstSeen',
  'lastSeen',
  'startDate',
  'endDate',
  'date',
  'industry',
  'format',
  'sourceKind',
  'kind',
  'role',
  'tier',
]);

function contactPathKind(path: string): ContactKind {
  if (/address|street|postal/i.test(path)) return 'address';
  if (/birth/i.test(path)) return 'birthDate';
  if (/mail/i.test(path)) return 'emails';
  return 'phones';
}

/** A copy of `value` with every string outside {@link VERBATIM_KEYS} scrubbed of contact details. */
function scrubDeep<T>(value: T, found: Set<ContactKind>): T {
  const walk = (v: unknown, key: string | undefined): unknown => {
    if (typeof v === 'string') {
      if (key !== undefined && VERBATIM_KEYS.has(key)) return v;
      const { text, kinds } = scrubContactText(v);
      for (const k of kinds) found.add(k);
      return text;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, k);
      return out;
    }
    return v;
  };
  return walk(value, undefined) as T;
}

/** A copy of the profile without contact details, and which kinds it had. */
export function maskContacts(profile: TalentProfile): { profile: TalentProfile; hidden: MaskedField[] } {
  const hidden = new Set<MaskedField>();
  if (profile.emails.length > 0) hidden.add('emails');
  if (profile.phones.length > 0) hidden.add('phones');
  if (profile.birthDate !== undefined) hidden.add('birthDate');
  const { birthDate: _birthDate, ...rest } = profile;
  // A fact read from a contact field loses its snippet whatever it looks like.
  const evidence = profile.evidence.map((e) => ({
    ...e,
    facts: e.facts.map((fact) => {
      if (fact.snippet === undefined || !CONTACT_PATH.test(fact.path)) return fact;
      hidden.add(contactPathKind(fact.path));
      return { ...fact, snippet: MASK };
    }),
  }));
  const masked = scrubDeep({ ...rest, emails: [], phones: [], evidence }, hidden);
  return { profile: masked, hidden: MASKED_FIELDS.filter((f) => hidden.has(f)) };
}

/** Search hits without contact details in their names, reasons and affiliations. */
export function maskHits(hits: readonly SearchHit[]): SearchHit[] {
  return hits.map((hit) => scrubDeep(hit, new Set()));
}

/**
 * Facet counts without contact details: a value holding one is masked, and buckets that become
 * the same value are counted together.
 */
export function maskFacets(facets: FacetCounts): FacetCounts {
  const out: FacetCounts = {};
  for (const [name, buckets] of Object.entries(facets) as Array<
    [keyof FacetCounts, FacetCounts[keyof FacetCounts]]
  >) {
    if (buckets === undefined) continue;
    const merged = new Map<string, number>();
    for (const b of buckets) {
      const value = scrubContactText(b.value).text;
      merged.set(value, (merged.get(value) ?? 0) + b.count);
    }
    out[name] = [...merged].map(([value, count]) => ({ value, count }));
  }
  return out;
}

/** The resolution view without contact details in names, merge reasons and near misses. */
export function maskResolution(explanation: ResolutionExplanation): ResolutionExplanation {
  return scrubDeep(explanation, new Set());
}
