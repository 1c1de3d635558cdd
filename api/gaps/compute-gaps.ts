import type { DemandTarget } from '../../config/demand.js';
import type { SupplyCell } from '../../indexer/contract.js';
import type { Tier } from '../../processors/model/profile.js';

/** What a gap row is broken down by; `industry` is always part of it. */
export type GapDimension = 'industry' | 'tier' | 'region';
export const GAP_DIMENSIONS: readonly GapDimension[] = ['industry', 'tier', 'region'];

export interface GapRow {
  industry: string;
  tier?: Tier;
  region?: string;
  /** People wanted (sum of the matching targets). */
  demand: number;
  /** Profiles in the index counting for it. */
  supply: number;
  /** max(0, demand − supply): people missing. */
  gap: number;
  /** max(0, supply − demand). */
  surplus: number;
  /** supply / demand; null when nothing is demanded. */
  coverage: number | null;
}

function keyOf(
  row: { industry: string; tier?: string; region?: string },
  by: readonly GapDimension[],
): string {
  return [
    row.industry,
    by.includes('tier') ? (row.tier ?? '*') : '',
    by.includes('region') ? (row.region ?? '*') : '',
  ].join('|');
}

/**
 * Supply against demand at the asked grain. Targets without a tier count against every tier when
 * the grain has no tier, and only as "any tier" (`tier` absent) otherwise. Rows are sorted by the
 * largest gap, then the lowest coverage, then industry; rows with supply but no target (demand 0)
 * come last, so an analyst sees where talent exists without a plan for it.
 */
export function computeGaps(
  targets: readonly DemandTarget[],
  supply: readonly SupplyCell[],
  by: readonly GapDimension[],
): GapRow[] {
  const rows = new Map<string, GapRow>();
  const row = (cell: { industry: string; tier?: Tier; region?: string }): GapRow => {
    const key = keyOf(cell, by);
    let r = rows.get(key);
    if (!r) {
      r = { industry: cell.industry, demand: 0, supply: 0, gap: 0, surplus: 0, coverage: null };
      if (by.includes('tier') && cell.tier) r.tier = cell.tier;
      if (by.includes('region') && cell.region) r.region = cell.region;
      rows.set(key, r);
    }
    return r;
  };
  for (const t of targets) row(t).demand += t.count;
  for (const c of supply) row(c).supply += c.count;
  const out = [...rows.values()].map((r) => ({
    ...r,
    gap: Math.max(0, r.demand - r.supply),
    surplus: Math.max(0, r.supply - r.demand),
    coverage: r.demand > 0 ? Number((r.supply / r.demand).toFixed(3)) : null,
  }));
  return out.sort(
    (a, b) =>
      Number(a.demand === 0) - Number(b.demand === 0) ||
      b.gap - a.gap ||
      (a.coverage ?? Infinity) - (b.coverage ?? Infinity) ||
      a.industry.localeCompare(b.industry) ||
      (a.tier ?? '').localeCompare(b.tier ?? '') ||
      (a.region ?? '').localeCompare(b.region ?? ''),
  );
}
