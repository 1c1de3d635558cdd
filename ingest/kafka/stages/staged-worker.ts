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
import { bridgeRegistry, type BridgeRegistryStats } from './bridge-registry.js';
import { resolveStage, type ResolveStats } from './resolve-stage.js';
import { startChunkConsumer, type ChunkConsumerOptions } from '../chunk-consumer.js';
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
  readonly registry: Readonly<BridgeRegistryStats>;
  /**
   * The consumer groups: `<kafka.groupId>.parse`, `<kafka.groupId>.resolve`, and the bridge
   * registry's `<kafka.groupId>.registry` (run by the resolve stage's members).
   */
  readonly groups: Record<StageName | 'registry', string>;
  stop(): Promise<void>;
}

export function stageGroups(config: Readonly<Config>): Record<StageName | 'registry', string> {
  return {
    parse: `${config.kafka.groupId}.parse`,
    resolve: `${config.kafka.groupId}.resolve`,
    registry: `${config.kafka.groupId}.registry`,
  };
}

/**
 * The topics of the stages: raw/erasure/dead letters, plus mentions, the compacted changelog and
 * the compacted bridge registry.
 */
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
    {
      topic: topics.bridges,
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
    partsMovedOut: 0,
    partsMovedIn: 0,
    registrations: 0,
    erasures: 0,
    resolveSeconds: 0,
    indexSeconds: 0,
    changelogSeconds: 0,
  };
  const consumers: Consumer[] = [];
  const restoring = new RestoreProgress();
  const admin = kafka.admin();
  await admin.connect();
  const metadata = await admin
    .fetchTopicMetadata({ topics: [topics.mentions, topics.bridges] })
    .finally(() => admin.disconnect());
  const partitionsOf = (topic: string): number =>
    metadata.topics.find((t) => t.name === topic)?.partitions.length ?? config.kafka.partitions;
  const partitions = partitionsOf(topics.mentions);
  const stage = resolveStage({
    logger,
    index: options.index,
    factory: ProfileFactory.fromConfig(config),
    producer,
    topics,
    stats: resolve,
    partitions,
    bridgePartitions: partitionsOf(topics.bridges),
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
  const registryStats: BridgeRegistryStats = { registrations: 0, moves: 0 };
  const registry = bridgeRegistry({
    logger,
    producer,
    topics,
    partitions,
    stats: registryStats,
    restore: async (partition, apply) =>
      (await restorePartitions(kafka, topics.bridges, [partition], (_p, entries) => apply(entries))).entries,
  });
  /** A stateful consumer of one topic: `assigned` hears its partitions after each rebalance. */
  const stateful = (
    groupId: string,
    topic: string,
    member: { step: ChunkConsumerOptions['step']; assigned: (partitions: readonly number[]) => void },
  ): Promise<Consumer> =>
    startChunkConsumer({
      logAs: 'stage',
      kafka,
      logger,
      groupId,
      topics: [topic],
      chunkMessages,
      step: member.step,
      onAssigned: (assigned) => member.assigned(assigned.find((a) => a.topic === topic)?.partitions ?? []),
    });
  if (stages.includes('parse'))
    consumers.push(
      await startChunkConsumer({
        logAs: 'stage',
        kafka,
        logger,
        groupId: groups.parse,
        // The erasure topic too: the parse stage hands each erasure to every resolve partition.
        topics: [...rawTopics(topics), topics.erasure],
        chunkMessages,
        step: parseStep({ config, producer, topics, stats: parse, partitions }),
      }),
    );
  if (stages.includes('resolve'))
    consumers.push(
      await stateful(groups.resolve, topics.mentions, stage),
      await stateful(groups.registry, topics.bridges, registry),
    );
  let stopping: Promise<void> | undefined;
  return {
    parse,
    resolve,
    registry: registryStats,
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
