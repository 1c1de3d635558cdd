import type { Admin, Kafka } from 'kafkajs';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { TalentIndex } from '../../../indexer/contract.js';
import { ElasticsearchIndex } from '../../../indexer/elasticsearch/elasticsearch-index.js';
import { groupLag } from '../group-lag.js';
import type { ParseStats } from './parse-stage.js';
import type { ResolveStats } from './resolve-stage.js';

/**
 * Prometheus metrics of the staged pipeline's members, per stage (docs/distributed.md lists them).
 * The counters read the stages' own statistics when scraped rather than being bumped on the hot
 * path, so the stages' code knows nothing of Prometheus; the lag is read from the broker (the
 * groups' committed offsets), the store sizes from the stores held now, the bulk flushes from the
 * index connection as they happen.
 */

export interface StageMetricsSources {
  registry: Registry;
  kafka: Kafka;
  /** Each stage this process runs, with its group and the topics it reads. */
  stages: Array<{ stage: 'parse' | 'resolve'; group: string; reads: string[] }>;
  parse: Readonly<ParseStats>;
  resolve: Readonly<ResolveStats>;
  /** Stored mentions and records per partition held now (ResolveStage.sizes). */
  storeSizes: () => Map<number, { mentions: number; records: number }>;
  restores: RestoreProgress;
  /** The index the resolve stage writes: its bulk requests are observed when it is Elasticsearch. */
  index: TalentIndex;
}

/** Changelog entries read so far by each restore in progress (a partition being rebuilt). */
export class RestoreProgress {
  private readonly running = new Map<number, number>();

  started(partition: number): void {
    this.running.set(partition, 0);
  }

  read(partition: number, entries: number): void {
    this.running.set(partition, (this.running.get(partition) ?? 0) + entries);
  }

  finished(partition: number): void {
    this.running.delete(partition);
  }

  inProgress(): ReadonlyMap<number, number> {
    return this.running;
  }
}

/** A counter whose value is a statistic read at scrape time (counters only go up, as stats do). */
function statCounter(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  values: () => Array<{ labels: Record<string, string>; value: number }>,
): void {
  const last = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const { labels, value } of values()) {
        const key = JSON.stringify(labels);
        const delta = value - (last.get(key) ?? 0);
        if (delta > 0) this.inc(labels, delta);
        last.set(key, value);
      }
    },
  });
}

export function registerStageMetrics(sources: StageMetricsSources): { close(): Promise<void> } {
  const { registry, parse, resolve } = sources;
  const runs = (stage: 'parse' | 'resolve') => sources.stages.some((s) => s.stage === stage);
  const perStage = (parseValue: number, resolveValue: number) =>
    [
      ...(runs('parse') ? [{ labels: { stage: 'parse' }, value: parseValue }] : []),
      ...(runs('resolve') ? [{ labels: { stage: 'resolve' }, value: resolveValue }] : []),
    ] as Array<{ labels: Record<string, string>; value: number }>;

  statCounter(registry, 'talent_brain_stage_records_total', 'Records read by the stage', ['stage'], () =>
    perStage(parse.records, resolve.records),
  );
  statCounter(
    registry,
    'talent_brain_stage_dead_lettered_total',
    'Records the stage sent to the dead-letter topic',
    ['stage'],
    () => perStage(parse.deadLettered, resolve.deadLettered),
  );
  statCounter(
    registry,
    'talent_brain_stage_outputs_total',
    'What the stage produced: mentions (parse), profiles put to the index (resolve)',
    ['stage'],
    () => perStage(parse.mentions, resolve.profilesPut),
  );
  statCounter(
    registry,
    'talent_brain_stage_seconds_total',
    "Time in the stage's step, by part (parse; resolve: resolve, index, changelog, restore)",
    ['stage', 'part'],
    () => [
      ...(runs('parse') ? [{ labels: { stage: 'parse', part: 'parse' }, value: parse.seconds }] : []),
      ...(runs('resolve')
        ? [
            { labels: { stage: 'resolve', part: 'resolve' }, value: resolve.resolveSeconds },
            { labels: { stage: 'resolve', part: 'index' }, value: resolve.indexSeconds },
            { labels: { stage: 'resolve', part: 'changelog' }, value: resolve.changelogSeconds },
            { labels: { stage: 'resolve', part: 'restore' }, value: resolve.restoreSeconds },
          ]
        : []),
    ],
  );

  if (runs('resolve')) {
    statCounter(
      registry,
      'talent_brain_stage_restores_total',
      'Partition stores rebuilt from the changelog (after a rebalance or a crash)',
      [],
      () => [{ labels: {}, value: resolve.restores }],
    );
    statCounter(
      registry,
      'talent_brain_stage_restored_entries_total',
      'Changelog entries read by finished restores',
      [],
      () => [{ labels: {}, value: resolve.restoredEntries }],
    );
    new Gauge({
      name: 'talent_brain_stage_restore_entries',
      help: 'Changelog entries read so far by the restore in progress, per partition (absent when none runs)',
      labelNames: ['partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [partition, entries] of sources.restores.inProgress())
          this.set({ partition: String(partition) }, entries);
      },
    });
    new Gauge({
      name: 'talent_brain_stage_store_size',
      help: "The resolve stage's state per partition held: stored mentions and records",
      labelNames: ['partition', 'kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [partition, size] of sources.storeSizes()) {
          this.set({ partition: String(partition), kind: 'mentions' }, size.mentions);
          this.set({ partition: String(partition), kind: 'records' }, size.records);
        }
      },
    });
  }

  let admin: Admin | undefined;
  new Gauge({
    name: 'talent_brain_stage_consumer_lag',
    help: "Messages after the stage group's committed offset, per topic partition",
    labelNames: ['stage', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      admin ??= sources.kafka.admin();
      await admin.connect();
      this.reset();
      for (const { stage, group, reads } of sources.stages)
        for (const { topic, partition, lag } of await groupLag(admin, group, reads))
          this.set({ stage, topic, partition: String(partition) }, lag);
    },
  });

  let stopObserving = (): void => undefined;
  if (runs('resolve') && sources.index instanceof ElasticsearchIndex) {
    const bytes = new Histogram({
      name: 'talent_brain_stage_bulk_flush_bytes',
      help: 'Body size of each bulk request the resolve stage sent to Elasticsearch',
      buckets: [16_384, 65_536, 262_144, 1_048_576, 2_097_152, 5_242_880, 10_485_760],
      registers: [registry],
    });
    const seconds = new Histogram({
      name: 'talent_brain_stage_bulk_flush_seconds',
      help: 'Round trip of each bulk request the resolve stage sent to Elasticsearch',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    stopObserving = sources.index.connection.onBulkFlush((flush) => {
      bytes.observe(flush.bytes);
      seconds.observe(flush.seconds);
    });
  }

  return {
    async close() {
      stopObserving();
      await admin?.disconnect();
    },
  };
}
