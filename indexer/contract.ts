import type { Tier, TalentProfile } from '../processors/model/profile.js';

/**
 * The contract every index backend implements (embedded SQLite today, Elasticsearch later). Both
 * run the same suite, `test/contract/index-contract.ts`, so callers never depend on a backend.
 */

export type FacetName = 'industry' | 'tier' | 'country' | 'region' | 'city' | 'skill';
export const FACET_NAMES: readonly FacetName[] = ['industry', 'tier', 'country', 'region', 'city', 'skill'];

/** `relevance` (default when there is text), `priority` (default otherwise) or `score:<industry>`. */
export type SortOrder = 'relevance' | 'priority' | `score:${string}`;

export interface SearchFilters {
  /** Profiles with a score > 0 in at least one of these industries. */
  industries?: string[];
  tiers?: Tier[];
  /** ISO 3166-1 alpha-2. */
  countries?: string[];
  /** ISO 3166-2 code (`CN-JL`) or a name in either script (`Jilin`, `吉林`). */
  regions?: string[];
  /** City in either script (`Changchun`, `长春`). */
  cities?: string[];
  /** Skill label, Chinese label or vocabulary id. */
  skills?: string[];
  /** Minimum score in one of `industries` when given, else minimum priority score. */
  minScore?: number;
  /** ISO date/time: only profiles seen (lastSeen) on or after it. */
  seenSince?: string;
  /**
   * Any of these in a title (job titles, professional titles, filing titles), matched as the
   * `title:` query term matches: `高级` finds 高级工程师, `senior` finds "Senior Engineer".
   */
  titles?: string[];
  /**
   * Any of these in an organisation (employers, departments, schools, patent assignees, filing
   * issuers), matched as the `org:` query term matches: 吉林大学, 光机所, FAW.
   */
  organizations?: string[];
  /**
   * A second list matched as `organizations` and required besides it: a region's universities
   * and employers, when a search asks for people with a tie to the region (api/ties/).
   */
  tieOrganizations?: string[];
  /** Only profiles with patent evidence (true) or without it (false). */
  hasPatents?: boolean;
  /** None of the profile's locations in any of these regions (code or name, as `regions`). */
  excludeRegions?: string[];
}

export interface SearchQuery {
  /**
   * Full text in Chinese and English: words, "phrases", AND / OR / NOT (or a leading `-`),
   * parentheses, and fielded terms `name:`, `title:`, `org:`, `skill:`. Never an error: whatever
   * the parser cannot read as syntax is read as text. A term of three characters or more matches
   * as a substring (`laser` finds "Lasers", 光机所 finds 长春光机所); a two-character term matches
   * two adjacent Chinese characters or a two-letter word (电池, AI).
   */
  text?: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  /** Hits per page, 1–200 (default 20). */
  limit?: number;
  /** `nextCursor` of the previous page, with the same query. */
  cursor?: string;
  facets?: FacetName[];
}

export interface SearchHit {
  id: string;
  displayName: string;
  /** The sort's score: the industry's score for `score:<industry>`, else the priority score. */
  score: number;
  topIndustries: Array<{ industry: string; score: number }>;
  tier: Tier;
  reason: string;
  /** `Title, Organization` of the current (else latest) affiliation, when any. */
  affiliation?: string;
}

/** Values per facet unless asked otherwise, and the most one can ask for. */
export const FACET_LIMIT = 50;
export const MAX_FACET_LIMIT = 1000;

export interface AggregateOptions {
  /** Values per facet, 1–{@link MAX_FACET_LIMIT} (default {@link FACET_LIMIT}). */
  limit?: number;
}

/** The asked facet size, within its bounds. */
export function facetLimitOf(options: AggregateOptions | undefined): number {
  const asked = options?.limit;
  if (asked === undefined || !Number.isFinite(asked)) return FACET_LIMIT;
  return Math.max(1, Math.min(MAX_FACET_LIMIT, Math.floor(asked)));
}

export interface FacetBucket {
  value: string;
  count: number;
}
export type FacetCounts = Partial<Record<FacetName, FacetBucket[]>>;

export interface SearchResult {
  hits: SearchHit[];
  /** Every profile matching the query and filters (not just this page). */
  total: number;
  facets: FacetCounts;
  /** Present when more hits follow. */
  nextCursor?: string;
}

export interface IndexStats {
  backend: string;
  profiles: number;
  evidence: number;
  /** Evidence records per source kind (`resume`, `patent`, `filing`, `profile-page`, `publication`). */
  evidenceBySource: Record<string, number>;
  /** Bytes the index takes on disk (the SQLite file and its WAL; the store size on Elasticsearch). */
  sizeBytes: number;
  schemaVersion: number;
}

/** A batch of whole profiles from the ingest: each `put` replaces the stored profile of its id. */
export interface ReplaceBatch {
  put: readonly TalentProfile[];
  /** Ids of profiles that no longer exist (their mentions now belong to another profile). */
  remove: readonly string[];
}

/** Dimensions supply can be broken down by, besides the industry (always present). */
export type SupplyDimension = 'tier' | 'region' | 'country';
export const SUPPLY_DIMENSIONS: readonly SupplyDimension[] = ['tier', 'region', 'country'];

export interface SupplyQuery {
  /** A profile counts in an industry when its score there is at least this (and above 0). */
  minScore: number;
  by: SupplyDimension[];
  /** Restricts the profiles counted (same meaning as in search). */
  filters?: SearchFilters;
}

/**
 * Distinct profiles per industry (× tier × region × country). `region` is the ISO 3166-2 code of
 * a location (`CN-JL`), else its region name; a profile with no location naming a region counts
 * under region `unknown` (likewise `country`). A profile with locations in two regions counts once
 * in each, so adding cells up across regions can count a person twice: ask without `region` for
 * totals. Two locations in one region count once there.
 */
export interface SupplyCell {
  industry: string;
  tier?: Tier;
  region?: string;
  country?: string;
  count: number;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
}

export interface TalentIndex {
  /**
   * Idempotent by profile id. When a profile with the id exists, the two are merged: evidence is
   * the union (by sourceId + mentionId, the newer copy winning), every other field is the newer
   * profile's, `firstSeen` the earlier and `lastSeen` the later of the two.
   */
  upsert(profiles: readonly TalentProfile[]): Promise<UpsertResult>;
  /**
   * Writes profiles rebuilt from all their mentions (the ingest's path): no merge with the stored
   * copy, and the removed ids go in the same write. Atomic where the backend allows it.
   */
  replace(batch: ReplaceBatch): Promise<void>;
  /** Erasure: removes the profile and all its evidence. True when it existed. */
  delete(id: string): Promise<boolean>;
  get(id: string): Promise<TalentProfile | undefined>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Facet counts over every profile matching the query (text and filters): per facet the values
   * with the most profiles first (then by value), {@link FACET_LIMIT} of them unless `options.limit`
   * asks for up to {@link MAX_FACET_LIMIT} (a map needs every country, not the top 50).
   */
  aggregate(
    query: Omit<SearchQuery, 'facets' | 'cursor' | 'limit' | 'sort'>,
    facets: FacetName[],
    options?: AggregateOptions,
  ): Promise<FacetCounts>;
  /** Talent supply for the gap analysis: counts of profiles per industry and the asked dimensions. */
  supply(query: SupplyQuery): Promise<SupplyCell[]>;
  stats(): Promise<IndexStats>;
  close(): Promise<void>;
}

/** The fields of a profile a search hit is made of (Elasticsearch fetches only these). */
export type HitProfile = Pick<
  TalentProfile,
  'id' | 'displayName' | 'scores' | 'priorityScore' | 'topIndustries' | 'tier' | 'reason' | 'affiliations'
>;

/** A hit as every backend returns it; `industry` is the sort's industry for `score:<industry>`. */
export function searchHitOf(p: HitProfile, industry: string | undefined): SearchHit {
  const a = p.affiliations.find((x) => x.current) ?? p.affiliations[0];
  const affiliation = a ? (a.title ? `${a.title}, ${a.organization}` : a.organization) : undefined;
  return {
    id: p.id,
    displayName: p.displayName,
    score: industry !== undefined ? (p.scores[industry] ?? 0) : p.priorityScore,
    topIndustries: p.topIndustries.slice(0, 3),
    tier: p.tier,
    reason: p.reason,
    ...(affiliation !== undefined ? { affiliation } : {}),
  };
}

/** Raised for a cursor that does not belong to the query it is used with, or cannot be read. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** Merge rule of {@link TalentIndex.upsert}, shared by backends so they agree. */
export function mergeProfiles(older: TalentProfile, newer: TalentProfile): TalentProfile {
  const evidence = new Map<string, TalentProfile['evidence'][number]>();
  for (const e of [...older.evidence, ...newer.evidence])
    evidence.set(`${e.sourceId}\u0000${e.mentionId}`, e);
  return {
    ...newer,
    evidence: [...evidence.values()],
    firstSeen: older.firstSeen < newer.firstSeen ? older.firstSeen : newer.firstSeen,
    lastSeen: older.lastSeen > newer.lastSeen ? older.lastSeen : newer.lastSeen,
  };
}
