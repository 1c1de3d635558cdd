import type { Config } from '../../config/load.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { RejectsWriter } from '../../ingest/embedded/rejects-file.js';
import { storageError } from '../../ingest/embedded/storage-error.js';
import { addBatchCounts, commitBatch, emptyBatchCounts } from '../../ingest/commit-batch.js';
import type { BatchCounts } from '../../ingest/prepare-batch.js';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { ensurePrivateDir } from '../../lib/private-files.js';
import type { Logger } from '../../lib/logger.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { Batcher, type RecordSink } from './sink.js';

export interface EmbeddedSinkOptions {
  config: Readonly<Config>;
  dataDir: string;
  logger: Logger;
  /** Records per transaction at most (default 200); batches grow with the load, see Batcher. */
  batchRecords?: number;
  /** Wait this long for another writer of the data directory (default: refuse at once). */
  waitForLockMs?: number;
}

export interface EmbeddedSinkStats extends BatchCounts {
  commits: number;
  profilesWritten: number;
}

export interface EmbeddedSink extends RecordSink {
  readonly stats: Readonly<EmbeddedSinkStats>;
}

/**
 * Ingests crawled pages straight into the embedded index of a data directory, with the code the
 * file ingest uses: commitBatch (skip records committed with the same checksum, parse, rebuild
 * the profiles their people touch), dead letters to `rejects.jsonl` before the commit that names
 * them, one transaction per batch. It holds the data directory's write lock while open, so one
 * crawling process (or one ingest) writes a data directory at a time; several crawl processes use
 * the Kafka sink instead.
 */
export async function openEmbeddedSink(options: EmbeddedSinkOptions): Promise<EmbeddedSink> {
  const { config, dataDir } = options;
  try {
    ensurePrivateDir(dataDir);
  } catch (error) {
    throw storageError(error, dataDir);
  }
  let backend: Backend | undefined;
  let rejects: RejectsWriter | undefined;
  try {
    backend = await openBackend(config, {
      dataDir,
      backend: 'embedded',
      mode: 'write',
      waitForLockMs: options.waitForLockMs ?? 0,
      command: 'crawl (embedded sink)',
    });
    rejects = await RejectsWriter.open(dataDir);
  } catch (error) {
    await backend?.close();
    throw storageError(error, dataDir);
  }
  const { state } = backend;
  const deadLetters = rejects;
  const factory = ProfileFactory.fromConfig(config);
  const limits = { maxDocumentBytes: config.processors.maxDocumentBytes };
  const stats: EmbeddedSinkStats = {
    ...emptyBatchCounts(),
    commits: 0,
    profilesWritten: 0,
  };

  const batcher = new Batcher<RecordEnvelope>(
    async (envelopes) => {
      try {
        const committed = await commitBatch(
          envelopes.map((envelope) => ({ envelope })),
          { state, factory, limits, deadLetters },
        );
        addBatchCounts(stats, committed.counts);
        stats.commits++;
        stats.profilesWritten += committed.profilesWritten;
        options.logger.debug({ records: envelopes.length, ...committed.counts }, 'crawl.sink.committed');
      } catch (error) {
        throw storageError(error, dataDir);
      }
    },
    { maxItems: options.batchRecords ?? 200, maxBytes: 32 * 1024 * 1024 },
  );

  let closing: Promise<void> | undefined;
  return {
    name: 'embedded',
    stats,
    write: (envelope) => batcher.add(envelope, envelope.body.length),
    close: () =>
      (closing ??= (async () => {
        try {
          await batcher.close();
        } finally {
          deadLetters.close();
          await backend.close();
        }
      })()),
  };
}
