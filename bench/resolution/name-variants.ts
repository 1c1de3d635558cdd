import { pinyin } from 'pinyin-pro';
import { Rng } from '../../synthetic/prng.js';
import type { RawName } from '../../processors/model/mention.js';
import { compoundSurnames } from '../../processors/normalize/chinese-surnames.js';
import { isHanName, titleCaseWord } from '../../processors/normalize/fold.js';
import { normalizePersonName } from '../../processors/normalize/person-name.js';
import { toTraditional } from '../../processors/resolve/han-variants.js';
import { isPinyinSyllable, isPinyinWord, surnamePinyin } from '../../processors/resolve/pinyin.js';

/**
 * Ways sources write one person's name, applied to real names from the corpus. Each function
 * returns a new `RawName` as a parser would emit it (with the order flag the source format
 * gives), or undefined when the variation does not apply to that name.
 */

/** The parts of a Western name: given, middle names, family (particles kept), suffix. */
export interface WesternParts {
  given: string;
  middles: string[];
  family: string;
  suffix?: string;
}

const PARTICLES = new Set([
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
]);

export function westernParts(raw: RawName): WesternParts | undefined {
  if (isHanName(raw.full)) return undefined;
  const n = normalizePersonName(raw);
  if (n.given === undefined || n.family === undefined) return undefined;
  const tokens = n.given.split(' ').filter(Boolean);
  const familyParts = [n.family];
  while (tokens.length > 1 && PARTICLES.has((tokens[tokens.length - 1] as string).toLowerCase()))
    familyParts.unshift(tokens.pop() as string);
  const parts: WesternParts = {
    given: tokens[0] as string,
    middles: tokens.slice(1),
    family: familyParts.join(' '),
  };
  if (n.suffixes[0] !== undefined) parts.suffix = n.suffixes[0];
  return parts;
}

const initial = (t: string): string => `${t.charAt(0).toUpperCase()}.`;
const join = (...parts: Array<string | undefined>): string =>
  parts.filter((p) => p !== undefined && p !== '').join(' ');

/** Name formats of filings, patents and profiles: SEC capitals surname first, "Last, First", titles and degrees. */
export function formatVariant(p: WesternParts, rng: Rng): RawName {
  const middles = p.middles.join(' ');
  switch (rng.int(0, 3)) {
    case 0:
      return {
        full: join(p.family, p.given, middles.replace(/\./g, '')).toUpperCase(),
        order: 'surname-first',
      };
    case 1:
      return { full: `${p.family}, ${join(p.given, middles)}` };
    case 2:
      return { full: `Dr. ${join(p.given, middles, p.family)}, PhD` };
    default:
      return { full: join(p.given, middles, p.family, p.suffix).toUpperCase(), order: 'given-first' };
  }
}

const MIDDLE_NAMES: Readonly<Record<string, string>> = {
  A: 'Anne',
  B: 'Bernard',
  C: 'Charles',
  D: 'David',
  E: 'Edward',
  F: 'Francis',
  G: 'George',
  H: 'Henry',
  I: 'Irene',
  J: 'James',
  K: 'Karl',
  L: 'Louise',
  M: 'Marie',
  N: 'Nicholas',
  O: 'Oliver',
  P: 'Paul',
  Q: 'Quinn',
  R: 'Ray',
  S: 'Scott',
  T: 'Thomas',
  U: 'Ulrich',
  V: 'Victor',
  W: 'Wayne',
  X: 'Xavier',
  Y: 'Yves',
  Z: 'Zane',
};

/**
 * Initials and middle names. A person has one middle name: when the corpus gives none, `hidden`
 * (drawn once per person) is the one other sources show, so two variants never disagree on it.
 */
export function initialsVariant(p: WesternParts, hidden: string, rng: Rng): RawName {
  const middle = p.middles[0];
  const choices: Array<() => string> = [
    () => join(initial(p.given), ...p.middles.map(initial), p.family),
    () => join(initial(p.given), p.family),
  ];
  if (middle !== undefined) {
    choices.push(() => join(p.given, p.family));
    const letter = middle.charAt(0).toUpperCase();
    if (middle.replace('.', '').length === 1)
      choices.push(() => join(p.given, MIDDLE_NAMES[letter] ?? letter, p.family));
  } else {
    choices.push(() => join(p.given, initial(hidden), p.family));
    choices.push(() => join(p.given, hidden, p.family));
  }
  return { full: rng.pick(choices)(), order: 'given-first' };
}

const ACCENTED: Readonly<Record<string, string>> = {
  jose: 'José',
  rene: 'René',
  andre: 'André',
  muller: 'Müller',
  mueller: 'Müller',
  zoe: 'Zoë',
  noel: 'Noël',
  francois: 'François',
  gomez: 'Gómez',
  lopez: 'López',
  garcia: 'García',
  martinez: 'Martínez',
  hernandez: 'Hernández',
  perez: 'Pérez',
  enriquez: 'Enríquez',
  montreal: 'Montréal',
  helene: 'Hélène',
  jerome: 'Jérôme',
};
const NICKNAME: Readonly<Record<string, string>> = {
  william: 'Bill',
  robert: 'Bob',
  katherine: 'Kate',
  michael: 'Mike',
  james: 'Jim',
  richard: 'Rick',
  thomas: 'Tom',
  timothy: 'Tim',
  daniel: 'Dan',
  matthew: 'Matt',
  christopher: 'Chris',
  jeffrey: 'Jeff',
  gregory: 'Greg',
  lawrence: 'Larry',
  charles: 'Charlie',
  david: 'Dave',
  edward: 'Ed',
  kenneth: 'Ken',
  douglas: 'Doug',
  stephen: 'Steve',
  steven: 'Steve',
  anthony: 'Tony',
  andrew: 'Andy',
  jennifer: 'Jen',
  deborah: 'Deb',
};

const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const umlautsWritten = (s: string): string =>
  s
    .replace(/ü/g, 'ue')
    .replace(/ö/g, 'oe')
    .replace(/ä/g, 'ae')
    .replace(/Ü/g, 'Ue')
    .replace(/Ö/g, 'Oe')
    .replace(/Ä/g, 'Ae');

/** Spelling: diacritics, umlauts written out, hyphens, apostrophes, suffixes, nicknames, case. */
export function spellingVariant(p: WesternParts, rng: Rng): RawName {
  const whole = join(p.given, ...p.middles, p.family);
  const ops: Array<() => string | undefined> = [
    () => (stripAccents(whole) !== whole ? stripAccents(whole) : undefined),
    () => (umlautsWritten(whole) !== whole ? umlautsWritten(whole) : undefined),
    () => {
      const words = whole.split(' ');
      const i = words.findIndex((w) => ACCENTED[w.toLowerCase()] !== undefined);
      if (i < 0) return undefined;
      words[i] = ACCENTED[(words[i] as string).toLowerCase()] as string;
      return words.join(' ');
    },
    () =>
      p.given.includes('-')
        ? join(
            p.given.replace(/-/g, '').replace(/^(.)(.*)$/, (_m, a: string, b: string) => a + b.toLowerCase()),
            ...p.middles,
            p.family,
          )
        : undefined,
    () => (p.given.includes('-') ? join(p.given.replace(/-/g, ' '), ...p.middles, p.family) : undefined),
    () => (p.family.includes('-') ? join(p.given, ...p.middles, p.family.split('-').pop()) : undefined),
    () => (/['’]/.test(p.family) ? join(p.given, ...p.middles, p.family.replace(/['’]/g, '')) : undefined),
    () => (p.suffix !== undefined ? join(p.given, ...p.middles, p.family) : undefined),
    () => {
      const nick = NICKNAME[p.given.toLowerCase()];
      return nick === undefined ? undefined : join(nick, ...p.middles, p.family);
    },
  ];
  const applicable = ops.map((op) => op()).filter((s): s is string => s !== undefined);
  if (applicable.length > 0) return { full: rng.pick(applicable), order: 'given-first' };
  // Nothing special in the name: the case differs between sources.
  return { full: rng.chance(0.5) ? whole.toLowerCase() : whole.toUpperCase(), order: 'given-first' };
}

/** A Chinese name in Han characters split at the family name, with its toneless pinyin syllables. */
export interface ChineseParts {
  han?: { family: string; given: string };
  family: string[];
  given: string[];
}

const cap = (s: string): string => titleCaseWord(s);

/** Chinese parts of a Han name, or of a Latin name that reads as pinyin with the family name last. */
export function chineseParts(raw: RawName): ChineseParts | undefined {
  const full = raw.full.replace(/\s+/g, '');
  if (isHanName(full)) {
    const familyLength = compoundSurnames.includes(full.slice(0, 2)) && full.length > 2 ? 2 : 1;
    const syllables = pinyin(full, { toneType: 'none', surname: 'head', type: 'array' }).map((s) =>
      s.replace(/ü/g, 'u'),
    );
    return {
      han: { family: full.slice(0, familyLength), given: full.slice(familyLength) },
      family: syllables.slice(0, familyLength),
      given: syllables.slice(familyLength),
    };
  }
  const n = normalizePersonName(raw);
  const family = n.family?.toLowerCase();
  const given = n.given?.toLowerCase().replace(/[-\s]/g, '');
  if (family === undefined || given === undefined || !surnamePinyin.has(family) || !isPinyinWord(given))
    return undefined;
  return { family: [family], given: splitSyllables(given) };
}

/** `jianhua` → ['jian', 'hua']: the split with the longest first syllables. */
function splitSyllables(word: string): string[] {
  const split = (rest: string): string[] | undefined => {
    if (rest === '') return [];
    for (let len = Math.min(6, rest.length); len > 0; len--) {
      const head = rest.slice(0, len);
      if (!isPinyinSyllable(head)) continue;
      const tail = split(rest.slice(len));
      if (tail !== undefined) return [head, ...tail];
    }
    return undefined;
  };
  return split(word) ?? [word];
}

/**
 * Script and romanization: a Han name in pinyin (given-first, surname-first in capitals, with
 * hyphens, spaces or tone marks), or in traditional characters.
 */
export function scriptVariant(c: ChineseParts, rng: Rng): RawName {
  const family = c.family.join('');
  const given = c.given.join('');
  const options: Array<() => RawName> = [
    () => ({ full: `${cap(given)} ${cap(family)}`, order: 'given-first' }),
    () => ({ full: `${family.toUpperCase()} ${cap(given)}` }),
    () => ({
      full: `${cap(c.given[0] ?? '')}-${c.given.slice(1).join('')} ${cap(family)}`.replace(/- /, ' '),
      order: 'given-first',
    }),
    () => ({ full: `${c.given.map(cap).join(' ')} ${cap(family)}`, order: 'given-first' }),
    () => ({ full: `${cap(family)}, ${cap(given)}` }),
  ];
  if (c.han !== undefined) {
    const han = c.han;
    const toned = pinyin(`${han.family}${han.given}`, { toneType: 'symbol', surname: 'head', type: 'array' });
    options.push(() => ({
      full: `${cap(toned.slice(0, han.family.length).join(''))} ${cap(toned.slice(han.family.length).join(''))}`,
      order: 'surname-first',
    }));
    const traditional = toTraditional(`${han.family}${han.given}`);
    if (traditional !== `${han.family}${han.given}`) {
      options.push(() => ({ full: traditional, order: 'surname-first' }));
      options.push(() => ({ full: traditional, order: 'surname-first' }));
    }
  }
  return rng.pick(options)();
}

/** Initials of a pinyin given name, as English bibliographies and patents abbreviate it ("X. B. Hu", "X. Hu"). */
export function chineseInitialsVariant(c: ChineseParts, rng: Rng): RawName {
  const family = cap(c.family.join(''));
  const initials = c.given.map((s) => `${s.charAt(0).toUpperCase()}.`);
  return {
    full: rng.chance(0.5) ? `${initials.join(' ')} ${family}` : `${initials[0] ?? ''} ${family}`,
    order: 'given-first',
  };
}

/** Whether a scripted variant is in Han characters (it then keeps a Han employer). */
export function isHanVariant(name: RawName): boolean {
  return isHanName(name.full);
}

/** The hidden middle name of a person (see `initialsVariant`). */
export function hiddenMiddle(rng: Rng): string {
  return rng.pick(Object.values(MIDDLE_NAMES));
}

export { Rng };
