import type { Transform } from 'node:stream';

/**
 * Compressed bytes handed to the decompressor per write. Deflate expands at most ~1,032 times, so
 * one write yields at most ~16 MiB before the caller's limits (ratio, expanded bytes) are checked.
 */
const SLICE_BYTES = 16 * 1024;

/**
 * Runs `act` (a write, or the end of input) and waits until the decompressor has dealt with it:
 * the write's callback, or `event`, or its error or close. A zlib error does not call the pending
 * write's callback, so waiting for the callback alone would wait forever on damaged data.
 */
function settled(decompressor: Transform, act: (done: () => void) => void, event?: 'end'): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      decompressor.off('error', done).off('close', done);
      if (event !== undefined) decompressor.off(event, done);
      resolve();
    };
    decompressor.once('error', done).once('close', done);
    if (event !== undefined) decompressor.once(event, done);
    act(done);
  });
}

/**
 * Decompresses `source` (a zlib transform: raw inflate for zip members, gunzip for .gz) with the
 * consumer's pulls as the only driver: no pipe reads `source` in the background. So when the
 * consumer stops, reading stops, and whatever reads the same underlying bytes next (the
 * sequential zip reader skipping to the next member) never races a reader it cannot see; and
 * returning the generator closes the decompressor and returns `source`.
 *
 * The decompressor's `error` is listened for during its whole life: a damaged member abandoned
 * mid-way once emitted its `corrupt-archive` error on a stream with no listener, which killed the
 * process instead of rejecting the archive.
 *
 * Ends when the compressed stream does (bytes after its end are not read further: the caller
 * checks sizes, and a source that fails after a complete stream loses nothing), or with the
 * source's or the decompressor's error when the stream is cut short or damaged; the bytes
 * decompressed before the damage are yielded first.
 */
export async function* pullDecompress(
  source: AsyncIterable<Buffer>,
  decompressor: Transform,
): AsyncGenerator<Buffer> {
  const ready: Buffer[] = [];
  let failure: Error | undefined;
  let ended = false;
  let written = 0;
  decompressor.on('data', (chunk: Buffer) => ready.push(chunk));
  decompressor.on('error', (error: Error) => {
    failure ??= error;
  });
  decompressor.on('end', () => {
    ended = true;
  });
  // Input the decompressor left unconsumed means its stream ended inside that write.
  const finishedStream = (): boolean =>
    ended || (decompressor as Transform & { bytesWritten: number }).bytesWritten < written;
  const input = source[Symbol.asyncIterator]();
  let sourceError: unknown;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await input.next();
      } catch (error) {
        // The source ended badly (a member cut short): whether the compressed stream was already
        // complete is for the decompressor to say when it is ended below.
        sourceError = error;
        break;
      }
      if (next.done === true) break;
      const chunk = next.value;
      for (let at = 0; at < chunk.length && !finishedStream() && failure === undefined; at += SLICE_BYTES) {
        const slice = chunk.subarray(at, at + SLICE_BYTES);
        written += slice.length;
        await settled(decompressor, (done) => decompressor.write(slice, done));
        while (ready.length > 0) yield ready.shift() as Buffer;
      }
      if (failure !== undefined || finishedStream()) break;
    }
    if (failure === undefined && !ended) await settled(decompressor, () => decompressor.end(), 'end');
    while (ready.length > 0) yield ready.shift() as Buffer;
    if (failure !== undefined) throw sourceError ?? failure;
  } finally {
    decompressor.destroy();
    if (sourceError === undefined) await input.return?.();
  }
}
