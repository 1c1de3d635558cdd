import { findNames } from './zh-names.js';
import { analyzeClause, type ZhEntity, type ZhEntityType } from './zh-segment.js';

export type { ZhEntity, ZhEntityType } from './zh-segment.js';

/** Characters that end a clause; parentheses are not among them (…(集团)股份有限公司). */
const CLAUSE_END = /[，,。；;、！!？?\n\r“”"《》|]/;

/**
 * Rule-based named-entity extraction for Chinese executive biographies (the Resume NER tag set:
 * NAME, CONT, RACE, TITLE, EDU, ORG, PRO, LOC). Names are found first (they anchor a biography);
 * the rest of the text is cut into clauses, then into segments at dates and cue verbs, and each
 * segment is read as [organization][title], [school][major][degree], a nationality, an ethnicity
 * or a native place. Spans are offsets into `text`, sorted, never overlapping.
 */
export function extractZhEntities(text: string): ZhEntity[] {
  const names = findNames(text);
  // Names become placeholders so the clause rules never read them as part of an organization.
  const chars = [...text.split('')];
  for (const n of names) {
    // 陈先生另任…: the honorific goes with the name, or it would start an organization (先生另任…协会).
    const end = /^(?:先生|女士)/.test(text.slice(n.end, n.end + 2)) ? n.end + 2 : n.end;
    for (let i = n.start; i < end; i++) chars[i] = '\u0001';
  }
  const masked = chars.join('');
  const out: ZhEntity[] = names.map((n) => ({ type: 'NAME', start: n.start, end: n.end, text: n.text }));
  let start = 0;
  for (let i = 0; i <= masked.length; i++) {
    if (i < masked.length && !CLAUSE_END.test(masked[i] ?? '')) continue;
    if (i > start) {
      const found: ZhEntity[] = [];
      analyzeClause(masked, start, i, found);
      for (const e of found) out.push({ ...e, text: text.slice(e.start, e.end) });
    }
    start = i + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** One sentence of a BMES-labelled file, with its gold entity spans (offsets into `text`). */
export interface BmesSentence {
  text: string;
  entities: ZhEntity[];
}

/**
 * Reads a character-per-line BMES file (`张 B-NAME`, blank line between sentences), the format of
 * the Resume NER corpus. Malformed tag sequences (an M- without a B-) close the open entity there.
 */
export function parseBmes(content: string): BmesSentence[] {
  const sentences: BmesSentence[] = [];
  let chars: string[] = [];
  let entities: ZhEntity[] = [];
  let open: { type: ZhEntityType; start: number } | undefined;
  const flush = (): void => {
    if (chars.length > 0) sentences.push({ text: chars.join(''), entities });
    chars = [];
    entities = [];
    open = undefined;
  };
  const close = (endExclusive: number): void => {
    if (open === undefined) return;
    const text = chars.join('');
    entities.push({
      type: open.type,
      start: open.start,
      end: endExclusive,
      text: text.slice(open.start, endExclusive),
    });
    open = undefined;
  };
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cut = line.lastIndexOf(' ');
    const ch = cut > 0 ? line.slice(0, cut) : line.slice(0, 1);
    const tag = cut > 0 ? line.slice(cut + 1) : 'O';
    const at = chars.join('').length;
    chars.push(ch);
    const m = /^([BMESI])-(\w+)$/.exec(tag);
    const prefix = m?.[1];
    const type = m?.[2] as ZhEntityType | undefined;
    if (prefix === undefined || type === undefined) {
      close(at);
      continue;
    }
    if (prefix === 'S') {
      close(at);
      entities.push({ type, start: at, end: at + ch.length, text: ch });
    } else if (prefix === 'B') {
      close(at);
      open = { type, start: at };
    } else if (prefix === 'E') {
      if (open === undefined || open.type !== type) open = { type, start: at };
      close(at + ch.length);
    } else if (open === undefined || open.type !== type) {
      close(at);
      open = { type, start: at };
    }
  }
  flush();
  return sentences;
}
