import type { Consumer } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { Config } from '../../../config/load.js';
import type { TalentIndex } from '../../../indexer/contract.js';
import type { Logger } from '../../../lib/logger.js';
import { ProfileFactory } from '../../../processors/profile-factory.js';
import { createKafka, createMissingTopics, ensureTopics, idempotentProducer } from '../client.js';
import { restorePartitions } from '../state-store/restore.js';
import { rawTopics, type Topics } from '../topics.js';
import { parseStep, type ParseStats } from './parse-stage.js';
import { resolveStage, type ResolveStats } from './resolve-stage.js';
import { startStageConsumer } from './stage-consumer.js';
import { registerStageMetrics, RestoreProgress } from './stage-metrics.js';

export type StageName = 'parse' | 'resolve';
export const STAGES: readonly StageName[] = ['parse', 'resolve'];

export interface StagedWorkerOptions {
  config: Readonly<Config>;
  logger: Logger;
  index: TalentIndex;
  /** The index's erased keys (IngestState.erasedKeys of the backend). */
  erasedKeys?: (keys: readonly string[]) => Promise<Set<string>>;
  /** The stages this process runs (default: both). */
  stages?: readonly StageName[];
  /** Messages per step and commit (default 500). */
  chunkMessages?: number;
  /** Where the stages' Prometheus metrics go (stage-metrics.ts); none when absent. */
  metrics?: Registry;
}

export interface StagedWorker {
  readonly parse: Readonly<ParseStats>;
  readonly resolve: Readonly<ResolveStats>;
  /** The consumer groups of the stages: `<kafka.groupId>.parse`, `<kafka.groupId>.resolve`. */
  readonly groups: Record<StageName, string>;
  stop(): Promise<void>;
}

export function stageGroups(config: Readonly<Config>): Record<StageName, string> {
  return { parse: `${config.kafka.groupId}.parse`, resolve: `${config.kafka.groupId}.resolve` };
}

/** The topics of the stages: raw/erasure/dead letters, plus mentions and the compacted changelog. */
export async function ensureStageTopics(
  kafka: ReturnType<typeof createKafka>,
  config: Readonly<Config>,
): Promise<Topics> {
  const topics = await ensureTopics(kafka, config);
  await createMissingTopics(kafka, [
    { topic: topics.mentions, numPartitions: config.kafka.partitions },
    // Partitioned exactly like the mentions topic: partition p's state is changelog partition p.
    {
      topic: topics.changelog,
      numPartitions: config.kafka.partitions,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    },
  ]);
  return topics;
}

/**
 * A worker of the staged pipeline (docs/distributed.md): the parse stage (raw topics → mentions
 * keyed by owner) and the resolve stage (its partitions' mentions → profiles, state in a store per
 * partition restored from the changelog), each its own consumer group, so each scales by its own
 * number of members. One process can run both (the default) or one of them.
 */
export async function startStagedWorker(options: StagedWorkerOptions): Promise<StagedWorker> {
  const { config, logger } = options;
  const stages = options.stages ?? STAGES;
  const kafka = createKafka(config, logger, 'talent-brain-stage');
  const topics = await ensureStageTopics(kafka, config);
  const groups = stageGroups(config);
  const producer = idempotentProducer(kafka);
  await producer.connect();
  const chunkMessages = options.chunkMessages ?? 500;
  const parse: ParseStats = { records: 0, mentions: 0, deadLettered: 0, seconds: 0 };
  const resolve: ResolveStats = {
    records: 0,
    ingested: 0,
    unchanged: 0,
    erased: 0,
    profilesPut: 0,
    deadLettered: 0,
    restores: 0,
    restoredEntries: 0,
    restoreSeconds: 0,
    resolveSeconds: 0,
    indexSeconds: 0,
    changelogSeconds: 0,
  };
  const consumers: Consumer[] = [];
  const restoring = new RestoreProgress();
  const stage = resolveStage({
    logger,
    index: options.index,
    factory: ProfileFactory.fromConfig(config),
    producer,
    topics,
    stats: resolve,
    ...(options.erasedKeys ? { erasedKeys: options.erasedKeys } : {}),
    restore: async (partition, store) => {
      restoring.started(partition);
      try {
        const restored = await restorePartitions(kafka, topics.changelog, [partition], (_p, entries) => {
          store.apply(entries);
          restoring.read(partition, entries.length);
        });
        return restored.entries;
      } finally {
        restoring.finished(partition);
      }
    },
  });
  const metrics = options.metrics
    ? registerStageMetrics({
        registry: options.metrics,
        kafka,
        stages: stages.map((name) =>
          name === 'parse'
            ? { stage: name, group: groups.parse, reads: rawTopics(topics) }
            : { stage: name, group: groups.resolve, reads: [topics.mentions] },
        ),
        parse,
        resolve,
        storeSizes: () => stage.sizes(),
        restores: restoring,
        index: options.index,
      })
    : undefined;
  const admin = kafka.admin();
  await admin.connect();
  const metadata = await admin
    .fetchTopicMetadata({ topics: [topics.mentions] })
    .finally(() => admin.disconnect());
  const partitions = metadata.topics[0]?.partitions.length ?? config.kafka.partitions;
  if (stages.includes('parse'))
    consumers.push(
      await startStageConsumer({
        kafka,
        logger,
        groupId: groups.parse,
        topics: rawTopics(topics),
        chunkMessages,
        step: parseStep({ config, producer, topics, stats: parse, partitions }),
      }),
    );
  if (stages.includes('resolve'))
    consumers.push(
      await startStageConsumer({
        kafka,
        logger,
        groupId: groups.resolve,
        topics: [topics.mentions],
        chunkMessages,
        step: stage.step,
        onAssigned: (assigned) =>
          stage.assigned(assigned.find((a) => a.topic === topics.mentions)?.partitions ?? []),
      }),
    );
  let stopping: Promise<void> | undefined;
  return {
    parse,
    resolve,
    groups,
    stop() {
      stopping ??= (async () => {
        await Promise.all(consumers.map((c) => c.disconnect()));
        stage.close();
        await metrics?.close();
        await producer.disconnect();
      })();
      return stopping;
    },
  };
}
