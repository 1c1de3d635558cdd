import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { groupLag } from './group-lag.js';
import type { WorkerStats } from './worker.js';

const COUNTER_HELP: Readonly<Record<keyof WorkerStats, string>> = {
  records: 'Messages read from the raw and erasure topics',
  ingested: 'Records parsed and committed to the index',
  unchanged: 'Records committed before with the same content (a replay)',
  deadLettered: 'Records sent to the dead-letter topic',
  erased: 'Profiles erased by a message on the erasure topic',
  commits: 'Offset commits (each after the index acknowledged its chunk)',
  pauses: 'Times a partition was paused because the index or Kafka was unavailable',
  rebuilds: 'Rebuilds after another worker changed the same people at the same time',
};

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface WorkerMetrics {
  /** Adds to a stat and to its Prometheus counter together. */
  count(stat: keyof WorkerStats, n?: number): void;
  /** Times one chunk from fetch to offset commit. */
  chunkSeconds(seconds: number, outcome: 'committed' | 'paused'): void;
  close(): Promise<void>;
}

/**
 * The worker's Prometheus metrics, in `registry` when given: `talent_brain_worker_<stat>_total`
 * counters, a chunk duration histogram, and the consumer group's lag per partition, read from
 * the broker when scraped (the committed offsets, which are the only ones that count here: a
 * record is done once its offset is committed).
 */
export function workerMetrics(
  stats: WorkerStats,
  options: { registry?: Registry; kafka: Kafka; groupId: string; topics: readonly string[] },
): WorkerMetrics {
  const { registry } = options;
  const counters = new Map<keyof WorkerStats, Counter>();
  let histogram: Histogram | undefined;
  let admin: Admin | undefined;
  if (registry) {
    for (const stat of Object.keys(COUNTER_HELP) as Array<keyof WorkerStats>)
      counters.set(
        stat,
        new Counter({
          name: `talent_brain_worker_${snake(stat)}_total`,
          help: COUNTER_HELP[stat],
          registers: [registry],
        }),
      );
    histogram = new Histogram({
      name: 'talent_brain_worker_chunk_seconds',
      help: 'Time to process one chunk: parse, index, dead letters, offset commit',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    new Gauge({
      name: 'talent_brain_worker_consumer_lag',
      help: "Messages after the group's committed offset, per topic partition",
      labelNames: ['topic', 'partition'],
      registers: [registry],
      async collect() {
        admin ??= options.kafka.admin();
        await admin.connect();
        this.reset();
        for (const { topic, partition, lag } of await groupLag(admin, options.groupId, options.topics))
          this.set({ topic, partition: String(partition) }, lag);
      },
    });
  }
  return {
    count(stat, n = 1) {
      stats[stat] += n;
      counters.get(stat)?.inc(n);
    },
    chunkSeconds(seconds, outcome) {
      histogram?.observe({ outcome }, seconds);
    },
    async close() {
      await admin?.disconnect();
    },
  };
}
