import { isEdgarFormXml } from './edgar-form-xml-parser.js';

/**
 * Splits an EDGAR full submission into its `<DOCUMENT>` blocks and decides which ones can hold
 * people. A submission carries the primary document (Form 4 XML, 10-K HTML…) beside exhibits,
 * XBRL taxonomies, rendered R pages and uuencoded images; only the primary kinds are worth reading.
 * Both layouts occur: one tag per line (`.txt` on www.sec.gov) and tags run together on one line
 * (`.nc` dissemination files), so metadata is read by tag, not by line.
 */

export interface EdgarDocument {
  /** 1-based position in the submission. */
  index: number;
  /** `<TYPE>`: `4`, `10-K`, `DEF 14A`, `EX-10.1`, `GRAPHIC`… */
  type?: string;
  sequence?: string;
  filename?: string;
  description?: string;
  /** The `<TEXT>` body with its `<XML>`/`<XBRL>` wrapper removed. */
  body: string;
  /** The wrapper the body came in; `pdf` bodies are base64/uuencoded binaries. */
  wrapper: 'xml' | 'xbrl' | 'pdf' | 'none';
  /** Character offset of `<DOCUMENT>` in the submission text. */
  offset: number;
}

function tagValue(meta: string, tag: string): string | undefined {
  const m = meta.match(new RegExp(`<${tag}>([^<\\r\\n]*)`));
  const value = m?.[1]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Removes one `<NAME>…</NAME>` wrapper around the body, tolerating a missing close tag. */
function unwrap(body: string, name: string): string | undefined {
  const trimmed = body.trimStart();
  if (!trimmed.startsWith(`<${name}>`)) return undefined;
  const inner = trimmed.slice(name.length + 2);
  const close = inner.lastIndexOf(`</${name}>`);
  return close < 0 ? inner : inner.slice(0, close);
}

function documentBody(block: string): { body: string; wrapper: EdgarDocument['wrapper'] } {
  const open = block.indexOf('<TEXT>');
  if (open < 0) return { body: '', wrapper: 'none' };
  const rest = block.slice(open + '<TEXT>'.length);
  const close = rest.lastIndexOf('</TEXT>');
  const text = close < 0 ? rest : rest.slice(0, close);
  const xml = unwrap(text, 'XML');
  if (xml !== undefined) return { body: xml, wrapper: 'xml' };
  const xbrl = unwrap(text, 'XBRL');
  if (xbrl !== undefined) return { body: xbrl, wrapper: 'xbrl' };
  const pdf = unwrap(text, 'PDF');
  if (pdf !== undefined) return { body: pdf, wrapper: 'pdf' };
  return { body: text, wrapper: 'none' };
}

/** The documents of a submission, read after the header (`from`). */
export function splitDocuments(text: string, from = 0): EdgarDocument[] {
  const starts: number[] = [];
  for (let at = text.indexOf('<DOCUMENT>', from); at >= 0; at = text.indexOf('<DOCUMENT>', at + 1))
    starts.push(at);
  return starts.map((start, i) => {
    const next = starts[i + 1] ?? text.length;
    const closeAt = text.indexOf('</DOCUMENT>', start);
    // A trimmed or truncated submission may lack </DOCUMENT>: the block then runs to the next one.
    const end = closeAt >= 0 && closeAt < next ? closeAt : next;
    const block = text.slice(start + '<DOCUMENT>'.length, end);
    const textAt = block.indexOf('<TEXT>');
    const meta = textAt < 0 ? block : block.slice(0, textAt);
    const { body, wrapper } = documentBody(block);
    const doc: EdgarDocument = { index: i + 1, body, wrapper, offset: start };
    const type = tagValue(meta, 'TYPE');
    if (type !== undefined) doc.type = type;
    const sequence = tagValue(meta, 'SEQUENCE');
    if (sequence !== undefined) doc.sequence = sequence;
    const filename = tagValue(meta, 'FILENAME');
    if (filename !== undefined) doc.filename = filename;
    const description = tagValue(meta, 'DESCRIPTION');
    if (description !== undefined) doc.description = description;
    return doc;
  });
}

/** Forms whose HTML primary document names directors and officers. */
const HTML_FORMS = new Set(['10-K', '10-K405', '10-KT', 'DEF 14A', '8-K', '20-F']);

/** Document types that never hold people worth extracting (binaries, exhibits, XBRL, rendered pages). */
const SKIPPED_TYPES = /^(EX-|GRAPHIC|ZIP|PDF|EXCEL|JSON|XML$|XBRL|COVER|CORRESP|UPLOAD)/i;

export type DocumentKind =
  | { kind: 'ownership' }
  | { kind: 'edgar-form' }
  | { kind: 'html'; form: string }
  | { kind: 'skip'; reason: string };

/** The base form of a document type: `10-K/A` → `10-K`, `def 14a` → `DEF 14A`. */
function baseForm(type: string): string {
  return type.toUpperCase().replace(/\s+/g, ' ').replace(/\/A$/, '').trim();
}

export function classifyDocument(doc: EdgarDocument): DocumentKind {
  const type = doc.type ?? '';
  if (SKIPPED_TYPES.test(type)) return { kind: 'skip', reason: `document type ${type}` };
  if (doc.wrapper === 'pdf') return { kind: 'skip', reason: 'PDF document' };
  const head = doc.body.trimStart().slice(0, 4096);
  if (/^begin [0-7]{3,4} \S/.test(head)) return { kind: 'skip', reason: 'uuencoded binary' };
  if (/<ownershipDocument[\s>]/.test(doc.body.slice(0, 65536))) return { kind: 'ownership' };
  if (isEdgarFormXml(doc.body.slice(0, 65536))) return { kind: 'edgar-form' };
  if (!HTML_FORMS.has(baseForm(type)))
    return { kind: 'skip', reason: `form ${type || '(none)'} is not read` };
  if (!/<(html|body|div|p|table|font|center|span)[\s>]/i.test(head))
    return { kind: 'skip', reason: `plain-text ${type} (no HTML)` };
  return { kind: 'html', form: type };
}
