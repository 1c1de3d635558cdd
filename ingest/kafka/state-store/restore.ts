import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { ChangelogEntry } from './partition-store.js';

/**
 * Reads partitions of a changelog topic from their beginning to the end they have now. kafkajs
 * has no manual assignment, so a throw-away group (deleted afterwards) subscribes to the topic and
 * pauses every partition it was not asked for. `apply` gets the entries in offset order, one
 * fetched batch at a time (a restore never holds a whole partition in memory).
 */
export async function restorePartitions(
  kafka: Kafka,
  topic: string,
  partitions: readonly number[],
  apply: (partition: number, entries: ChangelogEntry[]) => void,
): Promise<{ entries: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `talent-brain-restore-${randomUUID()}`;
  let count = 0;
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(
      ends
        .filter((e) => partitions.includes(e.partition) && BigInt(e.high) > BigInt(e.low))
        .map((e) => [e.partition, BigInt(e.high)]),
    );
    if (remaining.size === 0) return { entries: 0 };
    const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((done, fail) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, pause }) => {
              const end = remaining.get(batch.partition);
              if (end === undefined) {
                pause();
                return;
              }
              const entries: ChangelogEntry[] = [];
              for (const m of batch.messages) {
                if (BigInt(m.offset) >= end) break;
                entries.push({
                  key: m.key?.toString('utf8') ?? '',
                  value: m.value?.toString('utf8') ?? null,
                });
              }
              apply(batch.partition, entries);
              count += entries.length;
              const last = batch.messages[batch.messages.length - 1];
              if (last === undefined || BigInt(last.offset) + 1n >= end) {
                remaining.delete(batch.partition);
                pause();
              }
              if (remaining.size === 0) done();
            },
          })
          .catch(fail);
      });
    } finally {
      await consumer.disconnect();
    }
    return { entries: count };
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
