/**
 * Splits a USPTO weekly bulk file (thousands of XML documents written one after another, each
 * starting with its own `<?xml` declaration) into single documents, streaming: only the current
 * document and one incoming chunk are held, never the whole file (weekly grant files run to
 * several hundred MB). A marker split across two chunks is found because the last
 * `MARKER.length` bytes of each chunk are held back and searched again with the next one.
 */

const MARKER = Buffer.from('<?xml');
/**
 * A marker only counts when followed by whitespace: `<?xml-stylesheet …?>` (CNIPA documents carry
 * one after their declaration) is a processing instruction inside a document, not a new one. The
 * byte after the marker must be in hand, hence a hold-back of the marker's full length.
 */
const HOLD_BACK = MARKER.length;
/** How much of an oversize document is kept: enough for the caller to name it in a rejection. */
const OVERSIZE_HEAD_BYTES = 64 * 1024;

export interface SplitDocument {
  bytes: Buffer;
  /** 0-based position of the document in the file. */
  index: number;
  /** Offset of the document's first byte (its `<?xml`) in the file. */
  byteOffset: number;
  /** Full length of the document in the file (for an oversize one, more than `bytes.length`). */
  byteLength: number;
  /** Set when the document exceeded `maxDocumentBytes`: `bytes` then holds only its beginning. */
  oversize?: boolean;
}

/** True for bytes that carry no document: whitespace and a UTF-8 byte-order mark. */
function isBlank(parts: Buffer[]): boolean {
  for (const part of parts)
    for (const b of part)
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf)
        return false;
  return true;
}

export async function* splitConcatenatedXml(
  source: AsyncIterable<Buffer | string>,
  options?: { maxDocumentBytes?: number },
): AsyncGenerator<SplitDocument> {
  const max = options?.maxDocumentBytes ?? Number.POSITIVE_INFINITY;
  let parts: Buffer[] = [];
  let kept = 0; // bytes held in `parts`
  let length = 0; // bytes of the current document seen so far
  let oversize = false;
  let docStart = 0;
  let index = 0;
  let tail: Buffer = Buffer.alloc(0);
  let offset = 0; // file offset of tail[0]

  const append = (piece: Buffer): void => {
    if (piece.length === 0) return;
    length += piece.length;
    if (!oversize && length > max) {
      // Past the limit: drop what is held beyond the head and keep nothing more of this document.
      oversize = true;
      const head = Buffer.concat(parts, kept).subarray(0, Math.min(kept, OVERSIZE_HEAD_BYTES, max));
      const room = Math.min(OVERSIZE_HEAD_BYTES, max) - head.length;
      parts = room > 0 ? [head, Buffer.from(piece.subarray(0, room))] : [head];
      kept = parts.reduce((n, p) => n + p.length, 0);
      return;
    }
    if (oversize) return;
    parts.push(piece);
    kept += piece.length;
  };

  const finish = (): SplitDocument | undefined => {
    const doc: SplitDocument | undefined =
      length === 0 || (index === 0 && docStart === 0 && !oversize && isBlank(parts))
        ? undefined
        : { bytes: Buffer.concat(parts, kept), index, byteOffset: docStart, byteLength: length };
    if (doc !== undefined) {
      if (oversize) doc.oversize = true;
      index++;
    }
    parts = [];
    kept = 0;
    length = 0;
    oversize = false;
    return doc;
  };

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const data = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
    const dataOffset = offset;
    // A marker starting in the last HOLD_BACK bytes cannot be complete yet: keep those for next time.
    const commitEnd = Math.max(0, data.length - HOLD_BACK);
    let from = 0;
    for (let at = data.indexOf(MARKER); at >= 0 && at < commitEnd; at = data.indexOf(MARKER, at + 1)) {
      const after = data[at + MARKER.length];
      if (after !== 0x20 && after !== 0x09 && after !== 0x0a && after !== 0x0d) continue;
      append(data.subarray(from, at));
      const doc = finish();
      if (doc !== undefined) yield doc;
      docStart = dataOffset + at;
      from = at;
    }
    append(data.subarray(from, commitEnd));
    // Copied so the held bytes do not pin the whole (possibly large) incoming chunk.
    tail = Buffer.from(data.subarray(commitEnd));
    offset = dataOffset + commitEnd;
  }
  append(tail);
  const last = finish();
  if (last !== undefined) yield last;
}
