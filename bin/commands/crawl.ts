import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { resolveConfigPath, type Config } from '../../config/load.js';
import type { CrawlSource } from '../../config/sources.js';
import { DataDirLockedError } from '../../ingest/embedded/data-dir-lock.js';
import { StorageError } from '../../ingest/embedded/storage-error.js';
import type { CrawlContext } from '../../jobs/context.js';
import type { CrawlProcess } from '../../jobs/crawl-process.js';
import { crawlSettingsOf } from '../../jobs/crawl-settings.js';
import { RUN_JOB, type RunJobData } from '../../jobs/queues.js';
import type { RunSummary } from '../../jobs/run-state.js';
import type { ScheduleEntry } from '../../jobs/schedulers.js';
import type { CrawlStatus } from '../../jobs/status.js';
import { ConfigError } from '../../lib/errors.js';
import { abortOnSignals, Lifecycle } from '../../lib/lifecycle.js';
import { createLogger, type Logger } from '../../lib/logger.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, UsageError, type Output } from '../format/output.js';

/**
 * `crawl`, `schedule` and `jobs`: the crawl stage. Crawl processes share their queues, schedules
 * and politeness through Redis (`redis.url`, keys under `crawl.queuePrefix`); fetched pages go
 * to the sink `crawl.sink` names.
 */

interface CommonOptions {
  config?: string;
  json?: boolean;
}

interface ProcessOptions extends CommonOptions {
  data?: string;
  sink?: string;
  concurrency?: string;
  metricsPort?: string;
  progress?: boolean;
}

function fail(error: unknown, io: Output): number {
  if (error instanceof ConfigError) {
    io.err(`talent-brain: configuration error: ${error.message}\n`);
    return ExitCode.failure;
  }
  if (error instanceof UsageError || error instanceof DataDirLockedError || error instanceof StorageError) {
    io.err(`talent-brain: ${error.message}\n`);
    return ExitCode.failure;
  }
  throw error;
}

// The crawl modules (BullMQ, ioredis, cheerio) are loaded when a crawl command runs, not at every
// start of the CLI: they add half a second to it.
const load = {
  sources: () => import('../../config/sources.js'),
  context: () => import('../../jobs/context.js'),
  process: () => import('../../jobs/crawl-process.js'),
  schedulers: () => import('../../jobs/schedulers.js'),
  status: () => import('../../jobs/status.js'),
};

async function sourcesOf(config: Readonly<Config>): Promise<CrawlSource[]> {
  const { loadSources } = await load.sources();
  return loadSources(resolveConfigPath(crawlSettingsOf(config).sourcesFile));
}

function positive(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option} must be a whole number, not "${text}"`);
  return n;
}

function sinkOf(text: string | undefined): 'embedded' | 'kafka' | undefined {
  if (text === undefined || text === 'embedded' || text === 'kafka') return text;
  throw new UsageError(`--sink takes embedded or kafka, not "${text}"`);
}

/** Opens the Redis context, saying plainly when Redis is not there. */
async function contextOf(
  config: Readonly<Config>,
  sources: CrawlSource[],
  logger: Logger,
): Promise<CrawlContext> {
  const { openCrawlContext } = await load.context();
  try {
    return await openCrawlContext({ config, sources, logger });
  } catch (error) {
    throw new UsageError(
      `cannot reach Redis at ${config.redis.url} (${(error as Error).message}); start it ("bash scripts/services/services.sh up") or set redis.url (TALENT_REDIS_URL)`,
    );
  }
}

async function processOf(
  config: Readonly<Config>,
  sources: CrawlSource[],
  logger: Logger,
  options: ProcessOptions,
  runs: boolean,
): Promise<CrawlProcess> {
  const sink = sinkOf(options.sink);
  const concurrency = positive(options.concurrency, '--concurrency');
  const metricsPort = positive(options.metricsPort, '--metrics-port') ?? config.metrics.port;
  const { startCrawlProcess } = await load.process();
  try {
    return await startCrawlProcess({
      config,
      sources,
      logger,
      dataDir: dataDirOf(options.data, config),
      runs,
      metricsHost: config.metrics.host,
      ...(sink !== undefined ? { sink } : {}),
      ...(concurrency !== undefined && concurrency > 0 ? { concurrency } : {}),
      ...(metricsPort > 0 ? { metricsPort } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED')
      throw new UsageError(
        `cannot reach Redis at ${config.redis.url}; start it ("bash scripts/services/services.sh up") or set redis.url (TALENT_REDIS_URL)`,
      );
    throw error;
  }
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

function runSummaryLine(s: RunSummary): string {
  const seconds = s.finishedAt ? (Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000 : undefined;
  const parts = Object.entries(s.outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([outcome, n]) => `${n} ${outcome}`);
  return `${s.sourceId} run ${s.runId} ${s.status}: ${s.queued} URLs (${parts.join(', ') || 'none finished'})${s.pending > 0 ? `, ${s.pending} pending` : ''}${s.overLimit > 0 ? `, ${s.overLimit} links over maxPages` : ''}; ${bytes(s.bytes)}${seconds !== undefined ? ` in ${seconds.toFixed(1)} s` : ''}`;
}

/** A progress bar of finished URLs against URLs queued so far (the total grows as links are found). */
function progressBar(enabled: boolean): { update(s: RunSummary): void; stop(): void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} URLs | {stored} stored | {failed} failed | {pending} pending',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { stored: 0, failed: 0, pending: 0 });
  return {
    update(s) {
      bar.setTotal(Math.max(1, s.queued));
      bar.update(s.queued - s.pending, {
        stored: s.outcomes.stored ?? 0,
        failed: s.failed,
        pending: s.pending,
      });
    },
    stop: () => bar.stop(),
  };
}

async function runCrawl(
  sourceId: string,
  options: ProcessOptions & { once?: boolean },
  io: Output,
): Promise<number> {
  const config = configOrExit(options.config);
  const logger = createLogger({ level: config.log.level }).child({ command: 'crawl' });
  const sources = await sourcesOf(config);
  const source = sources.find((s) => s.id === sourceId);
  if (source === undefined)
    throw new UsageError(
      `no source "${sourceId}" in ${resolveConfigPath(crawlSettingsOf(config).sourcesFile)}; the sources are ${sources.map((s) => s.id).join(', ') || '(none)'}`,
    );
  if (!options.once) {
    const ctx = await contextOf(config, sources, logger);
    try {
      const data: RunJobData = { sourceId, trigger: 'manual' };
      const job = await ctx.runsQueue.add(RUN_JOB, data, { jobId: `manual.${sourceId}.${Date.now()}` });
      if (options.json) io.out(`${JSON.stringify({ queued: job.id, sourceId })}\n`);
      else
        io.err(
          `queued run job ${job.id} for the crawl workers ("talent-brain jobs work"); follow it with "talent-brain jobs status"\n`,
        );
      return ExitCode.ok;
    } finally {
      await ctx.close();
    }
  }

  const proc = await processOf(config, sources, logger, options, false);
  const stop = abortOnSignals(logger, 'crawl.stopping');
  const bar = progressBar(options.progress !== false && !options.json && process.stderr.isTTY === true);
  const { crawlOnce } = await load.process();
  try {
    const result = await crawlOnce(proc, source, { signal: stop.signal, onProgress: (s) => bar.update(s) });
    bar.stop();
    // Workers finish the jobs in flight; the rest stay queued for the next crawl process.
    await proc.close();
    const { summary, failures } = result;
    if (options.json) {
      const sinkStats = 'stats' in proc.sink ? (proc.sink as { stats: unknown }).stats : undefined;
      io.out(
        `${JSON.stringify({ ...summary, joined: result.joined, failures, sink: { name: proc.sink.name, stats: sinkStats } })}\n`,
      );
    } else {
      io.err(`${runSummaryLine(summary)}\n`);
      for (const f of failures.slice(0, 10)) io.err(`  ${f.outcome}  ${f.url}\n    ${f.message}\n`);
      if (failures.length > 10) io.err(`  … ${failures.length - 10} more ("--json" lists them all)\n`);
      if (stop.signal.aborted)
        io.err(
          'stopped: the pages in flight were finished, the rest stay queued; run the same command again (or "jobs work") to finish the run\n',
        );
    }
    if (stop.signal.aborted && summary.status === 'running') return ExitCode.interrupted;
    return summary.failed > 0 ? ExitCode.rejected : ExitCode.ok;
  } finally {
    bar.stop();
    await proc.close();
    stop.dispose();
  }
}

function scheduleLine(e: ScheduleEntry): string {
  const timing =
    e.cron !== undefined
      ? `cron "${e.cron}" ${e.timezone ?? ''}`
      : e.every !== undefined
        ? `every ${e.every / 1000} s`
        : 'by hand';
  const next = e.next !== undefined ? `  next ${new Date(e.next).toISOString()}` : '';
  return `${e.sourceId.padEnd(24)} ${e.state.padEnd(12)} ${timing}${next}`;
}

function statusText(status: CrawlStatus): string {
  const counts = (c: CrawlStatus['queues']['runs']): string =>
    `${c.waiting} waiting, ${c.active} active, ${c.delayed} delayed, ${c.failed} failed, ${c.completed} completed`;
  const lines = [`runs queue:  ${counts(status.queues.runs)}`, `pages queue: ${counts(status.queues.pages)}`];
  for (const s of status.sources) {
    lines.push(`${s.sourceId}:`);
    if (s.activeRun) lines.push(`  in progress  ${runSummaryLine(s.activeRun)}`);
    lines.push(
      s.lastRun
        ? `  last run     ${runSummaryLine(s.lastRun)}${s.lastRun.reason ? ` (${s.lastRun.reason})` : ''}`
        : '  no run yet',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function withContext<T>(
  options: CommonOptions,
  body: (ctx: CrawlContext, sources: CrawlSource[]) => Promise<T>,
): Promise<T> {
  const config = configOrExit(options.config);
  const logger = createLogger({ level: config.log.level }).child({ command: 'crawl' });
  const sources = await sourcesOf(config);
  const ctx = await contextOf(config, sources, logger);
  try {
    return await body(ctx, sources);
  } finally {
    await ctx.close();
  }
}

function checkIds(ids: string[], sources: CrawlSource[]): string[] {
  const known = sources.map((s) => s.id);
  for (const id of ids)
    if (!known.includes(id))
      throw new UsageError(`no source "${id}"; the sources are ${known.join(', ') || '(none)'}`);
  return ids.length > 0 ? ids : known;
}

const PROCESS_HELP = [
  '',
  'Pages go to the sink the crawl.sink setting names: embedded (the index of --data, which this',
  'process locks while it runs) or kafka (the raw topics, for "talent-brain worker").',
  'Politeness (robots.txt, Crawl-delay, minimum delay and concurrency per host) is shared through',
  'Redis by every crawl process. SIGTERM/SIGINT: the pages in flight are finished, the rest stay',
  'queued for the next process.',
].join('\n');

/** Registers `crawl`, `schedule` and `jobs`; `io` lets tests run them in-process and read what they print. */
export function registerCrawl(program: Command, io: Output = processOutput): void {
  const action =
    <A extends unknown[]>(body: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      try {
        process.exitCode = await body(...args);
      } catch (error) {
        process.exitCode = fail(error, io);
      }
    };

  program
    .command('crawl')
    .description(
      'crawl a source of config/sources.yaml now: fetch its pages politely and send them on as records',
    )
    .argument('<source>', 'the id of a source in the crawl.sourcesFile')
    .option(
      '--once',
      'run it in this process and wait until it has finished (without: queue a run for "jobs work")',
    )
    .option('--data <dir>', 'data directory of the embedded sink (default: the data.dir setting)')
    .option('--sink <name>', 'embedded or kafka (default: the crawl.sink setting)')
    .option('--concurrency <n>', 'page jobs at once in this process (default: crawl.concurrency)')
    .option('--metrics-port <port>', 'serve Prometheus metrics at /metrics (default: metrics.port; 0 = off)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the run summary (outcomes, failures, sink counts) as JSON on stdout')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      [
        PROCESS_HELP,
        'A run already in progress for the source (scheduled, or left by an interrupted --once) is',
        'joined, never run twice at once. An unchanged page (304, same content) makes no record.',
        '',
        'Exit codes: 0 every URL fetched or skipped by policy, 1 error (configuration, Redis, lock),',
        '2 some URLs failed (listed: timeouts after retries, 4xx, too large, wrong type, redirect loops),',
        '130 stopped by a signal before the run finished.',
      ].join('\n'),
    )
    .action(
      action((sourceId: string, options: ProcessOptions & { once?: boolean }) =>
        runCrawl(sourceId, options, io),
      ),
    );

  const schedule = program
    .command('schedule')
    .description('the job schedulers of the crawl sources (one per source, in Redis)');
  schedule
    .command('list')
    .description('each source with its schedule, its state in Redis and its next run')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'one JSON array')
    .addHelpText(
      'after',
      '\nStates: synced, not-synced / changed (run "schedule sync"), paused, unscheduled (no schedule or\ndisabled), orphan (a scheduler for a source the file no longer has). Exit codes: 0 ok, 1 error.',
    )
    .action(
      action((options: CommonOptions) =>
        withContext(options, async (ctx, sources) => {
          const { listSchedules } = await load.schedulers();
          const entries = await listSchedules(ctx, sources);
          io.out(options.json ? `${JSON.stringify(entries)}\n` : `${entries.map(scheduleLine).join('\n')}\n`);
          return ExitCode.ok;
        }),
      ),
    );
  schedule
    .command('sync')
    .description('make the schedulers in Redis match the sources file (run it once per deploy)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print what changed as JSON')
    .addHelpText(
      'after',
      '\nAdds, updates and removes schedulers; leaves unchanged ones (and their next run) alone; skips\npaused sources. Safe to run from several processes at once. Exit codes: 0 ok, 1 error.',
    )
    .action(
      action((options: CommonOptions) =>
        withContext(options, async (ctx, sources) => {
          const { syncSchedules } = await load.schedulers();
          const report = await syncSchedules(ctx, sources);
          if (options.json) io.out(`${JSON.stringify(report)}\n`);
          else
            io.err(
              `schedules: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.unchanged.length} unchanged, ${report.skipped.length} without schedule or paused\n`,
            );
          return ExitCode.ok;
        }),
      ),
    );
  for (const verb of ['pause', 'resume'] as const)
    schedule
      .command(verb)
      .description(
        verb === 'pause'
          ? 'stop the scheduled runs of these sources (all when none is named) until resumed'
          : 'schedule these sources again (all when none is named)',
      )
      .argument('[sources...]', 'source ids')
      .option('-c, --config <file>', 'config file (YAML)')
      .option('--json', 'print the sources affected as JSON')
      .addHelpText(
        'after',
        '\nRuns in progress are not affected. Exit codes: 0 ok, 1 error (unknown source, Redis).',
      )
      .action(
        action((ids: string[], options: CommonOptions) =>
          withContext(options, async (ctx, sources) => {
            const chosen = checkIds(ids, sources);
            const { pauseSources, resumeSources } = await load.schedulers();
            if (verb === 'pause') await pauseSources(ctx, chosen);
            else await resumeSources(ctx, sources, chosen);
            if (options.json)
              io.out(`${JSON.stringify({ [verb === 'pause' ? 'paused' : 'resumed']: chosen })}\n`);
            else io.err(`${verb === 'pause' ? 'paused' : 'resumed'}: ${chosen.join(', ')}\n`);
            return ExitCode.ok;
          }),
        ),
      );

  const jobs = program
    .command('jobs')
    .description('the crawl queues: status, and the long-running crawl worker');
  jobs
    .command('status')
    .description('waiting / active / delayed / failed counts per queue, and the last run of each source')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'one JSON object')
    .addHelpText('after', '\nExit codes: 0 ok, 1 error.')
    .action(
      action((options: CommonOptions) =>
        withContext(options, async (ctx, sources) => {
          const { crawlStatus } = await load.status();
          const status = await crawlStatus(ctx, sources);
          io.out(options.json ? `${JSON.stringify(status)}\n` : statusText(status));
          return ExitCode.ok;
        }),
      ),
    );
  jobs
    .command('work')
    .description('run a crawl worker: scheduled and queued runs, page fetches, until SIGTERM')
    .option('--sync', 'sync the schedules with the sources file first (as "schedule sync")')
    .option('--data <dir>', 'data directory of the embedded sink (default: the data.dir setting)')
    .option('--sink <name>', 'embedded or kafka (default: the crawl.sink setting)')
    .option('--concurrency <n>', 'page jobs at once (default: crawl.concurrency)')
    .option('--metrics-port <port>', 'serve Prometheus metrics at /metrics (default: metrics.port; 0 = off)')
    .option('-c, --config <file>', 'config file (YAML)')
    .addHelpText(
      'after',
      `${PROCESS_HELP}\n\nRun several on several machines (kafka sink). Exit codes: 0 stopped cleanly, 1 error.`,
    )
    .action(
      action(async (options: ProcessOptions & { sync?: boolean }) => {
        const config = configOrExit(options.config);
        const logger = createLogger({ level: config.log.level }).child({ command: 'jobs-work' });
        const sources = await sourcesOf(config);
        const proc = await processOf(config, sources, logger, options, true);
        const { syncSchedules } = await load.schedulers();
        if (options.sync)
          logger.info({ ...(await syncSchedules(proc.ctx, sources)) }, 'crawl.schedules.synced');
        logger.info(
          { sink: proc.sink.name, metrics: proc.metricsUrl, sources: sources.length },
          'crawl.worker.started',
        );
        // The jobs in flight finish; the rest stay queued for another crawl worker.
        const lifecycle = new Lifecycle(logger, Infinity);
        lifecycle.own('crawl process', () => proc.close());
        const code = await new Promise<number>((closed) => lifecycle.handleSignals(closed));
        logger.info('crawl.worker.stopped');
        return code === 0 ? ExitCode.ok : ExitCode.failure;
      }),
    );
}
