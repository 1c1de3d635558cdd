import { DocumentAccumulator } from './split-accumulator.js';
import type { SplitDocument } from './split-concatenated.js';

/**
 * Splits a wrapped bulk file into its documents, streaming: DOCDB weekly exchange files hold
 * thousands of `<exch:exchange-document>` elements inside one `<exch:exchange-documents>` root,
 * so they are one XML document and `split-concatenated.ts` (which cuts at `<?xml`) cannot split
 * them; JPO gazette batches and the 2001 USPTO SGML files write documents one after another with
 * no declaration. Each element is cut out byte for byte (start tag to end tag) and becomes one
 * document; what lies between them (a wrapper's tags, a DOCTYPE, whitespace) is dropped. Only
 * the current element and one incoming chunk are held. The element must not nest inside itself
 * (true of every bulk format split this way).
 */
export async function* splitElements(
  source: AsyncIterable<Buffer | string>,
  localName: string,
  options?: { maxDocumentBytes?: number },
): AsyncGenerator<SplitDocument> {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const start = new RegExp(`<(?:[\\w.-]+:)?${localName}[\\s>/]`, 'g');
  const end = new RegExp(`</(?:[\\w.-]+:)?${localName}\\s*>`, 'g');
  // Longest tail that can hold a tag cut by a chunk boundary.
  const tail = localName.length + 64;
  const doc = new DocumentAccumulator(options?.maxDocumentBytes);
  let pending: Buffer = Buffer.alloc(0);
  let pendingOffset = 0; // file offset of pending[0]
  let inside = false;

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const text = pending.toString('latin1');
    let from = 0;
    for (;;) {
      if (!inside) {
        start.lastIndex = from;
        const m = start.exec(text);
        if (m === null) {
          from = Math.max(from, text.length - tail);
          break;
        }
        inside = true;
        doc.start = pendingOffset + m.index;
        from = m.index;
      }
      end.lastIndex = from;
      const e = end.exec(text);
      if (e === null) {
        const commit = Math.max(from, text.length - tail);
        doc.add(pending.subarray(from, commit));
        from = commit;
        break;
      }
      const stop = e.index + e[0].length;
      doc.add(pending.subarray(from, stop));
      yield doc.finish();
      inside = false;
      from = stop;
    }
    pending = Buffer.from(pending.subarray(from));
    pendingOffset += from;
  }
  if (inside) {
    // A truncated file: the last element has no end tag. It is passed on so the parser rejects it.
    doc.add(pending);
    yield doc.finish();
  }
}
