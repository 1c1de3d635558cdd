import type { SplitDocument } from '../../processors/patent/split-concatenated.js';

/** How much of an oversize line is kept: enough to name it in a rejection. */
const OVERSIZE_HEAD_BYTES = 64 * 1024;

/**
 * Splits JSON Lines (OpenAlex and Crossref snapshots, Semantic Scholar datasets) into one
 * document per non-blank line, streaming: only the current line is held, so a multi-gigabyte
 * snapshot part is read in constant memory. Each line becomes its own record, so one line that
 * is not JSON is rejected alone and the others are kept.
 */
export async function* splitJsonLines(
  source: AsyncIterable<Buffer | string>,
  options?: { maxDocumentBytes?: number },
): AsyncGenerator<SplitDocument> {
  const max = options?.maxDocumentBytes ?? Number.POSITIVE_INFINITY;
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let lineStart = 0;
  let offset = 0;
  let index = 0;

  function* finish(): Generator<SplitDocument> {
    const bytes = Buffer.concat(parts, kept);
    const blank = length === bytes.length && bytes.toString('utf8').trim() === '';
    if (length > 0 && !blank) {
      const doc: SplitDocument = { bytes, index, byteOffset: lineStart, byteLength: length };
      if (length > max) doc.oversize = true;
      yield doc;
      index++;
    }
    parts = [];
    kept = 0;
    length = 0;
  }

  const append = (piece: Buffer): void => {
    length += piece.length;
    if (length <= max) {
      parts.push(piece);
      kept += piece.length;
      return;
    }
    // Past the limit: keep only the line's head, for the rejection, and nothing more of it.
    const keep = Math.min(OVERSIZE_HEAD_BYTES, max);
    if (kept === keep) return;
    const head = Buffer.from(Buffer.concat([...parts, piece]).subarray(0, keep));
    parts = [head];
    kept = head.length;
  };

  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, from)) {
      append(buf.subarray(from, nl));
      yield* finish();
      from = nl + 1;
      lineStart = offset + from;
    }
    if (from < buf.length) append(Buffer.from(buf.subarray(from)));
    offset += buf.length;
  }
  yield* finish();
}

/**
 * True when the text starts with one complete JSON value on its first line and has more lines
 * after it: JSON Lines. A pretty-printed JSON document never has a complete value on line one,
 * and a one-line JSON file stays one record.
 */
export function looksLikeJsonLines(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  const first = text.slice(0, nl).trim();
  if (!first.startsWith('{') || !first.endsWith('}')) return false;
  if (!/^\s*\{/.test(text.slice(nl + 1))) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}
