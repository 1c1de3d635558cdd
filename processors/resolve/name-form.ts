import { PARTICLES as NAME_PARTICLES } from '../normalize/person-name.js';
import type { RawName } from '../model/mention.js';
import { compoundSurnames } from '../normalize/chinese-surnames.js';
import { foldLatin, isHanName } from '../normalize/fold.js';
import { koreanHanjaParts, normalizePersonName, type NormalizedName } from '../normalize/person-name.js';
import { toSimplified } from './han-variants.js';
import { formalGiven } from './nicknames.js';
import { hanPinyin, isPinyinWord, plainPinyin, surnamePinyin } from './pinyin.js';

/** A Chinese reading of a name in toneless pinyin, family name apart (`zhang` + `jianhua`). */
export interface PinyinReading {
  family: string;
  given: string;
}

/**
 * One written form of a person's name, reduced to what comparison and blocking need. Built once
 * per mention; plain data, so it can be stored or sent with the mention.
 */
export interface NameForm {
  /** The name as written (trimmed), for reasons and diagnostics. */
  text: string;
  script: 'han' | 'latin';
  /**
   * Family-name key. Latin: folded, particles and hyphens joined, German umlaut spellings folded
   * (`Del Grosso` → `delgrosso`, `Müller`/`Mueller` → `muller`). Han: the family name's pinyin.
   */
  family: string;
  /** The last part of a hyphenated family name (`jones` of Smith-Jones): sources drop the first. */
  familyTail?: string;
  /** Folded given-name tokens in order; initials are one letter (`['katherine', 'l']`). */
  given: string[];
  /** Generational suffix, folded (`jr`, `iii`). */
  suffix?: string;
  /** Han names: the characters in simplified form, family name first. */
  han?: string;
  /** Possible Chinese readings; empty for names that cannot be pinyin. */
  readings: PinyinReading[];
}

// The normalizer's particles, plus a few more that patents write in front of family names.
const PARTICLES: ReadonlySet<string> = new Set([...NAME_PARTICLES, 'ter', 'ten', 'st']);
const SUFFIX_FOLD: Readonly<Record<string, string>> = { sr: 'sr', jr: 'jr', ii: 'ii', iii: 'iii', iv: 'iv' };

/** `mueller` → `muller`, `schroeder` → `schroder`: German umlauts written out, as patents often do. */
function foldUmlautSpelling(family: string): string {
  // Pinyin has its own `ue` (Yue, Xue, Jue): those are not umlauts.
  return isPinyinWord(plainPinyin(family)) ? family : family.replace(/([^aeiou])(a|o|u)e/g, '$1$2');
}

function hanForm(text: string): NameForm {
  const name = toSimplified(text.replace(/[\s·・•]/g, ''));
  const familyLength = compoundSurnames.includes(name.slice(0, 2)) && name.length > 2 ? 2 : 1;
  const reading = hanPinyin(name, familyLength);
  return {
    text,
    script: 'han',
    family: reading.family,
    given: reading.given === '' ? [] : [reading.given],
    han: name,
    readings: [reading],
  };
}

/**
 * A Japanese name in Japanese script ("福永 悟大", family first): compared by its characters, never
 * by pinyin (the same kanji name in Mandarin readings would meet unrelated Chinese names).
 */
function japaneseForm(text: string, korean = false): NameForm {
  const [family = '', ...given] = text.split(' ');
  const compact = text.replace(/ /g, '');
  const parts = korean && given.length === 0 ? koreanHanjaParts(compact) : undefined;
  if (parts !== undefined)
    return { text, script: 'han', family: parts.family, given: [parts.given], han: compact, readings: [] };
  return given.length === 0
    ? { text, script: 'han', family: compact, given: [], han: compact, readings: [] }
    : { text, script: 'han', family, given: [given.join('')], han: compact, readings: [] };
}

/**
 * Chinese readings of a Latin name. Sources in English write Chinese names given-first or
 * surname-first, with or without spaces and hyphens in the given name ("Jianhua Zhang", "ZHANG
 * Jian-Hua", "Jian Hua Zhang"), so both ends are tried as the family name when that end is a
 * Chinese surname and every other full token is pinyin. Initials are ignored here.
 */
function pinyinReadings(tokens: readonly string[]): PinyinReading[] {
  const words = tokens.filter((t) => t.length > 1).map(plainPinyin);
  if (words.length < 2 || words.length > 4 || !words.every(isPinyinWord)) return [];
  const readings: PinyinReading[] = [];
  const last = words[words.length - 1] as string;
  const first = words[0] as string;
  if (surnamePinyin.has(last)) readings.push({ family: last, given: words.slice(0, -1).join('') });
  if (surnamePinyin.has(first)) {
    const reading = { family: first, given: words.slice(1).join('') };
    if (!readings.some((r) => r.family === reading.family && r.given === reading.given))
      readings.push(reading);
  }
  return readings;
}

/**
 * A trailing "degree" that is really a Chinese surname: the name normalizer reads "Jian Li Meng"
 * as Jian Li, M.Eng., and "ZHANG WEI MA" as Zhang Wei, M.A. Written without periods or inner
 * capitals, after a name that reads as pinyin, it is the family name.
 */
function surnameTakenForDegree(normalized: NormalizedName, tokens: readonly string[]): string | undefined {
  const last = normalized.degrees[normalized.degrees.length - 1];
  if (last === undefined || !/^(?:[A-Z][a-z]+|[A-Z]+)$/.test(last)) return undefined;
  const folded = last.toLowerCase();
  if (!surnamePinyin.has(folded)) return undefined;
  return tokens.length > 0 && tokens.every((t) => t.length === 1 || isPinyinWord(plainPinyin(t)))
    ? folded
    : undefined;
}

function latinForm(raw: RawName): NameForm | undefined {
  const normalized = normalizePersonName(raw);
  const text = raw.full.replace(/\s+/g, ' ').trim();
  let given = normalized.given === undefined ? [] : foldLatin(normalized.given).split(' ').filter(Boolean);
  let familyRaw =
    normalized.family === undefined ? [] : foldLatin(normalized.family).split(' ').filter(Boolean);
  const recovered = surnameTakenForDegree(normalized, [...given, ...familyRaw]);
  if (recovered !== undefined) {
    given = [...given, ...familyRaw];
    familyRaw = [recovered];
  }
  if (familyRaw.length === 0) {
    // One-word name: it is the family key; nothing else to compare.
    if (given.length === 0) return undefined;
    return { text, script: 'latin', family: given.join(''), given: [], readings: [] };
  }
  // Readings first: pinyin syllables (de, da, di, la, le, du, bin) are not particles.
  let readings = pinyinReadings([...given, ...familyRaw]);
  // A source with separate family and given fields (USPTO last-name / first-name) says which is
  // the family name: "Wei Yang" there is 杨 Yang, never 魏 Wei. Fields swapped by the filer (no
  // reading with that family) keep both readings.
  if (raw.family !== undefined && raw.given !== undefined) {
    const family = plainPinyin(foldLatin(raw.family).replace(/[\s-]/g, ''));
    if (readings.some((r) => r.family === family)) readings = readings.filter((r) => r.family === family);
  }
  const familyParts = [...familyRaw];
  // Particles before the family name belong to it ("Douglas G. Del Grosso").
  if (readings.length === 0)
    while (given.length > 1 && PARTICLES.has(given[given.length - 1] as string))
      familyParts.unshift(given.pop() as string);
  const core = familyParts.filter((p) => !PARTICLES.has(p) || familyParts.length === 1);
  const form: NameForm = {
    text,
    script: 'latin',
    family: foldUmlautSpelling(core.join('')),
    given,
    readings,
  };
  if (core.length > 1) form.familyTail = foldUmlautSpelling(core[core.length - 1] as string);
  const suffix = normalized.suffixes[0];
  if (suffix !== undefined) {
    const folded = SUFFIX_FOLD[foldLatin(suffix)];
    if (folded !== undefined) form.suffix = folded;
  }
  return form;
}

/** The form of one written name; undefined when nothing name-like is left (empty, digits only). */
export function nameForm(raw: RawName): NameForm | undefined {
  const full = raw.full.replace(/\s+/g, ' ').trim();
  if (full === '') return undefined;
  if ((raw.lang === 'ja' || raw.lang === 'ko') && !/[A-Za-z]/.test(full))
    return japaneseForm(full, raw.lang === 'ko');
  if (isHanName(full)) return hanForm(full);
  return latinForm({ ...raw, full });
}

/** The forms of a mention's name: the name itself, then the other forms the source gives (a Han name beside a Latin one). */
export function nameForms(name: RawName, otherNames: readonly string[] = []): NameForm[] {
  const forms: NameForm[] = [];
  const seen = new Set<string>();
  for (const raw of [name, ...otherNames.map((full): RawName => ({ full }))]) {
    const form = nameForm(raw);
    if (form === undefined) continue;
    const key = formKey(form);
    if (seen.has(key)) continue;
    seen.add(key);
    forms.push(form);
  }
  return forms;
}

/** Identity of a form for de-duplication: same key, same comparisons. */
export function formKey(form: NameForm): string {
  return `${form.script}|${form.han ?? ''}|${form.family}|${form.given.join(' ')}|${form.suffix ?? ''}`;
}

export type NameMatchLevel =
  'han' | 'exact' | 'full' | 'pinyin' | 'script' | 'nickname' | 'initial' | 'family-only' | 'incompatible';

export interface NameMatch {
  level: NameMatchLevel;
  /** What the agreement adds to a pair's score (see `NAME_WEIGHTS`); 0 for `incompatible`. */
  weight: number;
  /** Readable reason: "same Han name", "middle initial differs". */
  reason: string;
}

/** Score contribution of each level: how much a name agreement of that kind says by itself. */
const NAME_WEIGHTS: Readonly<Record<NameMatchLevel, number>> = {
  han: 2,
  exact: 2,
  full: 1.5,
  pinyin: 1.5,
  script: 1,
  nickname: 1,
  initial: 0.5,
  'family-only': 0,
  incompatible: 0,
};

function match(level: NameMatchLevel, reason: string): NameMatch {
  return { level, weight: NAME_WEIGHTS[level], reason };
}

const isInitial = (t: string): boolean => t.length === 1;

function familiesAgree(a: NameForm, b: NameForm): boolean {
  return (
    a.family === b.family ||
    (a.familyTail !== undefined && a.familyTail === b.family) ||
    (b.familyTail !== undefined && b.familyTail === a.family)
  );
}

/** First given names: equal, nickname of one another, or an initial that fits. */
function compareFirst(x: string, y: string): NameMatchLevel {
  if (x === y) return isInitial(x) ? 'initial' : 'exact';
  if (isInitial(x) || isInitial(y)) {
    const [initial, full] = isInitial(x) ? [x, y] : [y, x];
    return full.startsWith(initial) || formalGiven(full).startsWith(initial) ? 'initial' : 'incompatible';
  }
  return formalGiven(x) === formalGiven(y) ? 'nickname' : 'incompatible';
}

/** Latin given names, first name then middle names. */
function compareGiven(a: readonly string[], b: readonly string[]): NameMatch {
  if (a.length === 0 || b.length === 0) return match('family-only', 'family name only');
  const fullA = a.filter((t) => !isInitial(t));
  const fullB = b.filter((t) => !isInitial(t));
  // "Mary Alice" / "MaryAlice", "Jen-Hsun" / "Jenhsun": the same letters split differently.
  if (fullA.length === a.length && fullB.length === b.length && fullA.join('') === fullB.join(''))
    return a.length === b.length
      ? match('exact', 'same given names')
      : match('full', 'same given names, split differently');
  const first = compareFirst(a[0] as string, b[0] as string);
  if (first === 'incompatible') return match('incompatible', `different given names (${a[0]} / ${b[0]})`);
  const middleA = a.slice(1);
  const middleB = b.slice(1);
  if (middleA.length > 0 && middleB.length > 0) {
    const x = middleA[0] as string;
    const y = middleB[0] as string;
    const agree = isInitial(x) || isInitial(y) ? x.charAt(0) === y.charAt(0) : x === y;
    if (!agree) return match('incompatible', `different middle names (${x} / ${y})`);
  }
  if (first === 'exact') {
    if (middleA.length > 0 && middleB.length > 0) return match('exact', 'same given and middle names');
    if (middleA.length === 0 && middleB.length === 0) return match('exact', 'same given names');
    return match('full', 'same first name, middle name on one side only');
  }
  if (first === 'nickname') return match('nickname', `nickname (${a[0]} / ${b[0]})`);
  return match('initial', 'initials agree');
}

function readingsMeet(a: readonly PinyinReading[], b: readonly PinyinReading[]): boolean {
  return a.some((x) => b.some((y) => x.family === y.family && x.given === y.given));
}

/**
 * Whether two written names can be the same person's, and how strongly they agree. Symmetric.
 * Han against Han compares characters (after folding traditional forms): same pinyin with other
 * characters (张伟 / 章伟) is a different name. Han against Latin needs a pinyin reading of the
 * Latin name to equal the Han name's. Two pinyin names compare whole given names, never
 * prefixes ("Jian" is not "Jianhua").
 */
export function compareNameForms(a: NameForm, b: NameForm): NameMatch {
  if (a.suffix !== undefined && b.suffix !== undefined && a.suffix !== b.suffix)
    return match('incompatible', `different suffixes (${a.suffix} / ${b.suffix})`);
  if (a.han !== undefined && b.han !== undefined)
    return a.han === b.han
      ? match('han', 'same Han name')
      : match('incompatible', `different Han names (${a.han} / ${b.han})`);
  if (a.han !== undefined || b.han !== undefined) {
    const [han, latin] = a.han !== undefined ? [a, b] : [b, a];
    if (readingsMeet(han.readings, latin.readings))
      return match('script', `Han name ${han.han} matches pinyin`);
    const initials = latin.given.length > 0 && latin.given.every(isInitial);
    const reading = han.readings[0];
    if (
      initials &&
      reading !== undefined &&
      latin.family === reading.family &&
      reading.given.startsWith(latin.given[0] as string)
    )
      return match('initial', `initial matches Han name ${han.han}`);
    return match('incompatible', `Han name ${han.han} does not match ${latin.text}`);
  }
  if (a.readings.length > 0 && b.readings.length > 0) {
    if (readingsMeet(a.readings, b.readings)) {
      const sameOrder =
        a.family === b.family &&
        a.given.filter((t) => !isInitial(t)).join('') === b.given.filter((t) => !isInitial(t)).join('');
      return match('pinyin', sameOrder ? 'same pinyin name' : 'same pinyin name, order differs');
    }
    return match('incompatible', `different pinyin names (${a.text} / ${b.text})`);
  }
  if (!familiesAgree(a, b))
    return match('incompatible', `different family names (${a.family} / ${b.family})`);
  return compareGiven(a.given, b.given);
}

/**
 * The best agreement between two lists of forms (a mention's name and its other names), or the
 * first incompatibility when no pair agrees.
 */
export function compareNameLists(a: readonly NameForm[], b: readonly NameForm[]): NameMatch {
  let best: NameMatch | undefined;
  let firstConflict: NameMatch | undefined;
  for (const x of a)
    for (const y of b) {
      const m = compareNameForms(x, y);
      if (m.level === 'incompatible') firstConflict ??= m;
      else if (best === undefined || m.weight > best.weight) best = m;
    }
  return best ?? firstConflict ?? match('incompatible', 'no name to compare');
}
