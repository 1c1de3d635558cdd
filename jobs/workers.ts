import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { CrawlContext } from './context.js';
import { beginRun } from './crawl-run.js';
import { processPageJob } from './process-page.js';
import {
  CRAWL_BACKOFF,
  crawlBackoff,
  PAGES_QUEUE,
  RUNS_QUEUE,
  runIdOf,
  type PageJobData,
  type PageJobResult,
  type RunJobData,
} from './queues.js';
import type { RecordSink } from './sinks/sink.js';
import { urlKey } from './url.js';

export interface CrawlWorkerOptions {
  /** Page jobs at once in this process (default: the `crawl.concurrency` setting). */
  concurrency?: number;
  /** Also take run jobs (the scheduled runs); `crawl --once` leaves them to the long-running workers. */
  runs?: boolean;
  /**
   * Lock of a job in milliseconds (default 30 s, renewed while it runs): after a crash, its
   * jobs go back to the queue once the lock has expired and a stall check has seen it.
   */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for (default 30 s). */
  stalledIntervalMs?: number;
}

export interface CrawlWorkers {
  readonly pages: Worker<PageJobData, PageJobResult>;
  readonly runs: Worker<RunJobData> | undefined;
  /**
   * Stops taking jobs and waits for those in flight to finish (BullMQ's worker.close()); jobs of a
   * process that dies instead are recovered by the stall check of the remaining workers.
   */
  close(): Promise<void>;
}

/** The run id of a run job: derived from the job, so a run job processed twice is one run. */
function runIdOfJob(job: Job<RunJobData>): string {
  return runIdOf(job.data.sourceId, job.timestamp, job.id ?? job.name);
}

/** Starts the page workers (and, with `runs`, the run worker) of a crawl process. */
export async function startCrawlWorkers(
  ctx: CrawlContext,
  sink: RecordSink,
  options: CrawlWorkerOptions = {},
): Promise<CrawlWorkers> {
  const common = {
    connection: ctx.bullConnection,
    prefix: ctx.settings.queuePrefix,
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
  };
  const pages = new Worker<PageJobData, PageJobResult>(
    PAGES_QUEUE,
    (job, token) => processPageJob({ ctx, sink }, job, token),
    {
      ...common,
      concurrency: options.concurrency ?? ctx.settings.concurrency,
      settings: {
        backoffStrategy: (attemptsMade, type, error, job) =>
          type === CRAWL_BACKOFF
            ? crawlBackoff(ctx.settings.backoffMs)(attemptsMade, type, error, job)
            : ctx.settings.backoffMs * 2 ** Math.max(0, attemptsMade - 1),
      },
    },
  );
  pages.on('error', (error) => ctx.logger.warn({ err: error.message }, 'crawl.worker.error'));
  // A job that failed without its processor recording it (stalled too often, the process killed
  // on its last attempt) is recorded here, so its run still finishes. Recording is idempotent.
  pages.on('failed', (job) => {
    if (job === undefined || !job.finishedOn) return;
    const run = { runId: job.data.runId, sourceId: job.data.sourceId };
    void ctx.runs
      .finish(run, urlKey(job.data.url), 'stalled', {
        failure: { url: job.data.url, outcome: 'stalled', message: job.failedReason ?? 'job failed' },
      })
      .catch((error: Error) => ctx.logger.warn({ err: error.message }, 'crawl.worker.record_failed'));
  });

  let runs: Worker<RunJobData> | undefined;
  if (options.runs) {
    runs = new Worker<RunJobData>(
      RUNS_QUEUE,
      async (job) => {
        const source = ctx.sources.get(job.data.sourceId);
        if (source === undefined)
          throw new UnrecoverableError(
            `no source "${job.data.sourceId}" in ${ctx.settings.sourcesFile}; run "talent-brain schedule sync" to drop its schedule`,
          );
        const runId = runIdOfJob(job);
        if (
          job.data.trigger === 'schedule' &&
          (await ctx.redis.sismember(ctx.keys.pausedSources(), source.id))
        ) {
          await ctx.runs.recordSkipped({ runId, sourceId: source.id, trigger: 'schedule' }, 'source paused');
          return { runId, status: 'paused' };
        }
        const begun = await beginRun(ctx, source, { runId, trigger: job.data.trigger });
        return { runId, status: begun.status };
      },
      { ...common, concurrency: 1 },
    );
    runs.on('error', (error) => ctx.logger.warn({ err: error.message }, 'crawl.worker.error'));
  }
  await Promise.all([pages.waitUntilReady(), runs?.waitUntilReady()]);
  let closing: Promise<void> | undefined;
  return {
    pages,
    runs,
    close: () => (closing ??= Promise.all([pages.close(), runs?.close()]).then(() => undefined)),
  };
}
