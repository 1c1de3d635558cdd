import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config/load.js';
import type { CrawlSource } from '../config/sources.js';
import type { Logger } from '../lib/logger.js';
import { noCrawlMetrics, type CrawlMetrics } from './crawl-metrics.js';
import { crawlSettingsOf, type CrawlSettings } from './crawl-settings.js';
import { HostRateLimiter } from './host-rate-limit.js';
import { CrawlKeys } from './keys.js';
import { PageStateStore } from './page-state.js';
import { PAGES_QUEUE, RUNS_QUEUE, type PageJobData, type RunJobData } from './queues.js';
import { RobotsCache } from './robots-cache.js';
import { RunStore } from './run-state.js';

/**
 * Everything a crawl process shares between its run and page jobs: the Redis connections, the
 * queues, the stores of run, page, robots.txt and host state, the sources and the settings.
 */
export interface CrawlContext {
  readonly config: Readonly<Config>;
  readonly settings: Readonly<CrawlSettings>;
  readonly sources: ReadonlyMap<string, CrawlSource>;
  readonly logger: Logger;
  readonly metrics: CrawlMetrics;
  /** Commands of the crawl's own state (scripts, hashes). */
  readonly redis: Redis;
  /** The connection BullMQ objects share (workers duplicate it for their blocking reads). */
  readonly bullConnection: Redis;
  readonly keys: CrawlKeys;
  readonly runs: RunStore;
  readonly pages: PageStateStore;
  readonly robots: RobotsCache;
  readonly limiter: HostRateLimiter;
  readonly runsQueue: Queue<RunJobData>;
  readonly pagesQueue: Queue<PageJobData>;
  close(): Promise<void>;
}

export interface CrawlContextOptions {
  config: Readonly<Config>;
  sources: readonly CrawlSource[];
  logger: Logger;
  metrics?: CrawlMetrics;
}

/** Page jobs: kept a while after they finish, for `jobs status` and for looking into failures. */
const PAGE_JOB_RETENTION = {
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400, count: 10_000 },
};

/** Connects to Redis (`redis.url`) and opens the crawl queues under `crawl.queuePrefix`. */
export async function openCrawlContext(options: CrawlContextOptions): Promise<CrawlContext> {
  const { config, logger } = options;
  const settings = crawlSettingsOf(config);
  // BullMQ requires unlimited retries on its connection: a worker waits out a Redis restart.
  const bullConnection = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
  const redis = new Redis(config.redis.url, { lazyConnect: true });
  for (const connection of [bullConnection, redis])
    connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'crawl.redis.error'));
  try {
    await Promise.all([bullConnection.connect(), redis.connect()]);
  } catch (error) {
    bullConnection.disconnect();
    redis.disconnect();
    throw error;
  }
  const keys = new CrawlKeys(settings.queuePrefix);
  const runsQueue = new Queue<RunJobData>(RUNS_QUEUE, {
    connection: bullConnection,
    prefix: settings.queuePrefix,
    defaultJobOptions: {
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
    },
  });
  const pagesQueue = new Queue<PageJobData>(PAGES_QUEUE, {
    connection: bullConnection,
    prefix: settings.queuePrefix,
    defaultJobOptions: PAGE_JOB_RETENTION,
  });
  // A listener, or BullMQ's errors (Redis down) would surface as unhandled 'error' events.
  for (const queue of [runsQueue, pagesQueue] as Array<Queue<unknown>>)
    queue.on('error', (error: Error) => logger.warn({ err: error.message }, 'crawl.queue.error'));
  let closing: Promise<void> | undefined;
  return {
    config,
    settings,
    sources: new Map(options.sources.map((s) => [s.id, s])),
    logger,
    metrics: options.metrics ?? noCrawlMetrics,
    redis,
    bullConnection,
    keys,
    runs: new RunStore(redis, keys),
    pages: new PageStateStore(redis, keys),
    robots: new RobotsCache(redis, keys, settings.robotsTtlMs),
    limiter: new HostRateLimiter(redis, keys),
    runsQueue,
    pagesQueue,
    close: () =>
      (closing ??= (async () => {
        await Promise.allSettled([runsQueue.close(), pagesQueue.close()]);
        await Promise.allSettled([bullConnection.quit(), redis.quit()]);
      })()),
  };
}
