import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  decodeEnvelope,
  encodeEnvelope,
  type EnvelopeWire,
  type RecordEnvelope,
} from '../../lib/envelope.js';
import type { ProcessingError } from '../../lib/errors.js';
import { PRIVATE_FILE_MODE } from '../../lib/private-files.js';
import type { DeadLetterSink, RejectedRecord } from '../commit-batch.js';

/**
 * The embedded dead-letter place: `<data dir>/rejects.jsonl`, one JSON object per rejected record —
 * the record's wire envelope (source kind, format, origin, fetch time, checksum, original bytes in
 * base64) plus why and when it was rejected. Nothing is lost: `talent-brain rejects --retry` turns
 * a line back into the very record that failed.
 */
const REJECTS_FILE = 'rejects.jsonl';

export interface RejectReason {
  code: string;
  message: string;
  location?: string;
}

export type RejectEntry = EnvelopeWire & { rejectedAt: string; reason: RejectReason };

export function rejectsPath(dataDir: string): string {
  return join(dataDir, REJECTS_FILE);
}

export function rejectEntry(
  envelope: RecordEnvelope,
  error: ProcessingError,
  at: Date = new Date(),
): RejectEntry {
  const wire = JSON.parse(encodeEnvelope(envelope).toString('utf8')) as EnvelopeWire;
  return { ...wire, rejectedAt: at.toISOString(), reason: error.toJSON() };
}

/** The record a reject line holds, exactly as it was received. */
export function envelopeOf(entry: RejectEntry): RecordEnvelope {
  const { rejectedAt: _at, reason: _reason, ...wire } = entry;
  return decodeEnvelope(JSON.stringify(wire));
}

function dedupeKey(entry: Pick<RejectEntry, 'id' | 'checksum'>): string {
  return `${entry.id} ${entry.checksum}`;
}

/**
 * Appends rejects, once each. A run killed after appending but before committing its batch replays
 * the batch; the ids already in the file are known, so the replay adds no second line. A line cut
 * short by a crash is truncated away when the file is opened.
 */
export class RejectsWriter implements DeadLetterSink {
  private readonly seen = new Set<string>();
  private fd: number | undefined;
  private pending = false;

  private constructor(readonly path: string) {}

  static async open(dataDir: string): Promise<RejectsWriter> {
    const writer = new RejectsWriter(rejectsPath(dataDir));
    if (existsSync(writer.path)) {
      truncatePartialLastLine(writer.path);
      for await (const entry of readRejects(writer.path)) writer.seen.add(dedupeKey(entry));
    }
    return writer;
  }

  /** True when the record was appended, false when the file already holds it. */
  append(entry: RejectEntry): boolean {
    const key = dedupeKey(entry);
    if (this.seen.has(key)) return false;
    this.fd ??= openSync(this.path, 'a', PRIVATE_FILE_MODE);
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.seen.add(key);
    this.pending = true;
    return true;
  }

  /** The dead-letter sink of the file ingest and the embedded crawl sink: appended, then fsynced. */
  put(rejected: readonly RejectedRecord[]): Promise<void> {
    for (const { envelope, error } of rejected) this.append(rejectEntry(envelope, error));
    this.flush();
    return Promise.resolve();
  }

  /** Makes appended lines durable; called before the batch that rejected them commits. */
  flush(): void {
    if (this.fd !== undefined && this.pending) fsyncSync(this.fd);
    this.pending = false;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Cuts a trailing line without its newline (a write interrupted by a crash). */
function truncatePartialLastLine(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r+');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return;
    // Walk back to the previous newline in chunks; lines hold whole documents and can be large.
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const at = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (at >= 0) {
        ftruncateSync(fd, start + at + 1);
        return;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
  } finally {
    closeSync(fd);
  }
}

/** Every entry of a rejects file, streamed; lines that cannot be read are reported, not fatal. */
export async function* readRejects(
  path: string,
  onBadLine?: (lineNumber: number, problem: string) => void,
): AsyncGenerator<RejectEntry> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as RejectEntry;
      if (typeof entry.id !== 'string' || typeof entry.reason?.code !== 'string')
        throw new Error('not a reject entry (no id or reason.code)');
      yield entry;
    } catch (error) {
      onBadLine?.(n, (error as Error).message);
    }
  }
}

export interface RejectsSummary {
  total: number;
  byReason: Record<string, number>;
}

export async function rejectsSummary(dataDir: string): Promise<RejectsSummary> {
  const summary: RejectsSummary = { total: 0, byReason: {} };
  for await (const entry of readRejects(rejectsPath(dataDir))) {
    summary.total++;
    summary.byReason[entry.reason.code] = (summary.byReason[entry.reason.code] ?? 0) + 1;
  }
  return summary;
}

/**
 * Rewrites the file keeping the entries `keep` accepts, atomically (temp file, fsync, rename): a
 * crash leaves either the old file or the new one, never a mix.
 */
export async function rewriteRejects(path: string, keep: (entry: RejectEntry) => boolean): Promise<number> {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  let kept = 0;
  try {
    for await (const entry of readRejects(path)) {
      if (!keep(entry)) continue;
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      kept++;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return kept;
}
