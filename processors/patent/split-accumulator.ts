import type { SplitDocument } from './split-concatenated.js';

/** Bytes kept of an oversize document: enough for the caller to name it in a rejection. */
const OVERSIZE_HEAD_BYTES = 64 * 1024;

/**
 * The bytes of the document being cut out of a bulk file, for the streaming splitters: pieces
 * are copied in as they arrive (so they do not pin the large incoming chunk), and past
 * `maxDocumentBytes` only the head is kept and the document is marked oversize.
 */
export class DocumentAccumulator {
  private parts: Buffer[] = [];
  private kept = 0;
  private length = 0;
  private oversize = false;
  private index = 0;
  /** File offset of the current document's first byte. */
  start = 0;

  constructor(private readonly maxDocumentBytes = Number.POSITIVE_INFINITY) {}

  get bytesSeen(): number {
    return this.length;
  }

  add(piece: Buffer): void {
    if (piece.length === 0) return;
    this.length += piece.length;
    if (this.oversize) return;
    if (this.length > this.maxDocumentBytes) {
      this.oversize = true;
      const head = Buffer.concat([...this.parts, piece]).subarray(
        0,
        Math.min(OVERSIZE_HEAD_BYTES, this.maxDocumentBytes),
      );
      this.parts = [Buffer.from(head)];
      this.kept = head.length;
      return;
    }
    this.parts.push(Buffer.from(piece));
    this.kept += piece.length;
  }

  /** The document so far, numbered; the accumulator is then empty for the next one. */
  finish(): SplitDocument {
    const doc: SplitDocument = {
      bytes: Buffer.concat(this.parts, this.kept),
      index: this.index++,
      byteOffset: this.start,
      byteLength: this.length,
    };
    if (this.oversize) doc.oversize = true;
    this.parts = [];
    this.kept = 0;
    this.length = 0;
    this.oversize = false;
    return doc;
  }
}
