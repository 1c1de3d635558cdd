import type { Admin } from 'kafkajs';

/** How far a consumer group is behind on one topic partition. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed offset; null when it has committed nothing there yet. */
  committed: string | null;
  /** The partition's end (high watermark). */
  end: string;
  /** Messages after the committed offset (from the low watermark when nothing is committed). */
  lag: number;
}

/**
 * The lag of `groupId` on each partition of `topics`, from the committed offsets: the only ones
 * that count in this project, where a record is done once its offset is committed. Every topic
 * must exist (the broker answers "does not host this topic-partition" otherwise).
 */
export async function groupLag(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionLag[]> {
  if (topics.length === 0) return [];
  const out: PartitionLag[] = [];
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  for (const { topic, partitions } of committed) {
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const done = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      const from = BigInt(done === '-1' ? end.low : done);
      out.push({
        topic,
        partition: end.partition,
        committed: done === '-1' ? null : done,
        end: end.high,
        lag: Number(BigInt(end.high) - from),
      });
    }
  }
  return out;
}
