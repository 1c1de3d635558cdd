import type { KafkaMessage, Message, Producer } from 'kafkajs';
import type { Logger } from '../../../lib/logger.js';
import type { ChangelogEntry } from '../state-store/partition-store.js';
import type { Topics } from '../topics.js';
import { encodeControlMessage } from './mention-message.js';
import { nativePartition, ownerPartition } from './ownership.js';
import { sendBounded } from './send-bounded.js';

/**
 * The bridge registry (docs/distributed.md, "Cross-owner joins"): which partitions of the resolve
 * stage hold a key that is not native to them. Its topic is compacted and keyed by
 * `<holder>|<key>` (a value while the holder holds the key, a tombstone once its part moved away),
 * and partitioned by the key, so one member sees every holder of a key; the topic is its own
 * changelog, read from the beginning when a partition is assigned.
 *
 * A key with two holders or more (a name block counts its family's partition as one, since every
 * mention owned by that family arrives there) is answered with a `move` to every holder but the
 * smallest: their connected parts holding the key go to the smallest partition. Parts only ever
 * move to a smaller partition, so the moves end; a `move` that finds nothing to move leaves a
 * redirect, so they are idempotent, and the registry can send them again after a replay.
 */
export interface BridgeRegistryStats {
  registrations: number;
  moves: number;
}

export function registrationMessage(
  key: string,
  holder: number,
  held: boolean,
  registryPartitions: number,
): Message {
  return {
    key: `${holder}|${key}`,
    value: held ? '1' : null,
    partition: ownerPartition(key, registryPartitions),
  };
}

function parseRegistration(key: string): { holder: number; key: string } | undefined {
  const bar = key.indexOf('|');
  const holder = Number(key.slice(0, bar));
  return bar > 0 && Number.isInteger(holder) ? { holder, key: key.slice(bar + 1) } : undefined;
}

export function bridgeRegistry(options: {
  logger: Logger;
  producer: Producer;
  topics: Topics;
  /** Partitions of the mentions topic (the holders). */
  partitions: number;
  stats: BridgeRegistryStats;
  /** Reads one of the registry topic's partitions from its beginning. */
  restore: (partition: number, apply: (entries: ChangelogEntry[]) => void) => Promise<number>;
}): {
  step: (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;
  assigned: (partitions: readonly number[]) => void;
} {
  const { producer, topics, stats, logger } = options;
  const states = new Map<number, Promise<Map<string, Set<number>>>>();

  const record = (state: Map<string, Set<number>>, entryKey: string, held: boolean): string | undefined => {
    const r = parseRegistration(entryKey);
    if (!r) return undefined;
    const holders = state.get(r.key) ?? new Set<number>();
    if (held) holders.add(r.holder);
    else holders.delete(r.holder);
    if (holders.size > 0) state.set(r.key, holders);
    else state.delete(r.key);
    return held ? r.key : undefined;
  };

  const stateFor = (partition: number): Promise<Map<string, Set<number>>> => {
    let state = states.get(partition);
    if (!state) {
      state = (async () => {
        const fresh = new Map<string, Set<number>>();
        const entries = await options.restore(partition, (batch) => {
          for (const e of batch) record(fresh, e.key, e.value !== null);
        });
        logger.info({ partition, entries, keys: fresh.size }, 'registry.restored');
        return fresh;
      })();
      state.catch(() => states.delete(partition));
      states.set(partition, state);
    }
    return state;
  };

  return {
    async step(_topic, partition, messages) {
      const state = await stateFor(partition);
      const moves: Message[] = [];
      for (const m of messages) {
        if (!m.key) continue;
        const key = record(state, m.key.toString('utf8'), m.value !== null);
        if (key === undefined) continue;
        stats.registrations++;
        // Sent again for every registration of a key with two holders, not only a new one: a
        // replay after a crash must not lose the moves, and a move is idempotent.
        const holders = new Set(state.get(key));
        const native = nativePartition(key, options.partitions);
        if (native !== undefined) holders.add(native);
        if (holders.size < 2) continue;
        const to = Math.min(...holders);
        for (const h of holders)
          if (h !== to)
            moves.push({
              key: `move`,
              partition: h,
              value: encodeControlMessage({ kind: 'move', key, to }),
            });
      }
      if (moves.length > 0) await sendBounded(producer, [{ topic: topics.mentions, messages: moves }]);
      stats.moves += moves.length;
    },
    assigned(partitions) {
      for (const p of [...states.keys()]) if (!partitions.includes(p)) states.delete(p);
      for (const p of partitions) stateFor(p).catch(() => undefined);
    },
  };
}
