import {
  FACET_NAMES,
  type FacetName,
  type SearchFilters,
  type SearchQuery,
  type SortOrder,
} from '../../indexer/contract.js';
import { countryCode } from '../../processors/normalize/place.js';
import type { Tier } from '../../processors/model/profile.js';
import type { Seniority } from '../../processors/normalize/job-title.js';
import { badRequest } from '../http/errors.js';
import { titleWordsFrom } from '../understand/query-vocabulary.js';

/**
 * Search parameters as the HTTP API takes them (query string of GET /api/search, a saved search's
 * `query`), after schema validation: the shapes are right, the values still need the config
 * (industry ids) or a calendar (dates). Every bad value is a 400 naming the parameter and a fix.
 */
export interface SearchParams {
  q?: string;
  industry?: string[];
  tier?: Tier[];
  country?: string[];
  region?: string[];
  city?: string[];
  skill?: string[];
  minScore?: number;
  seenSince?: string;
  /** This title level or above (`senior` finds 高级工程师, Senior Engineer, 教授, directors…). */
  seniority?: Seniority;
  /** Only people with (true) or without (false) patents. */
  patents?: boolean;
  /** Schools or employers, any of them. */
  org?: string[];
  /** People with a tie to this region (ISO 3166-2), see api/ties/. */
  tieRegion?: string;
  /** With `tieRegion`: only people not located in the region. Alone: not located in the home region. */
  outside?: boolean;
  /** Read `q` as plain language (default) or only as the query syntax (false). */
  understand?: boolean;
  sort?: string;
  limit?: number;
  cursor?: string;
  facets?: Array<FacetName | 'all'>;
}

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function checkIndustry(id: string, parameter: string, known: readonly string[]): void {
  if (!known.includes(id))
    throw badRequest(
      `unknown industry "${id}" in ${parameter}; GET /api/industries lists them (${known.join(', ')})`,
    );
}

/** The parameters' filters (shared by search, facets and saved searches). */
export function filtersOf(params: SearchParams, industries: readonly string[]): SearchFilters {
  const filters: SearchFilters = {};
  const industryIds = [...new Set(params.industry ?? [])];
  for (const id of industryIds) checkIndustry(id, 'industry', industries);
  if (industryIds.length > 0) filters.industries = industryIds;
  if (params.tier && params.tier.length > 0) filters.tiers = [...new Set(params.tier)];
  if (params.country && params.country.length > 0)
    filters.countries = params.country.map((c) => {
      const code = countryCode(c);
      if (code === undefined)
        throw badRequest(
          `country "${c}" is not a country; use an ISO 3166-1 code or a name, e.g. country=CN or country=United States`,
        );
      return code;
    });
  if (params.region && params.region.length > 0) filters.regions = params.region;
  if (params.city && params.city.length > 0) filters.cities = params.city;
  if (params.skill && params.skill.length > 0) filters.skills = params.skill;
  if (params.minScore !== undefined) filters.minScore = params.minScore;
  if (params.seenSince !== undefined) {
    if (!isCalendarDate(params.seenSince))
      throw badRequest(`seenSince "${params.seenSince}" is not a date; use YYYY-MM-DD, e.g. 2025-01-31`);
    filters.seenSince = params.seenSince;
  }
  if (params.seniority !== undefined) filters.titles = titleWordsFrom(params.seniority);
  if (params.patents !== undefined) filters.hasPatents = params.patents;
  if (params.org && params.org.length > 0) filters.organizations = params.org;
  return filters;
}

/** The sort a query names, checked; none → the index's default. */
function sortOf(params: SearchParams, industries: readonly string[]): SortOrder | undefined {
  if (params.sort === undefined) {
    // One industry and no text: that industry's best people first (as the CLI does).
    if (!params.q?.trim() && params.industry?.length === 1) return `score:${params.industry[0] as string}`;
    return undefined;
  }
  const s = params.sort.trim();
  if (s === 'relevance' || s === 'priority') return s;
  if (s.startsWith('score:') && s.length > 'score:'.length) {
    checkIndustry(s.slice('score:'.length), 'sort', industries);
    return s as SortOrder;
  }
  throw badRequest(
    `sort must be relevance, priority or score:<industry> (e.g. sort=score:semiconductors), not "${params.sort}"`,
  );
}

/** HTTP parameters → the index's {@link SearchQuery}. */
export function searchQueryOf(params: SearchParams, industries: readonly string[]): SearchQuery {
  const text = params.q?.trim();
  const filters = filtersOf(params, industries);
  const sort = sortOf(params, industries);
  const facetNames = params.facets ?? [];
  const facets: FacetName[] = facetNames.includes('all')
    ? [...FACET_NAMES]
    : [...new Set(facetNames.filter((f): f is FacetName => f !== 'all'))];
  return {
    ...(text ? { text } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(sort !== undefined ? { sort } : {}),
    limit: params.limit ?? 20,
    ...(params.cursor !== undefined ? { cursor: params.cursor } : {}),
    ...(facets.length > 0 ? { facets } : {}),
  };
}

/**
 * Splits comma lists of the list parameters (`tier=A,B` as `tier=A&tier=B`), before validation, so
 * both spellings are checked alike. Values are trimmed; empty items dropped.
 */
export function splitCommaLists(
  query: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...query };
  for (const name of names) {
    const value = out[name];
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (values === undefined) continue;
    out[name] = values.flatMap((v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : [v],
    );
  }
  return out;
}
