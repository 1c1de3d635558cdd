import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { startStagedWorker, type StagedWorker } from '../../ingest/kafka/stages/staged-worker.js';
import { rawTopics, topicsOf } from '../../ingest/kafka/topics.js';
import type { Logger } from '../../lib/logger.js';
import { projectRoot } from '../../lib/project-root.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { strictMode } from './corpus.js';
import { cleanTopics, drained, profileDocs } from './kafka.js';
import { distinctDeadLetters, settledProfiles } from './settled-index.js';

/**
 * The cluster mode of scripts/services (`services.sh up --cluster`: 3 Kafka brokers, 2 Elasticsearch
 * data nodes and a master-only node) for the disruptive tests that kill its nodes. Its addresses are
 * the ones `services.sh env --cluster` prints, so the tests follow the scripts' ports; a suite is
 * skipped when the cluster is not up, and fails under TALENT_STRICT.
 */
const root = projectRoot(import.meta.url);
const servicesDir = join(root, 'scripts/services');
const run = promisify(execFile);

function clusterEnv(): { brokers: string[]; elasticsearchUrl: string } {
  const line = execFileSync('bash', [join(servicesDir, 'services.sh'), 'env', '--cluster'], {
    encoding: 'utf8',
  });
  const value = (name: string): string => {
    const found = new RegExp(`${name}=(\\S+)`).exec(line)?.[1];
    if (found === undefined) throw new Error(`services.sh env --cluster printed no ${name}: ${line}`);
    return found;
  };
  return {
    brokers: value('TALENT_KAFKA_BROKERS').split(','),
    elasticsearchUrl: value('TALENT_ELASTICSEARCH_URL'),
  };
}

export const cluster = clusterEnv();

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1500, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

const endpoints = [
  ...cluster.brokers.map((b) => b.split(':')),
  ...cluster.elasticsearchUrl.split(',').map((u) => [new URL(u).hostname, new URL(u).port]),
];
const clusterUp = (
  await Promise.all(endpoints.map(([host, port]) => accepts(host ?? '', Number(port))))
).every(Boolean);

/** `describe` for a suite that needs the whole cluster: skipped without it, failing under TALENT_STRICT. */
export function describeWithCluster(name: string, body: () => void): void {
  if (!clusterUp && strictMode) {
    describe(name, () => {
      it('needs the cluster', () => {
        throw new Error(
          `the cluster of "bash scripts/services/services.sh up --cluster" is not up (${endpoints.map((e) => e.join(':')).join(', ')}); TALENT_STRICT forbids skipping`,
        );
      });
    });
    return;
  }
  describe.skipIf(!clusterUp)(name, body);
}

/**
 * `scripts/services/<kafka|elasticsearch>-cluster.sh <command> [node]`: `kill N` (SIGKILL, returns
 * once the process is gone) or `up` (starts the nodes that are down, returns once all have joined
 * and, for Elasticsearch, the cluster is green again).
 */
export async function clusterScript(
  service: 'kafka' | 'elasticsearch',
  command: 'up' | 'kill' | 'status',
  node?: number,
): Promise<string> {
  const script = join(servicesDir, `${service}-cluster.sh`);
  const args = [script, command, ...(node === undefined ? [] : [String(node)])];
  try {
    const { stdout, stderr } = await run('bash', args, { cwd: root, timeout: 300_000 });
    return stdout + stderr;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${args.join(' ')} failed: ${message}\n${stderr ?? ''}`, { cause: error });
  }
}

/** The configuration of one run on the cluster: its own topics, consumer groups and indices. */
export function clusterConfig(prefix: string, partitions = 4): Readonly<Config> {
  return loadConfig({
    env: {
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_KAFKA_BROKERS: cluster.brokers.join(','),
      TALENT_KAFKA_TOPIC_PREFIX: prefix,
      TALENT_KAFKA_GROUP: `${prefix}-workers`,
      TALENT_KAFKA_PARTITIONS: String(partitions),
      TALENT_ELASTICSEARCH_URL: cluster.elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
      TALENT_INDEX_BACKEND: 'elasticsearch',
    },
  });
}

export function clusterKafka(): Kafka {
  return new Kafka({ clientId: 'tb-cluster-test', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
}

/**
 * Retries `read` while a broker that just died is still in the client's metadata (a connection
 * refused): what an operator's second try would see.
 */
export async function settled<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean = () => true,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const value = await read();
      if (accept(value) || Date.now() > deadline) return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `promise`, or a failure naming `what` after `ms`: a stall fails the test with its place, not at the test's timeout. */
export async function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms / 1000}s`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The node id of the broker that leads `partition` of `topic` now. */
export async function leaderOf(kafka: Kafka, topic: string, partition: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const leader = metadata.topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
    if (leader === undefined || leader < 0) throw new Error(`${topic}/${partition} has no leader`);
    return leader;
  } finally {
    await admin.disconnect();
  }
}

/** Two generated corpora (published before and during the disruption) and the file ingest of both. */
export interface Reference {
  before: string;
  during: string;
  profiles: Array<{ id: string; doc: TalentProfile }>;
  rejected: number;
}

export async function referenceRun(count: number, seed: number): Promise<Reference> {
  const industries = loadIndustries('config/industries.yaml');
  const before = mkdtempSync(join(tmpdir(), 'tb-cluster-a-'));
  const during = mkdtempSync(join(tmpdir(), 'tb-cluster-b-'));
  generateCorpus({ count, seed, outDir: before, industries });
  generateCorpus({ count, seed: seed + 1, outDir: during, industries });
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-cluster-ref-'));
  const file = await runIngest({
    inputs: [before, during],
    dataDir,
    config: loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } }),
  });
  return { before, during, profiles: profileDocs(dataDir), rejected: file.rejected };
}

/**
 * The index after the disruption equals the undisturbed run: every profile, document for document
 * (nothing lost, no person indexed twice), and one dead letter per rejected record, no more.
 */
export async function expectUndisturbed(
  config: Readonly<Config>,
  reference: Reference,
  logger: Logger,
): Promise<void> {
  const got = await settledProfiles(config);
  const mentions = got.flatMap((p) => p.doc.evidence.map((e) => e.mentionId));
  const want = new Set(reference.profiles.map((p) => p.id));
  const extra = got.filter((p) => !want.has(p.id));
  const owners = new Map(
    reference.profiles.flatMap((p) => p.doc.evidence.map((e) => [e.mentionId, p.id] as const)),
  );
  // Each profile the undisturbed run does not have, with where its mentions are in that run.
  expect(
    extra.map(
      (p) =>
        `${p.id} ${p.doc.displayName}: ${p.doc.evidence.map((e) => `${e.mentionId} -> ${owners.get(e.mentionId) ?? 'none'}`).join(', ')}`,
    ),
  ).toEqual([]);
  expect(got.length).toBe(reference.profiles.length);
  // A mention in two profiles is a person indexed twice (a stale profile left by a replay).
  expect(new Set(mentions).size).toBe(mentions.length);
  expect(got.map((p) => p.id)).toEqual(reference.profiles.map((p) => p.id));
  // The first profile that differs, alone: a readable diff rather than hundreds of profiles.
  const differs = got.findIndex((p, i) => JSON.stringify(p) !== JSON.stringify(reference.profiles[i]));
  if (differs >= 0) expect(got[differs]).toEqual(reference.profiles[differs]);
  expect(got).toEqual(reference.profiles);
  expect((await distinctDeadLetters({ config, logger })).length).toBe(reference.rejected);
}

export async function dropRun(config: Readonly<Config>): Promise<void> {
  await dropElasticsearchIndices({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix });
  await cleanTopics(clusterKafka(), config.kafka.topicPrefix);
}

/** Staged workers in this process (parse and resolve stages), each on its own index connection. */
export class InProcessWorkers {
  readonly workers: StagedWorker[] = [];
  private readonly backends: Backend[] = [];

  constructor(
    private readonly config: Readonly<Config>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<StagedWorker> {
    const backend = await openBackend(this.config, { dataDir: '' });
    this.backends.push(backend);
    const worker = await startStagedWorker({
      config: this.config,
      logger: this.logger,
      index: backend.index,
      erasedKeys: (keys) => backend.state.erasedKeys(keys),
      chunkMessages: 40,
    });
    this.workers.push(worker);
    return worker;
  }

  /** Profiles put by every worker so far. */
  profilesPut(): number {
    return this.workers.reduce((sum, w) => sum + w.resolve.profilesPut, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
    await Promise.all(this.backends.map((b) => b.close()));
  }
}

/** Both stages' groups have committed every message of their topics. */
export async function stagesDrained(config: Readonly<Config>, timeoutMs = 240_000): Promise<void> {
  const kafka = clusterKafka();
  const topics = topicsOf(config);
  await drained(kafka, `${config.kafka.groupId}.parse`, rawTopics(topics), timeoutMs);
  await drained(kafka, `${config.kafka.groupId}.resolve`, [topics.mentions], timeoutMs);
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
