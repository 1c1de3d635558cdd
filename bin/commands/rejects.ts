import type { Command } from 'commander';
import { readRejects, rejectsPath, type RejectEntry } from '../../ingest/embedded/rejects-file.js';
import { retryRejects } from '../../ingest/embedded/retry-rejects.js';
import { DataDirLockedError } from '../../ingest/embedded/data-dir-lock.js';
import { StorageError } from '../../ingest/embedded/storage-error.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { summaryLine } from './ingest.js';

interface RejectsCliOptions {
  data?: string;
  config?: string;
  reason?: string;
  limit: string;
  retry?: boolean;
  json?: boolean;
}

/** Where the record came from, in one short label. */
function originLabel(entry: RejectEntry): string {
  const o = entry.origin;
  const base =
    o.file ?? o.uri ?? (o.topic !== undefined ? `${o.topic}[${o.partition ?? '?'}]@${o.offset ?? '?'}` : '?');
  return o.documentIndex === undefined ? base : `${base} #${o.documentIndex}`;
}

/** An entry without its bytes: what a listing shows (the bytes stay in the file). */
function listed(entry: RejectEntry): Omit<RejectEntry, 'bodyBase64'> & { bytes: number } {
  const { bodyBase64, ...rest } = entry;
  return { ...rest, bytes: Buffer.byteLength(bodyBase64, 'base64') };
}

export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('list the records the ingest rejected (the embedded dead-letter file), or retry them')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option(
      '--reason <codes>',
      'only these reason codes, comma-separated (e.g. malformed-xml,unknown-format)',
    )
    .option('--limit <n>', 'entries to list (0 = all)', '50')
    .option(
      '--retry',
      'run the rejected records through the pipeline again; those that pass are indexed and removed',
    )
    .option('--json', 'JSON on stdout: one entry per line without its bytes (with --retry: the summary)')
    .addHelpText(
      'after',
      [
        '',
        'Each line of <data>/rejects.jsonl holds the original record (base64), its source, origin,',
        'fetch time and checksum, and the reason: code, message and location.',
        'Exit codes: 0 ok (with --retry: every retried record passed), 1 error, 2 records still rejected.',
      ].join('\n'),
    )
    .action(async (options: RejectsCliOptions) => {
      const config = configOrExit(options.config);
      const dataDir = dataDirOf(options.data, config);
      const reasons = options.reason
        ?.split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      if (options.retry) {
        try {
          const s = await retryRejects({ dataDir, config, ...(reasons ? { reasons } : {}) });
          if (options.json) process.stdout.write(`${JSON.stringify(s)}\n`);
          else
            process.stderr.write(
              `retried ${s.retried}: ${s.recovered} recovered, ${s.remaining} still in ${rejectsPath(dataDir)}\n${summaryLine(s)}\n`,
            );
          process.exitCode = s.rejected > 0 ? ExitCode.rejected : ExitCode.ok;
        } catch (error) {
          if (error instanceof StorageError || error instanceof DataDirLockedError) {
            process.stderr.write(`talent-brain: ${error.message}\n`);
            process.exitCode = ExitCode.failure;
            return;
          }
          throw error;
        }
        return;
      }
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 0) {
        process.stderr.write(`talent-brain: --limit must be a whole number ≥ 0, not "${options.limit}"\n`);
        process.exit(ExitCode.failure);
      }
      const byReason = new Map<string, number>();
      let total = 0;
      let shown = 0;
      const badLines: number[] = [];
      for await (const entry of readRejects(rejectsPath(dataDir), (line) => badLines.push(line))) {
        if (reasons?.length && !reasons.includes(entry.reason.code)) continue;
        total++;
        byReason.set(entry.reason.code, (byReason.get(entry.reason.code) ?? 0) + 1);
        if (limit !== 0 && shown >= limit) continue;
        shown++;
        if (options.json) process.stdout.write(`${JSON.stringify(listed(entry))}\n`);
        else
          process.stdout.write(
            `${entry.reason.code}  ${originLabel(entry)}\n    ${entry.reason.message}${entry.reason.location ? ` (at ${entry.reason.location})` : ''}\n    ${entry.id} · ${entry.format ? `${entry.sourceKind}/${entry.format}` : 'format unknown'} · rejected ${entry.rejectedAt}\n`,
          );
      }
      const counts = [...byReason].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`);
      process.stderr.write(
        total === 0
          ? `no rejected records in ${rejectsPath(dataDir)}\n`
          : `${total} rejected records (${counts.join(', ')})${shown < total ? `; ${shown} shown, --limit 0 for all` : ''}; "talent-brain rejects --retry" runs them again\n`,
      );
      if (badLines.length > 0)
        process.stderr.write(`lines that could not be read: ${badLines.slice(0, 10).join(', ')}\n`);
    });
}
