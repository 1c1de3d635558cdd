import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { parseSources, type CrawlSource } from '../../config/sources.js';
import { openCrawlContext, type CrawlContext } from '../../jobs/context.js';
import { beginRun, manualRunId, waitForRun } from '../../jobs/crawl-run.js';
import { openEmbeddedSink, type EmbeddedSink } from '../../jobs/sinks/embedded-sink.js';
import { startCrawlWorkers, type CrawlWorkers } from '../../jobs/workers.js';
import { createLogger } from '../../lib/logger.js';
import {
  deleteKeys,
  fixtureSourceEntry,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { describeWithService, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * A crawl process killed with SIGKILL in the middle of a page: nothing finishes its job, its lock
 * runs out, and the stall check of the remaining worker puts the job back and processes it. The
 * run ends with the page stored once, as if nothing had happened.
 */
const root = resolve(import.meta.dirname, '../..');
const logger = createLogger({ level: 'silent' });
const module = (path: string): string => JSON.stringify(pathToFileURL(join(root, path)).href);

/** A crawl worker process with short locks, so a test can see its jobs recovered quickly. */
const WORKER_PROCESS = `
import { loadConfig } from ${module('config/load.ts')};
import { parseSources } from ${module('config/sources.ts')};
import { openCrawlContext } from ${module('jobs/context.ts')};
import { openEmbeddedSink } from ${module('jobs/sinks/embedded-sink.ts')};
import { startCrawlWorkers } from ${module('jobs/workers.ts')};
import { createLogger } from ${module('lib/logger.ts')};
const logger = createLogger({ level: 'silent' });
const config = loadConfig();
const sources = parseSources(JSON.parse(process.env.TB_SOURCES), 'test sources');
const ctx = await openCrawlContext({ config, sources, logger });
const sink = await openEmbeddedSink({ config, dataDir: process.env.TB_DATA_DIR, logger });
await startCrawlWorkers(ctx, sink, { concurrency: 2, lockDurationMs: 1000, stalledIntervalMs: 500 });
process.stdout.write('ready\\n');
`;

describeWithService('redis', 'crawl recovery after a killed worker (real Redis)', () => {
  const prefix = uniqueName('tbcrawlkill');
  const dataDir = mkdtempSync(join(tmpdir(), 'tb-crawl-kill-'));
  const redis = new Redis(redisUrl, { lazyConnect: true });
  let site: FixtureSite;
  let config: Readonly<Config>;
  let entry: Record<string, unknown>;
  let source: CrawlSource;
  let ctx: CrawlContext;
  let child: ChildProcess | undefined;
  let sink: EmbeddedSink | undefined;
  let workers: CrawlWorkers | undefined;

  beforeAll(async () => {
    await redis.connect();
    site = await startFixtureSite({ slowMs: 60_000 });
    config = loadConfig({ env: { TALENT_CRAWL_QUEUE_PREFIX: prefix, TALENT_REFERENCE_DATE: '2026-01-01' } });
    entry = fixtureSourceEntry(site, {
      id: 'killed',
      seeds: [`${site.origin}/slow-once.html`],
      sitemaps: [],
      extract: { hint: 'profile-page' },
      // Two at once: the dead process's slot lease must not hold the host for the new one.
      politeness: { concurrency: 2, minDelay: 0 },
    });
    [source] = parseSources({ sources: [entry] }, 'test sources') as [CrawlSource];
    ctx = await openCrawlContext({ config, sources: [source], logger });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await workers?.close();
    await sink?.close();
    await ctx?.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a page job of a process killed mid-fetch is recovered and finished once', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER_PROCESS], {
      cwd: root,
      env: {
        ...process.env,
        TALENT_CRAWL_QUEUE_PREFIX: prefix,
        TALENT_REFERENCE_DATE: '2026-01-01',
        TB_SOURCES: JSON.stringify({ sources: [entry] }),
        TB_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ready, failed) => {
      child?.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
      child?.once('exit', (code) => failed(new Error(`worker process exited (${code}) before it was ready`)));
    });

    const runId = manualRunId(source.id);
    await beginRun(ctx, source, { runId, trigger: 'manual' });
    const deadline = Date.now() + 20_000;
    while (!site.paths().includes('/slow-once.html')) {
      if (Date.now() > deadline) throw new Error('the worker process never fetched /slow-once.html');
      await sleep(20);
    }
    child.kill('SIGKILL');
    await new Promise((exited) => child?.once('exit', exited));
    expect((await ctx.runs.summary(runId))?.status).toBe('running');

    // The survivor: takes over the data directory (the dead process's lock is stale) and the job.
    sink = await openEmbeddedSink({ config, dataDir, logger });
    workers = await startCrawlWorkers(ctx, sink, {
      concurrency: 2,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    });
    const summary = await waitForRun(ctx, runId, { pollMs: 50 });
    expect(summary).toMatchObject({ status: 'finished', pending: 0, outcomes: { stored: 1 } });
    expect(site.paths().filter((p) => p === '/slow-once.html')).toHaveLength(2);
    expect(sink.stats.ingested).toBe(1);
  });
});
