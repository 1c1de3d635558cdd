/**
 * Query service latency under concurrent searches (`npx tsx bench/api-latency.ts`).
 *
 * - A demo-sized index: the demo's generated people (default 20,000, TALENT_BENCH_PEOPLE) and the
 *   bundled examples, ingested into an embedded index under bench/tmp/ (kept between runs).
 * - `talent-brain serve` in a child process (so the load generator does not share its event loop),
 *   with a recruiter key; the per-key rate limit is lifted for the run, the in-flight bound is not.
 * - 20 clients (TALENT_BENCH_CONCURRENCY) send searches back to back for 20 s
 *   (TALENT_BENCH_SECONDS) after a 2 s warm-up, cycling through six query shapes; latency is
 *   measured at the client, from request to the last byte of the body.
 * - The same on Elasticsearch when it is reachable (TALENT_BENCH_API_ES=0 skips it): the same
 *   documents ingested through the ingest's batch path under a throw-away prefix, dropped after.
 * Results: bench/results/api-latency.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, hashApiKey } from '../api/access/api-keys.js';
import { ApiStore } from '../api/state/api-store.js';
import { loadIndustries } from '../config/industries.js';
import { loadConfig, type Config } from '../config/load.js';
import { dropElasticsearchIndices } from '../indexer/elasticsearch/index.js';
import { runIngest } from '../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../synthetic/generate-corpus.js';
import { projectRoot } from '../lib/project-root.js';

const root = projectRoot(import.meta.url);
const tmp = join(root, 'bench/tmp');
const people = Number(process.env.TALENT_BENCH_PEOPLE ?? 20_000);
const concurrency = Number(process.env.TALENT_BENCH_CONCURRENCY ?? 20);
const seconds = Number(process.env.TALENT_BENCH_SECONDS ?? 20);
const WARM_UP_MS = 2000;
const DEMO_SEED = 20_260_101;
const baseEnv = { TALENT_REFERENCE_DATE: '2026-01-01' };
const config = loadConfig({ env: baseEnv });
const industries = loadIndustries(join(root, 'config/industries.yaml'));

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/** Query shapes a recruiter's and an analyst's screens send. */
const SHAPES: Array<{ name: string; params: Record<string, string> }> = [
  { name: 'Chinese term + 2 facets', params: { q: '半导体', facets: 'industry,tier' } },
  {
    name: 'English term + tier filter + 3 facets',
    params: { q: 'engineer', tier: 'A,B,C', facets: 'industry,tier,region' },
  },
  { name: 'Chinese text + city', params: { q: '激光 长春' } },
  { name: 'one industry, by its score', params: { industry: 'semiconductors' } },
  { name: 'OR query + region filter', params: { q: 'battery OR semiconductor', region: 'CN-JL' } },
  { name: 'fielded title', params: { q: 'title:professor' } },
];

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

async function embeddedDataDir(
  inputs: string[],
): Promise<{ dataDir: string; profiles: number; seconds: number }> {
  const dataDir = join(tmp, `api-embedded-${people}`);
  const started = Date.now();
  // Finished inputs are skipped: a rerun costs nothing.
  const summary = await runIngest({ inputs, dataDir, config });
  return { dataDir, profiles: summary.profiles, seconds: (Date.now() - started) / 1000 };
}

async function elasticsearchDataDir(
  inputs: string[],
  esConfig: Readonly<Config>,
): Promise<{ dataDir: string; profiles: number; seconds: number }> {
  const dataDir = join(tmp, `api-es-${people}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  // The file ingest into Elasticsearch; its last read refreshes what it wrote, for the server.
  const { profiles } = await runIngest({ inputs, dataDir, config: esConfig, backend: 'elasticsearch' });
  return { dataDir, profiles, seconds: (Date.now() - started) / 1000 };
}

function recruiterKey(dataDir: string): string {
  const store = ApiStore.open(dataDir);
  try {
    const key = generateApiKey();
    store.putKey({ name: 'bench', role: 'recruiter', hash: hashApiKey(key) });
    return key;
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

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50ms: round(percentile(sorted, 50)),
    p90ms: round(percentile(sorted, 90)),
    p99ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** `concurrency` clients, each sending one search after another, for `seconds` after a warm-up. */
async function load(url: string, key: string) {
  const headers = { authorization: `Bearer ${key}` };
  const byShape = new Map<string, number[]>(SHAPES.map((s) => [s.name, []]));
  const all: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const measureFrom = started + WARM_UP_MS;
  const stopAt = measureFrom + seconds * 1000;
  let next = 0;
  const client = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const shape = SHAPES[next++ % SHAPES.length] as (typeof SHAPES)[number];
      const t0 = performance.now();
      const response = await fetch(`${url}/api/search?${new URLSearchParams(shape.params)}`, { headers });
      await response.arrayBuffer();
      const t1 = performance.now();
      if (t0 < measureFrom) continue;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 200) continue;
      all.push(t1 - t0);
      byShape.get(shape.name)?.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - measureFrom) / 1000;
  return {
    concurrency,
    seconds,
    statuses,
    requestsPerSecond: round(all.length / elapsed, 1),
    overall: summary(all),
    byShape: SHAPES.map((s) => ({ shape: s.name, params: s.params, ...summary(byShape.get(s.name) ?? []) })),
  };
}

async function measure(label: string, dataDir: string, env: Record<string, string>) {
  const key = recruiterKey(dataDir);
  const { url, child } = await serve(dataDir, env);
  try {
    log(`${label}: ${concurrency} clients for ${seconds} s against ${url}…`);
    const result = await load(url, key);
    log(
      `  ${result.requestsPerSecond} req/s, p50 ${result.overall.p50ms} ms, p99 ${result.overall.p99ms} ms, statuses ${JSON.stringify(result.statuses)}`,
    );
    return result;
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
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

async function main(): Promise<void> {
  mkdirSync(tmp, { recursive: true });
  const inputs = [corpus(), join(root, 'examples')];
  log('ingesting into the embedded index…');
  const embedded = await embeddedDataDir(inputs);
  log(`  ${embedded.profiles} profiles`);
  const results: Record<string, unknown> = {
    embedded: { profiles: embedded.profiles, ...(await measure('embedded', embedded.dataDir, {})) },
  };

  const esUrl = process.env.TALENT_ELASTICSEARCH_URL ?? config.elasticsearch.url;
  if (process.env.TALENT_BENCH_API_ES !== '0' && (await elasticsearchReachable(esUrl))) {
    const prefix = `bench-api-${process.pid}`;
    const esEnv = {
      TALENT_INDEX_BACKEND: 'elasticsearch',
      TALENT_ELASTICSEARCH_URL: esUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
    };
    try {
      log('ingesting into Elasticsearch…');
      const es = await elasticsearchDataDir(inputs, loadConfig({ env: { ...baseEnv, ...esEnv } }));
      log(`  ${es.profiles} profiles in ${es.seconds.toFixed(0)} s`);
      results.elasticsearch = {
        profiles: es.profiles,
        ...(await measure('elasticsearch', es.dataDir, esEnv)),
      };
    } finally {
      await dropElasticsearchIndices({ url: esUrl, prefix });
    }
  } else results.elasticsearch = 'skipped: Elasticsearch not reachable (or TALENT_BENCH_API_ES=0)';

  const report = {
    benchmark: 'api-latency',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    setup: {
      people,
      server:
        'talent-brain serve in a child process, same machine; per-key rate limit lifted, api.maxInFlight 64',
      client: `${concurrency} concurrent clients (fetch, keep-alive), ${seconds} s after a ${WARM_UP_MS / 1000} s warm-up, six query shapes in turn, 20 hits per page`,
    },
    ...results,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/api-latency.json'), `${JSON.stringify(report, null, 2)}\n`);
  log('wrote bench/results/api-latency.json');
}

await main();
