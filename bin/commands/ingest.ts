import type { Command } from 'commander';
import { formatNames, type FormatName } from '../../lib/envelope.js';
import { abortOnSignals } from '../../lib/lifecycle.js';
import { createLogger } from '../../lib/logger.js';
import { DataDirLockedError } from '../../ingest/embedded/data-dir-lock.js';
import { runIngest, type IngestSummary } from '../../ingest/embedded/run-ingest.js';
import { StorageError } from '../../ingest/embedded/storage-error.js';
import { IndexSchemaError } from '../../indexer/embedded/index.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { backendOf } from './maintenance.js';
import { createProgress, type Progress } from '../progress.js';

interface IngestCliOptions {
  backend?: string;
  data?: string;
  config?: string;
  format?: string;
  encoding?: string;
  batch: string;
  wait?: string | true;
  rescan?: boolean;
  json?: boolean;
  progress: boolean;
}

function positiveInt(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`talent-brain: ${option} must be a positive whole number, not "${text}"\n`);
    process.exit(ExitCode.failure);
  }
  return n;
}

export function summaryLine(s: IngestSummary): string {
  const parts = [
    `${s.ingested} ingested`,
    `${s.merged} merged`,
    `${s.rejected} rejected`,
    ...(s.unchanged ? [`${s.unchanged} unchanged`] : []),
    ...(s.changed ? [`${s.changed} changed`] : []),
    ...(s.skipped ? [`${s.skipped} without people`] : []),
    ...(s.inputsSkipped ? [`${s.inputsSkipped} finished files skipped`] : []),
  ];
  const rate = s.seconds > 0 ? Math.round(s.records / s.seconds) : s.records;
  const where = s.backend === 'elasticsearch' ? 'Elasticsearch' : s.dataDir;
  return `${s.records} records: ${parts.join(', ')} → ${s.profiles} profiles in ${where} (${s.seconds.toFixed(1)} s, ${rate} records/s)`;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'read résumés, patents, filings and profile pages into the index (embedded or Elasticsearch); resumable: rerun the same command after a crash',
    )
    .argument('<inputs...>', 'files, directories (read recursively) or - for standard input')
    .option(
      '--backend <name>',
      'embedded (SQLite in --data) or elasticsearch (default: the index.backend setting)',
    )
    .option(
      '--data <dir>',
      'data directory: the embedded index and the rejects file (default: the data.dir setting, ./data)',
    )
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--format <format>', `skip detection: ${formatNames.join(', ')}`)
    .option('--encoding <charset>', 'character set of text inputs without a declaration (e.g. gbk)')
    .option('--batch <records>', 'records per transaction', '2000')
    .option('--wait [seconds]', 'wait for another ingest on the same data directory instead of refusing')
    .option(
      '--rescan',
      'read files that an earlier run finished again (committed records still count as unchanged)',
    )
    .option('--json', 'print the summary as JSON on stdout')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      [
        '',
        'Every batch commits in one transaction with the ids and checksums of its records; a rerun',
        'skips committed records and finished files, so after a crash or kill the same command',
        'finishes the job with nothing lost and nothing duplicated. SIGTERM/SIGINT stop cleanly',
        'after the batch in flight.',
        'Rejected records go to <data>/rejects.jsonl (see "talent-brain rejects").',
        '',
        'Exit codes: 0 ok, 1 error (nothing of the failed batch is committed), 2 some records rejected,',
        '130 stopped by a signal (rerun to continue).',
      ].join('\n'),
    )
    .action(async (inputs: string[], options: IngestCliOptions) => {
      const config = configOrExit(options.config);
      const logger = createLogger({ level: config.log.level }).child({ command: 'ingest' });
      if (options.format !== undefined && !(formatNames as readonly string[]).includes(options.format)) {
        process.stderr.write(
          `talent-brain: unknown --format "${options.format}"; use one of ${formatNames.join(', ')}\n`,
        );
        process.exit(ExitCode.failure);
      }
      const backend = backendOf(options.backend, config.index.backend);
      const dataDir = dataDirOf(options.data, config);
      const batchRecords = positiveInt(options.batch, '--batch');
      const waitSeconds =
        options.wait === undefined ? 0 : options.wait === true ? 3600 : positiveInt(options.wait, '--wait');
      const stop = abortOnSignals(logger, 'ingest.stopping');

      // Created at the first progress report, which carries the total size of the inputs.
      let bar: Progress | undefined;
      const showBar = options.progress && !options.json && process.stderr.isTTY === true;
      try {
        const summary = await runIngest({
          inputs,
          dataDir,
          config,
          backend,
          logger,
          batchRecords,
          waitForLockMs: waitSeconds * 1000,
          signal: stop.signal,
          ...(options.format ? { format: options.format as FormatName } : {}),
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(options.rescan ? { rescan: true } : {}),
          onProgress: (p) => {
            bar ??= createProgress(p.totalBytes, showBar);
            bar.update(p.bytesRead, p.records);
          },
          onCommit: (b) =>
            logger.debug({ records: b.records, total: b.totalRecords }, 'ingest.batch.committed'),
        });
        bar?.stop();
        logger.debug({ ...summary }, 'ingest.finished');
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stderr.write(`${summaryLine(summary)}\n`);
          if (summary.rejected > 0)
            process.stderr.write(
              `rejected records are in ${dataDir}/rejects.jsonl: "talent-brain rejects --data ${dataDir}" lists them\n`,
            );
          if (summary.stopped)
            process.stderr.write('stopped before the end; rerun the same command to continue\n');
        }
        process.exitCode = summary.stopped
          ? ExitCode.interrupted
          : summary.rejected > 0
            ? ExitCode.rejected
            : ExitCode.ok;
      } catch (error) {
        bar?.stop();
        if (
          error instanceof StorageError ||
          error instanceof DataDirLockedError ||
          error instanceof IndexSchemaError
        ) {
          process.stderr.write(`talent-brain: ${error.message}\n`);
          process.exitCode = ExitCode.failure;
          return;
        }
        throw error;
      } finally {
        stop.dispose();
      }
    });
}
