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

  it('compares a target of any tier with the supply of every tier', () => {
    const rows = computeGaps(
      [
        { industry: 'rail', count: 20 },
        { industry: 'rail', tier: 'A', count: 2 },
      ],
      [
        { industry: 'rail', tier: 'A', count: 1 },
        { industry: 'rail', tier: 'C', count: 5 },
      ],
      ['industry', 'tier'],
    );
    expect(rows).toEqual([
      { industry: 'rail', demand: 20, supply: 6, gap: 14, surplus: 0, coverage: 0.3 },
      { industry: 'rail', tier: 'A', demand: 2, supply: 1, gap: 1, surplus: 0, coverage: 0.5 },
    ]);
  });

  it('compares a target of any region with the supply of every region', () => {
    const rows = computeGaps(
      [{ industry: 'film', count: 4 }],
      [
        { industry: 'film', region: 'CN-JL', count: 1 },
        { industry: 'film', region: 'CN-BJ', count: 2 },
      ],
      ['industry', 'region'],
    );
    expect(rows).toEqual([{ industry: 'film', demand: 4, supply: 3, gap: 1, surplus: 0, coverage: 0.75 }]);
  });

  it('breaks ties on the gap by the lowest coverage, then by industry id', () => {
    const rows = computeGaps(
      [
        { industry: 'b', count: 10 },
        { industry: 'a', count: 10 },
        { industry: 'c', count: 20 },
      ],
      [{ industry: 'c', count: 10 }],
      ['industry'],
    );
    // a and b: gap 10, coverage 0; c: gap 10, coverage 0.5.
    expect(rows.map((r) => [r.industry, r.gap, r.coverage])).toEqual([
      ['a', 10, 0],
      ['b', 10, 0],
      ['c', 10, 0.5],
    ]);
  });

  it('at the industry grain, drops tier and region from both sides', () => {
    const rows = computeGaps(
      [
        { industry: 'rail', tier: 'A', region: 'CN-JL', count: 3 },
        { industry: 'rail', tier: 'B', region: 'CN-BJ', count: 4 },
      ],
      [{ industry: 'rail', tier: 'C', region: 'CN-SH', count: 2 }],
      [],
    );
    expect(rows).toEqual([{ industry: 'rail', demand: 7, supply: 2, gap: 5, surplus: 0, coverage: 0.286 }]);
  });

  it('lists unplanned supply after every planned row, and nothing for nothing', () => {
    const rows = computeGaps(
      [{ industry: 'rail', count: 1 }],
      [
        { industry: 'zoo', count: 1 },
        { industry: 'art', count: 9 },
        { industry: 'rail', count: 5 },
      ],
      ['industry'],
    );
    expect(rows.map((r) => [r.industry, r.demand, r.supply, r.surplus, r.coverage])).toEqual([
      ['rail', 1, 5, 4, 5],
      ['art', 0, 9, 9, null],
      ['zoo', 0, 1, 1, null],
    ]);
    expect(computeGaps([], [], ['industry', 'tier'])).toEqual([]);
  });
});
