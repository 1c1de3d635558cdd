import { isSharedIngestState, type FinishedInput, type IngestState } from '../indexer/ingest-state.js';
import type { RecordEnvelope } from '../lib/envelope.js';
import type { ProcessingError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { ParseLimits } from '../processors/parser.js';
import type { ProfileFactory } from '../processors/profile-factory.js';
import { settleRebuild } from './kafka/settle-rebuild.js';
import {
  BATCH_COUNT_KEYS,
  prepareBatch,
  type BatchCounts,
  type BatchItem,
  type PreparedBatch,
} from './prepare-batch.js';

/** A record the processors refused, with the typed reason; its original bytes are in the envelope. */
export interface RejectedRecord {
  envelope: RecordEnvelope;
  error: ProcessingError;
}

/**
 * Where rejected records go: the rejects file of a data directory (ingest/embedded/rejects-file.ts)
 * or the Kafka dead-letter topic (ingest/kafka/dead-letter-sink.ts).
 */
export interface DeadLetterSink {
  /**
   * Puts these records in the dead-letter place and resolves once they are durable (fsynced,
   * acknowledged by every replica): the batch naming them commits only afterwards, so a crash
   * between the two replays the batch instead of losing its rejects. Putting a record again (a
   * replayed batch) must be harmless.
   */
  put(rejected: readonly RejectedRecord[]): Promise<void>;
}

export interface CommitBatchOptions {
  state: IngestState;
  factory: ProfileFactory;
  limits: ParseLimits;
  deadLetters: DeadLetterSink;
  /** Process records even when committed before with the same content (a retry after a fix). */
  reprocess?: boolean;
  /** Input files read to their end, committed with the batch (only the file ingest knows them). */
  finishedInputs?: readonly FinishedInput[];
  /**
   * Other processes write the same index (Elasticsearch): after the commit, check the people just
   * rebuilt and rebuild them again if another writer raced this one (settleRebuild). Needs a state
   * several writers can share; ignored for a state with a single writer.
   */
  concurrentWriters?: { logger: Logger };
}

export interface CommittedBatch {
  counts: BatchCounts;
  outcomes: PreparedBatch['outcomes'];
  profilesWritten: number;
  profilesRemoved: number;
  /** Rebuilds after the commit found another writer had changed the same people (0 with one writer). */
  rebuilds: number;
}

/**
 * The exactly-once step every ingest path shares (file ingest, crawl sink, Kafka worker): prepare
 * the batch (skip records committed with the same content, parse, rebuild the profiles their people
 * touch), put its rejects in the dead-letter place, then commit records, mentions and profiles
 * together. A crash anywhere replays the batch at most, which the ingest state makes harmless.
 * Throws what the state or the sink throws; nothing of the batch is counted then.
 */
export async function commitBatch(
  batch: readonly BatchItem[],
  options: CommitBatchOptions,
): Promise<CommittedBatch> {
  const { state } = options;
  const prepared = await prepareBatch(batch, {
    state,
    factory: options.factory,
    limits: options.limits,
    ...(options.reprocess ? { reprocess: true } : {}),
  });
  if (prepared.rejected.length > 0) await options.deadLetters.put(prepared.rejected);
  await state.commit({ ...prepared.commit, finishedInputs: options.finishedInputs ?? [] });
  const rebuilds =
    options.concurrentWriters && isSharedIngestState(state)
      ? await settleRebuild(
          { state, factory: options.factory, logger: options.concurrentWriters.logger },
          { basis: prepared.basis, put: prepared.commit.profiles.put },
        )
      : 0;
  return {
    counts: prepared.counts,
    outcomes: prepared.outcomes,
    profilesWritten: prepared.commit.profiles.put.length,
    profilesRemoved: prepared.commit.profiles.remove.length,
    rebuilds,
  };
}

/** Zero for every batch count: the start of a running total. */
export function emptyBatchCounts(): BatchCounts {
  return Object.fromEntries(BATCH_COUNT_KEYS.map((key) => [key, 0])) as Record<keyof BatchCounts, number>;
}

/** Adds one batch's counts to a running total, in place. */
export function addBatchCounts(total: BatchCounts, counts: Readonly<BatchCounts>): void {
  for (const key of BATCH_COUNT_KEYS) total[key] += counts[key];
}
