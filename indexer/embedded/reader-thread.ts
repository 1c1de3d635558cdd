/**
 * One reader thread of the embedded index (started by reader-pool.ts): its own read-only
 * connection on the data file, answering one read at a time. SQLite in WAL mode lets it read a
 * consistent snapshot while another connection (the ingest, an erasure) writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EmbeddedIndex } from './embedded-index.js';
import type { ReaderReply, ReaderRequest, ReaderThreadData } from './reader-protocol.js';

const port = parentPort;
if (port === null) throw new Error('reader-thread.ts runs as a worker thread of the reader pool');
const { file } = workerData as ReaderThreadData;

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

function open(): EmbeddedIndex | undefined {
  try {
    return new EmbeddedIndex(file, { readOnly: true });
  } catch (error) {
    // The pool reports it; the thread then ends with nothing left to do.
    port?.postMessage({ type: 'failed', error: describe(error) } satisfies ReaderReply);
    return undefined;
  }
}

const index = open();
if (index === undefined) port.close();
else {
  port.postMessage({ type: 'ready' } satisfies ReaderReply);
  port.on('message', (request: ReaderRequest | { op: 'close' }) => {
    if (request.op === 'close') {
      void index.close().finally(() => port.close());
      return;
    }
    answer(index, request).then(
      (value) => port.postMessage({ type: 'result', seq: request.seq, value } satisfies ReaderReply),
      (error: unknown) =>
        port.postMessage({ type: 'error', seq: request.seq, error: describe(error) } satisfies ReaderReply),
    );
  });
}

async function answer(index: EmbeddedIndex, request: ReaderRequest): Promise<unknown> {
  switch (request.op) {
    case 'search':
      return index.search(request.query);
    case 'aggregate':
      return index.aggregate(request.query, request.facets, request.options);
    case 'supply':
      return index.supply(request.query);
    case 'get':
      return index.get(request.id);
    case 'stats':
      return index.stats();
  }
}
