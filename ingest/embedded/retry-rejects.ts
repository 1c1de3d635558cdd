import { existsSync } from 'node:fs';
import type { Config } from '../../config/load.js';
import { readInputs, type InputItem } from '../files/read-inputs.js';
import { runIngest, type IngestSummary } from './run-ingest.js';
import { envelopeOf, readRejects, rejectsPath, rewriteRejects, type RejectEntry } from './rejects-file.js';

export interface RetryOptions {
  dataDir: string;
  config: Readonly<Config>;
  /** Only entries with these reason codes (all when empty). */
  reasons?: readonly string[];
  waitForLockMs?: number;
  signal?: AbortSignal;
}

export interface RetrySummary extends IngestSummary {
  retried: number;
  /** Entries that went through this time and left the rejects file. */
  recovered: number;
  /** Entries still in the rejects file. */
  remaining: number;
}

/** Rejections made before a record's bytes were read whole: retried from the file, which may have been fixed. */
const REREAD_FROM_FILE = new Set(['unreadable-input', 'too-large']);

function wanted(entry: RejectEntry, reasons: readonly string[] | undefined): boolean {
  return !reasons?.length || reasons.includes(entry.reason.code);
}

async function* retryItems(entries: RejectEntry[], maxDocumentBytes: number): AsyncGenerator<InputItem> {
  for (const entry of entries) {
    const file = entry.origin.file;
    if (REREAD_FROM_FILE.has(entry.reason.code) && file !== undefined && existsSync(file)) {
      for await (const item of readInputs([file], { maxDocumentBytes, fetchedAtFromFile: true })) {
        // A concatenated file yields many records: only the one that was rejected is retried.
        if (item.envelope.origin.documentIndex === entry.origin.documentIndex) yield item;
      }
      continue;
    }
    const envelope = envelopeOf(entry);
    yield { kind: 'record', envelope, bytesRead: envelope.body.length };
  }
}

/**
 * Runs rejected records through the pipeline again (after a parser fix, a config change, or a
 * repaired file). Those that now parse are indexed and leave the rejects file; the others stay,
 * once each.
 */
export async function retryRejects(options: RetryOptions): Promise<RetrySummary> {
  const path = rejectsPath(options.dataDir);
  const entries: RejectEntry[] = [];
  for await (const entry of readRejects(path)) if (wanted(entry, options.reasons)) entries.push(entry);
  const recovered = new Set<string>();
  let remaining = 0;
  const summary = await runIngest({
    inputs: [],
    items: retryItems(entries, options.config.processors.maxDocumentBytes),
    reprocess: true,
    dataDir: options.dataDir,
    config: options.config,
    ...(options.waitForLockMs !== undefined ? { waitForLockMs: options.waitForLockMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onRecord: (id, outcome) => {
      if (outcome !== 'rejected') recovered.add(id);
    },
    // Under the lock: an ingest appending meanwhile would lose its lines to the rewrite.
    beforeUnlock: async () => {
      remaining = existsSync(path) ? await rewriteRejects(path, (e) => !recovered.has(e.id)) : 0;
    },
  });
  return { ...summary, retried: entries.length, recovered: recovered.size, remaining };
}
