import type { CommittedRecord, IngestCommit, IngestState } from '../indexer/ingest-state.js';
import type { RecordEnvelope } from '../lib/envelope.js';
import type { ProcessingError } from '../lib/errors.js';
import type { ParseLimits } from '../processors/parser.js';
import { processRecord } from '../processors/pipeline.js';
import type { ProfileFactory } from '../processors/profile-factory.js';
import type { ParsedRecord } from '../processors/profile/build-profiles.js';
import type { PersonMention } from '../processors/model/mention.js';
import { mentionKeys } from '../processors/profile/mention-keys.js';
import { resolveBatch } from './resolve-batch.js';

/** A record to ingest; `error` when it was already rejected while being read. */
export interface BatchItem {
  envelope: RecordEnvelope;
  error?: ProcessingError;
}

export interface BatchCounts {
  /** Records parsed and committed. */
  ingested: number;
  /** Records committed earlier with the same content: nothing to do. */
  unchanged: number;
  /** Records committed earlier with other content: their old mentions were replaced. */
  changed: number;
  /** Well-formed records without people (a sequence listing). */
  skipped: number;
  rejected: number;
  /** People mentioned by the ingested records. */
  mentions: number;
  /** Mentions dropped because they share a merge key with an erased person. */
  erased: number;
}

export const BATCH_COUNT_KEYS = [
  'ingested',
  'unchanged',
  'changed',
  'skipped',
  'rejected',
  'mentions',
  'erased',
] as const;

export interface PreparedBatch {
  /** Everything to commit, but the finished inputs (which only the file ingest knows). */
  commit: Omit<IngestCommit, 'finishedInputs'>;
  /** Records to dead-letter before the commit names them. */
  rejected: Array<{ envelope: RecordEnvelope; error: ProcessingError }>;
  counts: BatchCounts;
  outcomes: Array<{ sourceId: string; outcome: CommittedRecord['outcome'] }>;
  /** What the rebuild saw: to re-check after committing when other writers run at once. */
  basis: { mentionIds: Set<string>; keys: string[] };
}

/**
 * The backend-independent half of an ingest batch, shared by the embedded ingest and the Kafka
 * workers: skip records committed before with the same content, parse the rest, and rebuild
 * every profile their people touch (resolveBatch). Committing is the caller's, after it has put
 * the rejected records in its dead-letter place.
 */
export async function prepareBatch(
  batch: readonly BatchItem[],
  options: { state: IngestState; factory: ProfileFactory; limits: ParseLimits; reprocess?: boolean },
): Promise<PreparedBatch> {
  const counts: BatchCounts = {
    ingested: 0,
    unchanged: 0,
    changed: 0,
    skipped: 0,
    rejected: 0,
    mentions: 0,
    erased: 0,
  };
  const committed = await options.state.committedChecksums(batch.map((p) => p.envelope.id));
  // The same record twice in one batch (a file named twice, a message redelivered): the last copy wins.
  const latest = new Map<string, BatchItem>();
  for (const item of batch) latest.set(item.envelope.id, item);
  const records: CommittedRecord[] = [];
  const parsed: ParsedRecord[] = [];
  const replacing = new Set<string>();
  const rejected: PreparedBatch['rejected'] = [];
  const outcomes: PreparedBatch['outcomes'] = [];
  for (const { envelope, error } of latest.values()) {
    const before = options.reprocess ? undefined : committed.get(envelope.id);
    if (before === envelope.checksum) {
      counts.unchanged++;
      continue;
    }
    if (before !== undefined) {
      counts.changed++;
      replacing.add(envelope.id);
    }
    const outcome = error ? { status: 'rejected' as const, error } : processRecord(envelope, options.limits);
    if (outcome.status === 'parsed') {
      parsed.push({
        sourceId: envelope.id,
        fetchedAt: envelope.fetchedAt,
        document: outcome.document,
        mentions: outcome.mentions,
      });
      counts.ingested++;
      counts.mentions += outcome.mentions.length;
    } else if (outcome.status === 'skipped') {
      counts.skipped++;
    } else {
      rejected.push({ envelope, error: outcome.error });
      counts.rejected++;
    }
    records.push({ sourceId: envelope.id, checksum: envelope.checksum, outcome: outcome.status });
    outcomes.push({ sourceId: envelope.id, outcome: outcome.status });
  }
  counts.erased = await dropErased(parsed, options.state);
  const resolved = await resolveBatch(parsed, replacing, options.state, options.factory);
  return {
    commit: {
      records,
      replacedSources: [...replacing],
      mentions: resolved.mentions,
      moved: resolved.moved,
      profiles: resolved.profiles,
    },
    rejected,
    counts,
    outcomes,
    basis: resolved.basis,
  };
}

/**
 * Drops, in place, the mentions that share a merge key with an erased person: an erasure holds
 * for every later record, not only for what was indexed when it was made. Returns how many.
 */
export async function dropErased(parsed: ParsedRecord[], state: IngestState): Promise<number> {
  const keysOf = (m: PersonMention): string[] => {
    const k = mentionKeys(m);
    return [...k.strong, ...k.nameOrg];
  };
  const all = parsed.flatMap((r) => r.mentions.flatMap(keysOf));
  if (all.length === 0) return 0;
  const erased = await state.erasedKeys(all);
  if (erased.size === 0) return 0;
  let dropped = 0;
  for (const record of parsed) {
    const kept = record.mentions.filter((m) => !keysOf(m).some((k) => erased.has(k)));
    dropped += record.mentions.length - kept.length;
    record.mentions = kept;
  }
  return dropped;
}
