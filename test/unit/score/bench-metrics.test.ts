import { describe, expect, it } from 'vitest';
import {
  nameSha256,
  normaliseLabelName,
  tierInBand,
  type ScoringLabel,
} from '../../../bench/scoring/labels.js';
import {
  auc,
  aucInterval,
  evaluateSet,
  tierConfusion,
  wilsonInterval,
  type ScoredPerson,
} from '../../../bench/scoring/metrics.js';

function person(
  label: Partial<ScoringLabel> & Pick<ScoringLabel, 'function' | 'industries' | 'tier'>,
  profile?: ScoredPerson['profile'],
): ScoredPerson {
  return {
    label: {
      set: 'dev',
      file: 'made-up/doc.xml',
      language: 'en',
      name: 'A Person',
      reason: 'made up',
      ...label,
    },
    profile,
  };
}

describe('scoring bench metrics', () => {
  it('computes the AUC as the share of positive-negative pairs ranked right, ties half', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 2], [3, 4])).toBe(0);
    // Pairs: 3>1, 3=3 (half), 5>1, 5>3 → 3.5 of 4.
    expect(auc([3, 5], [1, 3])).toBe(0.875);
    expect(auc([], [1])).toBeNaN();
  });

  it('gives 95 % intervals: Wilson for shares, Hanley and McNeil for the AUC', () => {
    // Wilson's interval for 8 of 10 (textbook value 0.490–0.943).
    expect(wilsonInterval(8, 10)).toEqual([0.49, 0.943]);
    expect(wilsonInterval(0, 40)[0]).toBe(0);
    expect(wilsonInterval(0, 0)[0]).toBeNaN();
    const [low, high] = aucInterval(0.8, 40, 60);
    expect(low).toBeLessThan(0.8);
    expect(high).toBeGreaterThan(0.8);
    // More people, a narrower interval.
    const [low4, high4] = aucInterval(0.8, 160, 240);
    expect(high4 - low4).toBeLessThan((high - low) / 1.5);
  });

  it('counts tiers against their bands in a confusion table', () => {
    const c = tierConfusion([
      { band: 'A', tier: 'B' },
      { band: 'B-C', tier: 'C' },
      { band: 'B-C', tier: 'A' },
      { band: 'D-E', tier: 'E' },
    ]);
    expect(c.table['B-C']).toEqual({ A: 1, B: 0, C: 1, D: 0, E: 0 });
    expect(c.table.A?.B).toBe(1);
    expect({ within: c.withinBand, above: c.aboveBand, below: c.belowBand }).toEqual({
      within: 2,
      above: 1,
      below: 1,
    });
    expect(tierInBand('C', 'B-D')).toBe(true);
    expect(tierInBand('A', 'B-D')).toBe(false);
  });

  it('reports the business share, precision, recall and misses of a set', () => {
    const scores = (s: Record<string, number>): Record<string, number> => ({
      digital: 0,
      materials: 0,
      ...s,
    });
    const report = evaluateSet([
      person(
        { function: 'technical', industries: ['digital'], tier: 'C-D', name: 'Right' },
        {
          id: '1',
          scores: scores({ digital: 40 }),
          tier: 'C',
          priorityScore: 40,
        },
      ),
      person(
        { function: 'technical', industries: ['digital'], tier: 'C-D', name: 'Wrong Top' },
        {
          id: '2',
          scores: scores({ materials: 25, digital: 21 }),
          tier: 'D',
          priorityScore: 25,
        },
      ),
      person(
        { function: 'finance', industries: [], tier: 'D-E', name: 'Scored CFO' },
        {
          id: '3',
          scores: scores({ materials: 36 }),
          tier: 'B',
          priorityScore: 36,
        },
      ),
      person(
        { function: 'board-only', industries: [], tier: 'D-E', name: 'Quiet Director' },
        {
          id: '4',
          scores: scores({}),
          tier: 'E',
          priorityScore: 0,
        },
      ),
      person({ function: 'academic-stem', industries: ['materials'], tier: 'B', name: 'Missing' }),
    ]);
    expect(report.businessScoredShare).toMatchObject({ value: 0.5, of: 2, met: false });
    expect(report.topIndustryPrecision).toMatchObject({ value: 0.5, of: 2 });
    // Two of three talent reach 20 in a labelled industry; the one not found does not.
    expect(report.talentRecallAt20).toMatchObject({ value: 0.667, of: 3 });
    // Talent 40, 25 against others 36, 0: 3 of 4 pairs ranked right.
    expect(report.separationAuc.value).toBe(0.75);
    expect(report.misses.map((m) => `${m.kind} ${m.key}`)).toEqual([
      'business-scored made-up/doc.xml#Scored CFO',
      // Listed once, as not found, though it also counts against recall.
      'not-found made-up/doc.xml#Missing',
      'tier-outside-band made-up/doc.xml#Scored CFO',
      'wrong-top-industry made-up/doc.xml#Wrong Top',
    ]);
  });

  it('keys résumé names by a hash of the normalised name', () => {
    expect(normaliseLabelName('THIEL,  Peter ')).toBe('thiel peter');
    expect(nameSha256('Ｚhang Wei')).toBe(nameSha256('zhang wei'));
    expect(nameSha256('张伟')).toMatch(/^[0-9a-f]{16}$/);
  });
});
