import type { SearchHit, SearchQuery } from '../../indexer/contract.js';
import type { ApiContext } from '../context.js';
import type { RegionTie } from './region-ties.js';

export type HitWithTies = SearchHit & { ties?: RegionTie };

/** The page's hits, each with its ties to the region and their evidence (read from the profile). */
export async function withTies(
  ctx: Pick<ApiContext, 'index' | 'ties'>,
  hits: readonly SearchHit[],
  region: string,
): Promise<HitWithTies[]> {
  return Promise.all(
    hits.map(async (hit) => {
      const profile = await ctx.index.get(hit.id);
      const ties = profile ? await ctx.ties.tiesOf(profile, region) : undefined;
      return ties ? { ...hit, ties } : hit;
    }),
  );
}

/**
 * The "has ties to the region" facet: how many matches of the query have a tie to the asked
 * region, else to the home region. One count search beside the page.
 */
export async function tieFacetOf(
  ctx: Pick<ApiContext, 'index' | 'ties'>,
  query: SearchQuery,
  tieRegion: string | undefined,
): Promise<{ region: string; name: { en: string; zh: string }; count: number }> {
  const region = tieRegion ?? ctx.ties.home;
  const filters = { ...query.filters, tieOrganizations: await ctx.ties.organizations(region) };
  const counted = await ctx.index.search({
    ...(query.text !== undefined ? { text: query.text } : {}),
    filters,
    limit: 1,
  });
  return { region, name: ctx.ties.names(region), count: counted.total };
}
