import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { parseSources, type CrawlSource } from '../../config/sources.js';
import { openBackend } from '../../indexer/open-backend.js';
import { readRejects, rejectsPath } from '../../ingest/embedded/rejects-file.js';
import { openCrawlContext, type CrawlContext } from '../../jobs/context.js';
import { beginRun, manualRunId, waitForRun } from '../../jobs/crawl-run.js';
import { openEmbeddedSink, type EmbeddedSink } from '../../jobs/sinks/embedded-sink.js';
import { startCrawlWorkers, type CrawlWorkers } from '../../jobs/workers.js';
import { createLogger } from '../../lib/logger.js';
import { createMetricsRegistry } from '../../lib/metrics.js';
import { crawlMetrics } from '../../jobs/crawl-metrics.js';
import { describeWithCorpus } from '../helpers/corpus.js';
import {
  deleteKeys,
  fixtureSourceEntry,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { describeWithService, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * A whole crawl of the fixture site (real profile pages of the corpus plus generated pages)
 * through real Redis queues into a real embedded index: what is fetched and what never is, the
 * records and the people they hold, and a second run of the unchanged site adding nothing.
 */
const logger = createLogger({ level: 'silent' });
const registry = createMetricsRegistry();

const FIRST_RUN_PATHS = [
  '/',
  '/sitemap.xml',
  '/sitemap-pages.xml.gz',
  '/sitemap-only.html',
  '/chongwu/index.html',
  '/chongwu/PI.html',
  '/chongwu/students.html',
  '/chongwu/research.html',
  '/chongwu/grants.html',
  '/chongwu/teaching.html',
  '/chongwu/software.html',
  '/chongwu/talks.html',
  '/chongwu/IWAS.html',
  '/chongwu/TWAS.html',
  '/chongwu/aSPUpath2.html',
  '/chongwu/CV_Chong_Wu_for_website.pdf',
  '/dengpingfan/People.html',
  '/dengpingfan/Publication.html',
  '/dengpingfan/Services.html',
  '/dengpingfan/Accept.html',
  '/dengpingfan/COD.html',
  '/dengpingfan/xxxxx',
  '/redirect/start',
  '/redirect/middle',
  '/ada/index.html',
  '/loop/a',
  '/loop/b',
  '/flaky.html',
  '/busy.html',
  '/slow.html',
  '/huge.html',
  '/deep/1.html',
  '/deep/2.html',
  '/deep/3.html',
  '/missing.html',
];

const NEVER_FETCHED = [
  '/private/secret.html',
  '/private/listed.html',
  '/outside/skip.html',
  '/outside/listed.html',
  '/nofollow-target.html',
  '/deep/4.html',
  '/ada/publications.html',
  '/elsewhere.html',
];

/** Pages the site answers with something else than one plain response: requested more than once by design. */
const RETRIED = { '/flaky.html': 2, '/busy.html': 2, '/slow.html': 2 };

describeWithService('redis', 'crawl of a local site (real Redis, embedded index)', () => {
  describeWithCorpus('with the corpus profile pages', () => {
    const prefix = uniqueName('tbcrawl');
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-crawl-'));
    let site: FixtureSite;
    let config: Readonly<Config>;
    let source: CrawlSource;
    let ctx: CrawlContext;
    let sink: EmbeddedSink;
    let workers: CrawlWorkers;
    const redis = new Redis(redisUrl, { lazyConnect: true });

    const crawl = async () => {
      const runId = manualRunId(source.id);
      await beginRun(ctx, source, { runId, trigger: 'manual' });
      return waitForRun(ctx, runId, { pollMs: 50 });
    };

    beforeAll(async () => {
      site = await startFixtureSite({ slowMs: 5000 });
      config = loadConfig({
        env: {
          TALENT_REFERENCE_DATE: '2026-01-01',
          TALENT_CRAWL_QUEUE_PREFIX: prefix,
          TALENT_CRAWL_TIMEOUT_MS: '600',
          TALENT_CRAWL_ATTEMPTS: '2',
          TALENT_CRAWL_BACKOFF_MS: '50',
          TALENT_CRAWL_MAX_BYTES: String(256 * 1024),
        },
      });
      [source] = parseSources({ sources: [fixtureSourceEntry(site)] }, 'test sources') as [CrawlSource];
      ctx = await openCrawlContext({ config, sources: [source], logger, metrics: crawlMetrics(registry) });
      sink = await openEmbeddedSink({ config, dataDir, logger });
      workers = await startCrawlWorkers(ctx, sink, { concurrency: 8 });
      await redis.connect();
    });

    afterAll(async () => {
      await workers?.close();
      await sink?.close();
      await ctx?.close();
      await deleteKeys(redis, prefix);
      await redis.quit();
      await site?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('fetches exactly the allowed in-scope pages, once each, and records what it could not', async () => {
      const summary = await crawl();
      const fetched = site.paths().filter((p) => p !== '/robots.txt');
      expect([...new Set(fetched)].sort()).toEqual([...FIRST_RUN_PATHS].sort());
      for (const path of FIRST_RUN_PATHS)
        expect(fetched.filter((p) => p === path).length, path).toBe(
          RETRIED[path as keyof typeof RETRIED] ?? 1,
        );
      for (const path of NEVER_FETCHED) expect(fetched).not.toContain(path);
      expect(site.requests.every((r) => r.host === site.host)).toBe(true);
      expect(site.paths().filter((p) => p === '/robots.txt')).toHaveLength(1);
      expect(site.requests.every((r) => r.headers['user-agent'] === 'TalentBrainBot/0.1')).toBe(true);
      // The 429's Retry-After (1 s) was waited out before asking again.
      const busy = site.requests.filter((r) => r.path === '/busy.html');
      expect((busy[1]?.at ?? 0) - (busy[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);

      expect(summary.status).toBe('finished');
      expect(summary.pending).toBe(0);
      expect(summary.outcomes).toMatchObject({
        stored: 8,
        'robots-disallowed': 2,
        'redirect-loop': 1,
        timeout: 1,
        'too-large': 1,
        'unsupported-content-type': 1,
        'http-4xx': 2,
      });
      const failures = await ctx.runs.failures(summary.runId);
      const classOf = (path: string) => failures.find((f) => f.url === `${site.origin}${path}`)?.outcome;
      expect(classOf('/private/secret.html')).toBe('robots-disallowed');
      expect(classOf('/loop/a')).toBe('redirect-loop');
      expect(classOf('/slow.html')).toBe('timeout');
      expect(classOf('/huge.html')).toBe('too-large');
      expect(classOf('/chongwu/CV_Chong_Wu_for_website.pdf')).toBe('unsupported-content-type');
      expect(classOf('/missing.html')).toBe('http-4xx');

      // The same counts reach Prometheus.
      const metrics = await registry.metrics();
      expect(metrics).toMatch(/talent_brain_crawl_pages_total\{source="fixture",outcome="stored"\} 8/);
      expect(metrics).toMatch(/talent_brain_crawl_errors_total\{source="fixture",class="http-5xx"\} 1/);
      expect(metrics).toMatch(/talent_brain_crawl_errors_total\{source="fixture",class="timeout"\} 2/);
      expect(metrics).toMatch(/talent_brain_crawl_records_total\{source="fixture",sink="embedded"\} 8/);
      expect(metrics).toMatch(/talent_brain_crawl_bytes_total\{source="fixture"\} [1-9]/);
      expect(metrics).toMatch(/talent_brain_crawl_politeness_waits_total\{source="fixture"\} [1-9]/);
    });

    it('puts the records through the processors into the index, with the people of the pages', async () => {
      expect(sink.stats.ingested).toBe(8);
      const backend = await openBackend(config, { dataDir, backend: 'embedded' });
      try {
        const names = async (text: string) =>
          (await backend.index.search({ text, limit: 50 })).hits.map((h) => h.displayName);
        expect(await names('Chong Wu')).toContain('Chong Wu');
        expect(await names('Zichen Zhang')).toContain('Zichen Zhang');
        expect(await names('范登平')).toEqual(
          expect.arrayContaining([expect.stringMatching(/范登平|Deng-?Ping Fan/i)]),
        );
        expect(await names('Wang Xiaoming')).toContain('Wang Xiaoming');
        expect(await names('Lin Qiao')).toContain('Lin Qiao');
        expect(await names('Zhao Min')).toContain('Zhao Min');
        expect((await backend.index.stats()).profiles).toBeGreaterThan(15);
      } finally {
        await backend.close();
      }
      // Each record names its page; nothing was rejected by the processors.
      const rejected = [];
      for await (const entry of readRejects(rejectsPath(dataDir))) rejected.push(entry.origin.uri);
      expect(rejected).toEqual([]);
    });

    it('a second run of the unchanged site sends no record (conditional GET and content hashes)', async () => {
      const before = site.requests.length;
      const ingestedBefore = sink.stats.ingested;
      const summary = await crawl();
      expect(summary.outcomes.stored ?? 0).toBe(0);
      expect(summary.outcomes.unchanged).toBeGreaterThanOrEqual(20);
      expect(sink.stats.ingested).toBe(ingestedBefore);
      const again = site.requests.slice(before);
      // Pages with validators were asked conditionally and answered 304.
      const tagged = again.find((r) => r.path === '/chongwu/PI.html');
      expect(tagged?.headers['if-none-match']).toBeDefined();
      expect(tagged?.status).toBe(304);
      const dated = again.find((r) => r.path === '/chongwu/grants.html');
      expect(dated?.headers['if-modified-since']).toBeDefined();
      expect(dated?.status).toBe(304);
      // Pages below an unchanged page were still visited (their links come from the stored state).
      expect(again.map((r) => r.path)).toContain('/deep/3.html');
    });
  });
});
