import type { CrawlSource } from '../config/sources.js';
import type { CrawlContext } from './context.js';
import type { RunSummary } from './run-state.js';

export type QueueCounts = Record<
  'waiting' | 'active' | 'delayed' | 'prioritized' | 'failed' | 'completed',
  number
>;

export interface SourceStatus {
  sourceId: string;
  /** The run in progress, if any. */
  activeRun?: RunSummary;
  /** The latest run that is over (finished or skipped). */
  lastRun?: RunSummary;
}

export interface CrawlStatus {
  queues: { runs: QueueCounts; pages: QueueCounts };
  sources: SourceStatus[];
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

async function countsOf(queue: CrawlContext['runsQueue'] | CrawlContext['pagesQueue']): Promise<QueueCounts> {
  const counts = await queue.getJobCounts(...STATES);
  return Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) as QueueCounts;
}

/** Queue counts and, per source, the run in progress and the last run over. */
export async function crawlStatus(ctx: CrawlContext, sources: readonly CrawlSource[]): Promise<CrawlStatus> {
  const [runs, pages] = await Promise.all([countsOf(ctx.runsQueue), countsOf(ctx.pagesQueue)]);
  const statuses: SourceStatus[] = [];
  for (const source of sources) {
    const status: SourceStatus = { sourceId: source.id };
    const active = await ctx.runs.activeRun(source.id);
    if (active !== undefined) {
      const summary = await ctx.runs.summary(active);
      if (summary !== undefined) status.activeRun = summary;
    }
    for (const runId of await ctx.runs.recentRuns(source.id, 10)) {
      const summary = await ctx.runs.summary(runId);
      if (summary !== undefined && summary.status !== 'running') {
        status.lastRun = summary;
        break;
      }
    }
    statuses.push(status);
  }
  return { queues: { runs, pages }, sources: statuses };
}
