/**
 * The query service under load and abuse (`npx tsx bench/api-latency.ts`), per backend.
 *
 * - An index of generated people (default 100,000, TALENT_BENCH_PEOPLE) and the bundled examples,
 *   ingested into an embedded index under bench/tmp/ (kept between runs); the same final profiles
 *   are bulk-written to Elasticsearch under the prefix `bench-api-<people>` (kept between runs too
 *   unless TALENT_BENCH_ES_DROP=1; TALENT_BENCH_API_ES=0 skips Elasticsearch). TALENT_BENCH_INGEST=0
 *   measures the embedded index as it stands (an ingest stopped part way); TALENT_BENCH_BACKENDS
 *   (`embedded`, `elasticsearch`) runs one backend and keeps the other's figures in the results;
 *   TALENT_BENCH_PREPARE_ONLY=1 only builds the indices.
 * - `talent-brain serve` in a child process (the load generator does not share its event loop),
 *   with one key per role; the per-key rate limit is lifted, the in-flight bound (api.maxInFlight)
 *   is not, so past it the service answers 503 with Retry-After and good clients back off.
 * - Scenarios, each after a warm-up, latency measured at the client (request to last byte):
 *   `target`: 20 clients (TALENT_BENCH_TARGET_CLIENTS) for 20 s (TALENT_BENCH_TARGET_SECONDS),
 *     on the embedded backend with the reads on the main thread (api.readerThreads 0: the
 *     baseline of the same run) and on the reader threads;
 *   `load`: 200 clients (TALENT_BENCH_CLIENTS) for 60 s (TALENT_BENCH_SECONDS);
 *   `abuse`: the same 200 clients plus 20 slow clients (TALENT_BENCH_SLOW_CLIENTS: slow headers,
 *     slow bodies, slow reads) and 20 clients with unknown keys (TALENT_BENCH_BAD_KEY_CLIENTS).
 *   Good clients cycle through the query shapes of bench/api-load/shapes.ts.
 * Results: bench/results/api-latency.json, with the command and the load average of each scenario.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, hashApiKey } from '../api/access/api-keys.js';
import { ROLES, type Role } from '../api/access/roles.js';
import { ApiStore } from '../api/state/api-store.js';
import { loadIndustries } from '../config/industries.js';
import { loadConfig, type Config } from '../config/load.js';
import type { TalentProfile } from '../processors/model/profile.js';
import { parseDoc, type StoredDoc } from '../indexer/embedded/doc-codec.js';
import { openEmbeddedIndex } from '../indexer/embedded/index.js';
import { dropElasticsearchIndices, openElasticsearchIndex } from '../indexer/elasticsearch/index.js';
import { runIngest } from '../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../synthetic/generate-corpus.js';
import { projectRoot } from '../lib/project-root.js';
import { runScenario, type ScenarioResult, type ScenarioSpec } from './api-load/clients.js';
import { round } from './api-load/latency-summary.js';
import { SHAPES } from './api-load/shapes.js';

const root = projectRoot(import.meta.url);
const tmp = join(root, 'bench/tmp');
const envNumber = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const people = envNumber('TALENT_BENCH_PEOPLE', 100_000);
const target = {
  clients: envNumber('TALENT_BENCH_TARGET_CLIENTS', 20),
  seconds: envNumber('TALENT_BENCH_TARGET_SECONDS', 20),
};
const load = {
  clients: envNumber('TALENT_BENCH_CLIENTS', 200),
  seconds: envNumber('TALENT_BENCH_SECONDS', 60),
  slowClients: envNumber('TALENT_BENCH_SLOW_CLIENTS', 20),
  badKeyClients: envNumber('TALENT_BENCH_BAD_KEY_CLIENTS', 20),
};
const WARM_UP_MS = 3000;
const DEMO_SEED = 20_260_101;
const COPY_BATCH = 1000;
const baseEnv = { TALENT_REFERENCE_DATE: '2026-01-01' };
const config = loadConfig({ env: baseEnv });
const industries = loadIndustries(join(root, 'config/industries.yaml'));

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** The command that reproduces the run: the bench's own environment settings and the script. */
function command(): string {
  const set = Object.entries(process.env)
    .filter(([name]) => name.startsWith('TALENT_BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  return [...set, 'npx tsx bench/api-latency.ts'].join(' ');
}

function corpus(): string {
  const dir = join(tmp, `api-corpus-${people}`);
  const manifest = join(dir, '.bench.json');
  const wanted = JSON.stringify({ people, seed: DEMO_SEED });
  if (existsSync(manifest) && readFileSync(manifest, 'utf8') === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${people} people…`);
  generateCorpus({ count: people, seed: DEMO_SEED, outDir: dir, industries });
  writeFileSync(manifest, wanted);
  return dir;
}

async function embeddedDataDir(inputs: string[]): Promise<{ dataDir: string; profiles: number }> {
  const dataDir = join(tmp, `api-embedded-${people}`);
  if (process.env.TALENT_BENCH_INGEST === '0') {
    // The index as a stopped ingest left it (each batch is committed whole): measured as it stands.
    const index = await openEmbeddedIndex({ dataDir });
    try {
      return { dataDir, profiles: (await index.stats()).profiles };
    } finally {
      await index.close();
    }
  }
  // Finished inputs are skipped: a rerun costs nothing.
  const summary = await runIngest({ inputs, dataDir, config });
  return { dataDir, profiles: summary.profiles };
}

/**
 * The embedded index's final profiles, bulk-written to Elasticsearch: both backends then serve the
 * same people, and the load is not the ingest's to measure (kafka-elasticsearch.ts does that).
 * Kept between runs when the count matches.
 */
async function elasticsearchCopy(
  embeddedDir: string,
  esConfig: Readonly<Config>,
): Promise<{ dataDir: string; profiles: number; seconds: number }> {
  const dataDir = join(tmp, `api-es-${people}`);
  mkdirSync(dataDir, { recursive: true });
  const { url, prefix } = esConfig.elasticsearch;
  const counted = async (): Promise<number> => {
    const response = await fetch(`${url}/${prefix}-profiles/_count`);
    return response.ok ? ((await response.json()) as { count: number }).count : -1;
  };
  const source = await openEmbeddedIndex({ dataDir: embeddedDir });
  const started = Date.now();
  try {
    const total = (await source.stats()).profiles;
    if ((await counted()) === total) return { dataDir, profiles: total, seconds: 0 };
    await dropElasticsearchIndices({ url, prefix });
    const es = await openElasticsearchIndex({ url, prefix });
    try {
      let batch: TalentProfile[] = [];
      for (const row of source.database.prepare('SELECT doc FROM profile_docs').iterate() as Iterable<{
        doc: StoredDoc;
      }>) {
        batch.push(parseDoc<TalentProfile>(row.doc));
        if (batch.length < COPY_BATCH) continue;
        await es.replace({ put: batch, remove: [] });
        batch = [];
      }
      if (batch.length > 0) await es.replace({ put: batch, remove: [] });
    } finally {
      await es.close();
    }
    await fetch(`${url}/${prefix}-profiles/_refresh`, { method: 'POST' });
    return { dataDir, profiles: await counted(), seconds: (Date.now() - started) / 1000 };
  } finally {
    await source.close();
  }
}

/** One key per role in the data directory's API store, for the run. */
function roleKeys(dataDir: string): Record<Role, string> {
  const store = ApiStore.open(dataDir);
  try {
    const keys = {} as Record<Role, string>;
    for (const role of ROLES) {
      const key = generateApiKey();
      store.putKey({ name: `bench-${role}-${process.pid}`, role, hash: hashApiKey(key) });
      keys[role] = key;
    }
    return keys;
  } finally {
    store.close();
  }
}

/** `talent-brain serve` in a child process; resolves with its URL once it listens. */
async function serve(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), 'serve', '--port', '0', '--data', dataDir],
    {
      cwd: root,
      env: {
        ...process.env,
        ...baseEnv,
        ...env,
        TALENT_LOG_LEVEL: 'warn',
        TALENT_API_RATE_LIMIT: '1000000',
        TALENT_API_RATE_BURST: '1000000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /web UI\s+(http:\/\/\S+?)\/\s/.exec(text);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${text}`)));
  });
  return { url, child };
}

async function withServer<T>(
  dataDir: string,
  env: Record<string, string>,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const { url, child } = await serve(dataDir, env);
  try {
    return await work(url);
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

function logScenario(label: string, r: ScenarioResult): void {
  const g = r.good;
  log(
    `  ${label}: ${g.requestsPerSecond} req/s, p50 ${g.overall.p50ms} ms, p99 ${g.overall.p99ms} ms, statuses ${JSON.stringify(g.statuses)}, load ${r.loadAverage.after[0]}`,
  );
}

const noAbuse = { slowClients: 0, badKeyClients: 0, warmUpMs: WARM_UP_MS };

/** Scenario runs of one backend: the 20-client target, then 200 clients without and with abusers. */
async function measureBackend(
  label: string,
  dataDir: string,
  env: Record<string, string>,
): Promise<Record<string, unknown>> {
  const keys = roleKeys(dataDir);
  return withServer(dataDir, env, async (url) => {
    log(`${label}: ${target.clients} clients for ${target.seconds} s…`);
    const targetRun = await runScenario(url, keys, { ...noAbuse, ...target });
    logScenario('target', targetRun);
    const base: ScenarioSpec = { ...noAbuse, clients: load.clients, seconds: load.seconds };
    log(`${label}: ${load.clients} clients for ${load.seconds} s…`);
    const loadRun = await runScenario(url, keys, base);
    logScenario('load', loadRun);
    log(`${label}: the same with ${load.slowClients} slow and ${load.badKeyClients} bad-key clients…`);
    const abuseRun = await runScenario(url, keys, {
      ...base,
      slowClients: load.slowClients,
      badKeyClients: load.badKeyClients,
    });
    logScenario('abuse', abuseRun);
    return {
      target: targetRun,
      load: loadRun,
      abuse: abuseRun,
      // Starvation check: good clients' figures with the abusers over without them.
      abuseOverLoad: {
        p50: round(abuseRun.good.overall.p50ms / loadRun.good.overall.p50ms),
        p99: round(abuseRun.good.overall.p99ms / loadRun.good.overall.p99ms),
        requestsPerSecond: round(abuseRun.good.requestsPerSecond / loadRun.good.requestsPerSecond),
      },
    };
  });
}

/** The 20-client target with the reads on the main thread: the baseline the reader threads are compared to. */
async function inThreadBaseline(dataDir: string): Promise<ScenarioResult> {
  const keys = roleKeys(dataDir);
  return withServer(dataDir, { TALENT_API_READER_THREADS: '0' }, async (url) => {
    log(`embedded, reads on the main thread: ${target.clients} clients for ${target.seconds} s…`);
    const run = await runScenario(url, keys, { ...noAbuse, ...target });
    logScenario('target (main thread)', run);
    return run;
  });
}

async function elasticsearchReachable(url: string): Promise<boolean> {
  try {
    // Any HTTP answer will do (the root may refuse GET); only a failed connection means absent.
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** The Elasticsearch copy of the embedded index, unless skipped or unreachable. */
async function prepareElasticsearch(
  embeddedDir: string,
): Promise<{ dataDir: string; profiles: number; env: Record<string, string> & EsEnv } | undefined> {
  const url = process.env.TALENT_ELASTICSEARCH_URL ?? config.elasticsearch.url;
  if (process.env.TALENT_BENCH_API_ES === '0' || !(await elasticsearchReachable(url))) return undefined;
  const env = {
    TALENT_INDEX_BACKEND: 'elasticsearch',
    TALENT_ELASTICSEARCH_URL: url,
    TALENT_ELASTICSEARCH_PREFIX: `bench-api-${people}`,
  };
  log('copying the profiles to Elasticsearch…');
  const es = await elasticsearchCopy(embeddedDir, loadConfig({ env: { ...baseEnv, ...env } }));
  log(`  ${es.profiles} profiles (${es.seconds.toFixed(0)} s)`);
  return { dataDir: es.dataDir, profiles: es.profiles, env };
}

interface EsEnv {
  TALENT_ELASTICSEARCH_URL: string;
  TALENT_ELASTICSEARCH_PREFIX: string;
}

/** The embedded backend: the 20-client target on the main thread (the baseline), then on the reader threads. */
async function measureEmbedded(embedded: {
  dataDir: string;
  profiles: number;
}): Promise<Record<string, unknown>> {
  const baseline = await inThreadBaseline(embedded.dataDir);
  const pooled = await measureBackend('embedded, reader threads', embedded.dataDir, {});
  const pooledTarget = pooled.target as ScenarioResult;
  return {
    profiles: embedded.profiles,
    readerThreads: 'auto (one per core)',
    targetOnMainThread: baseline,
    ...pooled,
    readerThreadsOverMainThread: {
      p50: round(pooledTarget.good.overall.p50ms / baseline.good.overall.p50ms),
      p99: round(pooledTarget.good.overall.p99ms / baseline.good.overall.p99ms),
      requestsPerSecond: round(pooledTarget.good.requestsPerSecond / baseline.good.requestsPerSecond),
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(tmp, { recursive: true });
  const inputs = process.env.TALENT_BENCH_INGEST === '0' ? [] : [corpus(), join(root, 'examples')];
  log('ingesting into the embedded index…');
  const embedded = await embeddedDataDir(inputs);
  log(`  ${embedded.profiles} profiles`);
  if (process.env.TALENT_BENCH_PREPARE_ONLY === '1') {
    await prepareElasticsearch(embedded.dataDir);
    return;
  }

  // One backend alone (TALENT_BENCH_BACKENDS) keeps the other's last figures in the results file.
  const resultsFile = join(root, 'bench/results/api-latency.json');
  const previous = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>)
    : {};
  const backends = process.env.TALENT_BENCH_BACKENDS ?? 'embedded,elasticsearch';
  const stamp = { command: command(), date: new Date().toISOString() };
  const results: Record<string, unknown> = {
    embedded: previous.embedded,
    elasticsearch: previous.elasticsearch,
  };
  if (backends.includes('embedded')) results.embedded = { ...stamp, ...(await measureEmbedded(embedded)) };
  if (backends.includes('elasticsearch')) {
    const es = await prepareElasticsearch(embedded.dataDir);
    if (es) {
      try {
        results.elasticsearch = {
          ...stamp,
          profiles: es.profiles,
          ...(await measureBackend('elasticsearch', es.dataDir, es.env)),
        };
      } finally {
        if (process.env.TALENT_BENCH_ES_DROP === '1')
          await dropElasticsearchIndices({
            url: es.env.TALENT_ELASTICSEARCH_URL,
            prefix: es.env.TALENT_ELASTICSEARCH_PREFIX,
          });
      }
    } else results.elasticsearch = 'skipped: Elasticsearch not reachable (or TALENT_BENCH_API_ES=0)';
  }

  const report = {
    benchmark: 'api-latency',
    command: command(),
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    setup: {
      people,
      server: `talent-brain serve in a child process, same machine; per-key rate limit lifted, api.maxInFlight ${config.api.maxInFlight}, timeouts as configured (headers ${config.api.headersTimeoutMs} ms, request ${config.api.requestTimeoutMs} ms, connection ${config.api.connectionTimeoutMs} ms)`,
      clients:
        'well-behaved clients (fetch, keep-alive) send the shapes in turn back to back; on 503 they wait Retry-After (jittered); slow clients: slow headers, slow body (POST of 1,000 announced bytes, one a second), slow reads (200-hit searches pipelined every second, answers never read); bad-key clients: searches back to back with unknown keys',
      shapes: SHAPES.map((s) => ({ name: s.name, path: s.path, params: s.params, role: s.role })),
      warmUpSeconds: WARM_UP_MS / 1000,
      target,
      load,
      note: 'The load generator runs on the same machine as the service (and, on Elasticsearch, as the node); loadAverage is the machine`s 1/5/15-minute load before and after each scenario.',
    },
    ...results,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  log('wrote bench/results/api-latency.json');
}

await main();
