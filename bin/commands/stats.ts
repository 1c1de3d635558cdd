import type { Command } from 'commander';
import { rejectsSummary } from '../../ingest/embedded/rejects-file.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf, openIndexForQuery } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { processOutput, type Output } from '../format/output.js';
import { formatStats, type DataDirStats } from '../format/stats.js';

export interface StatsCliOptions {
  data?: string;
  config?: string;
  json?: boolean;
}

/** `talent-brain stats`, without the process around it: returns the exit code. */
export async function runStats(options: StatsCliOptions, io: Output = processOutput): Promise<number> {
  const config = configOrExit(options.config);
  const dataDir = dataDirOf(options.data, config);
  const index = openIndexForQuery(dataDir);
  let stats: DataDirStats;
  try {
    stats = { ...(await index.stats()), rejects: await rejectsSummary(dataDir), dataDir };
  } finally {
    await index.close();
  }
  io.out(options.json ? `${JSON.stringify(stats)}\n` : formatStats(stats));
  return ExitCode.ok;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('what the index of a data directory holds: profiles, evidence per source, rejects, size')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option(
      '--json',
      'one JSON object: profiles, evidence, evidenceBySource, rejects {total, byReason}, sizeBytes, schemaVersion, dataDir',
    )
    .addHelpText(
      'after',
      '\nThe size counts the SQLite file and its write-ahead log.\nExit codes: 0 ok, 1 error (no index in the data directory, bad config).',
    )
    .action(async (options: StatsCliOptions) => {
      process.exitCode = await runStats(options);
    });
}
