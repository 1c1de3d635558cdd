import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Config } from '../../config/load.js';
import type { TalentIndex } from '../../indexer/contract.js';
import { isSharedIngestState, type IngestState } from '../../indexer/ingest-state.js';
import type { Logger } from '../../lib/logger.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { commitBatch } from '../commit-batch.js';
import type { BatchItem } from '../prepare-batch.js';
import { isUnavailable, startChunkConsumer } from './chunk-consumer.js';
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
  await producer.connect();
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

  const consumer: Consumer = await startChunkConsumer({
    kafka,
    logger,
    logAs: 'worker',
    groupId: config.kafka.groupId,
    topics: [...rawTopics(topics), topics.erasure],
    chunkMessages,
    ...(options.concurrentPartitions ? { concurrentPartitions: options.concurrentPartitions } : {}),
    step: (topic, partition, messages) => serially(() => processChunk(topic, partition, messages)),
    onChunk: (outcome, seconds) => {
      metrics.count(outcome === 'committed' ? 'commits' : 'pauses');
      metrics.chunkSeconds(seconds, outcome);
    },
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
