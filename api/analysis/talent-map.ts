import type { SearchFilters, TalentIndex } from '../../indexer/contract.js';
import { MAX_FACET_LIMIT } from '../../indexer/contract.js';
import type { Tier } from '../../processors/model/profile.js';
import { supplyInterval, type SupplyErrorRates } from '../gaps/supply-interval.js';
import { cityName, regionName, regionOfCity, type PlaceName } from './place-names.js';

/**
 * The talent map: supply per place for an industry × tier filter, at one level —
 * - `country`: every country (ISO 3166-1 alpha-2);
 * - `province`: the first-level regions of one country (ISO 3166-2: Chinese provinces, US states);
 * - `city`: the cities of one region.
 *
 * Counts are the index's facet counts over the profiles passing the filter, so they are the
 * supply's definition: distinct profiles scoring at least `minScore` in the industry (or, with no
 * industry, a priority score at least that), located in the place. A profile located in two
 * places counts in each; places never add up to the total, which is given apart.
 */

export type MapLevel = 'country' | 'province' | 'city';
export const MAP_LEVELS: readonly MapLevel[] = ['country', 'province', 'city'];

export interface TalentMapQuery {
  level: MapLevel;
  industry?: string;
  tier?: Tier[];
  minScore: number;
  /** Level `province`: the country whose regions are shown. */
  country?: string;
  /** Level `city`: the region whose cities are shown; level `province`: the region highlighted. */
  region?: string;
}

export interface MapPlace {
  /** ISO code (country, region) or the city's name as the index keeps it (English, else Han). */
  code: string;
  name?: PlaceName;
  count: number;
  supplyLow: number;
  supplyHigh: number;
}

export interface TalentMap {
  level: MapLevel;
  /** The filter as applied, echoed. */
  filter: { industry?: string; tier?: Tier[]; minScore: number; country?: string; region?: string };
  /** Profiles passing the filter (within the country or region of the level), wherever located. */
  total: number;
  places: MapPlace[];
  uncertainty: SupplyErrorRates;
}

export async function talentMap(
  index: TalentIndex,
  query: TalentMapQuery,
  rates: SupplyErrorRates,
): Promise<TalentMap> {
  const filters: SearchFilters = { minScore: query.minScore };
  if (query.industry !== undefined) filters.industries = [query.industry];
  if (query.tier !== undefined && query.tier.length > 0) filters.tiers = query.tier;
  if (query.level === 'province' && query.country !== undefined) filters.countries = [query.country];
  if (query.level === 'city' && query.region !== undefined) filters.regions = [query.region];

  const facet = query.level === 'country' ? 'country' : query.level === 'province' ? 'region' : 'city';
  const [counts, matching] = await Promise.all([
    index.aggregate({ filters }, [facet], { limit: MAX_FACET_LIMIT }),
    index.search({ filters, limit: 1 }),
  ]);
  const buckets = (counts[facet] ?? []).filter((b) => keeps(query, b.value));
  const places = buckets.map((b): MapPlace => {
    const name =
      query.level === 'province'
        ? regionName(b.value)
        : query.level === 'city'
          ? cityName(b.value)
          : undefined;
    return { code: b.value, ...(name ? { name } : {}), count: b.count, ...intervalOf(b.count, rates) };
  });
  return {
    level: query.level,
    filter: {
      ...(query.industry !== undefined ? { industry: query.industry } : {}),
      ...(query.tier !== undefined && query.tier.length > 0 ? { tier: query.tier } : {}),
      minScore: query.minScore,
      ...(query.level === 'province' && query.country !== undefined ? { country: query.country } : {}),
      // At the province level the region is the one the map highlights; at the city level, the shown one.
      ...(query.level !== 'country' && query.region !== undefined ? { region: query.region } : {}),
    },
    total: matching.total,
    places,
    uncertainty: rates,
  };
}

function intervalOf(count: number, rates: SupplyErrorRates): { supplyLow: number; supplyHigh: number } {
  const { supplyLow, supplyHigh } = supplyInterval(count, rates);
  return { supplyLow, supplyHigh };
}

/**
 * Which facet values are places of the level: a profile in the filter's country or region may be
 * located elsewhere too, and its other places come with it in the facet.
 */
function keeps(query: TalentMapQuery, value: string): boolean {
  if (value === 'unknown') return false;
  if (query.level === 'country') return /^[A-Z]{2}$/.test(value);
  if (query.level === 'province') return query.country === undefined || value.startsWith(`${query.country}-`);
  // A city the gazetteer puts in another region belongs to the profile's other location.
  const home = regionOfCity(value);
  return query.region === undefined || home === undefined || home === query.region;
}
