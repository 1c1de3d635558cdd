/**
 * Clustering quality against a truth: pairwise precision / recall / F1 (over all pairs of
 * mentions) and B-cubed (per mention, averaged). Both are computed from the same two labelings:
 * `predicted[i]` and `truth[i]` are the cluster and the person of mention i.
 */

export interface PairCounts {
  /** Pairs in one predicted cluster and one true person. */
  truePositives: number;
  /** Pairs in one predicted cluster. */
  predicted: number;
  /** Pairs of one true person. */
  actual: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function scoresOf(c: PairCounts): Scores & PairCounts {
  const precision = c.predicted === 0 ? 1 : c.truePositives / c.predicted;
  const recall = c.actual === 0 ? 1 : c.truePositives / c.actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), ...c };
}

const pairs = (k: number): number => (k * (k - 1)) / 2;

function countBy(labels: readonly string[], indices: readonly number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of indices) {
    const l = labels[i] as string;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return counts;
}

/** Pairwise counts over the mentions in `subset` (all when omitted), in O(n). */
export function pairCounts(
  predicted: readonly string[],
  truth: readonly string[],
  subset?: readonly number[],
): PairCounts {
  const indices = subset ?? predicted.map((_, i) => i);
  const joint = indices.map((i) => `${predicted[i]}\u0000${truth[i]}`);
  let truePositives = 0;
  let predictedPairs = 0;
  let actual = 0;
  for (const k of countBy(
    joint,
    joint.map((_, i) => i),
  ).values())
    truePositives += pairs(k);
  for (const k of countBy(predicted, indices).values()) predictedPairs += pairs(k);
  for (const k of countBy(truth, indices).values()) actual += pairs(k);
  return { truePositives, predicted: predictedPairs, actual };
}

/**
 * Pairwise counts per pair class: every pair of mentions is assigned one class by `classOf(i, j)`
 * (quadratic in the number of mentions: meant for evaluation sets of a few thousand).
 */
export function pairCountsByClass(
  predicted: readonly string[],
  truth: readonly string[],
  classOf: (i: number, j: number) => string,
  subset?: readonly number[],
): Map<string, PairCounts> {
  const indices = subset ?? predicted.map((_, i) => i);
  const out = new Map<string, PairCounts>();
  // Only pairs in one predicted cluster or one true person count; group by each to avoid n².
  const visit = (groups: Map<string, number[]>, field: 'predicted' | 'actual'): void => {
    for (const members of groups.values())
      for (let x = 0; x < members.length; x++)
        for (let y = x + 1; y < members.length; y++) {
          const i = members[x] as number;
          const j = members[y] as number;
          const cls = classOf(i, j);
          let c = out.get(cls);
          if (c === undefined) {
            c = { truePositives: 0, predicted: 0, actual: 0 };
            out.set(cls, c);
          }
          c[field]++;
          if (field === 'predicted' && truth[i] === truth[j]) c.truePositives++;
        }
  };
  const group = (labels: readonly string[]): Map<string, number[]> => {
    const g = new Map<string, number[]>();
    for (const i of indices) {
      const l = labels[i] as string;
      const list = g.get(l);
      if (list) list.push(i);
      else g.set(l, [i]);
    }
    return g;
  };
  visit(group(predicted), 'predicted');
  visit(group(truth), 'actual');
  return out;
}

/** B-cubed precision, recall and F1 over the mentions in `subset`. */
export function bcubed(
  predicted: readonly string[],
  truth: readonly string[],
  subset?: readonly number[],
): Scores {
  const indices = subset ?? predicted.map((_, i) => i);
  if (indices.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const joint = countBy(
    indices.map((i) => `${predicted[i]}\u0000${truth[i]}`),
    indices.map((_, k) => k),
  );
  const byPredicted = countBy(predicted, indices);
  const byTruth = countBy(truth, indices);
  let p = 0;
  let r = 0;
  for (const i of indices) {
    const both = joint.get(`${predicted[i]}\u0000${truth[i]}`) as number;
    p += both / (byPredicted.get(predicted[i] as string) as number);
    r += both / (byTruth.get(truth[i] as string) as number);
  }
  const precision = p / indices.length;
  const recall = r / indices.length;
  return {
    precision: round(precision),
    recall: round(recall),
    f1: round((2 * precision * recall) / (precision + recall)),
  };
}

/** The value at quantile q (0–1) of an ascending list (0 when empty). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}
