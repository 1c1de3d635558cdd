import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatNames, type FormatName } from '../../lib/envelope.js';
import { ConfigError } from '../../lib/errors.js';
import { createLogger } from '../../lib/logger.js';
import { expandPaths, readInputs } from '../../ingest/files/read-inputs.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { ProfileFactory, processRecord } from '../../processors/pipeline.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { configOrExit } from '../cli-config.js';
import { ExitCode } from '../exit-codes.js';
import { createProgress } from '../progress.js';

export interface ParseSummary {
  records: number;
  parsed: number;
  skipped: number;
  rejected: number;
  mentions: number;
  profiles: number;
  seconds: number;
  byFormat: Record<string, number>;
  rejections: Array<{ input: string; code: string; message: string }>;
}

interface ParseOptions {
  format?: string;
  json?: boolean;
  encoding?: string;
  merge: boolean;
  config?: string;
  progress: boolean;
  /** Print only the best N profiles (the demo). */
  top?: number;
  /** Summarise rejections by reason instead of one line each (the demo). */
  groupRejections?: boolean;
}

async function totalBytes(paths: string[]): Promise<number> {
  let total = 0;
  for await (const { path, error } of expandPaths(paths)) {
    if (error || path === '-') continue;
    total += (await stat(path)).size;
  }
  return total;
}

function inputLabel(origin: { file?: string; uri?: string; documentIndex?: number }): string {
  const base = origin.file ?? origin.uri ?? '?';
  return origin.documentIndex === undefined ? base : `${base}#${origin.documentIndex}`;
}

function formatProfileLine(p: TalentProfile): string {
  const industries =
    p.topIndustries
      .slice(0, 3)
      .map((i) => `${i.industry} ${i.score}`)
      .join(' · ') || 'no industry match';
  const org = p.affiliations.find((a) => a.current) ?? p.affiliations[0];
  const where = org ? ` — ${org.title ? `${org.title}, ` : ''}${org.organization}` : '';
  return `${p.displayName}${where}\n  tier ${p.tier} · ${industries}\n  ${p.reason}\n  id ${p.id} · ${p.evidence.length} source${p.evidence.length === 1 ? '' : 's'}`;
}

/** `talent-brain parse`: parse → normalize → score, without an index. */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse documents into scored talent profiles (no index); formats are detected from content')
    .argument('<inputs...>', 'files, directories (recursive) or - for stdin')
    .option('-f, --format <name>', `treat every input as this format: ${formatNames.join(', ')}`)
    .option('--encoding <charset>', 'character set of inputs that do not declare one (e.g. gbk)')
    .option('--json', 'print one profile per line as JSON (NDJSON) and a JSON summary on stderr')
    .option(
      '--no-merge',
      "emit each record's people as soon as it is parsed (constant memory; no cross-document merging)",
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .option('-c, --config <file>', 'config file (YAML); default talent-brain.yaml if present')
    .addHelpText(
      'after',
      '\nExit codes: 0 every input parsed, 2 at least one input rejected (reasons on stderr), 1 error.\nExamples:\n  talent-brain parse ../shared/corpus/uspto-grant\n  talent-brain parse --json resume.json | jq .displayName\n  cat resume.txt | talent-brain parse --format zh-resume-text --encoding gbk -',
    )
    .action(async (inputs: string[], options: ParseOptions) => {
      const code = await runParse(inputs, options);
      process.exitCode = code;
    });
}

async function runParse(inputs: string[], options: ParseOptions): Promise<number> {
  if (options.format !== undefined && !(formatNames as readonly string[]).includes(options.format)) {
    process.stderr.write(
      `talent-brain parse: unknown --format "${options.format}"; choose one of ${formatNames.join(', ')}\n`,
    );
    return ExitCode.failure;
  }
  const config = configOrExit(options.config);
  let factory: ProfileFactory;
  try {
    factory = ProfileFactory.fromConfig(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`talent-brain: configuration error: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  // Structured logs go to stderr at the configured level; per-record events are debug, so the
  // default (info) keeps the human summary readable. TALENT_LOG_LEVEL=debug shows them.
  const logger = createLogger({ level: config.log.level }).child({ command: 'parse' });
  const started = process.hrtime.bigint();
  const summary: ParseSummary = {
    records: 0,
    parsed: 0,
    skipped: 0,
    rejected: 0,
    mentions: 0,
    profiles: 0,
    seconds: 0,
    byFormat: {},
    rejections: [],
  };
  const progress = createProgress(options.progress ? await totalBytes(inputs) : 0);
  const records: ParsedRecord[] = [];
  const out = (profile: TalentProfile): void => {
    summary.profiles++;
    process.stdout.write(options.json ? `${JSON.stringify(profile)}\n` : `${formatProfileLine(profile)}\n\n`);
  };
  const reject = (input: string, code: string, message: string): void => {
    summary.rejected++;
    summary.rejections.push({ input, code, message });
    logger.debug({ input, code, reason: message }, 'record.rejected');
    if (!options.json && !options.groupRejections)
      process.stderr.write(`rejected ${input}: ${code}: ${message}\n`);
  };

  let bytes = 0;
  const readOptions = {
    maxDocumentBytes: config.processors.maxDocumentBytes,
    archives: config.archives,
    ...(options.format !== undefined ? { format: options.format as FormatName } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
  };
  for await (const item of readInputs(inputs, readOptions)) {
    summary.records++;
    bytes += item.bytesRead;
    progress.update(bytes, summary.records);
    const label = inputLabel(item.envelope.origin);
    if (item.kind === 'rejected') {
      reject(label, item.error.code, item.error.message);
      continue;
    }
    const outcome = processRecord(item.envelope, { maxDocumentBytes: config.processors.maxDocumentBytes });
    if (outcome.status === 'rejected') {
      reject(label, outcome.error.code, outcome.error.message);
      continue;
    }
    if (outcome.status === 'skipped') {
      summary.skipped++;
      continue;
    }
    summary.parsed++;
    summary.byFormat[outcome.format ?? 'unknown'] = (summary.byFormat[outcome.format ?? 'unknown'] ?? 0) + 1;
    summary.mentions += outcome.mentions.length;
    const record: ParsedRecord = {
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    };
    if (options.merge) records.push(record);
    else for (const profile of factory.profiles([record])) out(profile);
  }
  progress.stop();
  if (options.merge) {
    const profiles = factory
      .profiles(records)
      .sort((a, b) => b.priorityScore - a.priorityScore || a.displayName.localeCompare(b.displayName));
    for (const profile of options.top === undefined ? profiles : profiles.slice(0, options.top)) out(profile);
    summary.profiles = profiles.length;
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  logger.debug(
    {
      records: summary.records,
      parsed: summary.parsed,
      rejected: summary.rejected,
      seconds: summary.seconds,
    },
    'parse.finished',
  );
  if (options.groupRejections && summary.rejected > 0) {
    const counts = new Map<string, number>();
    for (const r of summary.rejections) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
    process.stderr.write(
      `rejected by reason: ${[...counts].map(([code, n]) => `${code} ${n}`).join(', ')} (run "parse" on the same inputs to see each one)\n`,
    );
  }
  if (options.json) process.stderr.write(`${JSON.stringify(summary)}\n`);
  else
    process.stderr.write(
      `${summary.records} records: ${summary.parsed} parsed, ${summary.skipped} skipped, ${summary.rejected} rejected → ${summary.mentions} mentions, ${summary.profiles} profiles in ${summary.seconds.toFixed(2)} s\n`,
    );
  return summary.rejected > 0 ? ExitCode.rejected : ExitCode.ok;
}
