/**
 * Is this string a person's name? Lab and faculty pages are full of short capitalised phrases
 * ("Google Scholar", "Media Computing Lab", "Graduate Students") that look like names to a naive
 * rule, and a false member is worse than a missed one, so the test is deliberately strict.
 */

import { compoundSurnames, singleSurnames } from '../normalize/chinese-surnames.js';

/** Words that never occur in a person's name but often in capitalised page phrases. */
const NON_NAME_WORDS = new Set(
  `about academy address advisor ai alumni analytics and applied assistant associate at award awards best bio biography blog
  building campus center centre code college computer computing conference contact copyright course courses cse curriculum cv
  data dblp department dept email engineering experience experiences faculty for full gate github google grants group hall home
  homepage honors in index institute intelligence interests introduction journal lab laboratory lecturer learning linkedin list
  machine master members news of office on open orcid overview page paper people phd postdoc postdoctoral presentations
  professor profile project projects publications recent representative research researcher resume scholar school science
  selected semantic services software sponsors staff student students systems talks teaching team teams the twitter undergraduate
  university vision vitae welcome with website cvpr iccv eccv neurips ieee acm our your my products product solutions company shop store
  login sign blog events careers jobs menu search privacy policy terms cookies`.split(/\s+/),
);

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'del',
  'della',
  'la',
  'le',
  'du',
  'dos',
  'bin',
  'al',
  'el',
  'ibn',
]);

/** Capitalised word, hyphenated given names (Deng-Ping, Ming-Ming), apostrophes (O'Neil), or an initial. */
const NAME_TOKEN =
  /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*|\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{Ll}]+\p{Lu}[\p{Ll}]+)$/u;

const HAN_NAME = /^[\u4e00-\u9fff]{2,4}$/;
/** Characters that make a Han string an organisation, a title or a label rather than a name. */
const HAN_NON_NAME =
  /大学|学院|研究|实验|教授|老师|学生|同学|主页|团队|课题|中心|公司|博士|硕士|导师|简介|招生|成员|首页|联系|论文|项目|科研|教学|新闻|讲师|院士|主任|所长|系|组/;

const HONORIFIC = /^(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs|Mx|Sir)\.?\s+)+/i;
const DEGREE_SUFFIX = /,?\s+(?:Ph\.?\s?D\.?|M\.?D\.?|M\.?Sc?\.?|B\.?Sc?\.?|MBA|FRS|FIEEE)\.?$/;

/** Removes honorifics and trailing degrees ("Dr. Arun Kumar", "Jane Roe, PhD") without touching the name itself. */
export function stripHonorifics(text: string): string {
  return text.replace(HONORIFIC, '').replace(DEGREE_SUFFIX, '').trim();
}

export function isHanName(text: string): boolean {
  if (!HAN_NAME.test(text) || HAN_NON_NAME.test(text)) return false;
  // A Han string must start with a common surname (single or compound) to count as a name.
  return singleSurnames.has(text.charAt(0)) || compoundSurnames.includes(text.slice(0, 2));
}

function isLatinName(text: string): boolean {
  if (text.length < 4 || text.length > 48) return false;
  const tokens = text.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  for (const token of tokens) {
    if (NON_NAME_WORDS.has(token.toLowerCase().replace(/[.'’]+$/, ''))) return false;
    if (PARTICLES.has(token)) continue;
    if (!NAME_TOKEN.test(token)) return false;
  }
  // At least two real words ("J. R. R." alone is not a name); the last word is not an initial.
  const last = tokens[tokens.length - 1] ?? '';
  return tokens.filter((t) => !/^\p{Lu}\.$/u.test(t)).length >= 2 && !/^\p{Lu}\.$/u.test(last);
}

export function isPersonName(text: string): boolean {
  const t = text.trim();
  return isHanName(t) || isLatinName(t);
}

/**
 * Splits a bilingual heading ("Deng-Ping Fan 范登平", "李明 Ming Li") into its Latin and Han
 * names; either may be missing.
 */
export function splitBilingual(text: string): { latin?: string; han?: string } {
  const han = text.match(/[\u4e00-\u9fff]{2,4}/g)?.find((h) => isHanName(h));
  const latin = text
    .replace(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g, ' ')
    .replace(/[()（）|/,·]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const out: { latin?: string; han?: string } = {};
  if (latin !== '') out.latin = latin;
  if (han !== undefined) out.han = han;
  return out;
}
