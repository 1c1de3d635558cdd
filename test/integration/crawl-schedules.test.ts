import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { parseSources, type CrawlSource } from '../../config/sources.js';
import { openCrawlContext, type CrawlContext } from '../../jobs/context.js';
import { beginRun, manualRunId } from '../../jobs/crawl-run.js';
import { RUN_JOB } from '../../jobs/queues.js';
import { listSchedules, pauseSources, resumeSources, syncSchedules } from '../../jobs/schedulers.js';
import type { RecordSink } from '../../jobs/sinks/sink.js';
import { crawlStatus } from '../../jobs/status.js';
import { startCrawlWorkers } from '../../jobs/workers.js';
import { createLogger } from '../../lib/logger.js';
import { deleteKeys, startFixtureSite, type FixtureSite } from '../helpers/fixture-site.js';
import { describeWithService, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * Job schedulers survive what deploys do to them: restarts (new Queue and Worker objects), syncs
 * from two processes at once, changed and removed sources, pauses. Each sync leaves one scheduler
 * and one pending run per scheduled source, and a scheduled run is one run however many workers
 * see it.
 */
const logger = createLogger({ level: 'silent' });

const noRecords: RecordSink = {
  name: 'none',
  write: () => Promise.reject(new Error('this source extracts no records')),
  close: async () => undefined,
};

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

describeWithService('redis', 'crawl schedules (real Redis)', () => {
  const prefix = uniqueName('tbsched');
  const redis = new Redis(redisUrl, { lazyConnect: true });
  let site: FixtureSite;
  let config: Readonly<Config>;
  let sources: CrawlSource[];
  const open: CrawlContext[] = [];

  const sourcesWith = (
    overrides: Record<string, Record<string, unknown>> = {},
    drop: string[] = [],
  ): CrawlSource[] =>
    parseSources(
      {
        sources: [
          {
            id: 'weekly',
            seeds: [`${site.origin}/deep/1.html`],
            extract: { hint: 'profile-page', include: ['^$'] },
            schedule: { cron: '0 3 * * 1', timezone: 'Asia/Shanghai' },
            allowPrivateAddresses: true,
            ...overrides.weekly,
          },
          {
            id: 'often',
            seeds: [`${site.origin}/deep/1.html`],
            scope: { hosts: [site.host], include: ['^/deep/'] },
            extract: { hint: 'profile-page', include: ['^$'] },
            politeness: { minDelay: 0 },
            recrawlInterval: 0,
            schedule: { every: '1s' },
            allowPrivateAddresses: true,
            ...overrides.often,
          },
          { id: 'by-hand', seeds: [`${site.origin}/`], extract: { hint: 'generic' } },
          {
            id: 'off',
            enabled: false,
            seeds: [`${site.origin}/`],
            extract: { hint: 'generic' },
            schedule: { every: '1h' },
          },
        ].filter((s) => !drop.includes(s.id)),
      },
      'test sources',
    );

  const context = async (list: CrawlSource[] = sources): Promise<CrawlContext> => {
    const ctx = await openCrawlContext({ config, sources: list, logger });
    open.push(ctx);
    return ctx;
  };
  const delayedRuns = async (ctx: CrawlContext) =>
    (await ctx.runsQueue.getJobs(['delayed', 'waiting'])).filter((j) => j.name === RUN_JOB);

  beforeAll(async () => {
    await redis.connect();
    site = await startFixtureSite();
    config = loadConfig({ env: { TALENT_CRAWL_QUEUE_PREFIX: prefix } });
    sources = sourcesWith();
  });

  afterAll(async () => {
    for (const ctx of open) await ctx.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await site?.close();
  });

  it('one scheduler and one pending run per scheduled source, through restarts and concurrent syncs', async () => {
    const first = await context();
    expect(await syncSchedules(first, sources)).toEqual({
      added: ['weekly', 'often'],
      updated: [],
      removed: [],
      unchanged: [],
      skipped: ['by-hand', 'off'],
    });
    const nextWeekly = (await listSchedules(first, sources)).find((e) => e.sourceId === 'weekly')?.next;
    await first.close();

    // A restart: new connections, new Queue objects, the same sources.
    const second = await context();
    expect((await syncSchedules(second, sources)).unchanged).toEqual(['weekly', 'often']);
    // Two processes syncing at once (a rolling deploy).
    const third = await context();
    await Promise.all([syncSchedules(second, sources), syncSchedules(third, sources)]);
    expect(await third.runsQueue.getJobSchedulersCount()).toBe(2);
    const weekly = (await delayedRuns(third)).filter((j) => j.data.sourceId === 'weekly');
    expect(weekly).toHaveLength(1);
    const entries = await listSchedules(third, sources);
    expect(entries.map((e) => [e.sourceId, e.state])).toEqual([
      ['weekly', 'synced'],
      ['often', 'synced'],
      ['by-hand', 'unscheduled'],
      ['off', 'unscheduled'],
    ]);
    // Unchanged schedulers were left alone: the next run did not move.
    expect(entries.find((e) => e.sourceId === 'weekly')?.next).toBe(nextWeekly);
  });

  it('changed and removed sources update and drop their schedulers; pause and resume', async () => {
    const ctx = await context();
    const changed = sourcesWith({ weekly: { schedule: { cron: '30 4 * * 2', timezone: 'UTC' } } }, ['often']);
    expect(await listSchedules(ctx, changed)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sourceId: 'weekly', state: 'changed' }),
        expect.objectContaining({ sourceId: 'often', state: 'orphan' }),
      ]),
    );
    const report = await syncSchedules(ctx, changed);
    expect(report.updated).toEqual(['weekly']);
    expect(report.removed).toEqual(['often']);
    expect(await ctx.runsQueue.getJobSchedulersCount()).toBe(1);
    expect((await ctx.runsQueue.getJobScheduler('source.weekly'))?.pattern).toBe('30 4 * * 2');

    await pauseSources(ctx, ['weekly']);
    expect(await ctx.runsQueue.getJobSchedulersCount()).toBe(0);
    expect((await syncSchedules(ctx, changed)).skipped).toContain('weekly');
    expect((await listSchedules(ctx, changed)).find((e) => e.sourceId === 'weekly')?.state).toBe('paused');
    await resumeSources(ctx, changed, ['weekly']);
    expect((await listSchedules(ctx, changed)).find((e) => e.sourceId === 'weekly')?.state).toBe('synced');
    // Back to the original sources for the next test.
    await syncSchedules(ctx, sources);
  });

  it('scheduled runs happen once per tick, also after the workers restart, and never overlap', async () => {
    const seen = async (ctx: CrawlContext, n: number) =>
      until(async () => {
        const ids = await ctx.runs.recentRuns('often', 50);
        const finished = [];
        for (const id of ids) if ((await ctx.runs.summary(id))?.status === 'finished') finished.push(id);
        return finished.length >= n ? finished : undefined;
      });
    const before = await context();
    const workersBefore = await startCrawlWorkers(before, noRecords, { runs: true, concurrency: 2 });
    await seen(before, 1);
    await workersBefore.close();
    await before.close();

    const after = await context();
    await syncSchedules(after, sources);
    const workersAfter = await startCrawlWorkers(after, noRecords, { runs: true, concurrency: 2 });
    const runIds = await seen(after, 3);
    await pauseSources(after, ['often']);
    await workersAfter.close();

    // One run per tick: run ids come from the scheduler's job, one per tick, so no tick ran twice.
    const all = await after.runs.recentRuns('often', 50);
    expect(new Set(all).size).toBe(all.length);
    const summary = await after.runs.summary(runIds[0] as string);
    expect(summary).toMatchObject({ trigger: 'schedule', status: 'finished', ok: 4, failed: 0 });

    const status = await crawlStatus(after, sources);
    expect(status.sources.find((s) => s.sourceId === 'often')?.lastRun?.status).toMatch(/finished|skipped/);
    expect(status.queues.pages.failed).toBe(0);

    // A run of a source whose previous run is still in progress is skipped, not overlapped.
    const weekly = sources.find((s) => s.id === 'weekly') as CrawlSource;
    const running = manualRunId('weekly');
    expect((await beginRun(after, weekly, { runId: running, trigger: 'manual' })).status).toBe('started');
    const second = manualRunId('weekly');
    expect((await beginRun(after, weekly, { runId: second, trigger: 'schedule' })).status).toBe('busy');
    expect(await after.runs.summary(second)).toMatchObject({ status: 'skipped' });
  });
});
