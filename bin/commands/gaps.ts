import type { Command } from 'commander';
import { computeGaps, GAP_DIMENSIONS, gapGrain, type GapDimension } from '../../api/gaps/compute-gaps.js';
import type { GapReportRow } from '../../api/gaps/gap-report.js';
import { supplyErrorRatesOf, supplyInterval } from '../../api/gaps/supply-interval.js';
import { loadDemand, type Demand } from '../../config/demand.js';
import { loadIndustries, type Industry } from '../../config/industries.js';
import { resolveConfigPath } from '../../config/load.js';
import { loadResolutionQuality } from '../../config/resolution-quality.js';
import type { SupplyCell, TalentIndex } from '../../indexer/contract.js';
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
  rows: GapReportRow[];
}

function parseBy(values: string[] | undefined): GapDimension[] {
  const asked = listOption(values ?? ['industry,tier']);
  const unknown = asked.filter((v) => !(GAP_DIMENSIONS as readonly string[]).includes(v));
  if (unknown.length > 0)
    throw new UsageError(
      `--by takes ${GAP_DIMENSIONS.join(', ')} (comma list), not ${unknown.join(', ')}; e.g. --by industry,tier,region`,
    );
  return gapGrain(asked as GapDimension[]);
}

/**
 * Supply at the report's own grain, so no person is counted twice: summing region cells would count
 * a person located in two regions once per region. `local` keeps people located in the targets'
 * regions (with regions in the grain: the cells of those regions).
 */
async function supplyFor(
  index: TalentIndex,
  report: { by: readonly GapDimension[]; minScore: number; scope: 'local' | 'all'; regions: string[] },
): Promise<SupplyCell[]> {
  const tier = report.by.includes('tier') ? (['tier'] as const) : [];
  if (report.by.includes('region')) {
    const cells = await index.supply({ minScore: report.minScore, by: [...tier, 'region'] });
    return report.scope === 'local' ? cells.filter((c) => report.regions.includes(c.region ?? '')) : cells;
  }
  if (report.scope === 'all') return index.supply({ minScore: report.minScore, by: [...tier] });
  if (report.regions.length === 0) return [];
  return index.supply({ minScore: report.minScore, by: [...tier], filters: { regions: report.regions } });
}

/** Terminal columns: Han characters and full-width punctuation take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}

function percent(coverage: number | null): string {
  return coverage === null ? '—' : `${Math.round(coverage * 100)}%`;
}

/** `Optoelectronics 光电信息`: the English name, and the Chinese one the office works in. */
function industryLabel(industry: Industry | undefined, id: string): string {
  return industry ? `${industry.name.en} ${industry.name.zh}` : id;
}

function formatGaps(report: GapsReport, industries: ReadonlyMap<string, Industry>): string {
  const header = [
    'industry',
    ...(report.by.includes('tier') ? ['tier'] : []),
    ...(report.by.includes('region') ? ['region'] : []),
    'demand',
    'supply',
    'people (95%)',
    'gap',
    'coverage',
  ];
  const lines = report.rows.map((r) => [
    industryLabel(industries.get(r.industry), r.industry),
    ...(report.by.includes('tier') ? [r.tier ?? 'any'] : []),
    ...(report.by.includes('region') ? [r.region ?? 'any'] : []),
    String(r.demand),
    String(r.supply),
    `${r.supplyLow}–${r.supplyHigh}`,
    String(r.gap),
    percent(r.coverage),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => displayWidth(l[i] ?? ''))));
  // Text columns to the left, figures to the right.
  const numeric = (i: number): boolean => i >= header.length - 5;
  const pad = (cells: string[]): string =>
    cells
      .map((c, i) => {
        const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return numeric(i) ? fill + c : c + fill;
      })
      .join('  ')
      .trimEnd();
  return [
    `Talent gaps (supply: score ≥ ${report.minScore} in the industry; ${report.scope === 'local' ? `located in ${report.regions.join(', ')}` : 'wherever located'}), largest first:`,
    pad(header),
    ...lines.map(pad),
    '',
    "people (95%): the people the supply of profiles stands for, given the resolver's measured duplicates",
    'and false merges (config/resolution-quality.yaml).',
    '',
  ].join('\n');
}

/** `talent-brain gaps`, without the process around it: returns the exit code. */
export async function runGaps(options: GapsCliOptions, io: Output = processOutput): Promise<number> {
  const config = configOrExit(options.config);
  let by: GapDimension[];
  let scope: 'local' | 'all';
  let industries: Industry[];
  let demand: Demand;
  let rates: ReturnType<typeof supplyErrorRatesOf>;
  try {
    by = parseBy(options.by);
    if (options.scope !== 'local' && options.scope !== 'all')
      throw new UsageError(`--scope takes local or all, not "${options.scope}"`);
    scope = options.scope;
    industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
    demand = loadDemand(
      resolveConfigPath(options.demand ?? config.analysis.demandFile),
      industries.map((i) => i.id),
    );
    rates = supplyErrorRatesOf(
      loadResolutionQuality(resolveConfigPath(config.analysis.resolutionQualityFile)),
    );
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`talent-brain gaps: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  const minScore = options.minScore !== undefined ? Number(options.minScore) : demand.minScore;
  if (options.minScore?.trim() === '' || !Number.isFinite(minScore) || minScore < 0 || minScore > 100) {
    io.err(`talent-brain gaps: --min-score must be a number from 0 to 100, not "${options.minScore}"\n`);
    return ExitCode.failure;
  }
  const regions = [...new Set(demand.targets.map((t) => t.region))].sort();
  const index = openIndexForQuery(dataDirOf(options.data, config));
  let rows: GapReportRow[];
  try {
    rows = computeGaps(demand.targets, await supplyFor(index, { by, minScore, scope, regions }), by).map(
      (r) => ({ ...r, ...supplyInterval(r.supply, rates) }),
    );
  } finally {
    await index.close();
  }
  const report: GapsReport = { by, minScore, scope, regions, rows };
  io.out(
    options.json
      ? `${JSON.stringify(report)}\n`
      : formatGaps(report, new Map(industries.map((i) => [i.id, i]))),
  );
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
      'one JSON object: by, minScore, scope, regions, rows [{industry, tier, region, demand, supply, supplyLow, supplyHigh, gap, surplus, coverage}]',
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
