import type { Demand } from '../../config/demand.js';
import type { SearchFilters, SupplyCell, TalentIndex } from '../../indexer/contract.js';
import type { Tier } from '../../processors/model/profile.js';
import { computeGaps, gapGrain, type GapDimension, type GapRow } from './compute-gaps.js';
import { supplyInterval, type SupplyErrorRates } from './supply-interval.js';

/**
 * The gap report of the API (and its dashboard): supply against demand at a grain, plus, when a
 * date is given, how much of the supply is recent.
 *
 * What "change since a date" can honestly mean: the index keeps, per profile, when it was first
 * and last seen (the fetch time of its earliest and latest evidence), not a history of scores.
 * The index's filters answer "last seen on or after D", so each row gets
 * - `seenSince`: the supply seen on or after D — people new since D or with new evidence since;
 * - `establishedBefore`: the rest (supply − seenSince) — people whose every piece of evidence
 *   predates D, who therefore were in the supply at D already.
 * `establishedBefore` is a lower bound of the supply at D: a person first seen before D and seen
 * again after counts under `seenSince`. An exact series needs snapshots of past reports, which
 * the index does not keep.
 */
export interface GapReportOptions {
  by: readonly GapDimension[];
  minScore: number;
  /** `local`: supply located in the targets' regions; `all`: every profile, wherever located. */
  scope: 'local' | 'all';
  /** YYYY-MM-DD: adds each row's {@link GapTrend}. */
  since?: string;
}

export interface GapTrend {
  seenSince: number;
  establishedBefore: number;
}

export interface GapReportRow extends GapRow {
  /** People the row's supply of profiles stands for, at the low and high ends (supply-interval.ts). */
  supplyLow: number;
  supplyHigh: number;
  trend?: GapTrend;
}

export interface GapReport {
  by: GapDimension[];
  minScore: number;
  scope: 'local' | 'all';
  /** Regions the demand targets name. */
  regions: string[];
  since?: string;
  rows: GapReportRow[];
  /** Over rows with demand: people wanted, counted (with its interval), missing. */
  totals: { demand: number; supply: number; supplyLow: number; supplyHigh: number; gap: number };
  /** The error rates the intervals come from. */
  uncertainty: SupplyErrorRates;
}

/**
 * Supply at the report's own grain, so no person is counted twice: summing region cells would count
 * a person located in two regions once per region. `local` keeps people located in the targets'
 * regions (with regions in the grain: the cells of those regions).
 */
async function supplyForReport(
  index: TalentIndex,
  report: {
    by: readonly GapDimension[];
    minScore: number;
    scope: 'local' | 'all';
    regions: readonly string[];
  },
  extra: SearchFilters = {},
): Promise<SupplyCell[]> {
  const tier = report.by.includes('tier') ? (['tier'] as const) : [];
  const withExtra = (filters: SearchFilters): SearchFilters | undefined => {
    const merged = { ...filters, ...extra };
    return Object.keys(merged).length > 0 ? merged : undefined;
  };
  const ask = (by: Array<'tier' | 'region'>, filters: SearchFilters) => {
    const f = withExtra(filters);
    return index.supply({ minScore: report.minScore, by, ...(f ? { filters: f } : {}) });
  };
  if (report.by.includes('region')) {
    const cells = await ask([...tier, 'region'], {});
    return report.scope === 'local' ? cells.filter((c) => report.regions.includes(c.region ?? '')) : cells;
  }
  if (report.scope === 'all') return ask([...tier], {});
  if (report.regions.length === 0) return [];
  return ask([...tier], { regions: [...report.regions] });
}

const rowKey = (r: { industry: string; tier?: Tier; region?: string }): string =>
  `${r.industry}\u0000${r.tier ?? ''}\u0000${r.region ?? ''}`;

export async function gapReport(
  index: TalentIndex,
  demand: Demand,
  options: GapReportOptions,
  rates: SupplyErrorRates,
): Promise<GapReport> {
  const by = gapGrain(options.by);
  const regions = [...new Set(demand.targets.map((t) => t.region))].sort();
  const spec = { by, minScore: options.minScore, scope: options.scope, regions };
  const rows: GapReportRow[] = computeGaps(demand.targets, await supplyForReport(index, spec), by).map(
    (row) => ({ ...row, ...supplyInterval(row.supply, rates) }),
  );
  if (options.since !== undefined) {
    const recent = computeGaps(
      demand.targets,
      await supplyForReport(index, spec, { seenSince: options.since }),
      by,
    );
    const recentByKey = new Map(recent.map((r) => [rowKey(r), r.supply]));
    for (const row of rows) {
      const seenSince = Math.min(row.supply, recentByKey.get(rowKey(row)) ?? 0);
      row.trend = { seenSince, establishedBefore: row.supply - seenSince };
    }
  }
  const planned = rows.filter((r) => r.demand > 0);
  const supply = planned.reduce((n, r) => n + r.supply, 0);
  return {
    by,
    minScore: options.minScore,
    scope: options.scope,
    regions,
    ...(options.since !== undefined ? { since: options.since } : {}),
    rows,
    totals: {
      demand: planned.reduce((n, r) => n + r.demand, 0),
      ...supplyInterval(supply, rates),
      gap: planned.reduce((n, r) => n + r.gap, 0),
    },
    uncertainty: rates,
  };
}
