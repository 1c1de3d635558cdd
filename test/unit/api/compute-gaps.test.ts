import { describe, expect, it } from 'vitest';
import { computeGaps } from '../../../api/gaps/compute-gaps.js';
import type { DemandTarget } from '../../../config/demand.js';
import type { SupplyCell } from '../../../indexer/contract.js';

const targets: DemandTarget[] = [
  { industry: 'rail', tier: 'A', region: 'CN-JL', count: 5 },
  { industry: 'rail', tier: 'B', region: 'CN-JL', count: 40 },
  { industry: 'film', tier: 'B', region: 'CN-JL', count: 10 },
];
const supply: SupplyCell[] = [
  { industry: 'rail', tier: 'A', region: 'CN-JL', count: 7 },
  { industry: 'rail', tier: 'B', region: 'CN-JL', count: 4 },
  { industry: 'film', tier: 'B', region: 'CN-JL', count: 9 },
  { industry: 'digital', tier: 'C', region: 'CN-JL', count: 30 },
];

describe('computeGaps', () => {
  it('compares at industry × tier, largest gap first, unplanned supply last', () => {
    const rows = computeGaps(targets, supply, ['industry', 'tier']);
    expect(rows.map((r) => [r.industry, r.tier, r.demand, r.supply, r.gap, r.surplus, r.coverage])).toEqual([
      ['rail', 'B', 40, 4, 36, 0, 0.1],
      ['film', 'B', 10, 9, 1, 0, 0.9],
      ['rail', 'A', 5, 7, 0, 2, 1.4],
      ['digital', 'C', 0, 30, 0, 30, null],
    ]);
  });

  it('aggregates both sides to a coarser grain', () => {
    const rows = computeGaps(targets, supply, ['industry']);
    expect(rows.find((r) => r.industry === 'rail')).toEqual({
      industry: 'rail',
      demand: 45,
      supply: 11,
      gap: 34,
      surplus: 0,
      coverage: 0.244,
    });
  });

  it('keeps regions apart when asked', () => {
    const rows = computeGaps(
      [{ industry: 'rail', region: 'CN-JL', count: 10 }],
      [
        { industry: 'rail', region: 'CN-JL', count: 3 },
        { industry: 'rail', region: 'CN-BJ', count: 50 },
      ],
      ['industry', 'region'],
    );
    expect(rows.map((r) => [r.region, r.demand, r.supply, r.gap])).toEqual([
      ['CN-JL', 10, 3, 7],
      ['CN-BJ', 0, 50, 0],
    ]);
  });
});
