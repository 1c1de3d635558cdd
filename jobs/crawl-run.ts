import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CrawlSource } from '../config/sources.js';
import type { CrawlContext } from './context.js';
import { CRAWL_BACKOFF, pageJobId, runIdOf, type PageJobData } from './queues.js';
import type { BeginResult, RunSummary } from './run-state.js';
import { normalizeUrl, urlKey } from './url.js';

export interface RunRef {
  runId: string;
  sourceId: string;
}

export interface QueueItem {
  url: string;
  depth: number;
  kind: PageJobData['kind'];
}

/**
 * Claims URLs for a run and queues a page job for each new one. With `replay` (the job queuing
 * them is running again after a failure), URLs claimed but not finished are queued again too:
 * the first attempt may have claimed them and died before adding their jobs. Adding is idempotent
 * (the job id is the run plus the URL), so a job that does exist is left alone.
 */
export async function enqueueUrls(
  ctx: CrawlContext,
  run: RunRef,
  source: CrawlSource,
  items: readonly QueueItem[],
  options: { replay?: boolean } = {},
): Promise<number> {
  const unique = new Map<string, QueueItem>();
  for (const item of items) if (!unique.has(item.url)) unique.set(item.url, item);
  const list = [...unique.values()];
  const keys = list.map((item) => urlKey(item.url));
  const claims = await ctx.runs.claim(run.runId, keys, source.follow.maxPages);
  const jobs = list.flatMap((item, i) => {
    const claim = claims[i];
    if (claim !== 1 && !(claim === 2 && options.replay)) return [];
    return [
      {
        name: item.kind,
        data: { runId: run.runId, sourceId: run.sourceId, url: item.url, depth: item.depth, kind: item.kind },
        opts: {
          jobId: pageJobId(run.runId, keys[i] as string),
          attempts: ctx.settings.attempts,
          backoff: { type: CRAWL_BACKOFF },
        },
      },
    ];
  });
  if (jobs.length > 0) await ctx.pagesQueue.addBulk(jobs);
  return jobs.length;
}

/**
 * Starts (or, for a run job processed again, resumes) a run: registers it and queues its seeds
 * and sitemaps. A source with a run in progress is not run twice at once: the new run is
 * recorded as skipped.
 */
export async function beginRun(
  ctx: CrawlContext,
  source: CrawlSource,
  run: { runId: string; trigger: string },
): Promise<BeginResult> {
  const ref = { runId: run.runId, sourceId: source.id };
  const begun = await ctx.runs.begin({ ...ref, trigger: run.trigger });
  if (begun.status === 'busy') {
    await ctx.runs.recordSkipped(
      { ...ref, trigger: run.trigger },
      `run ${begun.activeRunId} was still in progress`,
    );
    ctx.logger.warn({ source: source.id, runId: run.runId, active: begun.activeRunId }, 'crawl.run.skipped');
    return begun;
  }
  if (begun.status === 'finished') return begun;
  const items: QueueItem[] = [
    ...source.seeds.map((url) => ({ url, depth: 0, kind: 'page' as const })),
    ...source.sitemaps.map((url) => ({ url, depth: 0, kind: 'sitemap' as const })),
  ].flatMap((item) => {
    const url = normalizeUrl(item.url);
    return url === undefined ? [] : [{ ...item, url }];
  });
  const queued = await enqueueUrls(ctx, ref, source, items, { replay: begun.status === 'resumed' });
  await ctx.runs.seeded(ref);
  ctx.logger.info({ source: source.id, runId: run.runId, trigger: run.trigger, queued }, 'crawl.run.started');
  return begun;
}

/** A run id for a run started by hand (`crawl <source>`), unique. */
export function manualRunId(sourceId: string): string {
  return runIdOf(sourceId, Date.now(), randomUUID());
}

/**
 * Polls the run until it has finished (every URL it claimed finished). Resolves with the final
 * summary; `onProgress` sees each intermediate one. Aborting stops the waiting, not the run.
 */
export async function waitForRun(
  ctx: CrawlContext,
  runId: string,
  options: { pollMs?: number; signal?: AbortSignal; onProgress?: (summary: RunSummary) => void } = {},
): Promise<RunSummary> {
  for (;;) {
    const summary = await ctx.runs.summary(runId);
    if (summary === undefined)
      throw new Error(`no run ${runId} in Redis (expired, or another crawl.queuePrefix)`);
    options.onProgress?.(summary);
    if (summary.status !== 'running') return summary;
    if (options.signal?.aborted) return summary;
    try {
      await sleep(options.pollMs ?? 200, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      // Aborted: report where the run is.
    }
  }
}
