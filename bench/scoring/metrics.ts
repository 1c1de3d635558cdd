/**
 * The scoring bench's figures, as pure functions of labelled outcomes: the separation AUC, the
 * tier confusion table, and the per-set report with its targets.
 */
import { TIERS, type Tier } from '../../processors/model/profile.js';
import { isBusinessOrBoard, isTalent, labelKey, tierInBand, type ScoringLabel } from './labels.js';

/** What the index holds for one labelled person (absent: the person was not found in any profile). */
export interface ScoredPerson {
  label: ScoringLabel;
  profile?: { id: string; scores: Record<string, number>; tier: Tier; priorityScore: number };
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting half (the Mann–Whitney U statistic over |pos|·|neg|). NaN when a side is empty.
 */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

export interface TierConfusion {
  /** Expected band → predicted tier → people. */
  table: Record<string, Record<Tier, number>>;
  withinBand: number;
  /** Predicted better than the band allows (tier A where C–D was expected). */
  aboveBand: number;
  belowBand: number;
}

export function tierConfusion(rows: ReadonlyArray<{ band: string; tier: Tier }>): TierConfusion {
  const table: Record<string, Record<Tier, number>> = {};
  let withinBand = 0;
  let aboveBand = 0;
  for (const { band, tier } of rows) {
    const row = (table[band] ??= Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>);
    row[tier]++;
    if (tierInBand(tier, band)) withinBand++;
    else if (TIERS.indexOf(tier) < TIERS.indexOf(band[0] as Tier)) aboveBand++;
  }
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
  return { table: sorted, withinBand, aboveBand, belowBand: rows.length - withinBand - aboveBand };
}

export const TARGETS = {
  businessScoredShare: { max: 0.05, threshold: 30 },
  topIndustryPrecision: { min: 0.9 },
  talentRecall: { min: 0.85, threshold: 20 },
  separationAuc: { min: 0.9 },
} as const;

export interface Miss {
  key: string;
  kind: 'not-found' | 'business-scored' | 'wrong-top-industry' | 'talent-below-20' | 'tier-outside-band';
  detail: string;
}

/** A figure beside its target, with the counts behind it. */
export interface Figure {
  value: number;
  /**
   * 95 % interval: Wilson's for a share, Hanley and McNeil's for the AUC. With a few dozen people
   * per set a change inside it is not a measured change.
   */
  interval: [number, number];
  target: string;
  met: boolean;
  of: number;
}

const Z95 = 1.959964;

/** Wilson score interval of a share `hits / n` (stays inside [0, 1], sensible at 0 and n). */
export function wilsonInterval(hits: number, n: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/** Hanley & McNeil (1982) standard error of an AUC from the two group sizes, as a 95 % interval. */
export function aucInterval(value: number, positives: number, negatives: number): [number, number] {
  if (!Number.isFinite(value) || positives === 0 || negatives === 0) return [Number.NaN, Number.NaN];
  const q1 = value / (2 - value);
  const q2 = (2 * value * value) / (1 + value);
  const variance =
    (value * (1 - value) + (positives - 1) * (q1 - value * value) + (negatives - 1) * (q2 - value * value)) /
    (positives * negatives);
  const half = Z95 * Math.sqrt(Math.max(0, variance));
  return [round(Math.max(0, value - half)), round(Math.min(1, value + half))];
}

export interface SetReport {
  people: number;
  found: number;
  talent: number;
  businessOrBoard: number;
  businessScoredShare: Figure;
  /** Academics outside STEM with any industry score ≥ 30: no target, read beside the business share. */
  nonStemAcademicScoredShare: Figure;
  topIndustryPrecision: Figure;
  talentRecallAt20: Figure;
  separationAuc: Figure;
  tiers: TierConfusion & { withinBandShare: number };
  misses: Miss[];
}

const round = (x: number): number => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);

function figure(hits: number, of: number, target: string, met: (v: number) => boolean): Figure {
  const value = of === 0 ? Number.NaN : round(hits / of);
  return { value, interval: wilsonInterval(hits, of), target, met: of > 0 && met(value), of };
}

function best(scores: Record<string, number>): [industry: string | undefined, score: number] {
  let top: string | undefined;
  let max = 0;
  for (const [industry, score] of Object.entries(scores)) if (score > max) [top, max] = [industry, score];
  return [top, max];
}

const show = (scores: Record<string, number>): string =>
  Object.entries(scores)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([i, s]) => `${i} ${s}`)
    .join(', ') || 'no industry';

/**
 * The figures of one labelled set. People not found count against every figure they enter: a
 * labelled talent not found is a recall miss, a business person not found is not counted as scored.
 */
export function evaluateSet(people: readonly ScoredPerson[]): SetReport {
  const misses: Miss[] = [];
  const miss = (p: ScoredPerson, kind: Miss['kind'], detail: string): void =>
    void misses.push({ key: labelKey(p.label), kind, detail });
  const found = people.filter((p) => p.profile !== undefined);
  for (const p of people) if (!p.profile) miss(p, 'not-found', 'no profile holds this person');

  const { scoredHigh: businessHigh, business } = ((): { scoredHigh: number; business: number } => {
    const group = people.filter((p) => isBusinessOrBoard(p.label));
    let scoredHigh = 0;
    for (const p of group) {
      if (!p.profile) continue;
      const [industry, score] = best(p.profile.scores);
      if (score >= TARGETS.businessScoredShare.threshold) {
        scoredHigh++;
        miss(p, 'business-scored', `${p.label.function}: ${industry ?? ''} ${score}`);
      }
    }
    return { scoredHigh, business: group.length };
  })();

  const nonStem = people.filter((p) => p.label.function === 'academic-non-stem');
  const nonStemScored = nonStem.filter(
    (p) => p.profile !== undefined && best(p.profile.scores)[1] >= TARGETS.businessScoredShare.threshold,
  ).length;

  const talent = people.filter((p) => isTalent(p.label));
  let rightTop = 0;
  let withTop = 0;
  let recalled = 0;
  for (const p of talent) {
    if (!p.profile) continue;
    const [top] = best(p.profile.scores);
    if (top !== undefined) {
      withTop++;
      if (p.label.industries.includes(top)) rightTop++;
      else
        miss(
          p,
          'wrong-top-industry',
          `labelled ${p.label.industries.join('/')}; scored ${show(p.profile.scores)}`,
        );
    }
    const labelledBest = Math.max(...p.label.industries.map((i) => p.profile?.scores[i] ?? 0));
    if (labelledBest >= TARGETS.talentRecall.threshold) recalled++;
    else
      miss(
        p,
        'talent-below-20',
        `labelled ${p.label.industries.join('/')}; scored ${show(p.profile.scores)}`,
      );
  }

  const priority = (p: ScoredPerson): number => p.profile?.priorityScore ?? 0;
  const talentScores = found.filter((p) => isTalent(p.label)).map(priority);
  const otherScores = found.filter((p) => !isTalent(p.label)).map(priority);
  const separation = round(auc(talentScores, otherScores));

  const tierRows = found.map((p) => ({ band: p.label.tier, tier: (p.profile as { tier: Tier }).tier }));
  for (const p of found)
    if (p.profile && !tierInBand(p.profile.tier, p.label.tier))
      miss(p, 'tier-outside-band', `expected ${p.label.tier}, got ${p.profile.tier}`);
  const tiers = tierConfusion(tierRows);

  return {
    people: people.length,
    found: found.length,
    talent: talent.length,
    businessOrBoard: business,
    businessScoredShare: figure(
      businessHigh,
      business,
      '≤ 0.05',
      (v) => v <= TARGETS.businessScoredShare.max,
    ),
    nonStemAcademicScoredShare: figure(nonStemScored, nonStem.length, 'none', () => true),
    topIndustryPrecision: figure(rightTop, withTop, '≥ 0.9', (v) => v >= TARGETS.topIndustryPrecision.min),
    talentRecallAt20: figure(recalled, talent.length, '≥ 0.85', (v) => v >= TARGETS.talentRecall.min),
    separationAuc: {
      value: separation,
      interval: aucInterval(separation, talentScores.length, otherScores.length),
      target: '≥ 0.9',
      met: separation >= TARGETS.separationAuc.min,
      of: talentScores.length + otherScores.length,
    },
    tiers: { ...tiers, withinBandShare: round(tiers.withinBand / Math.max(1, tierRows.length)) },
    misses: misses.sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key)),
  };
}
