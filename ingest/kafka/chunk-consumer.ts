import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isRetriable, RetriesExhaustedError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { backoffDelayMs, retryDefaults } from '../../lib/retry.js';

/** Errors worth waiting out: the index or Kafka is down, slow or overloaded. */
export function isUnavailable(error: unknown): boolean {
  if (isRetriable(error)) return true;
  // A client that ran out of retries on an outage: still an outage to the worker, which waits on.
  if (error instanceof RetriesExhaustedError) return isUnavailable(error.cause);
  const e = error as { name?: string; meta?: { statusCode?: number }; code?: string; retriable?: boolean };
  if (
    ['ConnectionError', 'TimeoutError', 'NoLivingConnectionsError', 'KafkaJSConnectionError'].includes(
      e?.name ?? '',
    )
  )
    return true;
  const status = e?.meta?.statusCode;
  if (status === 429 || (status !== undefined && status >= 500)) return true;
  return e?.code === 'SQLITE_BUSY' || e?.retriable === true;
}

/**
 * The protocol error behind a failure that means this member no longer owns its partitions: the
 * group rebalanced or evicted it (a chunk that outlasted the session). kafkajs rejoins the group
 * when the handler throws that error itself, but crashes the consumer for good on the wrapper its
 * retrier puts around it — so the consumer hands it the cause. The chunk's offsets are not
 * committed: the partition's next owner replays it, which every step makes harmless.
 */
export function groupMovedOn(error: unknown): Error | undefined {
  for (let e = error as { type?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (
      [
        'REBALANCE_IN_PROGRESS',
        'NOT_COORDINATOR_FOR_GROUP',
        'ILLEGAL_GENERATION',
        'UNKNOWN_MEMBER_ID',
      ].includes(e.type ?? '')
    )
      return e as Error;
    if (e.cause === e) break;
  }
  return undefined;
}

export interface ChunkConsumerOptions {
  kafka: Kafka;
  logger: Logger;
  groupId: string;
  topics: string[];
  /** Messages per step (the unit whose offsets are committed together). */
  chunkMessages: number;
  /** Partitions processed at once (default 2); each is processed in order. */
  concurrentPartitions?: number;
  /**
   * Processes one chunk of one partition; offsets are committed after it resolves. Throws when a
   * service is unavailable (the partition is paused and the chunk replayed after a backoff).
   */
  step: (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;
  /** The partitions of `topics` this member holds after each rebalance. */
  onAssigned?: (assigned: Array<{ topic: string; partitions: number[] }>) => void;
  /** What happened to a chunk, and how long it took: its offsets committed, or its partition paused. */
  onChunk?: (outcome: 'committed' | 'paused', seconds: number) => void;
  /** The prefix of the consumer's log lines (`worker`, `stage`). */
  logAs?: string;
}

const next = (offset: string): string => (BigInt(offset) + 1n).toString();

/**
 * A consumer-group member that processes each partition in chunks, in order, each one `step` and
 * then its offsets committed — at-least-once, so a step must be idempotent (the worker's and each
 * stage's are). The single-stage worker and every stage of the staged pipeline run on it.
 *
 * Backpressure: when a service is unavailable the partition is paused and resumed after a growing
 * delay, from its first uncommitted message; nothing is buffered meanwhile. When the group moved
 * on (rebalance, eviction) kafkajs rejoins and the next owner replays the uncommitted chunk.
 */
export async function startChunkConsumer(options: ChunkConsumerOptions): Promise<Consumer> {
  const { kafka, logger } = options;
  const logAs = options.logAs ?? 'consumer';
  const consumer = kafka.consumer({
    groupId: options.groupId,
    // Bounded in-flight work: at most this much fetched per partition ahead of processing. The
    // values are compressed sizes; gzip'd envelopes grow several-fold once decompressed.
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 4 * 1024 * 1024,
    // A member killed without leaving holds its partitions until its session expires: keep that
    // short (the broker's minimum is 6 s) so a replacement takes over quickly.
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
      const started = performance.now();
      // Heartbeats go out only when the handler calls for them: a chunk that waits its turn and
      // then takes longer than the session (a loaded machine) would get this member evicted while
      // it works, and its partitions processed twice at once.
      const beating = setInterval(() => heartbeat().catch(() => undefined), 1_000);
      try {
        await options.step(batch.topic, batch.partition, messages);
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: next(last.offset) },
        ]);
      } catch (error) {
        const moved = groupMovedOn(error);
        if (moved) {
          logger.info(
            { group: options.groupId, topic: batch.topic, partition: batch.partition, reason: moved.message },
            `${logAs}.partition.reassigned; its next owner replays the uncommitted chunk`,
          );
          throw moved;
        }
        if (!isUnavailable(error)) throw error;
        // Nothing of this chunk is resolved: after the pause, fetching resumes at its first message.
        const attempt = (failures.get(key) ?? 0) + 1;
        failures.set(key, attempt);
        const delay = backoffDelayMs(attempt, error, { ...retryDefaults, maxDelayMs: 30_000 });
        options.onChunk?.('paused', (performance.now() - started) / 1000);
        logger.warn(
          {
            group: options.groupId,
            topic: batch.topic,
            partition: batch.partition,
            attempt,
            delayMs: delay,
            err: (error as Error).message,
          },
          `${logAs}.partition.paused`,
        );
        const resume = pause();
        setTimeout(resume, delay).unref();
        return;
      } finally {
        clearInterval(beating);
      }
      failures.delete(key);
      resolveOffset(last.offset);
      options.onChunk?.('committed', (performance.now() - started) / 1000);
      logger.debug(
        { group: options.groupId, topic: batch.topic, partition: batch.partition, offset: last.offset },
        `${logAs}.offsets.committed`,
      );
      await heartbeat();
    }
  };
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.concurrentPartitions ?? 2,
    eachBatch,
  });
  return consumer;
}
