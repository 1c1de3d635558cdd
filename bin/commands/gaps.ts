import type { Command } from 'commander';
import { computeGaps, GAP_DIMENSIONS, type GapDimension, type GapRow } from '../../api/gaps/compute-gaps.js';
import { loadDemand } from '../../config/demand.js';
import { loadIndustries } from '../../config/industries.js';
import { resolveConfigPath } from '../../config/load.js';
import { ConfigError } from '../../lib/errors.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf, openIndexForQuery } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { listOption, processOutput, UsageError, type Output } from '../format/output.js';

export interface GapsCliOptions {
  data?: string;
  config?: string;
  demand?: string;
  by?: string[];
  minScore?: string;
  scope: string;
  json?: boolean;
}

export interface GapsReport {
  by: GapDimension[];
  minScore: number;
  /** `local`: supply located in the targets' regions; `all`: every profile, wherever located. */
  scope: 'local' | 'all';
  regions: string[];
  rows: GapRow[];
}

function parseBy(values: string[] | undefined): GapDimension[] {
  const asked = listOption(values ?? ['industry,tier']);
  const unknown = asked.filter((v) => !(GAP_DIMENSIONS as readonly string[]).includes(v));
  if (unknown.length > 0)
    throw new UsageError(`--by takes ${GAP_DIMENSIONS.join(', ')}, not ${unknown.join(', ')}`);
  const by = GAP_DIMENSIONS.filter((d) => asked.includes(d));
  return by.includes('industry') ? by : ['industry', ...by];
}

function percent(coverage: number | null): string {
  return coverage === null ? '—' : `${Math.round(coverage * 100)}%`;
}

function formatGaps(report: GapsReport, names: Map<string, string>): string {
  const header = [
    'industry',
    ...(report.by.includes('tier') ? ['tier'] : []),
    ...(report.by.includes('region') ? ['region'] : []),
    'demand',
    'supply',
    'gap',
    'coverage',
  ];
  const lines = report.rows.map((r) => [
    names.get(r.industry) ?? r.industry,
    ...(report.by.includes('tier') ? [r.tier ?? 'any'] : []),
    ...(report.by.includes('region') ? [r.region ?? '—'] : []),
    String(r.demand),
    String(r.supply),
    String(r.gap),
    percent(r.coverage),
  ]);
  // Width by code points; CJK names make the first column a little ragged, which is acceptable.
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => [...(l[i] ?? '')].length)));
  const pad = (cells: string[]): string =>
    cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length))).join('  ');
  return [
    `Talent gaps (supply: score ≥ ${report.minScore} in the industry; ${report.scope === 'local' ? `located in ${report.regions.join(', ')}` : 'wherever located'}), largest first:`,
    pad(header),
    ...lines.map(pad),
    '',
  ].join('\n');
}

/** `talent-brain gaps`, without the process around it: returns the exit code. */
export async function runGaps(options: GapsCliOptions, io: Output = processOutput): Promise<number> {
  const config = configOrExit(options.config);
  let by: GapDimension[];
  let scope: 'local' | 'all';
  const industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
  let demand;
  try {
    by = parseBy(options.by);
    if (options.scope !== 'local' && options.scope !== 'all')
      throw new UsageError(`--scope takes local or all, not "${options.scope}"`);
    scope = options.scope;
    demand = loadDemand(
      resolveConfigPath(options.demand ?? config.analysis.demandFile),
      industries.map((i) => i.id),
    );
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`talent-brain gaps: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  const minScore = options.minScore !== undefined ? Number(options.minScore) : demand.minScore;
  if (!Number.isFinite(minScore) || minScore < 0 || minScore > 100) {
    io.err(`talent-brain gaps: --min-score must be a number from 0 to 100, not "${options.minScore}"\n`);
    return ExitCode.failure;
  }
  const regions = [...new Set(demand.targets.map((t) => t.region))].sort();
  const index = openIndexForQuery(dataDirOf(options.data, config));
  let rows: GapRow[];
  try {
    // Supply is always read by region: the local scope keeps the targets' regions only.
    const cells = await index.supply({ minScore, by: by.includes('tier') ? ['tier', 'region'] : ['region'] });
    const counted = scope === 'local' ? cells.filter((c) => regions.includes(c.region ?? '')) : cells;
    rows = computeGaps(demand.targets, counted, by);
  } finally {
    await index.close();
  }
  const report: GapsReport = { by, minScore, scope, regions, rows };
  const names = new Map(industries.map((i) => [i.id, `${i.id} ${i.name.zh}`]));
  io.out(options.json ? `${JSON.stringify(report)}\n` : formatGaps(report, names));
  return ExitCode.ok;
}

export function registerGaps(program: Command): void {
  program
    .command('gaps')
    .description('talent supply in the index against demand targets (config/demand.yaml), largest gap first')
    .option('--by <dimensions...>', `break down by ${GAP_DIMENSIONS.join(', ')} (comma list)`)
    .option(
      '--scope <scope>',
      "local: count people located in the targets' regions; all: everyone in the index",
      'local',
    )
    .option(
      '--min-score <n>',
      'a person counts for an industry from this score (default: minScore of the demand file)',
    )
    .option('--demand <file>', 'demand file (default: the analysis.demandFile setting)')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option(
      '--json',
      'one JSON object: by, minScore, scope, regions, rows [{industry, tier, region, demand, supply, gap, surplus, coverage}]',
    )
    .addHelpText(
      'after',
      [
        '',
        'gap = max(0, demand − supply); coverage = supply / demand. Industries with people but no target',
        'come last (demand 0). The shipped config/demand.yaml holds example targets for Jilin (CN-JL).',
        'Exit codes: 0 ok, 1 error (bad option, demand file, no index).',
      ].join('\n'),
    )
    .action(async (options: GapsCliOptions) => {
      process.exitCode = await runGaps(options);
    });
}
