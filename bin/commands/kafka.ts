import type { Command } from 'commander';
import { formatNames, type FormatName } from '../../lib/envelope.js';
import { Lifecycle } from '../../lib/lifecycle.js';
import { createLogger } from '../../lib/logger.js';
import { createMetricsRegistry, startMetricsServer } from '../../lib/metrics.js';
import { listDeadLetters, replayDeadLetters } from '../../ingest/kafka/dlq-tools.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { isUnavailable } from '../../ingest/kafka/chunk-consumer.js';
import { startWorker, type Worker } from '../../ingest/kafka/worker.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { backoffDelayMs, retryDefaults } from '../../lib/retry.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { backendOf } from './maintenance.js';
import type { Config } from '../../config/load.js';
import type { Logger } from '../../lib/logger.js';
import { STAGES, startStagedWorker } from '../../ingest/kafka/stages/staged-worker.js';

interface CommonOptions {
  config?: string;
  json?: boolean;
}

/** `publish`, `worker` and `dlq`: the distributed path (Kafka topics → workers → the index). */
export function registerKafka(program: Command): void {
  program
    .command('publish')
    .description(
      'read files into record envelopes and produce them to the Kafka raw topics (one per source kind)',
    )
    .argument('<inputs...>', 'files, directories or - for standard input')
    .option('--format <format>', `skip detection: ${formatNames.join(', ')}`)
    .option('--encoding <charset>', 'character set of text inputs without a declaration (e.g. gbk)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the summary as JSON on stdout')
    .addHelpText(
      'after',
      '\nKey = the record id, value = the versioned envelope JSON; idempotent producer, gzip.\nInputs that cannot become records go to the dead-letter topic (stage "read").\nExit codes: 0 ok, 1 error, 2 some inputs dead-lettered.',
    )
    .action(async (inputs: string[], options: CommonOptions & { format?: string; encoding?: string }) => {
      const config = configOrExit(options.config);
      const logger = createLogger({ level: config.log.level }).child({ command: 'publish' });
      const summary = await publishInputs({
        inputs,
        config,
        logger,
        ...(options.format ? { format: options.format as FormatName } : {}),
        ...(options.encoding ? { encoding: options.encoding } : {}),
      });
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stderr.write(
          `${summary.records} records published (${Object.entries(summary.byTopic)
            .map(([t, n]) => `${t} ${n}`)
            .join(
              ', ',
            )}) in ${summary.seconds.toFixed(1)} s${summary.deadLettered ? `; ${summary.deadLettered} dead-lettered` : ''}\n`,
        );
      process.exitCode = summary.deadLettered > 0 ? ExitCode.rejected : ExitCode.ok;
    });

  program
    .command('worker')
    .description('consume the raw topics as a consumer group member: parse, merge, score and write the index')
    .option(
      '--backend <name>',
      'embedded (SQLite in --data) or elasticsearch (default: the index.backend setting)',
    )
    .option('--data <dir>', 'data directory of the embedded backend (default: the data.dir setting)')
    .option('--chunk <messages>', 'messages per index commit and offset commit', '500')
    .option(
      '--stage <stage>',
      'run the staged pipeline instead (Elasticsearch): parse, resolve, or all (both in this process)',
    )
    .option('--json', "with --stage: print the stages' statistics as JSON on stdout when stopped")
    .option('-c, --config <file>', 'config file (YAML)')
    .addHelpText(
      'after',
      `\nOffsets are committed only after the index has every record up to them; a record that cannot be\nprocessed or indexed goes to the dead-letter topic. SIGTERM/SIGINT: finish the chunk in flight,\ncommit, leave the group. Exit codes: 0 stopped cleanly, 1 error.\n\n${STAGE_HELP}`,
    )
    .action(
      async (options: CommonOptions & { backend?: string; data?: string; chunk: string; stage?: string }) => {
        const config = configOrExit(options.config);
        const logger = createLogger({ level: config.log.level }).child({ command: 'worker' });
        const backendName = backendOf(options.backend, config.index.backend);
        const chunkMessages = Number(options.chunk);
        if (!Number.isInteger(chunkMessages) || chunkMessages < 1) {
          process.stderr.write(
            `talent-brain worker: --chunk must be a positive whole number, not "${options.chunk}"\n`,
          );
          process.exit(ExitCode.failure);
        }
        if (options.stage !== undefined) {
          await runStages(config, logger, options.stage, chunkMessages, options.json === true);
          return;
        }
        const dataDir = dataDirOf(options.data, config);
        // Signals are handled from the start: a stop while waiting for the index or joining the
        // group is still clean. No time limit: the chunk in flight finishes (or waits for the index).
        const lifecycle = new Lifecycle(logger, Infinity);
        const live: { worker?: Worker } = {};
        lifecycle.handleSignals((code) => {
          logger.info({ ...live.worker?.stats }, 'worker.stopped');
          process.exit(code);
        });
        // A worker started while the index is down waits for it, as a running worker pauses: a
        // supervisor restarting workers during an outage must not get a crash loop.
        let backend: Backend | undefined;
        for (let attempt = 1; backend === undefined; attempt++) {
          try {
            // Write mode: the embedded index has one writer per data directory, whatever writes it.
            backend = await openBackend(config, {
              dataDir,
              backend: backendName,
              mode: 'write',
              command: 'worker',
            });
          } catch (error) {
            if (!isUnavailable(error)) throw error;
            const delayMs = backoffDelayMs(attempt, error, { ...retryDefaults, maxDelayMs: 30_000 });
            logger.warn(
              { attempt, delayMs, err: (error as Error).message },
              'worker.index.unavailable; waiting',
            );
            await new Promise((wake) => setTimeout(wake, delayMs));
          }
        }
        const opened = backend;
        lifecycle.own('index', () => opened.close());
        if (lifecycle.stopping) return;
        const registry = createMetricsRegistry({ process: 'worker' });
        const started = await startWorker({
          config,
          logger,
          metrics: registry,
          index: backend.index,
          state: backend.state,
          chunkMessages,
          // The embedded index has one writer (the data-dir lock); Elasticsearch may have many.
          concurrentWriters: backend.name === 'elasticsearch',
        });
        live.worker = started;
        lifecycle.own('worker', () => started.stop());
        if (lifecycle.stopping) await started.stop();
        if (config.metrics.port > 0) {
          const server = await startMetricsServer(registry, {
            port: config.metrics.port,
            host: config.metrics.host,
          });
          logger.info({ url: server.url }, 'worker.metrics.serving');
        }
        logger.info({ backend: backend.name, group: config.kafka.groupId }, 'worker.started');
        const report = setInterval(() => logger.info({ ...started.stats }, 'worker.stats'), 10_000).unref();
        lifecycle.own('stats report', () => clearInterval(report));
      },
    );

  const dlq = program
    .command('dlq')
    .description('the dead-letter topic: list or replay what could not be processed');
  dlq
    .command('list')
    .description('print the dead letters (stage, reason, source topic/partition/offset)')
    .option('--limit <n>', 'at most this many (0 = all)', '50')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'one JSON object per line (without the bytes)')
    .action(async (options: CommonOptions & { limit: string }) => {
      const config = configOrExit(options.config);
      const logger = createLogger({ level: config.log.level }).child({ command: 'dlq' });
      const letters = await listDeadLetters({ config, logger });
      const limit = Number(options.limit) || letters.length;
      for (const { valueBase64, ...letter } of letters.slice(0, limit))
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ ...letter, bytes: Buffer.byteLength(valueBase64, 'base64') })}\n`
            : `${letter.stage}  ${letter.reason.code}  ${letter.source.topic ?? letter.source.file ?? '?'}${letter.source.offset !== undefined ? `[${letter.source.partition}]@${letter.source.offset}` : ''}\n    ${letter.reason.message}\n`,
        );
      process.stderr.write(`${letters.length} dead letters\n`);
    });
  dlq
    .command('replay')
    .description(
      'send dead letters back to their source topic (after a fix); decode/read failures are skipped',
    )
    .option('--stage <stages>', 'only these stages (parse,index)')
    .option('--reason <codes>', 'only these reason codes')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the summary as JSON')
    .action(async (options: CommonOptions & { stage?: string; reason?: string }) => {
      const config = configOrExit(options.config);
      const logger = createLogger({ level: config.log.level }).child({ command: 'dlq' });
      const summary = await replayDeadLetters({
        config,
        logger,
        ...(options.stage ? { stages: options.stage.split(',') } : {}),
        ...(options.reason ? { reasons: options.reason.split(',') } : {}),
      });
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stderr.write(`${summary.replayed} replayed, ${summary.skipped} skipped\n`);
    });
}

const STAGE_HELP = `Stages (--stage; docs/distributed.md):
  parse    reads <prefix>.raw.* and <prefix>.erasure (group <group>.parse); writes <prefix>.mentions (keyed by owner)
           and <prefix>.dlq
  resolve  reads <prefix>.mentions (group <group>.resolve), <prefix>.bridges (group <group>.registry) and, to restore
           its stores, <prefix>.resolve-changelog; writes the profiles index, <prefix>.resolve-changelog,
           <prefix>.bridges, <prefix>.mentions (parts joined across owners) and <prefix>.dlq
  all      both, in this process`;

/** `worker --stage`: the staged pipeline's members, until SIGTERM/SIGINT. */
async function runStages(
  config: Readonly<Config>,
  logger: Logger,
  stage: string,
  chunkMessages: number,
  json: boolean,
): Promise<void> {
  const stages = stage === 'all' ? STAGES : STAGES.filter((s) => s === stage);
  if (stages.length === 0) {
    process.stderr.write(`talent-brain worker: --stage must be parse, resolve or all, not "${stage}"\n`);
    process.exit(ExitCode.failure);
  }
  const backend = await openBackend(config, { dataDir: '', backend: 'elasticsearch' });
  const registry = config.metrics.port > 0 ? createMetricsRegistry({ process: 'worker' }) : undefined;
  const worker = await startStagedWorker({
    config,
    logger,
    index: backend.index,
    erasedKeys: (keys) => backend.state.erasedKeys(keys),
    stages,
    chunkMessages,
    ...(registry ? { metrics: registry } : {}),
  });
  logger.info({ stages, groups: worker.groups }, 'worker.started');
  const report = setInterval(
    () => logger.info({ parse: worker.parse, resolve: worker.resolve }, 'worker.stats'),
    10_000,
  ).unref();
  const lifecycle = new Lifecycle(logger, Infinity);
  lifecycle.own('index', () => backend.close());
  lifecycle.own('stages', () => worker.stop());
  lifecycle.own('stats report', () => clearInterval(report));
  if (registry) {
    const server = await startMetricsServer(registry, {
      port: config.metrics.port,
      host: config.metrics.host,
    });
    lifecycle.own('metrics', () => server.close());
    logger.info({ url: server.url }, 'worker.metrics.serving');
  }
  lifecycle.handleSignals((code) => {
    const stats = { parse: worker.parse, resolve: worker.resolve };
    if (json) process.stdout.write(`${JSON.stringify(stats)}\n`);
    logger.info(stats, 'worker.stopped');
    process.exit(code);
  });
}
