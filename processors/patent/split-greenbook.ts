import { DocumentAccumulator } from './split-accumulator.js';
import type { SplitDocument } from './split-concatenated.js';

/**
 * Splits a USPTO "Green Book" (APS) weekly text file into patents, streaming: each patent is the
 * group of records from one `PATN` line to the next. The weekly file's `HHHHHT` header line, if
 * present, belongs to no patent and is dropped. Only the current patent and one chunk are held.
 */

const MARKER = Buffer.from('\nPATN');

export async function* splitGreenbook(
  source: AsyncIterable<Buffer | string>,
  options?: { maxDocumentBytes?: number },
): AsyncGenerator<SplitDocument> {
  const doc = new DocumentAccumulator(options?.maxDocumentBytes);
  let pending: Buffer = Buffer.alloc(0);
  let pendingOffset = 0;
  let started = false;

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let from = 0;
    if (!started && pendingOffset === 0 && pending.subarray(0, 4).toString('latin1') === 'PATN')
      started = true;
    for (let at = pending.indexOf(MARKER, from); at >= 0; at = pending.indexOf(MARKER, from)) {
      if (started) {
        doc.add(pending.subarray(from, at + 1));
        yield doc.finish();
      }
      started = true;
      doc.start = pendingOffset + at + 1;
      from = at + 1;
    }
    // Hold back a tail that could be the start of a "\nPATN" cut by the chunk boundary.
    const commit = Math.max(from, pending.length - MARKER.length);
    if (started) doc.add(pending.subarray(from, commit));
    pending = Buffer.from(pending.subarray(commit));
    pendingOffset += commit;
  }
  if (started) {
    doc.add(pending);
    if (doc.bytesSeen > 0) yield doc.finish();
  }
}
