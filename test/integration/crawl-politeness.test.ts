import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { parseSources, type CrawlSource } from '../../config/sources.js';
import { openCrawlContext, type CrawlContext } from '../../jobs/context.js';
import { beginRun, manualRunId, waitForRun } from '../../jobs/crawl-run.js';
import { HostRateLimiter } from '../../jobs/host-rate-limit.js';
import { CrawlKeys } from '../../jobs/keys.js';
import type { RecordSink } from '../../jobs/sinks/sink.js';
import { startCrawlWorkers, type CrawlWorkers } from '../../jobs/workers.js';
import { createLogger } from '../../lib/logger.js';
import { describeWithCorpus } from '../helpers/corpus.js';
import {
  deleteKeys,
  fixtureSourceEntry,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { describeWithService, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * Politeness is a property of the host, not of a process: two crawl processes (here, two
 * contexts with their own Redis connections and workers) share one rate limit through Redis.
 * Measured where it matters, on the server: the gap between any two requests is at least the
 * Crawl-delay robots.txt asks for.
 */
const logger = createLogger({ level: 'silent' });

/** This crawl makes no records; a sink that is written to fails the page loudly. */
const noRecords: RecordSink = {
  name: 'none',
  write: () => Promise.reject(new Error('this source extracts no records')),
  close: async () => undefined,
};

describeWithService('redis', 'crawl politeness (real Redis)', () => {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  beforeAll(() => redis.connect());
  afterAll(() => redis.quit());

  describeWithCorpus('two crawl processes on one host with Crawl-delay', () => {
    const prefix = uniqueName('tbpolite');
    let site: FixtureSite;
    let config: Readonly<Config>;
    let source: CrawlSource;
    const contexts: CrawlContext[] = [];
    const workers: CrawlWorkers[] = [];

    beforeAll(async () => {
      site = await startFixtureSite({ crawlDelaySeconds: 0.25 });
      config = loadConfig({ env: { TALENT_CRAWL_QUEUE_PREFIX: prefix, TALENT_CRAWL_TIMEOUT_MS: '2000' } });
      [source] = parseSources(
        {
          sources: [
            fixtureSourceEntry(site, {
              id: 'polite',
              sitemaps: [],
              scope: { hosts: [site.host], include: ['^/$', '^/chongwu/'] },
              extract: { hint: 'profile-page', include: ['^$'] },
              politeness: { concurrency: 1, minDelay: '100ms' },
            }),
          ],
        },
        'test sources',
      ) as [CrawlSource];
      for (let i = 0; i < 2; i++) {
        const ctx = await openCrawlContext({ config, sources: [source], logger });
        contexts.push(ctx);
        workers.push(await startCrawlWorkers(ctx, noRecords, { concurrency: 4 }));
      }
    });

    afterAll(async () => {
      for (const w of workers) await w.close();
      for (const c of contexts) await c.close();
      await deleteKeys(redis, prefix);
      await site?.close();
    });

    it('keeps every request to the host at least the Crawl-delay after the one before', async () => {
      const processedBy = [0, 0];
      workers.forEach((w, i) =>
        w.pages.on('completed', () => void (processedBy[i] = (processedBy[i] ?? 0) + 1)),
      );
      const ctx = contexts[0] as CrawlContext;
      const runId = manualRunId(source.id);
      await beginRun(ctx, source, { runId, trigger: 'manual' });
      const summary = await waitForRun(ctx, runId, { pollMs: 50 });
      expect(summary.status).toBe('finished');
      expect(summary.outcomes.fetched).toBe(12);
      expect(summary.outcomes['unsupported-content-type']).toBe(1);
      // Both processes took part, so the spacing below is theirs together.
      expect(processedBy[0]).toBeGreaterThan(0);
      expect(processedBy[1]).toBeGreaterThan(0);

      const arrivals = site.requests.map((r) => r.at).sort((a, b) => a - b);
      expect(site.paths().filter((p) => p === '/robots.txt')).toHaveLength(1);
      expect(arrivals).toHaveLength(14);
      const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    });
  });

  describe('the shared host rate limit', () => {
    const prefix = uniqueName('tblimit');
    const keys = new CrawlKeys(prefix);
    const other = new Redis(redisUrl, { lazyConnect: true });
    beforeAll(() => other.connect());
    afterAll(async () => {
      await deleteKeys(redis, prefix);
      await other.quit();
    });

    it('admits at most `concurrency` requests to a host at once, across connections', async () => {
      const a = new HostRateLimiter(redis, keys);
      const b = new HostRateLimiter(other, keys);
      const politeness = { delayMs: 0, concurrency: 2, leaseMs: 10_000 };
      const first = await a.tryAcquire('h.example', politeness);
      const second = await b.tryAcquire('h.example', politeness);
      const third = await a.tryAcquire('h.example', politeness);
      expect(first.token).toBeDefined();
      expect(second.token).toBeDefined();
      expect(third.token).toBeUndefined();
      expect(third.waitMs).toBeGreaterThan(0);
      const slot = await b.acquire('other.example', politeness, { maxWaitMs: 1000 });
      await slot.release();
    });

    it('holds a pushed-back host (Retry-After) for every process, and says how long', async () => {
      const a = new HostRateLimiter(redis, keys);
      const b = new HostRateLimiter(other, keys);
      await a.pushBack('busy.example', 5000);
      const attempt = await b.tryAcquire('busy.example', { delayMs: 0, concurrency: 4, leaseMs: 10_000 });
      expect(attempt.token).toBeUndefined();
      expect(attempt.waitMs).toBeGreaterThan(4000);
      await expect(
        b.acquire('busy.example', { delayMs: 0, concurrency: 4, leaseMs: 10_000 }, { maxWaitMs: 100 }),
      ).rejects.toThrow(/host busy/);
    });
  });
});
