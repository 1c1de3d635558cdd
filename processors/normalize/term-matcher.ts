import { foldLatin, hasHan } from './fold.js';

const MAX_WORDS_PER_TERM = 5;

/**
 * Finds which of many terms occur in a text: Latin-script terms as whole words (case and accents
 * folded, so "Lasers" ≠ "laser" but "LiDAR" = "lidar"), Han terms as substrings (Chinese has no
 * spaces). Latin lookup is one hash probe per word n-gram, so cost grows with the text, not with
 * the size of the vocabulary.
 */
export class TermMatcher<T> {
  private readonly latin = new Map<string, T[]>();
  private readonly han: Array<[string, T]> = [];
  /** Every proper word-prefix of a multi-word term ("machine" for "machine learning"): n-grams grow only along these. */
  private readonly prefixes = new Set<string>();

  constructor(entries: Iterable<readonly [term: string, value: T]>) {
    for (const [term, value] of entries) {
      if (hasHan(term)) {
        this.han.push([term, value]);
        continue;
      }
      const key = foldLatin(term);
      if (key === '' || key.split(' ').length > MAX_WORDS_PER_TERM) continue;
      const words = key.split(' ');
      for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
      const list = this.latin.get(key);
      if (list) list.push(value);
      else this.latin.set(key, [value]);
    }
    // Longer Han terms first, so callers that stop at the first hit get the most specific one.
    this.han.sort((a, b) => b[0].length - a[0].length);
  }

  /** Every (term, value) found in the text, each term once. */
  matches(text: string): Array<{ term: string; value: T }> {
    const found: Array<{ term: string; value: T }> = [];
    const seen = new Set<string>();
    if (this.latin.size > 0) {
      const words = foldLatin(text).split(' ');
      // Leftmost-longest: "materials science" is one term, not also "materials" and "science".
      let coveredUntil = 0;
      for (let i = 0; i < words.length; i++) {
        let gram = '';
        let longest: { gram: string; end: number; values: T[] } | undefined;
        for (let n = 0; n < MAX_WORDS_PER_TERM && i + n < words.length; n++) {
          gram = n === 0 ? (words[i] as string) : `${gram} ${words[i + n] as string}`;
          const values = this.latin.get(gram);
          if (values !== undefined) longest = { gram, end: i + n + 1, values };
          if (!this.prefixes.has(gram)) break;
        }
        if (longest === undefined || longest.end <= coveredUntil) continue;
        coveredUntil = longest.end;
        if (seen.has(longest.gram)) continue;
        seen.add(longest.gram);
        for (const value of longest.values) found.push({ term: longest.gram, value });
      }
    }
    if (this.han.length > 0 && hasHan(text)) {
      for (const [term, value] of this.han) {
        if (!seen.has(term) && text.includes(term)) {
          seen.add(term);
          found.push({ term, value });
        }
      }
    }
    return found;
  }
}
