import type { SearchFilters, TalentIndex } from '../../indexer/contract.js';
import type { Tier } from '../../processors/model/profile.js';
import { supplyInterval, type SupplyErrorRates } from './supply-interval.js';

/**
 * Supply over time, per industry, in a region: for each month start D of the window, the supply
 * `established` by D — the people counted today whose every piece of evidence was fetched before
 * D, so they were certainly in the supply at D. The index keeps each profile's first and last
 * fetch time, not past states, so this is what it can state exactly: a lower bound of the supply
 * at D (a person first seen before D and seen again after counts only from their last evidence),
 * converging to today's supply at the last point. People erased since are not counted at any date.
 */

export interface SupplyTrendQuery {
  region: string;
  industries?: string[];
  tiers?: Tier[];
  minScore: number;
  /** Month starts in the window (2–36). */
  months: number;
  /** YYYY-MM-DD: the window ends at the month start on or before it. */
  until: string;
}

export interface TrendPoint {
  /** YYYY-MM-DD, a month start. */
  date: string;
  established: number;
  supplyLow: number;
  supplyHigh: number;
}

export interface SupplyTrend {
  region: string;
  minScore: number;
  tiers?: Tier[];
  dates: string[];
  series: Array<{ industry: string; current: number; points: TrendPoint[] }>;
  uncertainty: SupplyErrorRates;
}

/** The `months` month starts ending at the one on or before `until`, oldest first. */
export function monthStarts(until: string, months: number): string[] {
  const [y, m] = until.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export async function supplyTrend(
  index: TalentIndex,
  query: SupplyTrendQuery,
  rates: SupplyErrorRates,
): Promise<SupplyTrend> {
  const base: SearchFilters = { regions: [query.region] };
  if (query.tiers && query.tiers.length > 0) base.tiers = query.tiers;
  const dates = monthStarts(query.until, query.months);
  const count = async (seenSince?: string): Promise<Map<string, number>> => {
    const filters = seenSince ? { ...base, seenSince } : base;
    const cells = await index.supply({ minScore: query.minScore, by: [], filters });
    return new Map(cells.map((c) => [c.industry, c.count]));
  };
  const [now, ...recent] = await Promise.all([count(), ...dates.map((d) => count(d))]);
  const industries = [...now.keys()]
    .filter((i) => !query.industries || query.industries.includes(i))
    .sort((a, b) => (now.get(b) ?? 0) - (now.get(a) ?? 0) || (a < b ? -1 : 1));
  return {
    region: query.region,
    minScore: query.minScore,
    ...(query.tiers && query.tiers.length > 0 ? { tiers: query.tiers } : {}),
    dates,
    series: industries.map((industry) => {
      const current = now.get(industry) ?? 0;
      return {
        industry,
        current,
        points: dates.map((date, i) => {
          const established = Math.max(0, current - (recent[i]?.get(industry) ?? 0));
          const { supplyLow, supplyHigh } = supplyInterval(established, rates);
          return { date, established, supplyLow, supplyHigh };
        }),
      };
    }),
    uncertainty: rates,
  };
}
