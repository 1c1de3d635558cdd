import { createHash } from 'node:crypto';
import type { BackoffStrategy } from 'bullmq';
import { backoffDelayMs, retryDefaults, type RetryOptions } from '../lib/retry.js';
import { CrawlFailure } from './crawl-failure.js';

/**
 * The two queues of the crawl (BullMQ, under `crawl.queuePrefix`):
 *
 * - `runs`: one job per crawl run. The job schedulers (one per source, jobs/schedulers.ts) add
 *   them; `crawl <source>` adds one by hand. Processing it queues the run's seeds and sitemaps.
 * - `pages`: one job per URL and run, with an id derived from the run and the normalized URL, so
 *   a URL is queued once per run whatever links to it.
 */
export const RUNS_QUEUE = 'runs';
export const PAGES_QUEUE = 'pages';
export const RUN_JOB = 'crawl-run';

export interface RunJobData {
  sourceId: string;
  trigger: 'schedule' | 'manual';
}

export interface PageJobData {
  runId: string;
  sourceId: string;
  /** Normalized URL. */
  url: string;
  /** Links followed from a seed to reach it (seeds and sitemap entries: 0). */
  depth: number;
  kind: 'page' | 'sitemap';
}

export interface PageJobResult {
  outcome: string;
  url: string;
  status?: number;
}

/** The name of the custom backoff strategy (registered on every page worker). */
export const CRAWL_BACKOFF = 'crawl';

/** Retry-After above this is not waited out in the queue: the page is retried at this distance. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Exponential backoff with jitter (base · 2^(attempt−1), ±25 %), or the server's Retry-After when
 * that is longer (capped at {@link MAX_RETRY_AFTER_MS}).
 */
export function crawlBackoff(baseMs: number, random: () => number = Math.random): BackoffStrategy {
  // lib/retry's jitter takes up to `jitter` off the delay: ±25 % around baseMs is 1.25·baseMs less
  // up to 40 % of it.
  const options: RetryOptions = {
    ...retryDefaults,
    initialDelayMs: baseMs * 1.25,
    factor: 2,
    jitter: 0.4,
    maxDelayMs: MAX_RETRY_AFTER_MS,
    random,
    retryAfterMsOf: (error) => (error instanceof CrawlFailure ? error.retryAfterMs : undefined),
  };
  return (attemptsMade, _type, error) => backoffDelayMs(Math.max(1, attemptsMade), error, options);
}

/** `<source>.<UTC time>.<hash>`: readable, sortable, free of ":" (BullMQ job ids may not hold one). */
export function runIdOf(sourceId: string, startedAt: number, seed: string): string {
  const time = new Date(startedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${sourceId}.${time}.${createHash('sha256').update(seed).digest('hex').slice(0, 6)}`;
}

export function pageJobId(runId: string, urlKey: string): string {
  return `${runId}.${urlKey}`;
}
