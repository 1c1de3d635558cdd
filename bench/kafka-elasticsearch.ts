/**
 * `npm run bench` (third part, needs the services: `bash scripts/services/services.sh up`): the
 * distributed path on the real Kafka broker and Elasticsearch node of this machine.
 *
 * (a) Raw ceiling: the final profile documents bulk-indexed with a bare loop of the client's
 *     bulk helper into a fresh index with the same template.
 * (b) Pipeline: publish the raw documents, run 1 then 2 worker processes, time until every
 *     profile is searchable. Target: throughput (b) ≥ 0.8 × (a).
 * (c) Worker RSS while it works through a backlog (TALENT_BENCH_BACKLOG messages, the corpus
 *     published again and again), sampled every second.
 * (d) Lag recovery: the corpus published while Elasticsearch is stopped (TALENT_BENCH_OUTAGE_SECONDS,
 *     default 30; 0 skips it), then the time from its return until everything is searchable.
 * Results: bench/results/kafka-elasticsearch.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import Database from 'better-sqlite3';
import { loadIndustries } from '../config/industries.js';
import { loadConfig, type Config } from '../config/load.js';
import { parseDoc, type StoredDoc } from '../indexer/embedded/doc-codec.js';
import { dropElasticsearchIndices, openElasticsearchIndex } from '../indexer/elasticsearch/index.js';
import { toProfileDoc } from '../indexer/elasticsearch/profile-doc.js';
import { runIngest } from '../ingest/embedded/run-ingest.js';
import { publishInputs } from '../ingest/kafka/publish.js';
import { generateCorpus } from '../synthetic/generate-corpus.js';
import { createLogger } from '../lib/logger.js';
import { projectRoot } from '../lib/project-root.js';
import type { TalentProfile } from '../processors/model/profile.js';

const root = projectRoot(import.meta.url);
const tmp = join(root, 'bench/tmp');
const people = Number(process.env.TALENT_BENCH_KAFKA_PEOPLE ?? 5000);
const backlog = Number(process.env.TALENT_BENCH_BACKLOG ?? 200_000);
/** People of the backlog's distinct head: the worker meets new records all through the sampling. */
const backlogPeople = Number(process.env.TALENT_BENCH_BACKLOG_PEOPLE ?? 40_000);
const chunkMessages = Number(process.env.TALENT_BENCH_CHUNK ?? 500);
const workerHeapMB = Number(process.env.TALENT_BENCH_WORKER_HEAP_MB ?? 160);
/** Seconds Elasticsearch is stopped in (d); 0 skips it (it disturbs anything else using the cluster). */
const outageSeconds = Number(process.env.TALENT_BENCH_OUTAGE_SECONDS ?? 30);

function serviceScript(service: 'elasticsearch' | 'kafka', command: 'start' | 'stop'): void {
  const result = spawnSync('bash', [join(root, 'scripts/services', `${service}.sh`), command], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`scripts/services/${service}.sh ${command} failed`);
}
const logger = createLogger({ level: 'error' });
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (n: number, d = 2): number => Number(n.toFixed(d));
const stamp = Date.now().toString(36);

function configFor(name: string): Readonly<Config> {
  const base = loadConfig({ env: process.env });
  return loadConfig({
    env: {
      ...process.env,
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_KAFKA_TOPIC_PREFIX: `bench-${name}-${stamp}`,
      TALENT_KAFKA_GROUP: `bench-${name}-${stamp}-workers`,
      TALENT_KAFKA_PARTITIONS: '4',
      TALENT_ELASTICSEARCH_PREFIX: `bench-${name}-${stamp}`,
      TALENT_ELASTICSEARCH_URL: base.elasticsearch.url,
      TALENT_KAFKA_BROKERS: base.kafka.brokers,
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
    TALENT_KAFKA_BROKERS: config.kafka.brokers,
    TALENT_LOG_LEVEL: 'warn',
  };
}

function startWorkerProcess(config: Readonly<Config>) {
  const child = spawn(
    process.execPath,
    [
      // The V8 heap cap docker-compose.yml gives workers (TALENT_BENCH_WORKER_HEAP_MB, 0 = none):
      // without it V8 lets the heap grow to several hundred MB of garbage before collecting
      // (measured: RSS 350–695 MB on a backlog of new records; 290–390 MB with 160 MB, 260–316 MB
      // with 128 MB and chunks of 200).
      ...(workerHeapMB > 0 ? [`--max-old-space-size=${workerHeapMB}`] : []),
      join(root, 'dist/bin/talent-brain.js'),
      'worker',
      '--backend',
      'elasticsearch',
      '--chunk',
      String(chunkMessages),
    ],
    { cwd: root, env: envOf(config), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return {
    child,
    rssMB(): number {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
    stop: () =>
      new Promise<void>((done) => {
        child.on('close', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function profileCount(client: Client, alias: string): Promise<number> {
  try {
    await client.indices.refresh({ index: alias });
    return (await client.count({ index: alias })).count;
  } catch {
    return 0;
  }
}

async function recordCount(client: Client, prefix: string): Promise<number> {
  try {
    await client.indices.refresh({ index: `${prefix}-records` });
    return (await client.count({ index: `${prefix}-records` })).count;
  } catch {
    return 0;
  }
}

// The corpus and its final profiles (the embedded ingest is the reference).
const corpus = join(tmp, `kafka-corpus-${people}`);
rmSync(corpus, { recursive: true, force: true });
generateCorpus({
  count: people,
  seed: 3,
  outDir: corpus,
  industries: loadIndustries(join(root, 'config/industries.yaml')),
});
const referenceDir = join(tmp, 'kafka-reference');
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
const rawIndex = await openElasticsearchIndex({
  url: rawConfig.elasticsearch.url,
  prefix: rawConfig.elasticsearch.prefix,
});
await rawIndex.close();
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

// (b) Pipeline with 1 and 2 workers.
const pipeline: Array<Record<string, unknown>> = [];
for (const workers of [1, 2]) {
  const config = configFor(`w${workers}`);
  // Topics and indices exist before the clock starts: creating them is setup, not throughput.
  await openElasticsearchIndex({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix }).then(
    (i) => i.close(),
  );
  const procs = Array.from({ length: workers }, () => startWorkerProcess(config));
  const started = performance.now();
  await publishInputs({ inputs: [corpus], config, logger });
  const published = (performance.now() - started) / 1000;
  const alias = `${config.elasticsearch.prefix}-profiles`;
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, ...procs.map((p) => p.rssMB()));
    const records = await recordCount(client, config.elasticsearch.prefix);
    if (records >= reference.records && (await profileCount(client, alias)) >= finalProfiles.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(procs.map((p) => p.stop()));
  const profiles = await profileCount(client, alias);
  log(
    `pipeline, ${workers} worker(s): searchable after ${seconds.toFixed(1)} s (published in ${published.toFixed(1)} s)`,
  );
  pipeline.push({
    workers,
    seconds: round(seconds, 1),
    profilesPerSecond: Math.round(profiles / seconds),
    recordsPerSecond: Math.round(reference.records / seconds),
    throughputVsRaw: round(rawSeconds / seconds),
    peakWorkerRssMB: Math.round(peakRss),
    profiles,
  });
  await dropElasticsearchIndices({ url: config.elasticsearch.url, prefix: config.elasticsearch.prefix });
}

// (c) Worker RSS through a backlog.
const backlogConfig = configFor('backlog');
// A distinct head (new people all through the sampled window, as a real backlog has), then the
// small corpus again and again up to the backlog's size (replays: cheap, but they fill the topics).
const backlogCorpus = join(tmp, `kafka-backlog-${backlogPeople}`);
rmSync(backlogCorpus, { recursive: true, force: true });
generateCorpus({
  count: backlogPeople,
  seed: 7,
  outDir: backlogCorpus,
  industries: loadIndustries(join(root, 'config/industries.yaml')),
});
const publishStarted = performance.now();
let queued = (await publishInputs({ inputs: [backlogCorpus], config: backlogConfig, logger })).records;
const distinct = queued;
while (queued < backlog)
  queued += (await publishInputs({ inputs: [corpus], config: backlogConfig, logger })).records;
log(`backlog: ${queued} messages published in ${((performance.now() - publishStarted) / 1000).toFixed(1)} s`);
const worker = startWorkerProcess(backlogConfig);
const samples: number[] = [];
const backlogStarted = performance.now();
const limitSeconds = Number(process.env.TALENT_BENCH_BACKLOG_SECONDS ?? 120);
while ((performance.now() - backlogStarted) / 1000 < limitSeconds) {
  await new Promise((r) => setTimeout(r, 1000));
  samples.push(Math.round(worker.rssMB()));
}
const backlogRecords = await recordCount(client, backlogConfig.elasticsearch.prefix);
await worker.stop();
await dropElasticsearchIndices({
  url: backlogConfig.elasticsearch.url,
  prefix: backlogConfig.elasticsearch.prefix,
});
log(`backlog: worker RSS peak ${Math.max(...samples)} MB over ${samples.length} s`);

// (d) Lag recovery after an Elasticsearch outage: the corpus is published while Elasticsearch is
// down; the worker pauses; the clock runs from Elasticsearch answering again until every record is
// committed and every profile searchable (compare with the 1-worker pipeline time above).
let recovery: Record<string, unknown> | undefined;
if (outageSeconds > 0) {
  const outageConfig = configFor('outage');
  await openElasticsearchIndex({
    url: outageConfig.elasticsearch.url,
    prefix: outageConfig.elasticsearch.prefix,
  }).then((i) => i.close());
  const outageWorker = startWorkerProcess(outageConfig);
  serviceScript('elasticsearch', 'stop');
  const down = performance.now();
  await publishInputs({ inputs: [corpus], config: outageConfig, logger });
  while ((performance.now() - down) / 1000 < outageSeconds) await new Promise((r) => setTimeout(r, 500));
  serviceScript('elasticsearch', 'start');
  const back = performance.now();
  const alias = `${outageConfig.elasticsearch.prefix}-profiles`;
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, outageWorker.rssMB());
    const records = await recordCount(client, outageConfig.elasticsearch.prefix);
    if (records >= reference.records && (await profileCount(client, alias)) >= finalProfiles.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - back) / 1000;
  await outageWorker.stop();
  await dropElasticsearchIndices({
    url: outageConfig.elasticsearch.url,
    prefix: outageConfig.elasticsearch.prefix,
  });
  log(`outage: ${outageSeconds} s down; caught up ${seconds.toFixed(1)} s after Elasticsearch returned`);
  recovery = {
    outageSeconds,
    records: reference.records,
    secondsToCatchUpAfterReturn: round(seconds, 1),
    peakWorkerRssMB: Math.round(peakRss),
    note: 'includes the worker’s pause backoff (at most 30 s) still running when Elasticsearch returns',
  };
}

const results = {
  benchmark: 'kafka-elasticsearch',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  corpus: { people, records: reference.records, profiles: finalProfiles.length },
  rawCeiling: {
    seconds: round(rawSeconds, 1),
    profilesPerSecond: Math.round(finalProfiles.length / rawSeconds),
    method: 'client.helpers.bulk, 5 MiB flushes, concurrency 2, same template',
  },
  pipeline,
  targetThroughputVsRaw: 0.8,
  backlog: {
    messages: queued,
    distinctHeadRecords: distinct,
    recordsCommittedWhileSampled: backlogRecords,
    chunkMessages,
    workerHeapMB: workerHeapMB || 'no cap',
    sampledSeconds: samples.length,
    rssMB: { first: samples[0], peak: Math.max(...samples), last: samples[samples.length - 1] },
    series: samples,
    targetPeakMB: 300,
  },
  lagRecovery: recovery ?? 'not run (TALENT_BENCH_OUTAGE_SECONDS=0)',
  note: 'pipeline = publish raw documents → worker processes (parse, merge, score, Elasticsearch) → every profile searchable; throughputVsRaw = raw seconds / pipeline seconds. Services: scripts/services (Kafka 4.4, Elasticsearch 9.5 integ-test-zip, 512 MB heap each) on the same 2 cores.',
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/kafka-elasticsearch.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
await client.close();
process.exit(0);
