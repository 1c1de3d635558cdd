import type { Config } from '../config/load.js';
import { lockDataDir, type DataDirLock } from '../ingest/embedded/data-dir-lock.js';
import type { TalentIndex } from './contract.js';
import type { IngestState } from './ingest-state.js';
import { EmbeddedIngestState } from './embedded/ingest-state.js';
import { openEmbeddedIndex } from './embedded/index.js';
import { PooledEmbeddedIndex } from './embedded/pooled-index.js';

export type BackendName = 'embedded' | 'elasticsearch';

/** An index backend with the ingest state that goes with it. */
export interface Backend {
  name: BackendName;
  index: TalentIndex;
  state: IngestState;
  /** Closes the index, then releases the data directory's write lock when this backend holds it. */
  close(): Promise<void>;
}

export interface OpenBackendOptions {
  /** The data directory: the embedded index lives there, and its write lock. */
  dataDir: string;
  /** Default: the `index.backend` setting. */
  backend?: BackendName;
  /**
   * `read` (default): no lock; the API and the query commands read while an ingest writes.
   * `write`: the process writes the index, so the data directory's write lock is taken before the
   * index is opened (on the embedded backend: it has one writer) and released by `close()`; another
   * writer makes this throw DataDirLockedError (ingest/embedded/data-dir-lock.ts) naming it.
   */
  mode?: 'read' | 'write';
  /** With `write`: lock the data directory on Elasticsearch too (the file ingest writes its rejects file there). */
  lockOnEveryBackend?: boolean;
  /** With `write`: wait this long for the other writer (default: refuse at once). */
  waitForLockMs?: number;
  /** With `write`: what the lock says is writing, for the message another writer gets. */
  command?: string;
  /**
   * Embedded backend: answer searches, facets, supply and profile reads on this many reader
   * threads, each with its own read-only connection (the query service; `api.readerThreads`).
   * 0 or absent: on the caller's thread. Writes stay on the caller's connection either way.
   */
  readerThreads?: number;
  /** With readerThreads: told when a reader thread dies (it is replaced). */
  onReaderThreadError?: (error: Error) => void;
}

/**
 * Opens the backend `index.backend` (or `options.backend`) names: the SQLite file of `dataDir`,
 * or Elasticsearch at `elasticsearch.url`.
 */
export async function openBackend(config: Readonly<Config>, options: OpenBackendOptions): Promise<Backend> {
  const name = options.backend ?? config.index.backend;
  const lock =
    options.mode === 'write' && (name === 'embedded' || options.lockOnEveryBackend)
      ? await lockDataDir(options.dataDir, {
          waitMs: options.waitForLockMs ?? 0,
          ...(options.command ? { command: options.command } : {}),
        })
      : undefined;
  try {
    const { index, state } = await openIndex(config, name, options);
    return {
      name,
      index,
      state,
      close: async () => {
        try {
          await index.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * The write lock of one write by a process that opened its backend to read (the API's erasure):
 * the data directory's lock on the embedded backend, nothing to take on Elasticsearch.
 */
export function lockForWrite(
  name: BackendName,
  dataDir: string,
  options: { waitForLockMs?: number; command: string },
): Promise<DataDirLock> {
  if (name !== 'embedded') return Promise.resolve({ release: () => undefined });
  return lockDataDir(dataDir, { waitMs: options.waitForLockMs ?? 0, command: options.command });
}

async function openIndex(
  config: Readonly<Config>,
  name: BackendName,
  options: OpenBackendOptions,
): Promise<{ index: TalentIndex; state: IngestState }> {
  if (name === 'elasticsearch') {
    // Loaded only when used: the embedded default never pays for the Elasticsearch client.
    const { openElasticsearchBackend } = await import('./elasticsearch/index.js');
    return openElasticsearchBackend({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix });
  }
  // The read-write connection first: it creates and migrates the file the readers open.
  const index = await openEmbeddedIndex({ dataDir: options.dataDir });
  const state = new EmbeddedIngestState(index);
  const threads = options.readerThreads ?? 0;
  if (threads === 0) return { index, state };
  try {
    const pooled = await PooledEmbeddedIndex.start(index, threads, {
      ...(options.onReaderThreadError ? { onThreadError: options.onReaderThreadError } : {}),
    });
    return { index: pooled, state };
  } catch (error) {
    await index.close();
    throw error;
  }
}
