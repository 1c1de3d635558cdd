import type { Config } from '../config/load.js';
import type { CrawlSource } from '../config/sources.js';
import type { Logger } from '../lib/logger.js';
import { createMetricsRegistry, startMetricsServer, type MetricsServer } from '../lib/metrics.js';
import { openCrawlContext, type CrawlContext } from './context.js';
import { crawlMetrics } from './crawl-metrics.js';
import { beginRun, manualRunId, waitForRun } from './crawl-run.js';
import type { RunFailure, RunSummary } from './run-state.js';
import { openSink } from './sinks/open-sink.js';
import type { RecordSink } from './sinks/sink.js';
import { startCrawlWorkers, type CrawlWorkers } from './workers.js';

/**
 * A crawl process: Redis context, sink, workers and (optionally) a metrics endpoint, closed in
 * reverse order — workers first, so no job is mid-flight when the sink flushes and closes.
 */
export interface CrawlProcess {
  readonly ctx: CrawlContext;
  readonly sink: RecordSink;
  readonly workers: CrawlWorkers;
  readonly metricsUrl: string | undefined;
  close(): Promise<void>;
}

export interface CrawlProcessOptions {
  config: Readonly<Config>;
  sources: readonly CrawlSource[];
  logger: Logger;
  /** Data directory of the embedded sink. */
  dataDir: string;
  sink?: 'embedded' | 'kafka';
  concurrency?: number;
  /** Take scheduled run jobs too (the long-running worker), not only page jobs. */
  runs?: boolean;
  /** Serve Prometheus metrics on this port (0 or absent: not served). */
  metricsPort?: number;
  metricsHost?: string;
}

export async function startCrawlProcess(options: CrawlProcessOptions): Promise<CrawlProcess> {
  const registry = createMetricsRegistry({ process: 'crawl' });
  const ctx = await openCrawlContext({
    config: options.config,
    sources: options.sources,
    logger: options.logger,
    metrics: crawlMetrics(registry),
  });
  let sink: RecordSink | undefined;
  let workers: CrawlWorkers | undefined;
  let server: MetricsServer | undefined;
  try {
    sink = await openSink(options.config, {
      dataDir: options.dataDir,
      logger: options.logger,
      ...(options.sink !== undefined ? { sink: options.sink } : {}),
    });
    workers = await startCrawlWorkers(ctx, sink, {
      runs: options.runs === true,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    });
    if (options.metricsPort !== undefined && options.metricsPort > 0)
      server = await startMetricsServer(registry, {
        port: options.metricsPort,
        ...(options.metricsHost !== undefined ? { host: options.metricsHost } : {}),
      });
  } catch (error) {
    await workers?.close();
    await sink?.close();
    await ctx.close();
    throw error;
  }
  const opened = { sink, workers };
  let closing: Promise<void> | undefined;
  return {
    ctx,
    sink,
    workers,
    metricsUrl: server?.url,
    close: () =>
      (closing ??= (async () => {
        try {
          await opened.workers.close();
        } finally {
          try {
            await opened.sink.close();
          } finally {
            await server?.close();
            await ctx.close();
          }
        }
      })()),
  };
}

export interface OnceResult {
  summary: RunSummary;
  failures: RunFailure[];
  /** True when the run was already in progress and this process joined it. */
  joined: boolean;
}

/**
 * Runs a source now, in this process, and waits until the run has finished (or `signal` aborts
 * the waiting). A run of the source already in progress (a scheduled one, or one an interrupted
 * `crawl --once` left) is joined instead of started beside it.
 */
export async function crawlOnce(
  proc: CrawlProcess,
  source: CrawlSource,
  options: { signal?: AbortSignal; onProgress?: (summary: RunSummary) => void } = {},
): Promise<OnceResult> {
  const { ctx } = proc;
  let runId = await ctx.runs.activeRun(source.id);
  let joined = runId !== undefined;
  if (runId === undefined) {
    runId = manualRunId(source.id);
    const begun = await beginRun(ctx, source, { runId, trigger: 'manual' });
    if (begun.status === 'busy') {
      runId = begun.activeRunId;
      joined = true;
    }
  }
  const summary = await waitForRun(ctx, runId, {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
  });
  return { summary, failures: await ctx.runs.failures(runId), joined };
}
