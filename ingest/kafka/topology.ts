import type { Admin, Kafka } from 'kafkajs';
import type { Config } from '../../config/load.js';
import { groupLag, type PartitionLag } from './group-lag.js';
import { stageGroups } from './stages/staged-worker.js';
import { rawTopics, topicsOf } from './topics.js';

/**
 * What runs on the topics of one `kafka.topicPrefix`, read from the brokers: the stages of the
 * pipeline with the topics each reads and writes and its consumer group, every topic's partitions
 * and replication, and how far each group is behind. `talent-brain topology` prints it.
 */

export type StageId = 'parse' | 'resolve' | 'worker';

/** A stage as the code defines it: its group and the topics (and index) it reads and writes. */
export interface StageShape {
  stage: StageId;
  description: string;
  group: string;
  reads: string[];
  writes: string[];
}

export interface StageTopology extends StageShape {
  /** The group's state as the coordinator reports it (Stable, PreparingRebalance, Empty, Dead…). */
  state: string;
  members: number;
  /** Messages of `reads` not committed yet, summed, and per partition. */
  lag: number;
  partitions: PartitionLag[];
}

export interface TopicTopology {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Partitions with fewer in-sync replicas than replicas (a broker down or catching up). */
  underReplicated: number;
  /** Partitions without a leader: neither readable nor writable now. */
  offline: number;
  /** Messages between the low and high watermarks, summed over partitions. */
  messages: number;
  /** Absent topics (no stage has created them yet) are listed with `exists: false`. */
  exists: boolean;
}

export interface Topology {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  controller: number | null;
  clusterId: string;
  prefix: string;
  stages: StageTopology[];
  topics: TopicTopology[];
}

/** The stages of the staged pipeline, and the single-stage worker, on `config`'s topics. */
export function stageShapes(config: Readonly<Config>): StageShape[] {
  const topics = topicsOf(config);
  const groups = stageGroups(config);
  const index = `${config.elasticsearch.prefix}-profiles (index)`;
  return [
    {
      stage: 'parse',
      description: 'staged pipeline, stateless: decode, parse, normalize; mentions keyed by owner',
      group: groups.parse,
      reads: rawTopics(topics),
      writes: [topics.mentions, topics.deadLetters],
    },
    {
      stage: 'resolve',
      description:
        'staged pipeline, stateful: a store per partition; resolve, rebuild, score, bulk to the index',
      group: groups.resolve,
      reads: [topics.mentions],
      writes: [topics.changelog, topics.deadLetters, index],
    },
    {
      stage: 'worker',
      description: 'single-stage worker (talent-brain worker without --stage)',
      group: config.kafka.groupId,
      reads: [...rawTopics(topics), topics.erasure],
      writes: [topics.deadLetters, index],
    },
  ];
}

/** Every topic of the prefix: the ones the stages name, plus any other topic under the prefix. */
function topicNames(config: Readonly<Config>, listed: readonly string[]): string[] {
  const t = topicsOf(config);
  const known = [...rawTopics(t), t.erasure, t.mentions, t.changelog, t.deadLetters];
  const others = listed.filter((n) => n.startsWith(`${config.kafka.topicPrefix}.`) && !known.includes(n));
  return [...known, ...others.sort()];
}

async function topicTopology(
  admin: Admin,
  names: readonly string[],
  existing: Set<string>,
): Promise<TopicTopology[]> {
  const present = names.filter((n) => existing.has(n));
  const metadata = present.length > 0 ? (await admin.fetchTopicMetadata({ topics: present })).topics : [];
  const out: TopicTopology[] = [];
  for (const name of names) {
    const topic = metadata.find((m) => m.name === name);
    if (topic === undefined) {
      out.push({
        name,
        partitions: 0,
        replicationFactor: 0,
        underReplicated: 0,
        offline: 0,
        messages: 0,
        exists: false,
      });
      continue;
    }
    let messages = 0n;
    for (const o of await admin.fetchTopicOffsets(name)) messages += BigInt(o.high) - BigInt(o.low);
    out.push({
      name,
      partitions: topic.partitions.length,
      replicationFactor: Math.max(0, ...topic.partitions.map((p) => p.replicas.length)),
      underReplicated: topic.partitions.filter((p) => p.isr.length < p.replicas.length).length,
      offline: topic.partitions.filter((p) => p.leader < 0).length,
      messages: Number(messages),
      exists: true,
    });
  }
  return out;
}

export async function readTopology(kafka: Kafka, config: Readonly<Config>): Promise<Topology> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const existing = new Set(await admin.listTopics());
    const shapes = stageShapes(config);
    const described = await admin.describeGroups(shapes.map((s) => s.group));
    const stages: StageTopology[] = [];
    for (const shape of shapes) {
      const group = described.groups.find((g) => g.groupId === shape.group);
      const partitions = await groupLag(
        admin,
        shape.group,
        shape.reads.filter((t) => existing.has(t)),
      );
      stages.push({
        ...shape,
        state: group?.state ?? 'Unknown',
        members: group?.members.length ?? 0,
        lag: partitions.reduce((sum, p) => sum + p.lag, 0),
        partitions,
      });
    }
    return {
      brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
      controller: cluster.controller,
      clusterId: cluster.clusterId,
      prefix: config.kafka.topicPrefix,
      stages,
      topics: await topicTopology(admin, topicNames(config, [...existing]), existing),
    };
  } finally {
    await admin.disconnect();
  }
}

const grouped = (n: number): string => n.toLocaleString('en-US');

/** The topology as an operator reads it in a terminal. */
export function formatTopology(t: Topology): string {
  const lines: string[] = [];
  const brokers = t.brokers
    .map((b) => `${b.nodeId}@${b.host}:${b.port}${b.nodeId === t.controller ? ' (controller)' : ''}`)
    .join(', ');
  lines.push(`Kafka cluster ${t.clusterId}: ${t.brokers.length} broker(s): ${brokers}`);
  lines.push(`Topic prefix: ${t.prefix}`, '', 'Stages');
  for (const s of t.stages) {
    const members = s.members === 1 ? '1 member' : `${s.members} members`;
    lines.push(`  ${s.stage.padEnd(8)} group ${s.group}: ${s.state}, ${members}, lag ${grouped(s.lag)}`);
    lines.push(`           ${s.description}`);
    lines.push(`           reads  ${s.reads.join(', ')}`);
    lines.push(`           writes ${s.writes.join(', ')}`);
    const behind = s.partitions.filter((p) => p.lag > 0);
    if (behind.length > 0)
      lines.push(
        `           behind ${behind.map((p) => `${p.topic}/${p.partition}: ${grouped(p.lag)}`).join(', ')}`,
      );
  }
  lines.push('', 'Topics');
  const width = Math.max(...t.topics.map((x) => x.name.length));
  for (const x of t.topics) {
    if (!x.exists) {
      lines.push(`  ${x.name.padEnd(width)}  (not created yet)`);
      continue;
    }
    const health = [
      x.underReplicated > 0 ? `${x.underReplicated} under-replicated` : '',
      x.offline > 0 ? `${x.offline} offline` : '',
    ].filter(Boolean);
    lines.push(
      `  ${x.name.padEnd(width)}  ${String(x.partitions).padStart(3)} partitions  x${x.replicationFactor} replicas  ${grouped(x.messages).padStart(12)} messages${health.length > 0 ? `  ${health.join(', ')}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
