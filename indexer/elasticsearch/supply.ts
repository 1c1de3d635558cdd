import type { estypes } from '@elastic/elasticsearch';
import { SUPPLY_DIMENSIONS, type SupplyCell, type SupplyQuery } from '../contract.js';
import type { Tier } from '../../processors/model/profile.js';
import { compileFilters, isIndustryId } from './compile-query.js';
import type { ElasticsearchConnection } from './connection.js';
import { CELL_SEPARATOR } from './profile-doc.js';

/**
 * Supply cells ({@link SupplyQuery}) from aggregations, exact:
 *
 * 1. the industries anyone scores in (a terms aggregation over `industries`);
 * 2. one `filters` bucket per industry (`scores.<industry>` above 0 and at least `minScore`), under
 *    it a terms aggregation on `tier` and/or on the precomputed place field of the asked
 *    dimensions (`supply.region`, `supply.country`, or the pair `supply.regionCountry`). A terms
 *    bucket counts documents, so a profile with two locations in one region counts once there and
 *    once in each of two regions — the contract's definition, with no cardinality estimate.
 *
 * Counts of a terms aggregation are exact when every shard returns every term: the profile index
 * has one shard by default, the sizes cover every tier and place, and a response that still cut
 * buckets (`sum_other_doc_count` > 0) is an error rather than a silently short count.
 */

const MAX_PLACES = 20_000;

interface TermsBucket {
  key: string;
  doc_count: number;
  [sub: string]: unknown;
}
interface TermsAgg {
  buckets: TermsBucket[];
  sum_other_doc_count?: number;
}

function placeField(places: Array<'region' | 'country'>): string | undefined {
  if (places.length === 2) return 'supply.regionCountry';
  if (places.length === 1) return `supply.${places[0]}`;
  return undefined;
}

function terms(agg: unknown, what: string): TermsBucket[] {
  const t = agg as TermsAgg;
  if ((t.sum_other_doc_count ?? 0) > 0)
    throw new Error(
      `supply: more ${what} values than one request returns (${MAX_PLACES}); narrow the query with filters`,
    );
  return t.buckets;
}

export async function supplyCells(
  connection: ElasticsearchConnection,
  alias: string,
  query: SupplyQuery,
): Promise<SupplyCell[]> {
  const by = SUPPLY_DIMENSIONS.filter((d) => query.by.includes(d));
  const places = by.filter((d): d is 'region' | 'country' => d !== 'tier');
  const minScore = Number.isFinite(query.minScore) ? query.minScore : 0;
  const filter = compileFilters(query.filters);
  const base: estypes.QueryDslQueryContainer = filter.length > 0 ? { bool: { filter } } : { match_all: {} };

  const found = await connection.call(`supply industries ${alias}`, () =>
    connection.client.search({
      index: alias,
      size: 0,
      query: base,
      aggs: { industries: { terms: { field: 'industries', size: 10_000 } } },
    }),
  );
  const industries = terms(found.aggregations?.industries, 'industry')
    .map((b) => String(b.key))
    .filter(isIndustryId);
  if (industries.length === 0) return [];

  const field = placeField(places);
  const placeAgg: Record<string, estypes.AggregationsAggregationContainer> = field
    ? { place: { terms: { field, size: MAX_PLACES } } }
    : {};
  const sub: Record<string, estypes.AggregationsAggregationContainer> = by.includes('tier')
    ? { tier: { terms: { field: 'tier', size: 100 }, aggs: placeAgg } }
    : placeAgg;
  const response = await connection.call(`supply ${alias}`, () =>
    connection.client.search({
      index: alias,
      size: 0,
      query: base,
      aggs: {
        cells: {
          filters: {
            filters: Object.fromEntries(
              industries.map((i) => [i, { range: { [`scores.${i}`]: { gt: 0, gte: minScore } } }]),
            ),
          },
          aggs: sub,
        },
      },
    }),
  );

  const cells: SupplyCell[] = [];
  const byIndustry = (response.aggregations?.cells as { buckets: Record<string, TermsBucket> } | undefined)
    ?.buckets;
  for (const industry of industries) {
    const bucket = byIndustry?.[industry];
    if (!bucket || bucket.doc_count === 0) continue;
    const emit = (tier: string | undefined, node: TermsBucket): void => {
      const base: SupplyCell = { industry, count: node.doc_count };
      if (tier !== undefined) base.tier = tier as Tier;
      if (!field) {
        cells.push(base);
        return;
      }
      for (const p of terms(node.place, 'place')) {
        const cell: SupplyCell = { ...base, count: p.doc_count };
        if (places.length === 2) {
          const [region, country] = String(p.key).split(CELL_SEPARATOR);
          cell.region = region ?? '';
          cell.country = country ?? '';
        } else if (places[0] === 'region') cell.region = String(p.key);
        else cell.country = String(p.key);
        cells.push(cell);
      }
    };
    if (by.includes('tier')) for (const t of terms(bucket.tier, 'tier')) emit(String(t.key), t);
    else emit(undefined, bucket);
  }
  const key = (c: SupplyCell): string[] => [c.industry, c.tier ?? '', c.region ?? '', c.country ?? ''];
  return cells.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] as string;
      const y = kb[i] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
