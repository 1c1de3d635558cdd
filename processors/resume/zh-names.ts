import { compoundSurnames, fieldLabels, notNames, singleSurnames } from './zh-lexicon.js';

/** A span of the input text: [start, end) in UTF-16 code units, as JavaScript indexes strings. */
export interface ZhSpan {
  start: number;
  end: number;
  text: string;
}

const HAN = /^[\u4e00-\u9fff]+$/;

/** True when `candidate` (2–4 Han characters) reads as surname + one or two given characters. */
export function looksLikeFullName(candidate: string): boolean {
  if (!HAN.test(candidate) || notNames.has(candidate)) return false;
  const compound = compoundSurnames.find((s) => candidate.startsWith(s));
  if (compound !== undefined) return candidate.length >= 3 && candidate.length <= 4;
  const first = candidate[0];
  return first !== undefined && singleSurnames.has(first) && candidate.length >= 2 && candidate.length <= 3;
}

/** The surname part of a name, or undefined when it does not start with a known surname. */
export function surnameOf(name: string): string | undefined {
  const compound = compoundSurnames.find((s) => name.startsWith(s) && name.length > s.length);
  if (compound !== undefined) return compound;
  const first = name[0];
  return first !== undefined && singleSurnames.has(first) ? first : undefined;
}

/**
 * What may follow "name，" at a line start for the name to be the subject of a biography: a gender,
 * a nationality, a birth year, a degree, a title or the end of the line (张三，\n1965年出生…).
 */
const subjectFollow =
  /^(?:男|女|中国|汉族|[\u4e00-\u9fff]{1,3}族|\d|出生|生于|现任|曾任|历任|现为|独立董事|董事|监事|副?总经理|副?总裁|博士|硕士|本科|大学|大专|研究生|高级|中共|教授|研究员|工程师|会计师|经济师|[\u4e00-\u9fff]{0,4}国籍|\s*$)/;

/** Delimiters after which a bare name at a line start is accepted outright. */
const strongAfterName = /^(?:先生|女士|同志|[（(]|出生|性别|[：:])/;

const labelPattern = new RegExp(`(?:${fieldLabels.join('|')})\\s*[：:]`);

/**
 * Finds the biography subject's name in each line (张三，男 / 张三先生： / 姓名：张三), short
 * references (张先生), and later repetitions of a name already found (张三拥有20年…). Chinese
 * biographies name the person first, so a name is only accepted at a line start or after 姓名：.
 */
export function findNames(text: string): ZhSpan[] {
  const found: ZhSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const body = line.slice(lead);
    const head = nameAtLineStart(body);
    if (head !== undefined) found.push(span(text, lineStart + lead, head.length));
    const labelled = /姓名\s*[：:]\s*([\u4e00-\u9fff]{2,8})/.exec(line);
    if (labelled?.[1] !== undefined) {
      // Form-like résumés run fields together (姓名：张三性别：男): cut at the next label.
      const raw = labelled[1];
      const cut =
        raw.search(labelPattern) >= 0 ? raw.search(labelPattern) : raw.search(/性别|民族|出生|籍贯|学历/);
      const name = cut > 0 ? raw.slice(0, cut) : raw;
      if (looksLikeFullName(name))
        found.push(span(text, lineStart + labelled.index + labelled[0].length - raw.length, name.length));
    }
    lineStart += line.length + 1;
  }
  // 张先生 / 李女士 anywhere after a boundary: a short reference to the subject.
  for (const m of text.matchAll(/(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,3}?)(?=先生|女士)/g)) {
    const candidate = m[1] ?? '';
    if (candidate.length === 1 ? singleSurnames.has(candidate) : looksLikeFullName(candidate))
      found.push(span(text, m.index, candidate.length));
  }
  // Later repetitions of a full name (the text often restarts a paragraph with the name).
  // One pass over the text, looking names up by their first character: searching the text once per
  // name made a document listing many people quadratic.
  const byFirst = new Map<string, string[]>();
  for (const name of new Set(found.filter((f) => f.text.length >= 2).map((f) => f.text))) {
    const first = name[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), name]);
  }
  const lastEnd = new Map<string, number>();
  for (let at = 0; at < text.length; at++) {
    const candidates = byFirst.get(text[at] ?? '');
    if (candidates === undefined) continue;
    for (const name of candidates) {
      // Occurrences of one name do not overlap each other (as a left-to-right indexOf scan finds them).
      if (at < (lastEnd.get(name) ?? 0) || !text.startsWith(name, at)) continue;
      found.push(span(text, at, name.length));
      lastEnd.set(name, at + name.length);
    }
  }
  return dedupe(found);
}

/**
 * The full name that opens `body` (a line without its indentation) as a biography's subject, when
 * what follows reads like one (张三，男 / 张三先生 / 张三：); undefined otherwise.
 */
export function nameAtLineStart(body: string): string | undefined {
  for (let len = 2; len <= 4; len++) {
    const candidate = body.slice(0, len);
    if (!looksLikeFullName(candidate)) continue;
    const after = body.slice(len);
    if (strongAfterName.test(after)) return candidate;
    if (/^\s*[男女](?:[，,\s。]|$)/.test(after)) return candidate;
    if (/^\s*[，,]/.test(after) && subjectFollow.test(after.replace(/^\s*[，,]\s*/, ''))) return candidate;
  }
  return undefined;
}

function span(text: string, start: number, length: number): ZhSpan {
  return { start, end: start + length, text: text.slice(start, start + length) };
}

/** Keeps the longest of overlapping spans, in text order. */
function dedupe(spans: ZhSpan[]): ZhSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ZhSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.start < last.end) continue;
    out.push(s);
  }
  return out;
}
