import { looksLikeFullName, nameAtLineStart } from './zh-names.js';

/** One person's part of a document: [start, end) offsets into the text, and the name that opened it. */
export interface ZhPersonSegment {
  start: number;
  end: number;
  /** The full name that introduces the person; undefined when the text introduces nobody. */
  name?: string;
}

/** 姓名：张三 (form-like résumés), cut before a following label as zh-names does. */
const LABELLED = /姓名\s*[：:]\s*([\u4e00-\u9fff]{2,8})/;
const NEXT_LABEL = /性别|民族|出生|籍贯|学历|政治面貌|国籍|年龄/;
/** Inside a line only a name with a gender or an honorific after it starts a new person. */
const STRONG_AFTER = /^(?:先生|女士|\s*[，,：:]\s*[男女](?:[，,。；;\s]|$))/;
/** Where a sentence ends inside a line. */
const SENTENCE_END = /[。；;！!？?]\s*/g;

function labelledName(line: string): string | undefined {
  const raw = LABELLED.exec(line)?.[1];
  if (raw === undefined) return undefined;
  const cut = raw.search(NEXT_LABEL);
  const name = cut > 0 ? raw.slice(0, cut) : raw;
  return looksLikeFullName(name) ? name : undefined;
}

/** A name that opens a sentence inside a line, with the stricter context above. */
function nameInLine(rest: string): string | undefined {
  const name = nameAtLineStart(rest);
  return name !== undefined && STRONG_AFTER.test(rest.slice(name.length)) ? name : undefined;
}

/**
 * Cuts a document into one segment per person. Pages of executive biographies put several people
 * in one file, one after another: each opens with the name (张三，男，… / 张三先生：… / 姓名：张三) and
 * the lines after it (曾任…, 2005年…, or the name again) are about the same person. A segment starts
 * where a different full name is introduced (at a line start, or after 。 with 先生/女士/，男 after
 * it); a repeated name or a short reference (张先生) continues the current one. Text before the
 * first name belongs to the only person when there is one, and is dropped when there are several.
 * A text that introduces nobody is one segment without a name, so the caller decides as before.
 */
export function splitZhPersons(text: string): ZhPersonSegment[] {
  const opens: Array<{ at: number; name: string }> = [];
  let current: string | undefined;
  const open = (at: number, name: string | undefined): void => {
    // The same name again, or its given part alone (欧阳明华 … 明华先生), goes on with the same person.
    if (name === undefined || (current !== undefined && current.endsWith(name))) return;
    opens.push({ at, name });
    current = name;
  };
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    open(lineStart, nameAtLineStart(line.slice(lead)) ?? labelledName(line));
    for (const m of line.matchAll(SENTENCE_END)) {
      const at = m.index + m[0].length;
      if (at < line.length) open(lineStart + at, nameInLine(line.slice(at)));
    }
    lineStart += line.length + 1;
  }
  if (opens.length === 0) return [{ start: 0, end: text.length }];
  // One person: the whole text, exactly as a single biography was always read.
  if (opens.length === 1) return [{ start: 0, end: text.length, name: opens[0]?.name }];
  return opens.map((o, i) => {
    const start = o.at;
    let end = opens[i + 1]?.at ?? text.length;
    // The newline (and blank lines) before the next person belong to neither.
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    return { start, end, name: o.name };
  });
}
