/**
 * Substring search without server-side n-grams. The embedded index matches every term of three
 * characters or more as a substring (FTS5 `trigram`, diacritics removed): `laser` finds "Lasers",
 * 教授 finds 副教授 — a choice measured on Chinese recall (indexer/embedded/schema.ts). Elasticsearch's
 * ngram tokenizer lives in the analysis-common module, which minimal distributions lack, so the
 * trigrams are made here: each text value is indexed a second time as its sequence of overlapping
 * three-character grams, one whitespace-separated token each, into a `whitespace`-analyzed field
 * (core). A term's grams as a phrase query (consecutive positions) then match exactly where the
 * term is a substring of a value — the embedded index's semantics, on any distribution.
 */

/** Stands for a space inside a gram, which would otherwise split it ('r l' of "fiber laser"). */
const SPACE = '\u2581';
/**
 * What the whitespace tokenizer (Java `Character.isWhitespace`) would split on: JavaScript's `\s`
 * plus the information separators U+001C–U+001F.
 */
// eslint-disable-next-line no-control-regex -- the separators are exactly what must be matched
const SPLITS = /[\s\u001c-\u001f]/gu;
const LATIN_DIACRITICS = /[\u0300-\u036f]/gu;

/** Latin diacritics removed (José → jose), as FTS5's `remove_diacritics`; other scripts untouched. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(LATIN_DIACRITICS, '').normalize('NFC');
}

/** Overlapping three-character grams of an already folded text, as tokens; '' under three characters. */
export function trigramTokens(text: string): string {
  const chars = [...text.replace(SPLITS, SPACE)];
  const grams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
  return grams.join(' ');
}

/** Terms this long or longer are matched as substrings through the grams. */
export const TRIGRAM_MIN = 3;
