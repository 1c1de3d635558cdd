import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Config } from '../../config/load.js';
import type { TalentIndex } from '../../indexer/contract.js';
import { isSharedIngestState, type IngestState } from '../../indexer/ingest-state.js';
import { isRetriable, RetriesExhaustedError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { backoffDelayMs, retryDefaults } from '../../lib/retry.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { commitBatch } from '../commit-batch.js';
import type { BatchItem } from '../prepare-batch.js';
import { createKafka, ensureTopics, idempotentProducer } from './client.js';
import { decodeRawMessage } from './foreign-message.js';
import { deadLetterOf, envelopeDeadLetter, type DeadLetter } from './dead-letter.js';
import { deadLetterTopic, kafkaDeadLetterSink } from './dead-letter-sink.js';
import { workerMetrics } from './worker-metrics.js';
import { rawTopics, type Topics } from './topics.js';

export interface WorkerOptions {
  config: Readonly<Config>;
  logger: Logger;
  index: TalentIndex;
  state: IngestState;
  /** Messages per index commit (default 500): the unit of work whose offsets are committed together. */
  chunkMessages?: number;
  /** Where the worker's Prometheus metrics go (lib/metrics.ts); none when absent. */
  metrics?: Registry;
  /** Partitions processed at once (default 2); each is processed in order. */
  concurrentPartitions?: number;
  /**
   * Other workers write the same index (Elasticsearch): after each commit, check the people just
   * rebuilt against the index and rebuild them again if another worker's writes raced this one's.
   * Needs a state several writers can share (SharedIngestState in indexer/ingest-state.ts).
   */
  concurrentWriters?: boolean;
}

export interface WorkerStats {
  records: number;
  ingested: number;
  unchanged: number;
  deadLettered: number;
  erased: number;
  commits: number;
  /** Times a partition was paused because the index (or Kafka) was unavailable. */
  pauses: number;
  /** Rebuilds after a commit found that another worker had changed the same people meanwhile. */
  rebuilds: number;
}

export interface Worker {
  readonly stats: Readonly<WorkerStats>;
  /** Leaves the group after the chunk in flight: its offsets are committed only if its records were. */
  stop(): Promise<void>;
}

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

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * The protocol error behind a failure that means this member no longer owns its partitions: the
 * group rebalanced or evicted it (a chunk that outlasted the session). kafkajs rejoins the group
 * when the handler throws that error itself, but crashes the consumer for good on the wrapper its
 * retrier puts around it — so the worker hands it the cause. The chunk's offsets are not
 * committed: the partition's next owner replays it, which the ingest state makes harmless.
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

const next = (offset: string): string => (BigInt(offset) + 1n).toString();

/** The consumer's limits: bounded in-flight work, and a short session so a dead worker is replaced quickly. */
const CONSUMER_LIMITS = {
  // Bounded in-flight work: at most this much fetched per partition ahead of processing. The
  // values are compressed sizes; gzip'd envelopes grow several-fold once decompressed.
  maxBytesPerPartition: 1024 * 1024,
  maxBytes: 4 * 1024 * 1024,
  // A worker killed without leaving holds its partitions until its session expires: keep that
  // short (the broker's minimum is 6 s) so a replacement takes over quickly.
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  rebalanceTimeout: 20_000,
} as const;

/** Runs the work given to it one at a time, in order; a failure does not stop the next. */
function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let exclusive: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = exclusive.then(work, work);
    exclusive = run.catch(() => undefined);
    return run;
  };
}

/** Where a dead letter of this message came from. */
function source(topic: string, partition: number, m: KafkaMessage): DeadLetter['source'] {
  return {
    topic,
    partition,
    offset: m.offset,
    ...(m.key ? { key: m.key.toString('utf8') } : {}),
  };
}

/**
 * The records of a chunk of raw-topic messages, the dead letters of those that cannot be decoded,
 * and the message each record came from. Tombstones (null values) are compaction's business: skipped.
 */
function decodeChunk(
  topic: string,
  partition: number,
  messages: readonly KafkaMessage[],
  rawTopics: Topics['raw'],
): { items: BatchItem[]; letters: DeadLetter[]; where: Map<string, KafkaMessage> } {
  const items: BatchItem[] = [];
  const letters: DeadLetter[] = [];
  const where = new Map<string, KafkaMessage>();
  for (const m of messages) {
    if (m.value === null) continue;
    try {
      const envelope = decodeRawMessage({ ...m, value: m.value, topic, partition }, rawTopics);
      items.push({ envelope });
      where.set(envelope.id, m);
    } catch (error) {
      letters.push(
        deadLetterOf(
          'decode',
          { code: 'invalid-envelope', message: (error as Error).message },
          source(topic, partition, m),
          m.value,
        ),
      );
    }
  }
  return { items, letters, where };
}

/**
 * Ingests the items together; when the index refuses the batch for a reason of its own, finds the
 * poison record(s) by ingesting them one at a time and hands each refused one to `refused`.
 * Unavailability (isUnavailable) is thrown: the caller pauses and the chunk is replayed.
 */
async function ingestIsolatingPoison(
  items: readonly BatchItem[],
  ingest: (batch: BatchItem[]) => Promise<void>,
  refused: (item: BatchItem, error: unknown) => Promise<void>,
  onSplit: (error: unknown) => void,
): Promise<void> {
  try {
    await ingest([...items]);
  } catch (error) {
    if (isUnavailable(error)) throw error;
    if (items.length <= 1) {
      if (items[0]) await refused(items[0], error);
      return;
    }
    onSplit(error);
    for (const item of items) {
      try {
        await ingest([item]);
      } catch (single) {
        if (isUnavailable(single)) throw single;
        await refused(item, single);
      }
    }
  }
}

/**
 * A Kafka ingest worker: a consumer group member that runs the processors and writes the index.
 *
 * Delivery: a chunk of messages is parsed, its rejects produced to the dead-letter topic (acks
 * from all replicas), its profiles committed to the index, and only then its offsets committed —
 * so a crash replays at most the chunk in flight, which the ingest state makes harmless (committed
 * records are skipped, profiles rebuilt from their mentions). Order is kept per partition.
 *
 * Backpressure: when the index is unavailable the partition is paused and resumed after a
 * growing delay, from the first message not yet committed; nothing is buffered meanwhile.
 * A record that fails for a reason of its own (it cannot be parsed, the index refuses it) goes to
 * the dead-letter topic with the stage and its source offset; it never blocks the partition.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { config, logger, index, state } = options;
  const kafka = createKafka(config, logger, 'talent-brain-worker');
  const topics = await ensureTopics(kafka, config);
  const factory = ProfileFactory.fromConfig(config);
  if (options.concurrentWriters && !isSharedIngestState(state))
    throw new Error(
      'concurrentWriters needs an ingest state several writers can share (the Elasticsearch backend)',
    );
  const shared = options.concurrentWriters && isSharedIngestState(state) ? state : undefined;
  const limits = { maxDocumentBytes: config.processors.maxDocumentBytes };
  const chunkMessages = options.chunkMessages ?? 500;
  const stats: WorkerStats = {
    records: 0,
    ingested: 0,
    unchanged: 0,
    deadLettered: 0,
    erased: 0,
    commits: 0,
    pauses: 0,
    rebuilds: 0,
  };
  const metrics = workerMetrics(stats, {
    ...(options.metrics ? { registry: options.metrics } : {}),
    kafka,
    groupId: config.kafka.groupId,
    topics: [...rawTopics(topics), topics.erasure],
  });
  const producer: Producer = idempotentProducer(kafka);
  const consumer: Consumer = kafka.consumer({ groupId: config.kafka.groupId, ...CONSUMER_LIMITS });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [...rawTopics(topics), topics.erasure], fromBeginning: true });
  const failures = new Map<string, number>();
  // Chunks of different partitions rebuild profiles from the mention store: two at once could each
  // rebuild one person from a view without the other's new mention, and the later write would
  // lose the earlier one's. Fetching stays concurrent; the read-rebuild-commit step is one at a time.
  const serially = serialQueue();

  const deadLetters = deadLetterTopic(producer, topics.deadLetters, (n) => metrics.count('deadLettered', n));
  const sendDeadLetters = (letters: DeadLetter[]): Promise<void> => deadLetters.send(letters);

  /** Processes one chunk; throws when the index or Kafka is unavailable (the caller pauses). */
  const processChunk = async (topic: string, partition: number, messages: KafkaMessage[]): Promise<void> => {
    if (topic === topics.erasure) {
      for (const m of messages) {
        const id = m.key?.toString('utf8');
        if (id && (await index.delete(id))) metrics.count('erased');
      }
      return;
    }
    metrics.count('records', messages.length);
    const { items, letters, where } = decodeChunk(topic, partition, messages, topics.raw);
    const sink = kafkaDeadLetterSink(deadLetters, (envelope) =>
      source(topic, partition, where.get(envelope.id) as KafkaMessage),
    );
    const ingest = async (batch: BatchItem[]): Promise<void> => {
      const committed = await commitBatch(batch, {
        state,
        factory,
        limits,
        deadLetters: sink,
        ...(shared ? { concurrentWriters: { logger } } : {}),
      });
      if (shared) metrics.count('rebuilds', committed.rebuilds);
      metrics.count('ingested', committed.counts.ingested);
      metrics.count('unchanged', committed.counts.unchanged);
    };
    await sendDeadLetters(letters);
    // A record the index refuses for a reason of its own: dead-letter it and go on.
    const refused = (item: BatchItem, error: unknown): Promise<void> =>
      sendDeadLetters([
        envelopeDeadLetter(
          'index',
          { code: 'index-rejected', message: (error as Error).message },
          source(topic, partition, where.get(item.envelope.id) as KafkaMessage),
          item.envelope,
        ),
      ]);
    await ingestIsolatingPoison(items, ingest, refused, (error) =>
      logger.warn(
        { topic, partition, err: (error as Error).message },
        'worker.chunk.failed; retrying record by record',
      ),
    );
  };

  const eachBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    pause,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    const key = `${batch.topic}:${batch.partition}`;
    for (const messages of chunk(batch.messages, chunkMessages)) {
      if (!isRunning() || isStale()) return;
      const last = messages[messages.length - 1] as KafkaMessage;
      const started = performance.now();
      // Heartbeats go out only when the handler calls for them: a chunk that waits its turn and
      // then takes longer than the session (a loaded machine) would get this member evicted while
      // it works, and its partitions processed twice at once.
      const beating = setInterval(() => heartbeat().catch(() => undefined), 1_000);
      try {
        await serially(() => processChunk(batch.topic, batch.partition, messages));
        await consumer.commitOffsets([
          { topic: batch.topic, partition: batch.partition, offset: next(last.offset) },
        ]);
      } catch (error) {
        const moved = groupMovedOn(error);
        if (moved) {
          logger.info(
            { topic: batch.topic, partition: batch.partition, reason: moved.message },
            'worker.partition.reassigned; its next owner replays the uncommitted chunk',
          );
          throw moved;
        }
        if (!isUnavailable(error)) throw error;
        // Nothing of this chunk is resolved: after the pause, fetching resumes at its first message.
        const attempt = (failures.get(key) ?? 0) + 1;
        failures.set(key, attempt);
        const delay = backoffDelayMs(attempt, error, { ...retryDefaults, maxDelayMs: 30_000 });
        metrics.count('pauses');
        metrics.chunkSeconds((performance.now() - started) / 1000, 'paused');
        logger.warn(
          {
            topic: batch.topic,
            partition: batch.partition,
            attempt,
            delayMs: delay,
            err: (error as Error).message,
          },
          'worker.partition.paused',
        );
        const resume = pause();
        setTimeout(resume, delay).unref();
        return;
      } finally {
        clearInterval(beating);
      }
      failures.delete(key);
      resolveOffset(last.offset);
      metrics.count('commits');
      metrics.chunkSeconds((performance.now() - started) / 1000, 'committed');
      logger.debug(
        { topic: batch.topic, partition: batch.partition, offset: last.offset },
        'worker.offsets.committed',
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

  let stopping: Promise<void> | undefined;
  return {
    stats,
    stop() {
      stopping ??= (async () => {
        await consumer.disconnect();
        await metrics.close();
        await producer.disconnect();
      })();
      return stopping;
    },
  };
}

export type { Topics };
