import type { KafkaMessage, Producer } from 'kafkajs';
import type { TalentIndex } from '../../../indexer/contract.js';
import type { CommittedRecord } from '../../../indexer/ingest-state.js';
import type { Logger } from '../../../lib/logger.js';
import type { ParsedRecord } from '../../../processors/profile/build-profiles.js';
import type { ProfileFactory } from '../../../processors/profile-factory.js';
import { dropErased } from '../../prepare-batch.js';
import { resolveBatch } from '../../resolve-batch.js';
import { deadLetterOf, type DeadLetter } from '../dead-letter.js';
import type { Topics } from '../topics.js';
import { PartitionStore } from '../state-store/partition-store.js';
import { decodeMentionMessage, type MentionMessage } from './mention-message.js';
import { sendBounded } from './send-bounded.js';

export interface ResolveStats {
  records: number;
  ingested: number;
  unchanged: number;
  erased: number;
  profilesPut: number;
  deadLettered: number;
  /** Partitions whose store was rebuilt from the changelog, and the entries read to do it. */
  restores: number;
  restoredEntries: number;
  restoreSeconds: number;
  /** Time spent per part of the step: rebuilding from the store, writing the index, the store and its changelog. */
  resolveSeconds: number;
  indexSeconds: number;
  changelogSeconds: number;
}

export interface ResolveStage {
  step: (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;
  /** After a rebalance: the stores of partitions this member no longer holds are dropped, the new ones restored. */
  assigned: (partitions: readonly number[]) => void;
  /** Stored mentions per partition held now (the state-store size). */
  sizes: () => Map<number, { mentions: number; records: number }>;
  close: () => void;
}

/**
 * The stateful stage: the mentions of the partitions this member owns → resolve → rebuild →
 * score → profiles to the index. Each partition's state (records, stored mentions and their keys)
 * is its own PartitionStore, and every person's mentions are in one partition (ownership.ts), so a
 * rebuild reads only local state and no other worker writes the same profiles.
 *
 * A step, in the order that makes a replay harmless: rebuild from the store as it is; write the
 * profiles to the index (bulk requests split by bytes; idempotent puts and deletes by id); apply
 * the change to the store and produce its changelog (acks from all replicas); then the caller
 * commits the offsets. A crash before the changelog is acknowledged replays the chunk against the
 * store the changelog restores, which rebuilds the same profiles; after it, the replay finds the
 * records committed and skips them. A changelog send that fails drops the partition's store, so
 * the next chunk restores it from what Kafka has (never from a store ahead of its changelog).
 */
export function resolveStage(options: {
  logger: Logger;
  index: TalentIndex;
  factory: ProfileFactory;
  producer: Producer;
  topics: Topics;
  stats: ResolveStats;
  /** The index's erased keys (shared by every partition, rarely written). */
  erasedKeys?: (keys: readonly string[]) => Promise<Set<string>>;
  /** Reads a partition's changelog into a fresh store. */
  restore: (partition: number, store: PartitionStore) => Promise<number>;
}): ResolveStage {
  const { index, factory, producer, topics, stats, logger } = options;
  const stores = new Map<number, Promise<PartitionStore>>();
  const ready = new Map<number, PartitionStore>();

  const storeFor = (partition: number): Promise<PartitionStore> => {
    let store = stores.get(partition);
    if (!store) {
      store = (async () => {
        const started = performance.now();
        const fresh = new PartitionStore(':memory:', options.erasedKeys);
        const entries = await options.restore(partition, fresh);
        stats.restores++;
        stats.restoredEntries += entries;
        stats.restoreSeconds += (performance.now() - started) / 1000;
        logger.info({ partition, entries, ...fresh.size() }, 'resolve.store.restored');
        ready.set(partition, fresh);
        return fresh;
      })();
      store.catch(() => stores.delete(partition));
      stores.set(partition, store);
    }
    return store;
  };
  const drop = (partition: number): void => {
    const store = stores.get(partition);
    stores.delete(partition);
    ready.delete(partition);
    void store?.then((s) => s.close()).catch(() => undefined);
  };

  const step = async (topic: string, partition: number, messages: KafkaMessage[]): Promise<void> => {
    const store = await storeFor(partition);
    const started = performance.now();
    const latest = new Map<string, MentionMessage>();
    const letters: DeadLetter[] = [];
    for (const m of messages) {
      if (m.value === null) continue;
      try {
        const message = decodeMentionMessage(m.value);
        latest.set(message.sourceId, message);
      } catch (error) {
        letters.push(
          deadLetterOf(
            'decode',
            { code: 'invalid-mention-message', message: (error as Error).message },
            { topic, partition, offset: m.offset },
            m.value,
          ),
        );
      }
    }
    const committed = await store.committedChecksums([...latest.keys()]);
    const records: CommittedRecord[] = [];
    const parsed: ParsedRecord[] = [];
    const replacing = new Set<string>();
    for (const message of latest.values()) {
      stats.records++;
      const before = committed.get(message.sourceId);
      if (before === message.checksum) {
        stats.unchanged++;
        continue;
      }
      if (before !== undefined) replacing.add(message.sourceId);
      parsed.push({
        sourceId: message.sourceId,
        fetchedAt: message.fetchedAt,
        document: message.document,
        mentions: message.mentions,
      });
      records.push({ sourceId: message.sourceId, checksum: message.checksum, outcome: 'parsed' });
    }
    stats.ingested += parsed.length;
    stats.erased += await dropErased(parsed, store);
    const resolved = await resolveBatch(parsed, replacing, store, factory);
    const rebuilt = performance.now();
    stats.resolveSeconds += (rebuilt - started) / 1000;
    await index.replace(resolved.profiles);
    const indexed = performance.now();
    stats.indexSeconds += (indexed - rebuilt) / 1000;
    stats.profilesPut += resolved.profiles.put.length;
    const entries = store.commitWithChangelog({
      records,
      replacedSources: [...replacing],
      mentions: resolved.mentions,
      moved: resolved.moved,
      profiles: resolved.profiles,
      finishedInputs: [],
    });
    try {
      const sends = [];
      if (entries.length > 0)
        sends.push({
          topic: topics.changelog,
          messages: entries.map((e) => ({ key: e.key, value: e.value, partition })),
        });
      if (letters.length > 0)
        sends.push({
          topic: topics.deadLetters,
          messages: letters.map((l) => ({ key: null, value: JSON.stringify(l) })),
        });
      await sendBounded(producer, sends);
    } catch (error) {
      drop(partition);
      throw error;
    }
    stats.deadLettered += letters.length;
    stats.changelogSeconds += (performance.now() - indexed) / 1000;
  };

  return {
    step,
    assigned(partitions) {
      for (const p of [...stores.keys()]) if (!partitions.includes(p)) drop(p);
      // Restored now rather than at the partition's first message: the member is ready when the
      // backlog arrives, and a failed restore is retried then.
      for (const p of partitions) storeFor(p).catch(() => undefined);
    },
    sizes() {
      return new Map([...ready].map(([p, s]) => [p, s.size()]));
    },
    close() {
      for (const p of [...stores.keys()]) drop(p);
    },
  };
}
