import {
  countries,
  cueWords,
  departmentChar,
  departmentMarker,
  eduTail,
  eduWhole,
  ethnicities,
  fieldLabels,
  leadingSingles,
  professionalTitleTail,
  provinces,
  strongOrgSuffixes,
  titleHeads,
  titleModifiers,
} from './zh-lexicon.js';

export type ZhEntityType = 'NAME' | 'CONT' | 'RACE' | 'TITLE' | 'EDU' | 'ORG' | 'PRO' | 'LOC';

export interface ZhEntity {
  type: ZhEntityType;
  /** [start, end) offsets into the text given to the extractor. */
  start: number;
  end: number;
  text: string;
}

const byLength = (a: string, b: string): number => b.length - a.length;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (list: readonly string[]): string => [...list].sort(byLength).map(escape).join('|');

/** Years, months and ranges (2004年3月至2010年3月, 1997-2001, 2013.10-今): they separate clause parts. */
const DATE =
  '(?<!\\d)(?:19|20)\\d{2}(?!\\d)\\s*(?:年(?:\\s*\\d{1,2}\\s*月份?(?:\\s*\\d{1,2}\\s*日)?)?|[.．/]\\d{1,2}(?!\\d)(?:[.．/]\\d{1,2}(?!\\d))?\\s*月?份?)?' +
  '(?:\\s*(?:至今|至|到|起|止|以来|以后|之后|前后|[-—－~～]+\\s*(?:至今|今)?))?' +
  '|(?<!\\d)\\d{1,2}\\s*月份?(?:\\s*\\d{1,2}\\s*日)?(?:\\s*(?:至今|至|起|[-—－~～]+))?';

/** Everything that splits a clause into segments; the placeholder \u0001 marks names already found. */
const separator = new RegExp(
  `(?:${alt(fieldLabels)})\\s*[：:]|[：:]|${DATE}|${alt(cueWords)}|(?:工作|学习)(?![\\u4e00-\\u9fff])|享受|兼(?![任职])|及|\\u0001+|\\s+`,
  'g',
);

const headAlt = alt(titleHeads);
const endsWithHead = new RegExp(`(?:${headAlt})$`);
const titleWords = [...new Set([...titleHeads, ...titleModifiers])].sort(byLength);
const titleWordStart = new RegExp(`^(?:${alt(titleModifiers)})`);
/** Heads checked against organization suffixes; 学生 is left out so 大学生物系 keeps its 大学. */
const acrossHeads = titleHeads.filter((h) => h !== '学生');
const strongSuffixes = [...strongOrgSuffixes].sort(byLength);
const countryTail = new RegExp(`(?:${alt(countries)})(?:国籍|籍)$`);
const countryWhole = new RegExp(`^(?:${alt(countries)})$`);
const raceWhole = new RegExp(`^(?:${alt(ethnicities)})族$`);
const raceBare = new RegExp(`^(?:${alt(ethnicities)})族?$`);
const nativePlace = new RegExp(
  `^(?:${alt(provinces)})(?:省|市|自治区)?[\\u4e00-\\u9fff]{0,4}(?<![工员责])人$`,
);
/** Characters that never occur inside an organization name and so bound it on the left. */
const orgStop = /[的由被把将是了在]|持有|其他/g;
const joinCue = /^(?:(?:曾|先后)?(?:就职于|任职于)|服务于|受聘于|加入|加盟|进入|调入|调至)$/;
const titleStop = /[的为在是了年月日\d，。；]/;

/**
 * Splits one clause (text between commas, enumeration commas and full stops) into segments at
 * dates, cue verbs and labels, and tags each segment.
 */
export function analyzeClause(text: string, start: number, end: number, out: ZhEntity[]): void {
  const clause = text.slice(start, end);
  let last = 0;
  let prevSep = '';
  for (const m of clause.matchAll(separator)) {
    if (m.index > last) analyzeSegment(text, start + last, start + m.index, prevSep, out);
    prevSep = m[0];
    last = m.index + m[0].length;
  }
  if (last < clause.length) analyzeSegment(text, start + last, end, prevSep, out);
}

function emit(out: ZhEntity[], text: string, type: ZhEntityType, start: number, end: number): void {
  if (end > start) out.push({ type, start, end, text: text.slice(start, end) });
}

function analyzeSegment(text: string, start: number, end: number, prevSep: string, out: ZhEntity[]): void {
  // Trim leading function characters (任, 在, 于…) but keep 在职研究生, and trailing 等/的.
  for (let before = -1; before !== end - start;) {
    before = end - start;
    const s = text.slice(start, end);
    const group = /^[（(][^）)]*[）)]/.exec(s);
    if (group !== null) start += group[0].length;
    else if (/^[“"《（(）)]/.test(s)) start++;
    else if (!s.startsWith('在职') && leadingSingles.test(s)) start++;
    else if (/[等的了”"》]$/.test(s) || (/[）)]$/.test(s) && !/[（(][^）)]*[）)]$/.test(s))) end--;
    else if (/[（(][^）)]*$/.test(s)) end = start + s.search(/[（(][^）)]*$/);
  }
  if (end <= start) return;
  const seg = text.slice(start, end);

  if (/(?:国籍|国家)\s*[：:]$/.test(prevSep) && countryWhole.test(seg))
    return emit(out, text, 'CONT', start, end);
  if (/民族\s*[：:]$/.test(prevSep) && raceBare.test(seg)) return emit(out, text, 'RACE', start, end);
  if (/籍贯\s*[：:]$/.test(prevSep)) return emit(out, text, 'LOC', start, end);
  if (/(?:学历|学位|教育程度|文化程度)\s*[：:]$/.test(prevSep) && seg.length <= 8)
    return emit(out, text, 'EDU', start, end);
  if (/(?:政治面貌|职称)\s*[：:]$/.test(prevSep) && seg.length <= 12)
    return emit(out, text, 'TITLE', start, end);
  if (/性别\s*[：:]$/.test(prevSep)) return;

  const cont = countryTail.exec(seg);
  if (cont !== null) return emit(out, text, 'CONT', start + cont.index, end);
  if (raceWhole.test(seg)) return emit(out, text, 'RACE', start, end);
  if (nativePlace.test(seg)) return emit(out, text, 'LOC', start, end);
  if (seg === '群众') return emit(out, text, 'TITLE', start, end);

  const edu = eduWhole.test(seg) ? { index: 0 } : eduTail.exec(seg);
  if (edu !== null) {
    emit(out, text, 'EDU', start + edu.index, end);
    return schoolAndMajor(text, start, start + edu.index, out);
  }
  const major = /[\u4e00-\u9fff]{2,12}专业$/.exec(seg);
  if (major !== null && !/双专业$/.test(seg)) return schoolAndMajor(text, start, end, out, true);

  const before = out.length;
  for (const [a, b] of splitAtConjunctions(seg)) orgAndTitle(text, start + a, start + b, out);
  // 就职于 / 加入 + a name without suffix or title (加入泰盛制药): the cue makes it an employer.
  if (out.length === before && joinCue.test(prevSep) && /^[\u4e00-\u9fffA-Za-z]{2,16}$/.test(seg))
    emit(out, text, 'ORG', start, end);
}

/** 清华大学 | 经济学 | 硕士: the school (if any) then the major before a degree or ending in 专业. */
function schoolAndMajor(
  text: string,
  start: number,
  end: number,
  out: ZhEntity[],
  wholeIsMajor = false,
): void {
  const prefix = text.slice(start, end);
  const orgEnd = lastOrgEnd(prefix);
  let proStart = start;
  if (orgEnd > 0) {
    emit(out, text, 'ORG', start, start + orgEnd);
    proStart = start + orgEnd;
  }
  while (proStart < end && leadingSingles.test(text.slice(proStart, end))) proStart++;
  const pro = text.slice(proStart, end);
  const limit = wholeIsMajor ? 14 : 12;
  if (pro.length >= 2 && pro.length <= limit && /^[\u4e00-\u9fffA-Za-z与及和、]+$/.test(pro))
    emit(out, text, 'PRO', proStart, end);
}

/** Cuts "A事务所和B事务所" after an organization suffix followed by 和/与/或. */
function splitAtConjunctions(seg: string): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = 0;
  for (let i = 1; i < seg.length - 1; i++) {
    if (!/[和与或]/.test(seg[i] ?? '')) continue;
    const before = seg.slice(from, i);
    if (lastOrgEnd(before) === before.length || (endsWithHead.test(before) && seg[i] === '和')) {
      parts.push([from, i]);
      from = i + 1;
    }
  }
  parts.push([from, seg.length]);
  return parts;
}

/**
 * End (exclusive) of the last organization suffix in `s`, or 0. A suffix that begins a title head
 * (厂长, 总会计师) does not count; 系 needs a university before it; 中心 and 办公室 need a name of
 * their own before them (技术中心副主任 and 总经理办公室主任 are titles, 江阴职教中心 is not).
 */
function lastOrgEnd(s: string): number {
  let best = 0;
  let strongSeen = false;
  // Whether the last parenthesis so far opens one; kept as we go rather than re-read each step.
  let inParen = false;
  for (let i = 1; i <= s.length; i++) {
    const ch = s[i - 1] ?? '';
    if (ch === '（' || ch === '(') inParen = true;
    else if (ch === '）' || ch === ')') inParen = false;
    // A suffix inside a parenthesis is a note (…分公司(8390厂)), unless the name goes on after it.
    if (inParen) continue;
    const upto = s.slice(0, i);
    const suffix = strongSuffixes.find((x) => upto.endsWith(x));
    const valid = (sfx: string): boolean => !startsHeadAcross(s, i - sfx.length, i);
    if (suffix !== undefined && valid(suffix) && (i === s.length || !'长员'.includes(s[i] ?? ''))) {
      // 宣传部/组织部 are organizations only under a party committee of a place (省委组织部).
      if (/^(?:组织部|宣传部|统战部)$/.test(suffix) && !/(?:[省市县区]委|中央)$/.test(upto.slice(0, -3)))
        continue;
      best = i;
      strongSeen = true;
      continue;
    }
    if (upto.endsWith('系') && /大学|学院/.test(upto) && valid('系')) best = i;
    for (const weak of ['中心', '办公室']) {
      if (!upto.endsWith(weak) || (strongSeen && !/大学|学院/.test(upto)) || !valid(weak)) continue;
      const own = upto.slice(0, -weak.length);
      if (own.length >= 4 && !titleWordStart.test(own)) best = i;
    }
  }
  if (best > 0 && !/[\u4e00-\u9fffA-Za-z]/.test(s.slice(0, best))) return 0;
  return best;
}

/** True when a title head starts inside [from, to) and runs past `to` (the 厂 of 厂长). */
function startsHeadAcross(s: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++)
    for (const h of acrossHeads) if (s.startsWith(h, p) && p + h.length > to) return true;
  return false;
}

function orgAndTitle(text: string, start: number, end: number, out: ZhEntity[]): void {
  const seg = text.slice(start, end);
  // 院士 and 人大代表 absorb their academy or congress: the corpus keeps them as one title.
  if (/(?:院士|人大代表|政协委员)$/.test(seg) && !titleStop.test(seg))
    return emit(out, text, 'TITLE', start, end);
  let orgEnd = lastOrgEnd(seg);
  if (orgEnd > 0) {
    let orgStart = 0;
    for (const m of seg.slice(0, orgEnd).matchAll(orgStop)) orgStart = m.index + m[0].length;
    // An opening parenthesis left unclosed (…电缆厂(海南通信电缆厂) takes its closing one.
    if (/[（(][^）)]*$/.test(seg.slice(orgStart, orgEnd)) && /^[）)]/.test(seg.slice(orgEnd))) orgEnd++;
    let t = orgEnd;
    for (;;) {
      const skip = /^(?:[（(][^）)]*[）)]|[任为的）)])/.exec(seg.slice(t));
      if (skip === null) break;
      t += skip[0].length;
    }
    const titleEnd = titleEndFrom(seg, t);
    // An organization followed by something that is not a title (享受国务院政府特殊津贴) is not one.
    const tail = seg.slice(titleEnd > t ? titleEnd : t);
    const notTitle = tail.length >= 4 && !/[部科室处组\d]|车间/.test(tail);
    if (orgEnd - orgStart >= 2 && !notTitle) emit(out, text, 'ORG', start + orgStart, start + orgEnd);
    if (titleEnd > t) emit(out, text, 'TITLE', start + t, start + titleEnd);
    return;
  }
  const titleEnd = titleEndFrom(seg, 0);
  if (titleEnd === 0) return;
  // No organization suffix: peel title words off the right (监事会 + 主席, 采购 + 部 + 经理).
  let t = titleEnd;
  for (;;) {
    const upto = seg.slice(0, t);
    const w = titleWords.find((x) => upto.endsWith(x));
    if (w !== undefined) {
      t -= w.length;
      continue;
    }
    const d = departmentChar.test(upto) ? titleWords.find((x) => upto.slice(0, -1).endsWith(x)) : undefined;
    if (d === undefined) break;
    t -= d.length + 1;
  }
  const prefix = seg.slice(0, t);
  const wholeTitle =
    t <= 1 ||
    departmentMarker.test(prefix) ||
    /^第?[一二三四五六七八九十\d、]+[届级]/.test(prefix) ||
    professionalTitleTail.test(seg.slice(0, titleEnd));
  if (wholeTitle) {
    if (titleEnd <= 20) emit(out, text, 'TITLE', start, start + titleEnd);
    return;
  }
  // What remains before the title is an unsuffixed organization name (江南水务 | 监事会主席).
  if (t >= 3 && t <= 16 && /^[\u4e00-\u9fffA-Za-z0-9（）()]+$/.test(prefix) && !/^\d/.test(prefix))
    emit(out, text, 'ORG', start, start + t);
  emit(out, text, 'TITLE', start + t, start + titleEnd);
}

/**
 * End of the longest title starting at `from`: it ends on a head, holds no stop characters, and is
 * followed by nothing or by a harmless tail (董事的任期…, 厂长等职, 总经理（兼）).
 */
function titleEndFrom(seg: string, from: number): number {
  let best = 0;
  for (let i = from + 1; i <= seg.length && i - from <= 22; i++) {
    if (titleStop.test(seg[i - 1] ?? '')) break;
    if (
      endsWithHead.test(seg.slice(from, i)) &&
      (i === seg.length || /^(?:[等的之（(]|一职)/.test(seg.slice(i)))
    )
      best = i;
  }
  return best;
}
