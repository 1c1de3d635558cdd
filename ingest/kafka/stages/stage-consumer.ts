import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../../lib/logger.js';
import { backoffDelayMs, retryDefaults } from '../../../lib/retry.js';
import { groupMovedOn, isUnavailable } from '../worker.js';

export interface StageConsumerOptions {
  kafka: Kafka;
  logger: Logger;
  /** The stage's consumer group. */
  groupId: string;
  topics: string[];
  /** Messages per step (the unit whose offsets are committed together). */
  chunkMessages: number;
  /**
   * Processes one chunk of one partition; offsets are committed after it resolves. Throws when a
   * service is unavailable (the partition is paused and the chunk replayed after a backoff).
   */
  step: (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;
  /** The partitions of `topics` this member holds after each rebalance. */
  onAssigned?: (assigned: Array<{ topic: string; partitions: number[] }>) => void;
}

const next = (offset: string): string => (BigInt(offset) + 1n).toString();

/**
 * One stage's consumer-group member: chunks of each partition, in order, each one `step` and then
 * its offsets committed — at-least-once, so a step must be idempotent (each stage's is). When a
 * service is unavailable the partition is paused and resumed with backoff from its first
 * uncommitted message; when the group moved on (rebalance, eviction) kafkajs rejoins and the next
 * owner replays the uncommitted chunk.
 */
export async function startStageConsumer(options: StageConsumerOptions): Promise<Consumer> {
  const { kafka, logger } = options;
  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 4 * 1024 * 1024,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    rebalanceTimeout: 20_000,
  });
  const failures = new Map<string, number>();
  if (options.onAssigned) {
    const onAssigned = options.onAssigned;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment;
      onAssigned(Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions })));
    });
  }
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: true });

  const eachBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    pause,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    const key = `${batch.topic}:${batch.partition}`;
    for (let i = 0; i < batch.messages.length; i += options.chunkMessages) {
      if (!isRunning() || isStale()) return;
      const messages = batch.messages.slice(i, i + options.chunkMessages);
      const last = messages[messages.length - 1] as KafkaMessage;
      const beating = setInterval(() => heartbeat().catch(() => undefined), 1_000);
      try {
        await options.step(batch.topic, batch.partition, messages);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: next(last.offset) },
        ]);
      } catch (error) {
        const moved = groupMovedOn(error);
        if (moved) throw moved;
        if (!isUnavailable(error)) throw error;
        const attempt = (failures.get(key) ?? 0) + 1;
        failures.set(key, attempt);
        const delay = backoffDelayMs(attempt, error, { ...retryDefaults, maxDelayMs: 30_000 });
        logger.warn(
          {
            group: options.groupId,
            topic: batch.topic,
            partition: batch.partition,
            attempt,
            delayMs: delay,
            err: (error as Error).message,
          },
          'stage.partition.paused',
        );
        const resume = pause();
        setTimeout(resume, delay).unref();
        return;
      } finally {
        clearInterval(beating);
      }
      failures.delete(key);
      resolveOffset(last.offset);
      await heartbeat();
    }
  };
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 2,
    eachBatch,
  });
  return consumer;
}
