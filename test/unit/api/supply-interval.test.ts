import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { supplyErrorRatesOf, supplyInterval, wilsonUpper } from '../../../api/gaps/supply-interval.js';
import { resolveConfigPath } from '../../../config/load.js';
import { loadResolutionQuality } from '../../../config/resolution-quality.js';

describe('supply intervals', () => {
  it('bounds a proportion by the Wilson score interval', () => {
    // Textbook value: 0 of 1046 → upper bound 1.96² / (1046 + 1.96²) ≈ 0.00366.
    expect(wilsonUpper(0, 1046)).toBeCloseTo(0.00366, 5);
    expect(wilsonUpper(77, 1123)).toBeGreaterThan(77 / 1123);
    expect(wilsonUpper(0, 0)).toBe(0);
  });

  it('takes the larger share of the two evaluations on each side, and brackets the count', () => {
    const rates = supplyErrorRatesOf({
      pairwise: { source: 'a', split: 'test', truePositives: 900, predicted: 910, actual: 1000 },
      profiles: { source: 'b', profiles: 1000, people: 990, falseMergeProfiles: 0 },
    });
    // Pairwise: 100 of 1000 pairs missed beats 10 surplus profiles of 1000.
    expect(rates.duplicateShare).toBeCloseTo(wilsonUpper(100, 1000), 4);
    expect(rates.hiddenShare).toBeCloseTo(wilsonUpper(10, 910), 4);
    expect(rates.pairwise).toMatchObject({ precision: 0.989, recall: 0.9 });
    const interval = supplyInterval(200, rates);
    expect(interval.supplyLow).toBeLessThan(200);
    expect(interval.supplyHigh).toBeGreaterThan(200);
    expect(supplyInterval(0, rates)).toEqual({ supply: 0, supplyLow: 0, supplyHigh: 0 });
  });

  it('ships the figures the evaluations measured', () => {
    const quality = loadResolutionQuality(resolveConfigPath('config/resolution-quality.yaml'));
    const labelled = JSON.parse(readFileSync(resolveConfigPath(quality.pairwise.source), 'utf8')) as {
      pairwise: Record<string, { truePositives: number; predicted: number; actual: number }>;
    };
    expect(labelled.pairwise[quality.pairwise.split]).toMatchObject({
      truePositives: quality.pairwise.truePositives,
      predicted: quality.pairwise.predicted,
      actual: quality.pairwise.actual,
    });
    const synthetic = JSON.parse(readFileSync(resolveConfigPath(quality.profiles.source), 'utf8')) as {
      resolver: {
        profiles: { inIndex: number; truePeople: number };
        errors: { falseMerges: { clusters: number } };
      };
    };
    expect(synthetic.resolver.profiles).toMatchObject({
      inIndex: quality.profiles.profiles,
      truePeople: quality.profiles.people,
    });
    expect(synthetic.resolver.errors.falseMerges.clusters).toBe(quality.profiles.falseMergeProfiles);
    // The synthetic population's true count must fall inside the interval its own profiles get.
    const rates = supplyErrorRatesOf(quality);
    const interval = supplyInterval(quality.profiles.profiles, rates);
    expect(interval.supplyLow).toBeLessThanOrEqual(quality.profiles.people);
    expect(interval.supplyHigh).toBeGreaterThanOrEqual(quality.profiles.people);
  });
});
