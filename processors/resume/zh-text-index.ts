/** [start, end) offsets into a text. */
export interface ZhRange {
  start: number;
  end: number;
}

/** Positions of the characters of `text` that match `stop` (a one-character class), ascending. */
function positionsOf(text: string, stop: RegExp): number[] {
  const out: number[] = [];
  const re = new RegExp(stop.source, 'g');
  for (const m of text.matchAll(re)) out.push(m.index);
  return out;
}

/** Index of the first element of the ascending `sorted` that is ≥ `value` (sorted.length if none). */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sentence, clause and line lookups for one text. The extractor asks for the sentence or clause
 * around every entity; walking the characters each time made long documents quadratic, so the
 * stop positions are collected once and each lookup is a binary search.
 */
export interface ZhTextIndex {
  /** The sentence (up to 。；; or a line end) around an offset. */
  sentenceOf(at: number): ZhRange;
  /** The clause (up to ，、 too) around an offset. */
  clauseOf(at: number): ZhRange;
  /** 1-based line number of an offset. */
  lineOf(at: number): number;
}

/** Characters that end a sentence and a clause for the field rules (not the entity rules). */
const SENTENCE_STOP = /[。；;\n]/;
const CLAUSE_STOP = /[，,。；;、\n]/;

export function indexText(text: string): ZhTextIndex {
  const sentenceStops = positionsOf(text, SENTENCE_STOP);
  const clauseStops = positionsOf(text, CLAUSE_STOP);
  const newlines = positionsOf(text, /\n/);
  // Same result as walking left and right from `at` to the nearest stops: the range starts after
  // the last stop before `at` and ends at the first stop at or after it.
  const around = (stops: readonly number[], at: number): ZhRange => {
    const i = lowerBound(stops, at);
    const prev = i > 0 ? stops[i - 1] : undefined;
    return { start: prev === undefined ? 0 : prev + 1, end: stops[i] ?? text.length };
  };
  return {
    sentenceOf: (at) => around(sentenceStops, at),
    clauseOf: (at) => around(clauseStops, at),
    lineOf: (at) => lowerBound(newlines, Math.min(at, text.length)) + 1,
  };
}

/**
 * Entities (sorted by start, as the extractor returns them) that lie inside [from, to], in order.
 * The slice is found by binary search, so a lookup costs the size of the range, not of the text.
 */
export function entitiesWithin<E extends ZhRange>(
  sorted: readonly E[],
  starts: readonly number[],
  from: number,
  to: number,
): E[] {
  const out: E[] = [];
  for (let i = lowerBound(starts, from); i < sorted.length; i++) {
    const e = sorted[i];
    if (e === undefined || e.start > to) break;
    if (e.end <= to) out.push(e);
  }
  return out;
}
