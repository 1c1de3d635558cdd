/**
 * The crawl stage against a local web site (needs Redis: `bash scripts/services/services.sh up`).
 * Run with `npx tsx bench/crawl.ts`; results in bench/results/crawl.json.
 *
 * (a) Fetch throughput with politeness off (no delay, 64 requests per host at once): a generated
 *     site of TALENT_BENCH_CRAWL_PAGES linked profile pages (default 3000) served by a child
 *     process, crawled into a sink that only counts; pages/s and the crawl process's CPU
 *     milliseconds per page (the site's CPU is its own process's, not counted).
 * (b) The same into the embedded index (parse, merge, score, SQLite commit per batch), on a part of
 *     the site (TALENT_BENCH_CRAWL_EMBEDDED_PAGES, default 1000).
 * (c) RSS with 100,000 URLs queued (TALENT_BENCH_CRAWL_BACKLOG): the frontier lives in Redis, so
 *     the crawl process should not grow with it. RSS before, after queueing, and while a worker
 *     works on the backlog for a few seconds; Redis memory per queued URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { loadConfig, type Config } from '../config/load.js';
import { parseSources, type CrawlSource } from '../config/sources.js';
import { openCrawlContext, type CrawlContext } from '../jobs/context.js';
import { beginRun, enqueueUrls, manualRunId, waitForRun } from '../jobs/crawl-run.js';
import { openEmbeddedSink } from '../jobs/sinks/embedded-sink.js';
import type { RecordSink } from '../jobs/sinks/sink.js';
import { startCrawlWorkers } from '../jobs/workers.js';
import { createLogger } from '../lib/logger.js';
import { projectRoot } from '../lib/project-root.js';

const root = projectRoot(import.meta.url);
const pages = Number(process.env.TALENT_BENCH_CRAWL_PAGES ?? 3000);
const embeddedPages = Number(process.env.TALENT_BENCH_CRAWL_EMBEDDED_PAGES ?? 1000);
const backlog = Number(process.env.TALENT_BENCH_CRAWL_BACKLOG ?? 100_000);
const concurrency = Number(process.env.TALENT_BENCH_CRAWL_CONCURRENCY ?? 64);
const logger = createLogger({ level: 'error' });
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (n: number, d = 2): number => Number(n.toFixed(d));
const rssMb = (): number => round(process.memoryUsage().rss / 1024 / 1024, 1);
const heapMb = (): number => round(process.memoryUsage().heapUsed / 1024 / 1024, 1);
// A full collection before a memory reading, so garbage does not pass for memory held.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------------------------------------
// The site, in its own process: `tsx bench/crawl.ts --serve <pages>` prints its port.

const GIVEN = ['Wei', 'Li', 'Anna', 'Jun', 'Maria', 'Hao', 'Sofia', 'Yan', 'David', 'Mei'];
const FAMILY = ['Zhang', 'Wang', 'Chen', 'Liu', 'Novak', 'Garcia', 'Sato', 'Kim', 'Müller', 'Zhao'];
const TITLES = [
  'Professor of Optical Engineering',
  'Associate Professor of Materials Science',
  'Senior Engineer',
  'Research Fellow in Biomedicine',
];

/** A made-up profile page with ten links to other pages of the site (some beyond its end: 404). */
function page(n: number, total: number): string {
  const name = `${GIVEN[n % GIVEN.length]} ${FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]} ${n}`;
  const person = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name,
    jobTitle: TITLES[n % TITLES.length],
    worksFor: { '@type': 'Organization', name: 'Changchun Institute of Applied Chemistry' },
  };
  const links = Array.from(
    { length: 10 },
    (_, i) => `<li><a href="/p/${(n * 7 + i * 131 + 1) % (total + 5)}.html">colleague ${i}</a></li>`,
  ).join('\n');
  const filler = '<p>Research on thin films, lasers, vehicle batteries and satellite optics. </p>'.repeat(40);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${name}</title><script type="application/ld+json">${JSON.stringify(person)}</script></head><body><h1>${name}</h1>${filler}<ul>${links}</ul></body></html>`;
}

async function serve(total: number): Promise<void> {
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/robots.txt')
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow:\n');
    const m = /^\/p\/(\d+)\.html$/.exec(url);
    const n = m ? Number(m[1]) : NaN;
    if (!(n < total)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(n, total));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
}

async function startSite(total: number): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/crawl.ts'), '--serve', String(total)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  return { origin: `http://127.0.0.1:${port}`, child };
}

// ---------------------------------------------------------------------------------------------

const counting = (): RecordSink & { records: number } => {
  const sink = {
    name: 'count',
    records: 0,
    write: async () => void sink.records++,
    close: async () => undefined,
  };
  return sink;
};

function sourceFor(origin: string, id: string, maxPages: number): CrawlSource {
  return parseSources(
    {
      sources: [
        {
          id,
          seeds: [`${origin}/p/0.html`],
          follow: { maxDepth: 100, maxPages },
          extract: { hint: 'profile-page' },
          politeness: { concurrency: 32, minDelay: 0 },
          recrawlInterval: 0,
          allowPrivateAddresses: true,
        },
      ],
    },
    'bench',
  )[0] as CrawlSource;
}

async function cleanup(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

async function crawlThroughput(
  config: Readonly<Config>,
  origin: string,
  sink: RecordSink,
  source: CrawlSource,
) {
  const ctx = await openCrawlContext({ config, sources: [source], logger });
  const workers = await startCrawlWorkers(ctx, sink, { concurrency });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const runId = manualRunId(source.id);
  await beginRun(ctx, source, { runId, trigger: 'manual' });
  const summary = await waitForRun(ctx, runId, { pollMs: 100 });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await workers.close();
  await ctx.close();
  const fetched = (summary.outcomes.stored ?? 0) + (summary.outcomes.fetched ?? 0);
  return {
    urls: summary.queued,
    pagesFetched: fetched,
    notFound: summary.outcomes['http-4xx'] ?? 0,
    seconds: round(seconds),
    pagesPerSecond: round(summary.queued / seconds, 1),
    cpuMsPerPage: round((cpu.user + cpu.system) / 1000 / summary.queued, 3),
    bytes: summary.bytes,
  };
}

async function backlogRss(config: Readonly<Config>, origin: string, redis: Redis, prefix: string) {
  const source = sourceFor(origin, 'backlog', backlog + 10);
  const ctx: CrawlContext = await openCrawlContext({ config, sources: [source], logger });
  const memory = async (): Promise<number> =>
    Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
  collect();
  const before = { rssMb: rssMb(), heapMb: heapMb(), redisBytes: await memory() };
  const runId = manualRunId(source.id);
  await ctx.runs.begin({ runId, sourceId: source.id, trigger: 'manual' });
  const started = performance.now();
  const chunk = 2000;
  for (let i = 0; i < backlog; i += chunk) {
    const items = Array.from({ length: Math.min(chunk, backlog - i) }, (_, j) => ({
      url: `${origin}/p/${i + j}.html`,
      depth: 100,
      kind: 'page' as const,
    }));
    await enqueueUrls(ctx, { runId, sourceId: source.id }, source, items);
  }
  const enqueueSeconds = (performance.now() - started) / 1000;
  collect();
  const queued = {
    rssMb: rssMb(),
    heapMb: heapMb(),
    redisBytes: await memory(),
    waiting: await ctx.pagesQueue.getWaitingCount(),
  };
  // A worker on the backlog: RSS sampled while it works through it.
  const sink = counting();
  const workers = await startCrawlWorkers(ctx, sink, { concurrency });
  let peak = rssMb();
  for (let t = 0; t < 10; t++) {
    await sleep(1000);
    peak = Math.max(peak, rssMb());
  }
  await workers.close();
  const processed = sink.records;
  await ctx.close();
  await cleanup(redis, prefix);
  return {
    urlsQueued: backlog,
    waitingJobs: queued.waiting,
    enqueueSeconds: round(enqueueSeconds),
    rssMbBefore: before.rssMb,
    rssMbWithBacklogQueued: queued.rssMb,
    heapMbBefore: before.heapMb,
    heapMbWithBacklogQueued: queued.heapMb,
    rssMbPeakWhileWorking: peak,
    pagesProcessedIn10s: processed,
    redisBytesPerQueuedUrl: Math.round((queued.redisBytes - before.redisBytes) / backlog),
  };
}

async function main(): Promise<void> {
  const prefix = `bench-crawl-${Date.now().toString(36)}`;
  const config = loadConfig({
    env: {
      ...process.env,
      TALENT_CRAWL_QUEUE_PREFIX: prefix,
      TALENT_LOG_LEVEL: 'error',
      TALENT_REFERENCE_DATE: '2026-01-01',
    },
  });
  const redis = new Redis(config.redis.url);
  const site = await startSite(Math.max(pages, backlog));
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-bench-crawl-'));
  try {
    // (c) first, so its RSS is a crawl process's own (not one that has loaded the index as well).
    log(`(c) RSS with ${backlog} URLs queued`);
    const queued = await backlogRss(config, site.origin, redis, prefix);
    log(
      `    RSS ${queued.rssMbBefore} → ${queued.rssMbWithBacklogQueued} MB queued (heap ${queued.heapMbBefore} → ${queued.heapMbWithBacklogQueued} MB), peak ${queued.rssMbPeakWhileWorking} MB working; ${queued.redisBytesPerQueuedUrl} Redis bytes/URL`,
    );

    log(`(a) ${pages} pages, politeness off, counting sink`);
    const fetch = await crawlThroughput(
      config,
      site.origin,
      counting(),
      sourceFor(site.origin, 'fetch', pages),
    );
    log(`    ${fetch.pagesPerSecond} pages/s, ${fetch.cpuMsPerPage} CPU ms/page`);
    await cleanup(redis, prefix);

    log(`(b) ${embeddedPages} pages into the embedded index`);
    const sink = await openEmbeddedSink({ config, dataDir, logger });
    const embedded = await crawlThroughput(
      config,
      site.origin,
      sink,
      sourceFor(site.origin, 'embedded', embeddedPages),
    );
    await sink.close();
    log(
      `    ${embedded.pagesPerSecond} pages/s, ${embedded.cpuMsPerPage} CPU ms/page (${sink.stats.ingested} records ingested)`,
    );
    await cleanup(redis, prefix);

    const results = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      date: new Date().toISOString(),
      concurrency,
      fetchPolitenessOff: fetch,
      embeddedIndex: { ...embedded, recordsIngested: sink.stats.ingested },
      backlog: queued,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/crawl.json'), `${JSON.stringify(results, null, 2)}\n`);
    log('written bench/results/crawl.json');
  } finally {
    site.child.kill();
    await cleanup(redis, prefix);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]));
else await main();
