import type { ResolutionQuality } from '../../config/resolution-quality.js';

/**
 * Supply figures with error bars. A supply figure counts resolved profiles, not people: a person
 * the resolver failed to join counts twice (duplicates inflate supply), two people it joined
 * wrongly count once (false merges deflate it). The resolver's measured error rates bound both.
 *
 * Two evaluations measure them, each one side better than the other:
 * - the labelled set (pairwise, test split): recall = share of same-person mention pairs joined,
 *   precision = share of joined pairs that are one person. A missed pair is taken to cost one
 *   surplus profile per missed pair share, a wrong pair one hidden person per wrong pair share.
 * - a synthetic population ingested end to end (profiles against true people): the share of
 *   profiles that are surplus copies, (profiles − people + hidden) / profiles, and the share of
 *   profiles holding two people or more. This is the direct measure; the pairwise one alone
 *   under-states it when people have many mentions (splitting one mention off a person of ten
 *   misses 9 of 45 pairs but adds a whole profile).
 * Each share is taken at its 95 % Wilson upper bound and the larger of the two evaluations wins,
 * so the interval is wide where the evidence is thin rather than falsely narrow.
 */

export interface SupplyErrorRates {
  /** Upper bound of the share of profiles that are surplus copies of a person. */
  duplicateShare: number;
  /** Upper bound of people hidden in wrongly merged profiles, per profile. */
  hiddenShare: number;
  /** The measures behind them, for the UI's explanation. */
  pairwise: { precision: number; recall: number; source: string; split: string };
  profiles: { profiles: number; people: number; source: string };
}

export interface SupplyInterval {
  supply: number;
  supplyLow: number;
  supplyHigh: number;
}

const Z95 = 1.959964;

/** Upper end of the 95 % Wilson score interval of `hits` out of `n` (0 when n is 0). */
export function wilsonUpper(hits: number, n: number): number {
  if (n === 0) return 0;
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * n);
  const spread = Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.min(1, (centre + spread) / (1 + z2 / n));
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

export function supplyErrorRatesOf(quality: ResolutionQuality): SupplyErrorRates {
  const pw = quality.pairwise;
  const pr = quality.profiles;
  const missedPairs = pw.actual - pw.truePositives;
  const wrongPairs = pw.predicted - pw.truePositives;
  // Identity: people = profiles − surplus copies + people hidden in merges, so the surplus copies
  // are profiles − people + hidden; a false-merge profile hides at least one person.
  const hidden = pr.falseMergeProfiles;
  const surplus = Math.max(0, pr.profiles - pr.people + hidden);
  return {
    duplicateShare: round4(Math.max(wilsonUpper(missedPairs, pw.actual), wilsonUpper(surplus, pr.profiles))),
    hiddenShare: round4(Math.max(wilsonUpper(wrongPairs, pw.predicted), wilsonUpper(hidden, pr.profiles))),
    pairwise: {
      precision: round4(pw.predicted === 0 ? 1 : pw.truePositives / pw.predicted),
      recall: round4(pw.actual === 0 ? 1 : pw.truePositives / pw.actual),
      source: pw.source,
      split: pw.split,
    },
    profiles: { profiles: pr.profiles, people: pr.people, source: pr.source },
  };
}

/**
 * The people a count of profiles stands for, rounded to whole people. The ends bracket the count
 * itself, and one profile or more is at least one person whatever its duplicates.
 */
export function supplyInterval(supply: number, rates: SupplyErrorRates): SupplyInterval {
  return {
    supply,
    supplyLow: Math.min(
      supply,
      Math.max(Math.min(supply, 1), Math.round(supply * (1 - rates.duplicateShare))),
    ),
    supplyHigh: Math.max(supply, Math.round(supply * (1 + rates.hiddenShare))),
  };
}
