import { isPinyinWord, plainPinyin } from '../resolve/pinyin.js';
import { pinyin } from 'pinyin-pro';
import type { RawName } from '../model/mention.js';
import { compoundSurnames } from './chinese-surnames.js';
import { foldLatin, hasHan, isAllCaps, isHanName, titleCaseWord } from './fold.js';

export interface NormalizedName {
  /** The name to show: Western order and case for Latin names, Han characters for Chinese names. */
  display: string;
  given?: string;
  family?: string;
  /** Honorifics and academic prefixes removed from the name (`Dr.`, `Prof.`, `Mr.`). */
  honorifics: string[];
  /** Degrees written after the name (`PhD`, `M.D.`). */
  degrees: string[];
  /** Generational suffixes (`Jr.`, `III`). */
  suffixes: string[];
  script: 'latin' | 'han' | 'other';
  /** Folded `given family` for exact matching (`elon musk`); middle names and initials kept. */
  key: string;
  /** For Chinese names: toneless pinyin without spaces, family name first (`zhangsan`); lets 张三 match "San Zhang". */
  pinyinKey?: string;
  /** Latin rendering of a Han name in Western order (`San Zhang`), to show beside it. */
  latin?: string;
}

const HONORIFICS = new Set([
  'dr',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'sir',
  'dame',
  'hon',
  'rev',
  'ir',
  'eng',
  'dipl',
  'ing',
]);
const DEGREES = new Set([
  'phd',
  'ph d',
  'md',
  'm d',
  'mba',
  'msc',
  'm sc',
  'bsc',
  'ba',
  'ma',
  'jd',
  'dphil',
  'cpa',
  'cfa',
  'pe',
  'meng',
  'beng',
  'ms',
  'bs',
  'faia',
  'frs',
  'feng',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);
/** Lower-case surname particles (`van`, `de`, `bin`): part of the family name, never a given name. */
export const PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'van',
  'von',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'bin',
  'ibn',
  'al',
]);

const HAN_HONORIFIC_SUFFIX = /(先生|女士|小姐|博士|教授|院士|研究员|老师)$/u;

function tokenKey(token: string): string {
  return foldLatin(token).replace(/\s+/g, ' ');
}

function hanName(full: string): NormalizedName {
  const honorifics: string[] = [];
  let name = full.replace(/\s+/g, '');
  const suffix = name.match(HAN_HONORIFIC_SUFFIX);
  if (suffix && name.length - suffix[0].length >= 2) {
    honorifics.push(suffix[0]);
    name = name.slice(0, -suffix[0].length);
  }
  const family =
    compoundSurnames.includes(name.slice(0, 2)) && name.length > 2 ? name.slice(0, 2) : name.slice(0, 1);
  const given = name.slice(family.length);
  const familyPinyin = pinyin(family, { toneType: 'none', surname: 'head', type: 'array' }).join('');
  const givenPinyin = pinyin(given, { toneType: 'none', type: 'array' }).join('');
  const latin = [givenPinyin, familyPinyin]
    .filter((p) => p.length > 0)
    .map((p) => titleCaseWord(p.replace(/ü/g, 'u').replace(/v/g, 'u')))
    .join(' ');
  const pinyinKey = `${familyPinyin}${givenPinyin}`.replace(/ü/g, 'u').toLowerCase();
  return {
    display: name,
    family,
    given,
    honorifics,
    degrees: [],
    suffixes: [],
    script: 'han',
    key: name,
    pinyinKey,
    latin,
  };
}

/**
 * A Japanese name in Japanese script, family name first as written ("福永 悟大"): kept as written,
 * with no pinyin (its kanji are read in Japanese, never in Mandarin) and no Latin rendering.
 */
/** Korean surnames of two syllables, written in Hanja; every other Korean surname is one. */
const KOREAN_TWO_SYLLABLE_SURNAMES = [
  '南宮',
  '南宫',
  '皇甫',
  '諸葛',
  '诸葛',
  '鮮于',
  '鲜于',
  '西門',
  '西门',
  '獨孤',
  '独孤',
  '東方',
  '东方',
  '司空',
  '司馬',
  '司马',
];

/**
 * A Hanja name written without a space ("金哲洙") split as Koreans write it: surname first, one
 * syllable (two for the few two-syllable surnames); undefined when the name is too short to split.
 */
export function koreanHanjaParts(compact: string): { family: string; given: string } | undefined {
  const chars = [...compact];
  if (chars.length < 2) return undefined;
  const two = KOREAN_TWO_SYLLABLE_SURNAMES.includes(chars.slice(0, 2).join('')) && chars.length > 2;
  const cut = two ? 2 : 1;
  return { family: chars.slice(0, cut).join(''), given: chars.slice(cut).join('') };
}

/** A Japanese name, or a Korean one in Hanja: kept in its script, no pinyin, family name first. */
function japaneseName(full: string, raw: RawName): NormalizedName {
  const [first, ...rest] = full.split(' ');
  const korean = raw.lang === 'ko' && rest.length === 0 ? koreanHanjaParts(full) : undefined;
  const family = raw.family ?? korean?.family ?? (rest.length > 0 ? first : undefined);
  const given = raw.given ?? korean?.given ?? (rest.length > 0 ? rest.join(' ') : undefined);
  const name: NormalizedName = {
    display: full,
    honorifics: [],
    degrees: [],
    suffixes: [],
    script: isHanName(full) ? 'han' : 'other',
    key: full.replace(/ /g, ''),
  };
  if (family !== undefined) name.family = family;
  if (given !== undefined) name.given = given;
  return name;
}

/**
 * Normalizes a person's name. SEC filings write owners surname first in capitals (`MUSK ELON`,
 * `Adams Katherine L.`); the parser says so with `order: 'surname-first'` and the name is turned
 * round. Honorifics, degrees and suffixes are stripped into their own fields so `Dr. Jane Smith, PhD`
 * and `Jane Smith` share a key.
 */
export function normalizePersonName(raw: RawName): NormalizedName {
  const full = raw.full.replace(/\s+/g, ' ').trim();
  if ((raw.lang === 'ja' || raw.lang === 'ko') && !/[A-Za-z]/.test(full)) return japaneseName(full, raw);
  if (isHanName(full)) return hanName(full);

  const honorifics: string[] = [];
  const degrees: string[] = [];
  const suffixes: string[] = [];

  // "Smith, Jane" (comma inversion) is surname-first whatever the parser said; "Jane Smith, PhD" is not.
  let text = full;
  let order = raw.order ?? 'given-first';
  const commaParts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  while (commaParts.length > 1) {
    const last = commaParts[commaParts.length - 1] as string;
    const k = tokenKey(last);
    if (DEGREES.has(k) || SUFFIXES.has(k)) {
      (SUFFIXES.has(k) ? suffixes : degrees).unshift(last.replace(/\.$/, ''));
      commaParts.pop();
    } else break;
  }
  if (commaParts.length === 2) {
    text = `${commaParts[1]} ${commaParts[0]}`;
    order = 'given-first';
  } else {
    text = commaParts.join(' ');
  }

  let tokens = text.split(/\s+/).filter((t) => t.length > 0);
  // Generational suffixes can sit anywhere after an inversion ("Smith, John Jr." → "John Jr. Smith").
  tokens = tokens.filter((t, i) => {
    const k = tokenKey(t);
    if (i > 0 && tokens.length > 2 && SUFFIXES.has(k) && k !== 'v') {
      suffixes.push(t);
      return false;
    }
    return true;
  });
  // Leading honorifics.
  while (tokens.length > 1 && HONORIFICS.has(tokenKey(tokens[0] as string)))
    honorifics.push(tokens.shift() as string);
  // Trailing degrees and suffixes without commas.
  while (tokens.length > 2) {
    const last = tokens[tokens.length - 1] as string;
    const k = tokenKey(last);
    if (SUFFIXES.has(k)) suffixes.unshift(tokens.pop() as string);
    else if (
      DEGREES.has(k) &&
      (k !== 'ms' && k !== 'ma' && k !== 'ba' && k !== 'bs' ? true : isAllCaps(last) || last.includes('.'))
    )
      degrees.unshift(tokens.pop() as string);
    else break;
  }

  let familyTokens = 1;
  if (order === 'surname-first' && tokens.length >= 2) {
    const folded = tokens.map((t) => plainPinyin(tokenKey(t)));
    // Unless the whole name reads as pinyin ("DU WEI MIN": Du is a Chinese surname, not a particle).
    familyTokens = folded.every(isPinyinWord) ? 1 : surnameLength(folded);
    tokens = [...tokens.slice(familyTokens), ...tokens.slice(0, familyTokens)];
  } else if (raw.family !== undefined) {
    // The source said which words are the family name ("OLIVEIRA DOS SANTOS, Adriana"): all of them.
    const family = raw.family.split(/\s+/).map(tokenKey);
    const tail = tokens.slice(-family.length).map(tokenKey);
    if (family.length > 1 && family.length < tokens.length && tail.join(' ') === family.join(' '))
      familyTokens = family.length;
  }
  const allLower = tokens.every((t) => t === t.toLowerCase());
  const cased = tokens.map((t, i) => {
    if (!allLower && !isAllCaps(t)) return t;
    const k = tokenKey(t);
    if (i > 0 && i < tokens.length - 1 && PARTICLES.has(k)) return k;
    if (/^[A-Za-z]\.?$/.test(t)) return `${t.charAt(0).toUpperCase()}${t.length > 1 ? '.' : ''}`;
    return titleCaseWord(t);
  });
  // A lone initial gets its period back ("Katherine L" → "Katherine L.").
  const tidy = cased.map((t, i) => (i > 0 && /^\p{Lu}$/u.test(t) ? `${t}.` : t));
  const familyLength = tidy.length > familyTokens ? familyTokens : 1;
  const family = tidy.length > 1 ? tidy.slice(-familyLength).join(' ') : undefined;
  const given = tidy.length > 1 ? tidy.slice(0, -familyLength).join(' ') : tidy[0];
  const display = [
    ...tidy,
    ...suffixes.map((s) =>
      s.length <= 3 && /^[ivx]+$/i.test(s) ? s.toUpperCase() : `${titleCaseWord(s.replace(/\.$/, ''))}.`,
    ),
  ].join(' ');
  const result: NormalizedName = {
    display,
    honorifics,
    degrees,
    suffixes,
    script: hasHan(display) ? 'other' : 'latin',
    key: foldLatin(tidy.join(' ')),
  };
  if (given !== undefined) result.given = given;
  if (family !== undefined) result.family = family;
  // A Latin name may be pinyin: keep a surname-first key so "San Zhang" meets 张三.
  const firstGiven = given?.split(' ')[0];
  if (family !== undefined && firstGiven !== undefined)
    result.pinyinKey = foldLatin(`${family}${firstGiven}`).replace(/\s+/g, '');
  return result;
}

/**
 * How many leading tokens of a surname-first name are the family name: particles in front
 * ("DE VRIES MATTHEW", "VAN DER BERG JAN", "DE LA CRUZ JUAN") and a particle joining a second
 * surname ("OLIVEIRA DOS SANTOS ADRIANA", "GARCIA DE LA CRUZ MARIA", Portuguese and Spanish
 * compound surnames as DOCDB writes them) belong to it; at least one given name is always left.
 */
function surnameLength(folded: readonly string[]): number {
  const last = folded.length - 1;
  let end = 0;
  while (end < last && PARTICLES.has(folded[end] as string)) end++;
  end = Math.min(end + 1, last);
  for (;;) {
    let next = end;
    while (next < last && PARTICLES.has(folded[next] as string)) next++;
    if (next === end || next >= last) return end;
    end = next + 1;
  }
}

/** The key used to merge on "same name": folded, without middle names or initials (`katherine adams`). */
export function looseNameKey(name: NormalizedName): string {
  if (name.script === 'han') return name.key;
  const parts = name.key.split(' ').filter((p) => p.length > 1);
  if (parts.length <= 2) return parts.join(' ');
  return `${parts[0]} ${parts[parts.length - 1]}`;
}
