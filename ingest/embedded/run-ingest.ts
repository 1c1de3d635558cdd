import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Config } from '../../config/load.js';
import type { FinishedInput, RecordOutcomeKind } from '../../indexer/ingest-state.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import type { FormatName } from '../../lib/envelope.js';
import { createLogger, type Logger } from '../../lib/logger.js';
import { ensurePrivateDir } from '../../lib/private-files.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { addBatchCounts, commitBatch, type DeadLetterSink } from '../commit-batch.js';
import { expandPaths, readInputs, type InputItem } from '../files/read-inputs.js';
import { readAhead } from '../read-ahead.js';
import type { BatchCounts, BatchItem } from '../prepare-batch.js';
import { RejectsWriter } from './rejects-file.js';
import { storageError } from './storage-error.js';

export interface IngestOptions {
  /** Files, directories, or `-` for standard input. */
  inputs: readonly string[];
  /** Records to ingest instead of reading `inputs` (the retry of rejected records). */
  items?: AsyncIterable<InputItem>;
  /** Process records even when committed before with the same content (a retry after a fix). */
  reprocess?: boolean;
  /** Runs after the last commit, with the rejects file closed and the data directory still locked. */
  beforeUnlock?: () => Promise<void>;
  /** The outcome of every record processed. */
  onRecord?: (sourceId: string, outcome: RecordOutcomeKind) => void;
  /** Holds the rejects file (and the index, on the embedded backend). */
  dataDir: string;
  config: Readonly<Config>;
  /**
   * The index written (default embedded). On Elasticsearch, other writers (workers) may write the
   * same index at once: each batch is re-checked after its commit (settleRebuild).
   */
  backend?: Backend['name'];
  /** Default: a logger at the `log.level` setting. */
  logger?: Logger;
  /** Records per transaction (default 2000): larger is faster, smaller loses less work to a crash. */
  batchRecords?: number;
  /** Body bytes per transaction (default 32 MiB), so a batch of large documents stays small in memory. */
  batchBytes?: number;
  format?: FormatName;
  encoding?: string;
  stdin?: Readable;
  /** Wait this long for another ingest holding the data directory (default: refuse at once). */
  waitForLockMs?: number;
  /** Read inputs again even when a previous run finished them (records already committed still count as unchanged). */
  rescan?: boolean;
  /** Aborting stops after the batch in flight is committed: a clean, resumable stop. */
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  /** After each committed batch. */
  onCommit?: (batch: { records: number; totalRecords: number }) => void;
}

export interface IngestProgress {
  bytesRead: number;
  /** Bytes of all inputs; 0 when unknown (standard input). */
  totalBytes: number;
  records: number;
}

/** What a run did; the batch counts are summed over this run's batches. */
export interface IngestSummary extends BatchCounts {
  dataDir: string;
  backend: Backend['name'];
  /** Records read in this run (skipped finished inputs not included). */
  records: number;
  /** Of the mentions, mentions that joined another mention's profile (mentions − new profiles). */
  merged: number;
  profilesWritten: number;
  profilesRemoved: number;
  /** Profiles in the index after the run. */
  profiles: number;
  /** Input files a previous run finished, not read again. */
  inputsSkipped: number;
  bytesRead: number;
  seconds: number;
  /** True when stopped by a signal before the end of the inputs; rerun to continue. */
  stopped: boolean;
}

const DEFAULT_BATCH_RECORDS = 2000;
const DEFAULT_BATCH_BYTES = 32 * 1024 * 1024;

function fingerprintOf(file: { path: string; size: number; mtimeMs: number }): string {
  return `${file.path}|${file.size}|${Math.floor(file.mtimeMs)}`;
}

async function totalBytesOf(inputs: readonly string[]): Promise<number> {
  let total = 0;
  for await (const { path, error } of expandPaths(inputs)) {
    if (error || path === '-') continue;
    try {
      total += (await stat(path)).size;
    } catch {
      // Counted as unreadable when read.
    }
  }
  return total;
}

/**
 * The file ingest: files → processors → profiles → the index (the SQLite index of the data
 * directory, or Elasticsearch), in batches committed by commitBatch. Exactly-once by construction:
 * a batch commits its records' ids and checksums with the mentions and profiles they produced, a
 * rerun skips committed records (and whole finished files), and profiles are rebuilt from all
 * their mentions, so replaying is harmless. Rejects go to the data directory's rejects file, which
 * is why the data directory is locked on every backend.
 */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  try {
    ensurePrivateDir(options.dataDir);
  } catch (error) {
    throw storageError(error, options.dataDir);
  }
  let backend: Backend | undefined;
  let rejects: RejectsWriter | undefined;
  try {
    // The rejects file is in the data directory: locked on every backend.
    backend = await openBackend(options.config, {
      dataDir: options.dataDir,
      backend: options.backend ?? 'embedded',
      mode: 'write',
      lockOnEveryBackend: true,
      waitForLockMs: options.waitForLockMs ?? 0,
    });
    rejects = await RejectsWriter.open(options.dataDir);
    const summary = await ingestInto(backend, rejects, options, started);
    rejects.close();
    await options.beforeUnlock?.();
    return summary;
  } catch (error) {
    throw storageError(error, options.dataDir);
  } finally {
    try {
      rejects?.close();
    } finally {
      await backend?.close();
    }
  }
}

async function ingestInto(
  backend: Backend,
  deadLetters: DeadLetterSink,
  options: IngestOptions,
  started: number,
): Promise<IngestSummary> {
  const { index, state } = backend;
  const factory = ProfileFactory.fromConfig(options.config);
  const limits = { maxDocumentBytes: options.config.processors.maxDocumentBytes };
  const batchRecords = Math.max(1, options.batchRecords ?? DEFAULT_BATCH_RECORDS);
  const batchBytes = Math.max(1, options.batchBytes ?? DEFAULT_BATCH_BYTES);
  const summary: IngestSummary = {
    dataDir: options.dataDir,
    backend: backend.name,
    records: 0,
    ingested: 0,
    unchanged: 0,
    changed: 0,
    skipped: 0,
    rejected: 0,
    mentions: 0,
    erased: 0,
    merged: 0,
    profilesWritten: 0,
    profilesRemoved: 0,
    profiles: 0,
    inputsSkipped: 0,
    bytesRead: 0,
    seconds: 0,
    stopped: false,
  };
  // Elasticsearch may have other writers (workers) at once; the embedded index has only this one.
  const concurrentWriters =
    backend.name === 'elasticsearch'
      ? { logger: options.logger ?? createLogger({ level: options.config.log.level }) }
      : undefined;
  const totalBytes = options.inputs.includes('-') ? 0 : await totalBytesOf(options.inputs);
  const fingerprints = new Map<string, string>();
  let pending: BatchItem[] = [];
  let pendingBytes = 0;
  let finished: FinishedInput[] = [];
  let currentFile: { path: string; records: number } | undefined;

  const flush = async (): Promise<void> => {
    if (pending.length === 0 && finished.length === 0) return;
    const batch = pending;
    const inputsDone = finished;
    pending = [];
    pendingBytes = 0;
    finished = [];
    const committed = await commitBatch(batch, {
      state,
      factory,
      limits,
      deadLetters,
      finishedInputs: inputsDone,
      ...(options.reprocess ? { reprocess: true } : {}),
      ...(concurrentWriters ? { concurrentWriters } : {}),
    });
    addBatchCounts(summary, committed.counts);
    for (const o of committed.outcomes) options.onRecord?.(o.sourceId, o.outcome);
    summary.profilesWritten += committed.profilesWritten;
    summary.profilesRemoved += committed.profilesRemoved;
    options.onCommit?.({ records: batch.length, totalRecords: summary.records });
  };

  const profilesBefore = (await index.stats()).profiles;
  const items =
    options.items ??
    readInputs(options.inputs, {
      maxDocumentBytes: limits.maxDocumentBytes,
      archives: options.config.archives,
      fetchedAtFromFile: true,
      ...(options.format ? { format: options.format } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.stdin ? { stdin: options.stdin } : {}),
      skipFile: async (file) => {
        const fingerprint = fingerprintOf(file);
        fingerprints.set(file.path, fingerprint);
        if (options.rescan || !(await state.isInputFinished(fingerprint))) return false;
        summary.inputsSkipped++;
        summary.bytesRead += file.size;
        options.onProgress?.({ bytesRead: summary.bytesRead, totalBytes, records: summary.records });
        return true;
      },
    });
  const closeFile = (): void => {
    if (!currentFile) return;
    const fingerprint = fingerprints.get(currentFile.path);
    if (fingerprint) finished.push({ fingerprint, path: currentFile.path, records: currentFile.records });
    currentFile = undefined;
  };

  for await (const item of readAhead(items, 32)) {
    const file = item.envelope.origin.file;
    if (file !== currentFile?.path) {
      closeFile();
      if (file !== undefined) currentFile = { path: file, records: 0 };
    }
    if (currentFile) currentFile.records++;
    pending.push(
      item.kind === 'rejected' ? { envelope: item.envelope, error: item.error } : { envelope: item.envelope },
    );
    pendingBytes += item.envelope.body.length;
    summary.records++;
    summary.bytesRead += item.bytesRead;
    options.onProgress?.({ bytesRead: summary.bytesRead, totalBytes, records: summary.records });
    const stopping = options.signal?.aborted === true;
    if (stopping || pending.length >= batchRecords || pendingBytes >= batchBytes) {
      await flush();
      if (stopping) {
        summary.stopped = true;
        break;
      }
    }
  }
  // A stopped run leaves the file it was in unfinished: the rerun reads it again and skips what is committed.
  if (!summary.stopped) closeFile();
  await flush();
  summary.profiles = (await index.stats()).profiles;
  // Mentions that did not become a profile of their own: the same under any batching.
  summary.merged = Math.max(0, summary.mentions - (summary.profiles - profilesBefore));
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
