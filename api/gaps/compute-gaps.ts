import type { SupplyCell } from '../../indexer/contract.js';
import type { Tier } from '../../processors/model/profile.js';

/**
 * Talent gaps: supply (profiles in the index) against demand (targets of the talent office), as a
 * pure computation, so the CLI and the coming HTTP API report the same figures.
 */

/** What a gap row is broken down by; `industry` is always part of it. */
export type GapDimension = 'industry' | 'tier' | 'region';
export const GAP_DIMENSIONS: readonly GapDimension[] = ['industry', 'tier', 'region'];

/** A demand target (config/demand.ts `DemandTarget` is one): no tier / region means any. */
export interface GapTarget {
  industry: string;
  tier?: Tier;
  region?: string;
  count: number;
}

export interface GapRow {
  industry: string;
  /** Absent at a grain without tier, or for a target of any tier. */
  tier?: Tier;
  /** Absent at a grain without region, or for a target of any region. */
  region?: string;
  /** People wanted (sum of the targets of the row). */
  demand: number;
  /** Profiles in the index counting for it. */
  supply: number;
  /** max(0, demand − supply): people missing. */
  gap: number;
  /** max(0, supply − demand). */
  surplus: number;
  /** supply / demand (3 decimals); null when nothing is demanded. */
  coverage: number | null;
}

interface Key {
  industry: string;
  tier?: Tier;
  region?: string;
}

/** The dimensions of `by` in canonical order, `industry` first whether asked or not. */
export function gapGrain(by: readonly GapDimension[]): GapDimension[] {
  return GAP_DIMENSIONS.filter((d) => d === 'industry' || by.includes(d));
}

function keyAt(item: Key, grain: readonly GapDimension[]): Key {
  const key: Key = { industry: item.industry };
  if (grain.includes('tier') && item.tier !== undefined) key.tier = item.tier;
  if (grain.includes('region') && item.region !== undefined) key.region = item.region;
  return key;
}

const keyText = (k: Key): string => `${k.industry}\u0000${k.tier ?? ''}\u0000${k.region ?? ''}`;

/** A demand row takes a supply cell when they agree on every dimension the row names. */
function takes(row: Key, cell: Key): boolean {
  return (
    row.industry === cell.industry &&
    (row.tier === undefined || row.tier === cell.tier) &&
    (row.region === undefined || row.region === cell.region)
  );
}

/**
 * Supply against demand at the grain `by` (industry, optionally tier and region).
 *
 * - Demand: targets are summed per row of the grain. A target naming no tier (or no region) at a
 *   grain with tiers (regions) is its own row, "any tier", and takes the supply of every tier.
 * - Supply: each cell goes to every demand row it matches. Cells may be finer than the grain and are
 *   then added up: exact across tiers (a profile has one tier), but across regions a profile
 *   located in two regions counts twice, so ask the index at the grain's own dimensions.
 * - Supply matching no target still makes rows (demand 0) at the end, so analysts see where talent
 *   exists without a plan for it.
 * - Order: rows with demand first, by the largest gap, then the lowest coverage, then industry id
 *   (then tier, region); the demand-0 rows after them by industry id, tier, region.
 */
export function computeGaps(
  targets: readonly GapTarget[],
  supply: readonly SupplyCell[],
  by: readonly GapDimension[],
): GapRow[] {
  const grain = gapGrain(by);
  const planned = new Map<string, { key: Key; demand: number; supply: number }>();
  for (const t of targets) {
    const key = keyAt(t, grain);
    const row = planned.get(keyText(key)) ?? { key, demand: 0, supply: 0 };
    row.demand += t.count;
    planned.set(keyText(key), row);
  }
  const unplanned = new Map<string, { key: Key; demand: number; supply: number }>();
  for (const c of supply) {
    const key = keyAt(c, grain);
    let taken = false;
    for (const row of planned.values())
      if (takes(row.key, key)) {
        row.supply += c.count;
        taken = true;
      }
    if (taken) continue;
    const row = unplanned.get(keyText(key)) ?? { key, demand: 0, supply: 0 };
    row.supply += c.count;
    unplanned.set(keyText(key), row);
  }

  const toRow = (r: { key: Key; demand: number; supply: number }): GapRow => ({
    ...r.key,
    demand: r.demand,
    supply: r.supply,
    gap: Math.max(0, r.demand - r.supply),
    surplus: Math.max(0, r.supply - r.demand),
    coverage: r.demand > 0 ? Number((r.supply / r.demand).toFixed(3)) : null,
  });
  const byKey = (a: GapRow, b: GapRow): number =>
    compareText(a.industry, b.industry) ||
    compareText(a.tier ?? '', b.tier ?? '') ||
    compareText(a.region ?? '', b.region ?? '');
  const withDemand = [...planned.values()]
    .map(toRow)
    .sort((a, b) => b.gap - a.gap || (a.coverage ?? 0) - (b.coverage ?? 0) || byKey(a, b));
  const withoutDemand = [...unplanned.values()].map(toRow).sort(byKey);
  return [...withDemand, ...withoutDemand];
}

/** Code-point order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
