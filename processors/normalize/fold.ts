// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included, is the point
const ASCII = /^[\x00-\x7f]*$/;
const NON_ALNUM_ASCII = /[^a-z0-9]+/g;

/** Lower-case, strip diacritics (é → e, ü → u) and collapse non-alphanumerics to single spaces. */
export function foldLatin(text: string): string {
  // Fast path for plain ASCII, by far the most common input: no Unicode decomposition needed.
  if (ASCII.test(text)) return text.toLowerCase().replace(NON_ALNUM_ASCII, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** True when every letter is Han (spaces and the middle dot of transliterated names allowed). */
export function isHanName(text: string): boolean {
  const compact = text.replace(/[\s·・•]/g, '');
  return compact.length > 0 && [...compact].every((ch) => HAN.test(ch));
}

/** `MUSK` → `Musk`, `mcdonald` → `McDonald`, `o'brien` → `O'Brien`, `jean-luc` → `Jean-Luc`. */
export function titleCaseWord(word: string): string {
  const lower = word.toLowerCase();
  const cased = lower.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  if (/^mc\p{L}/u.test(lower)) return `Mc${cased.charAt(2).toUpperCase()}${cased.slice(3)}`;
  return cased;
}

/** True when a string has letters and none of them is lower-case (SEC and USPTO write names in capitals). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
