/**
 * The staged pipeline on the real Kafka broker and Elasticsearch node of this machine (needs the
 * services; `npm run build` first): `node dist/bench/kafka-stages.js`.
 *
 * (a) Raw ceiling: the final profiles (the embedded ingest's) bulk-indexed into a fresh index
 *     with the same template by a bare loop of the client's bulk helper.
 * (b) For 1, 2 and 4 worker processes (`worker --stage all`, heap capped as documented): publish
 *     the raw documents once every member has joined both stages' groups, and time until both
 *     groups have no lag and every profile is searchable. Throughput vs (a), the time per part of
 *     the step summed over the workers, CPU seconds of the workers per profile (this machine has
 *     2 cores: CPU cost shows whether workers do each other's work, wall time cannot), peak RSS.
 * Size: TALENT_BENCH_STAGES_PEOPLE people of the generated corpus (default 2,000).
 * Results: bench/results/kafka-stages.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import type { Kafka } from 'kafkajs';
import Database from 'better-sqlite3';
import { loadIndustries } from '../config/industries.js';
import { loadConfig, type Config } from '../config/load.js';
import { parseDoc, type StoredDoc } from '../indexer/embedded/doc-codec.js';
import { dropElasticsearchIndices, openElasticsearchIndex } from '../indexer/elasticsearch/index.js';
import { toProfileDoc } from '../indexer/elasticsearch/profile-doc.js';
import { runIngest } from '../ingest/embedded/run-ingest.js';
import { createKafka } from '../ingest/kafka/client.js';
import { publishInputs } from '../ingest/kafka/publish.js';
import { ensureStageTopics, stageGroups } from '../ingest/kafka/stages/staged-worker.js';
import { rawTopics, topicsOf } from '../ingest/kafka/topics.js';
import { createLogger } from '../lib/logger.js';
import { projectRoot } from '../lib/project-root.js';
import type { TalentProfile } from '../processors/model/profile.js';
import { generateCorpus } from '../synthetic/generate-corpus.js';

const root = projectRoot(import.meta.url);
const tmp = join(root, 'bench/tmp');
const people = Number(process.env.TALENT_BENCH_STAGES_PEOPLE ?? 2000);
const chunkMessages = Number(process.env.TALENT_BENCH_CHUNK ?? 500);
const workerHeapMB = Number(process.env.TALENT_BENCH_WORKER_HEAP_MB ?? 160);
const workerCounts = (process.env.TALENT_BENCH_STAGES_WORKERS ?? '1,2,4').split(',').map(Number);
const logger = createLogger({ level: 'error' });
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (n: number, d = 2): number => Number(n.toFixed(d));
const stamp = Date.now().toString(36);
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;

function configFor(name: string): Readonly<Config> {
  const base = loadConfig({ env: process.env });
  return loadConfig({
    env: {
      ...process.env,
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_KAFKA_TOPIC_PREFIX: `bench-stages-${name}-${stamp}`,
      TALENT_KAFKA_GROUP: `bench-stages-${name}-${stamp}-workers`,
      TALENT_KAFKA_PARTITIONS: '4',
      TALENT_ELASTICSEARCH_PREFIX: `bench-stages-${name}-${stamp}`,
      TALENT_ELASTICSEARCH_URL: base.elasticsearch.url,
      TALENT_KAFKA_BROKERS: base.kafka.brokers,
      TALENT_LOG_LEVEL: 'error',
    },
  });
}

function envOf(config: Readonly<Config>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TALENT_REFERENCE_DATE: '2026-01-01',
    TALENT_KAFKA_TOPIC_PREFIX: config.kafka.topicPrefix,
    TALENT_KAFKA_GROUP: config.kafka.groupId,
    TALENT_KAFKA_PARTITIONS: String(config.kafka.partitions),
    TALENT_ELASTICSEARCH_PREFIX: config.elasticsearch.prefix,
    TALENT_ELASTICSEARCH_URL: config.elasticsearch.url,
    TALENT_LOG_LEVEL: 'error',
  };
}

interface StageStats {
  parse: Record<string, number>;
  resolve: Record<string, number>;
}

function startWorkerProcess(config: Readonly<Config>) {
  const child = spawn(
    process.execPath,
    [
      ...(workerHeapMB > 0 ? [`--max-old-space-size=${workerHeapMB}`] : []),
      join(root, 'dist/bin/talent-brain.js'),
      'worker',
      '--stage',
      'all',
      '--json',
      '--chunk',
      String(chunkMessages),
    ],
    { cwd: root, env: envOf(config), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const proc = (file: string): string => {
    try {
      return readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    rssMB: (): number => Number(/VmRSS:\s+(\d+)/.exec(proc('status'))?.[1] ?? 0) / 1024,
    cpuSeconds: (): number => {
      // Fields after the command name: state is the 3rd; utime and stime the 14th and 15th.
      const fields = proc('stat')
        .replace(/^.*\) /s, '')
        .split(' ');
      return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS;
    },
    stop: () =>
      new Promise<StageStats>((done) => {
        child.on('close', () => done(JSON.parse(out.trim().split('\n').pop() || '{}') as StageStats));
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until each stage's group has `members` members in a stable group. */
async function groupsStable(kafka: Kafka, groups: string[], members: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      const described = await admin.describeGroups(groups);
      if (described.groups.every((g) => g.state === 'Stable' && g.members.length === members)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

async function lag(kafka: Kafka, groupId: string, topics: string[]): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let behind = 0n;
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const end of ends) {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        behind += BigInt(end.high) - BigInt(at === '-1' ? end.low : at);
      }
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

async function profileCount(client: Client, alias: string): Promise<number> {
  try {
    await client.indices.refresh({ index: alias });
    return (await client.count({ index: alias })).count;
  } catch {
    return 0;
  }
}

// The corpus and its final profiles (the embedded ingest is the reference).
const corpus = join(tmp, `stages-corpus-${people}`);
rmSync(corpus, { recursive: true, force: true });
generateCorpus({
  count: people,
  seed: 3,
  outDir: corpus,
  industries: loadIndustries(join(root, 'config/industries.yaml')),
});
const referenceDir = join(tmp, 'stages-reference');
rmSync(referenceDir, { recursive: true, force: true });
const reference = await runIngest({ inputs: [corpus], dataDir: referenceDir, config: configFor('ref') });
const db = new Database(join(referenceDir, 'talent.db'), { readonly: true });
const finalProfiles = (db.prepare('SELECT doc FROM profile_docs').all() as Array<{ doc: StoredDoc }>).map(
  (r) => parseDoc<TalentProfile>(r.doc),
);
db.close();
log(`${people} people → ${reference.records} records → ${finalProfiles.length} profiles`);

// (a) Raw ceiling.
const rawConfig = configFor('raw');
const client = new Client({ node: rawConfig.elasticsearch.url });
await openElasticsearchIndex({
  url: rawConfig.elasticsearch.url,
  prefix: rawConfig.elasticsearch.prefix,
}).then((i) => i.close());
const rawAlias = `${rawConfig.elasticsearch.prefix}-profiles`;
const rawStarted = performance.now();
await client.helpers.bulk({
  datasource: finalProfiles.map(toProfileDoc),
  onDocument: (doc) => ({ index: { _index: rawAlias, _id: doc.id } }),
  flushBytes: 5 * 1024 * 1024,
  concurrency: 2,
  refreshOnCompletion: rawAlias,
});
const rawSeconds = (performance.now() - rawStarted) / 1000;
log(`raw bulk: ${finalProfiles.length} profiles in ${rawSeconds.toFixed(1)} s`);
await dropElasticsearchIndices({ url: rawConfig.elasticsearch.url, prefix: rawConfig.elasticsearch.prefix });

// (b) The staged pipeline with 1, 2 and 4 workers.
const pipeline: Array<Record<string, unknown>> = [];
for (const workers of workerCounts) {
  const config = configFor(`w${workers}`);
  const kafka = createKafka(config, logger, 'bench-stages');
  // Topics and indices exist before the clock starts: creating them is setup, not throughput.
  const topics = await ensureStageTopics(kafka, config);
  await openElasticsearchIndex({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix }).then(
    (i) => i.close(),
  );
  const groups = stageGroups(config);
  const procs = Array.from({ length: workers }, () => startWorkerProcess(config));
  await groupsStable(kafka, [groups.parse, groups.resolve, groups.registry], workers);
  const cpuBefore = procs.map((p) => p.cpuSeconds());
  const started = performance.now();
  await publishInputs({ inputs: [corpus], config, logger });
  const published = (performance.now() - started) / 1000;
  const alias = `${config.elasticsearch.prefix}-profiles`;
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, ...procs.map((p) => p.rssMB()));
    if (
      (await lag(kafka, groups.parse, rawTopics(topics))) === 0n &&
      (await lag(kafka, groups.resolve, [topicsOf(config).mentions])) === 0n &&
      (await lag(kafka, groups.registry, [topics.bridges])) === 0n &&
      (await profileCount(client, alias)) >= finalProfiles.length
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = procs.reduce((s, p, i) => s + p.cpuSeconds() - (cpuBefore[i] ?? 0), 0);
  const stats = await Promise.all(procs.map((p) => p.stop()));
  const sum = (stage: 'parse' | 'resolve', field: string): number =>
    round(stats.reduce((s, w) => s + (w[stage]?.[field] ?? 0), 0));
  const profiles = await profileCount(client, alias);
  log(
    `${workers} worker(s): searchable after ${seconds.toFixed(1)} s, ${cpu.toFixed(1)} CPU s, peak RSS ${peakRss.toFixed(0)} MB`,
  );
  pipeline.push({
    workers,
    seconds: round(seconds, 1),
    publishSeconds: round(published, 1),
    profilesPerSecond: Math.round(profiles / seconds),
    throughputVsRaw: round(rawSeconds / seconds),
    workerCpuSeconds: round(cpu, 1),
    cpuMillisecondsPerProfile: round((cpu * 1000) / profiles, 1),
    stageSeconds: {
      parse: sum('parse', 'seconds'),
      resolveRebuild: sum('resolve', 'resolveSeconds'),
      resolveIndexWrites: sum('resolve', 'indexSeconds'),
      resolveStoreAndChangelog: sum('resolve', 'changelogSeconds'),
      restore: sum('resolve', 'restoreSeconds'),
    },
    peakWorkerRssMB: Math.round(peakRss),
    profiles,
  });
  await dropElasticsearchIndices({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix });
  const admin = kafka.admin();
  await admin.connect();
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(config.kafka.topicPrefix));
  await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  await admin.disconnect();
}
const one = pipeline.find((p) => p.workers === 1)?.cpuMillisecondsPerProfile as number | undefined;
const results = {
  benchmark: 'kafka-stages',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  corpus: { people, records: reference.records, profiles: finalProfiles.length },
  chunkMessages,
  workerHeapMB: workerHeapMB || 'no cap',
  rawCeiling: {
    seconds: round(rawSeconds, 1),
    profilesPerSecond: Math.round(finalProfiles.length / rawSeconds),
    method: 'client.helpers.bulk, 5 MiB flushes, concurrency 2, same template',
  },
  pipeline: pipeline.map((p) => ({
    ...p,
    cpuPerProfileVsOneWorker: one ? round((p.cpuMillisecondsPerProfile as number) / one) : null,
  })),
  targets: { throughputVsRaw: 0.8, cpuPerProfileVsOneWorker: 1.15, peakWorkerRssMB: 300 },
  note: 'publish → parse stage → mentions topic (keyed by owner) → resolve stage (store per partition, changelog) → Elasticsearch, until both groups have no lag and every profile is searchable; the clock starts once every worker has joined both groups. stageSeconds: time inside each part of the step, summed over the workers. Services: scripts/services (Kafka, Elasticsearch) on the same 2 cores, shared with other work while measured.',
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/kafka-stages.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
await client.close();
process.exit(0);
