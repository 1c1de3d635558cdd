import type { Command } from 'commander';
import { rescoreAll } from '../../ingest/rescore.js';
import { openBackend } from '../../indexer/open-backend.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';

interface MaintenanceOptions {
  backend?: string;
  data?: string;
  config?: string;
  json?: boolean;
}

export function backendOf(
  value: string | undefined,
  fallback: 'embedded' | 'elasticsearch',
): 'embedded' | 'elasticsearch' {
  if (value === undefined) return fallback;
  if (value === 'embedded' || value === 'elasticsearch') return value;
  process.stderr.write(`talent-brain: --backend takes embedded or elasticsearch, not "${value}"\n`);
  process.exit(ExitCode.failure);
}

/** `rescore` and `reindex`: keep an index in step with a changed configuration or mapping. */
export function registerMaintenance(program: Command): void {
  program
    .command('rescore')
    .description(
      'rebuild every profile from the stored mentions with the current industries, weights and skills',
    )
    .option('--backend <name>', 'embedded or elasticsearch (default: the index.backend setting)')
    .option('--data <dir>', 'data directory of the embedded backend (default: the data.dir setting)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nNo document is read or parsed again: profiles are rebuilt from the mention store.\nStop the workers (or ingest) first on the embedded backend; it takes the data-directory lock.\nExit codes: 0 ok, 1 error.',
    )
    .action(async (options: MaintenanceOptions) => {
      const config = configOrExit(options.config);
      const backendName = backendOf(options.backend, config.index.backend);
      const dataDir = dataDirOf(options.data, config);
      const backend = await openBackend(config, {
        dataDir,
        backend: backendName,
        mode: 'write',
        command: 'rescore',
      });
      try {
        const summary = await rescoreAll({
          index: backend.index,
          state: backend.state,
          factory: ProfileFactory.fromConfig(config),
        });
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          process.stderr.write(
            `rescored ${summary.mentions} mentions → ${summary.profilesWritten} profiles written, ${summary.profilesRemoved} removed; ${summary.profiles} profiles in ${summary.seconds.toFixed(1)} s\n`,
          );
      } finally {
        await backend.close();
      }
    });

  program
    .command('reindex')
    .description(
      'Elasticsearch: build a new profiles index from the current template, copy, and swap the alias with no downtime',
    )
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nThe copy is client-side (point-in-time + bulk), so it needs no _reindex on the cluster; the old\nindex is write-blocked during the copy and dropped after the swap. The embedded index migrates\nits schema by itself when opened. Exit codes: 0 ok, 1 error.',
    )
    .action(async (options: MaintenanceOptions) => {
      const config = configOrExit(options.config);
      const { reindexProfiles } = await import('../../indexer/elasticsearch/index.js');
      const result = await reindexProfiles({
        url: config.elasticsearch.url,
        prefix: config.elasticsearch.prefix,
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else
        process.stderr.write(
          `${result.alias}: ${result.documents} profiles copied ${result.from} → ${result.to} in ${result.seconds.toFixed(1)} s\n`,
        );
    });
}
