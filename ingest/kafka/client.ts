import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { Config } from '../../config/load.js';
import type { Logger } from '../../lib/logger.js';
import { rawTopics, topicsOf, type Topics } from './topics.js';

/**
 * Every kafkajs call of the project lives in ingest/kafka/: kafkajs is in maintenance, and keeping
 * it behind this folder keeps a change of client to one place.
 */
export type { Consumer, Producer, Admin } from 'kafkajs';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The level an operator should see a kafkajs log line at. kafkajs logs every response carrying a
 * protocol error at ERROR, and a normal consumer-group rebalance makes dozens of them ("The group
 * is rebalancing, so a rejoin is needed" on heartbeats and commits): a rebalance is INFO, a member
 * the coordinator dropped (it rejoins by itself) is WARN, and everything else keeps its level —
 * a crash, a broker that cannot be reached, a request refused for good stay ERROR.
 */
export function kafkaLogLevel(
  level: number,
  message: string,
  error?: unknown,
): 'error' | 'warn' | 'info' | 'debug' {
  const text = `${message} ${typeof error === 'string' ? error : ''}`;
  if (level <= logLevel.WARN && !/^Crash/.test(message)) {
    if (/group is rebalancing|rejoin is needed|re-joining|REBALANCE_IN_PROGRESS/i.test(text)) return 'info';
    if (/not aware of this member|generation id is not valid/i.test(text)) return 'warn';
  }
  return LEVELS[level] ?? 'info';
}

export function createKafka(config: Readonly<Config>, logger: Logger, clientId = 'talent-brain'): Kafka {
  return new Kafka({
    clientId,
    brokers: config.kafka.brokers.split(','),
    // kafkajs logs through pino, at most at info: its debug output is per request.
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        logger[kafkaLogLevel(level, message, rest.error)]({ kafka: rest }, `kafka: ${message}`);
      },
    // Reconnect for a while when a broker restarts; the worker's own loop handles longer outages.
    retry: { initialRetryTime: 300, retries: 10, maxRetryTime: 10_000 },
  });
}

/** Creates the raw, erasure and dead-letter topics when absent (existing ones are left as they are). */
export async function ensureTopics(kafka: Kafka, config: Readonly<Config>): Promise<Topics> {
  const topics = topicsOf(config);
  await createMissingTopics(kafka, [
    ...rawTopics(topics).map((topic) => ({ topic, numPartitions: config.kafka.partitions })),
    { topic: topics.erasure, numPartitions: Math.min(3, config.kafka.partitions) },
    { topic: topics.deadLetters, numPartitions: 1 },
  ]);
  return topics;
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries?: Array<{ name: string; value: string }>;
}

/**
 * Creates the topics among `wanted` that do not exist yet. A topic another process has just
 * created can be listed before the broker hosts its partitions ("does not host this
 * topic-partition" while waiting for its leaders): that is retried, a few times, from the listing.
 */
export async function createMissingTopics(kafka: Kafka, wanted: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t.topic));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({
          topics: missing.map((t) => ({ ...t, replicationFactor: -1 })),
          waitForLeaders: true,
        });
        return;
      } catch (error) {
        const type = (error as { type?: string }).type;
        if (attempt >= 5 || (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'TOPIC_ALREADY_EXISTS'))
          throw error;
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * A producer that writes each message once per send however often it retries (idempotence, acks
 * from all in-sync replicas). kafkajs wants unbounded retries for that guarantee: a publish waits
 * out a broker restart rather than failing half-way. The explicit partitioner is kafkajs 2's
 * default (murmur2 on the key, like the Java client), named to silence its migration notice.
 */
export function idempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
}
