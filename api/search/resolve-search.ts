import type { SearchQuery } from '../../indexer/contract.js';
import { badRequest } from '../http/errors.js';
import type { RegionTies } from '../ties/region-ties.js';
import type { QueryUnderstander } from '../understand/understand-query.js';
import type { QueryUnderstanding, UnderstoodFilters } from '../understand/understood.js';
import { searchQueryOf, type SearchParams } from './search-params.js';

/** What a search needs besides the index: the configured industries, the query reader and the region ties. */
export interface SearchResolver {
  industryIds: readonly string[];
  understander: QueryUnderstander;
  ties: RegionTies;
}

export interface ResolvedSearch {
  query: SearchQuery;
  understood: QueryUnderstanding;
  /** The region whose ties the search asked for, when it did. */
  tieRegion?: string;
}

/**
 * The parameters with what the query text says merged in: a filter the request gives itself wins
 * over the same filter read from the text, and the text left over is what is searched.
 */
export function withUnderstanding(params: SearchParams, understood: QueryUnderstanding): SearchParams {
  if (!understood.applied) return params;
  const f: UnderstoodFilters = understood.filters;
  const merged: SearchParams = { ...params };
  if (understood.text === '') delete merged.q;
  else merged.q = understood.text;
  if (f.region && !params.region?.length) merged.region = f.region;
  if (f.city && !params.city?.length) merged.city = f.city;
  if (f.country && !params.country?.length) merged.country = f.country;
  if (f.industry && !params.industry?.length) merged.industry = f.industry;
  if (f.tier && !params.tier?.length) merged.tier = f.tier;
  if (f.org && !params.org?.length) merged.org = f.org;
  if (f.seniority !== undefined && params.seniority === undefined) merged.seniority = f.seniority;
  if (f.patents !== undefined && params.patents === undefined) merged.patents = f.patents;
  if (f.tieRegion !== undefined && params.tieRegion === undefined) merged.tieRegion = f.tieRegion;
  if (f.outside !== undefined && params.outside === undefined) merged.outside = f.outside;
  return merged;
}

/**
 * HTTP search parameters → the index query: the text read as plain language (unless it uses the
 * query syntax or `understand=false`), the filters checked, and a tie region turned into its
 * organisations (`tieOrganizations`) and, with `outside`, the region left out (`excludeRegions`).
 */
export async function resolveSearch(params: SearchParams, resolver: SearchResolver): Promise<ResolvedSearch> {
  const understood = resolver.understander.understand(params.q ?? '', params.understand !== false);
  const merged = withUnderstanding(params, understood);
  const query = searchQueryOf(merged, resolver.industryIds);
  const tieRegion = merged.tieRegion;
  if (tieRegion !== undefined && !resolver.ties.knows(tieRegion))
    throw badRequest(
      `tieRegion "${tieRegion}" is not a region whose ties can be read; use a Chinese province code or a region of region.file, e.g. tieRegion=CN-JL`,
    );
  const filters = { ...query.filters };
  if (filters.organizations) filters.organizations = resolver.ties.withAliases(filters.organizations);
  if (tieRegion !== undefined) filters.tieOrganizations = await resolver.ties.organizations(tieRegion);
  if (merged.outside) filters.excludeRegions = [tieRegion ?? resolver.ties.home];
  const resolved: SearchQuery = { ...query, ...(Object.keys(filters).length > 0 ? { filters } : {}) };
  return { query: resolved, understood, ...(tieRegion !== undefined ? { tieRegion } : {}) };
}
