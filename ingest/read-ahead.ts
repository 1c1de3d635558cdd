/**
 * Pulls up to `size` items ahead of the consumer, so file reads (libuv's thread pool) overlap with
 * the CPU work of parsing and indexing instead of alternating with it. Order is preserved; the
 * source's errors surface at the item where they happened.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const queue: Array<Promise<IteratorResult<T>>> = [];
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && queue.length < size) {
      const next = iterator.next();
      // Mark the end early so no more requests are queued behind it; errors are rethrown below.
      next.then(
        (r) => {
          if (r.done) exhausted = true;
        },
        () => {
          exhausted = true;
        },
      );
      queue.push(next);
    }
  };
  try {
    for (;;) {
      fill();
      const head = queue.shift();
      if (head === undefined) return;
      const result = await head;
      if (result.done) return;
      yield result.value;
    }
  } finally {
    // Stop the source when the consumer stops early (an abort, an error).
    await iterator.return?.();
  }
}
