import type { ZhRange } from './zh-text-index.js';

const pad = (n: string | undefined): string | undefined => (n === undefined ? undefined : n.padStart(2, '0'));

/** 2004 / 2004-03 / 2004-03-09 from the numbers as written. */
export function ymd(year: string, month?: string, day?: string): string {
  const m = pad(month);
  const d = pad(day);
  return m === undefined ? year : d === undefined ? `${year}-${m}` : `${year}-${m}-${d}`;
}

const CURRENT_CUE = /现任|现为|现担任|现在|目前|至今|—今|-今|至现在/g;
const PAST_CUE = /曾任|曾|历任|原任|原|先后|前任|期间/g;
const RANGE =
  /(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月)?|[.](\d{1,2}))?\s*(?:至|到|[-—－~～]+)\s*(?:(今|至今|现在)|(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月)?|[.](\d{1,2}))?)/g;
const SINCE = /(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?\s*(?:起|开始|加入|进入|以来)/g;
const CUES = [CURRENT_CUE, PAST_CUE, RANGE, SINCE] as const;

/** Dates and tense of a post, from the cues written before its organization in the sentence. */
export interface ZhTense {
  startDate?: string;
  endDate?: string;
  current?: boolean;
}

/** The last of `matches` (ascending, non-overlapping) that ends by `at`, and whether the next straddles it. */
function lastBy(matches: RegExpMatchArray[], at: number): { last?: RegExpMatchArray; straddles: boolean } {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = matches[mid];
    if (m !== undefined && (m.index ?? 0) + m[0].length <= at) lo = mid + 1;
    else hi = mid;
  }
  const next = matches[lo];
  return { last: matches[lo - 1], straddles: next !== undefined && (next.index ?? 0) < at };
}

function tenseFrom(
  current: RegExpMatchArray | undefined,
  past: RegExpMatchArray | undefined,
  range: RegExpMatchArray | undefined,
  since: RegExpMatchArray | undefined,
): ZhTense {
  const out: ZhTense = {};
  const lastCurrent = current?.index ?? -1;
  const lastPast = past?.index ?? -1;
  if (range?.[1] !== undefined) {
    out.startDate = ymd(range[1], range[2] ?? range[3]);
    if (range[5] !== undefined) out.endDate = ymd(range[5], range[6] ?? range[7]);
  } else if (since?.[1] !== undefined) out.startDate = ymd(since[1], since[2]);
  if (range?.[4] !== undefined || lastCurrent > lastPast) out.current = true;
  else if (out.endDate !== undefined || lastPast >= 0) out.current = false;
  return out;
}

/**
 * Reads tense cues for the posts of a text. The cues of a sentence are found once and each post
 * takes the last ones before its organization: scanning the sentence again for every post made a
 * long unpunctuated text quadratic. A cue that runs across the organization's start (rare: an
 * organization that begins like a date) is read from the text before it alone, as before.
 */
export function tenseReader(text: string): (sentence: ZhRange, orgStart: number) => ZhTense {
  const cache = new Map<number, RegExpMatchArray[][]>();
  return (sentence, orgStart) => {
    let found = cache.get(sentence.start);
    if (found === undefined) {
      const body = text.slice(sentence.start, sentence.end);
      found = CUES.map((re) => [...body.matchAll(re)]);
      cache.set(sentence.start, found);
    }
    const at = orgStart - sentence.start;
    const hits = found.map((list) => lastBy(list, at));
    if (hits.some((h) => h.straddles)) {
      const before = text.slice(sentence.start, orgStart);
      const [c, p, r, s] = CUES.map((re) => [...before.matchAll(re)].at(-1));
      return tenseFrom(c, p, r, s);
    }
    const [c, p, r, s] = hits.map((h) => h.last);
    return tenseFrom(c, p, r, s);
  };
}
