import type { Command } from 'commander';
import { loadIndustries } from '../../config/industries.js';
import { resolveConfigPath } from '../../config/load.js';
import {
  FACET_NAMES,
  InvalidCursorError,
  type FacetName,
  type SearchFilters,
  type SearchQuery,
  type SortOrder,
} from '../../indexer/contract.js';
import { searchInput } from '../../indexer/search-input.js';
import { loadRegions, type HomeRegion } from '../../config/regions.js';
import { withTies } from '../../api/ties/hits-with-ties.js';
import { RegionTies } from '../../api/ties/region-ties.js';
import { openUnderstander } from '../../api/understand/open-understander.js';
import { SENIORITY_WORDS, titleWordsFrom } from '../../api/understand/query-vocabulary.js';
import type { QueryUnderstanding } from '../../api/understand/understood.js';
import { ConfigError } from '../../lib/errors.js';
import { countryCode } from '../../processors/normalize/place.js';
import { TIERS, type Tier } from '../../processors/model/profile.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf, openIndexForQuery } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { listOption, processOutput, UsageError, type Output } from '../format/output.js';
import { formatSearchResult, formatUnderstood } from '../format/search-result.js';

/** Options as commander hands them over: list options are repeatable, each value may be a comma list. */
export interface SearchCliOptions {
  data?: string;
  config?: string;
  json?: boolean;
  industry?: string[];
  tier?: string[];
  country?: string[];
  region?: string[];
  city?: string[];
  skill?: string[];
  minScore?: string;
  seenSince?: string;
  sort?: string;
  limit?: string;
  cursor?: string;
  facets?: string[];
  seniority?: string;
  patents?: boolean;
  org?: string[];
  /** ISO 3166-2 region: only people with a tie to it (api/ties/). */
  tie?: string;
  outside?: boolean;
  /** False with --no-understand: the words are the query syntax only. */
  understand?: boolean;
}

export const MAX_LIMIT = 200;

function checkIndustry(id: string, option: string, known: readonly string[]): void {
  if (!known.includes(id))
    throw new UsageError(
      `unknown industry "${id}" in ${option}; the configured industries are ${known.join(', ')} (scoring.industriesFile)`,
    );
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Command-line options → the index's {@link SearchQuery}. Every bad value is a {@link UsageError}
 * naming the option and the fix: a typo in a filter would otherwise just find nobody. Query text is
 * never validated: the index reads whatever it cannot parse as plain text.
 *
 * `industries` is called only when an option names an industry (it reads the config's file).
 */
export function buildSearchQuery(
  text: string | undefined,
  options: SearchCliOptions,
  industries: () => readonly string[],
): SearchQuery {
  const filters: SearchFilters = {};

  const industryIds = listOption(options.industry);
  if (industryIds.length > 0) {
    const known = industries();
    for (const id of industryIds) checkIndustry(id, '--industry', known);
    filters.industries = industryIds;
  }

  const tiers = listOption(options.tier).map((t) => t.toUpperCase());
  for (const t of tiers)
    if (!(TIERS as readonly string[]).includes(t))
      throw new UsageError(`--tier: "${t}" is not a tier; use letters A to E, e.g. --tier A,B`);
  if (tiers.length > 0) filters.tiers = tiers as Tier[];

  const countries = listOption(options.country).map((c) => {
    const code = countryCode(c);
    if (code === undefined)
      throw new UsageError(
        `--country: "${c}" is not a country; use an ISO 3166-1 code or a name, e.g. --country CN or --country "United States"`,
      );
    return code;
  });
  if (countries.length > 0) filters.countries = countries;

  const regions = listOption(options.region);
  if (regions.length > 0) filters.regions = regions;
  const cities = listOption(options.city);
  if (cities.length > 0) filters.cities = cities;
  const skills = listOption(options.skill);
  if (skills.length > 0) filters.skills = skills;

  if (options.minScore !== undefined) {
    const n = Number(options.minScore);
    if (options.minScore.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
      throw new UsageError(`--min-score must be a number from 0 to 100, not "${options.minScore}"`);
    filters.minScore = n;
  }

  if (options.seniority !== undefined) {
    const level = SENIORITY_WORDS.find(([l]) => l === options.seniority);
    if (level === undefined)
      throw new UsageError(
        `--seniority must be one of ${SENIORITY_WORDS.map(([l]) => l).join(', ')}, not "${options.seniority}"`,
      );
    filters.titles = titleWordsFrom(level[0]);
  }
  if (options.patents !== undefined) filters.hasPatents = options.patents;
  const orgs = listOption(options.org);
  if (orgs.length > 0) filters.organizations = orgs;

  if (options.seenSince !== undefined) {
    if (!isCalendarDate(options.seenSince))
      throw new UsageError(
        `--seen-since must be a date as YYYY-MM-DD, e.g. --seen-since 2025-01-31, not "${options.seenSince}"`,
      );
    filters.seenSince = options.seenSince;
  }

  let sort: SortOrder | undefined;
  if (options.sort !== undefined) {
    const s = options.sort.trim();
    if (s === 'relevance' || s === 'priority') sort = s;
    else if (s.startsWith('score:') && s.length > 'score:'.length) {
      checkIndustry(s.slice('score:'.length), '--sort', industries());
      sort = s as SortOrder;
    } else
      throw new UsageError(
        `--sort must be relevance, priority or score:<industry> (e.g. --sort score:semiconductors), not "${options.sort}"`,
      );
  } else if (!text && industryIds.length === 1) {
    // Filtering on one industry without text: its best people first, not the best people overall
    // who happen to score somewhere in it.
    sort = `score:${industryIds[0] as string}`;
  }

  let limit: number | undefined;
  if (options.limit !== undefined) {
    limit = /^\d+$/.test(options.limit.trim()) ? Number(options.limit) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}, not "${options.limit}"`);
  }

  const facetNames = listOption(options.facets);
  const facets = facetNames.includes('all') ? [...FACET_NAMES] : facetNames;
  for (const f of facets)
    if (!(FACET_NAMES as readonly string[]).includes(f))
      throw new UsageError(`--facets: unknown facet "${f}"; choose from ${FACET_NAMES.join(', ')} or all`);

  if (options.cursor !== undefined && options.cursor.trim() === '')
    throw new UsageError('--cursor is empty; pass the cursor the previous page printed, or leave it out');

  return {
    ...(text ? { text } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
    ...(sort !== undefined ? { sort } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(options.cursor !== undefined ? { cursor: options.cursor.trim() } : {}),
    ...(facets.length > 0 ? { facets: [...new Set(facets)] as FacetName[] } : {}),
  };
}

/** The options with the filters read from the words added where the command line gives none. */
function withUnderstoodOptions(
  options: SearchCliOptions,
  understood: QueryUnderstanding,
): { options: SearchCliOptions } {
  if (!understood.applied) return { options };
  const f = understood.filters;
  const merged: SearchCliOptions = { ...options };
  const absent = (list: string[] | undefined): boolean => listOption(list).length === 0;
  if (f.region && absent(options.region)) merged.region = f.region;
  if (f.city && absent(options.city)) merged.city = f.city;
  if (f.country && absent(options.country)) merged.country = f.country;
  if (f.industry && absent(options.industry)) merged.industry = f.industry;
  if (f.tier && absent(options.tier)) merged.tier = f.tier;
  if (f.org && absent(options.org)) merged.org = f.org;
  if (f.seniority && options.seniority === undefined) merged.seniority = f.seniority;
  if (f.patents !== undefined && options.patents === undefined) merged.patents = f.patents;
  if (f.tieRegion && options.tie === undefined) merged.tie = f.tieRegion;
  if (f.outside && options.outside === undefined) merged.outside = true;
  return { options: merged };
}

/** `talent-brain search`, without the process around it: returns the exit code. */
export async function runSearch(
  words: readonly string[],
  options: SearchCliOptions,
  io: Output = processOutput,
): Promise<number> {
  const config = configOrExit(options.config);
  const typed = words.join(' ').trim();
  let query: SearchQuery;
  let understood: QueryUnderstanding;
  let regions: HomeRegion[];
  try {
    regions = loadRegions(resolveConfigPath(config.region.file));
    const industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
    understood = openUnderstander(industries, regions, config.region.home).understand(
      typed,
      options.understand !== false,
    );
    const merged = withUnderstoodOptions(options, understood);
    query = buildSearchQuery(understood.text || undefined, merged.options, () => industries.map((i) => i.id));
    options = merged.options;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`talent-brain search: ${error.message}\n`);
      return ExitCode.failure;
    }
    if (error instanceof ConfigError) {
      io.err(`talent-brain: configuration error: ${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  const index = openIndexForQuery(dataDirOf(options.data, config));
  try {
    const ties = new RegionTies(regions, config.region.home, index);
    const tie = options.tie;
    if (tie !== undefined && !ties.knows(tie)) {
      io.err(
        `talent-brain search: --tie "${tie}" is not a region whose ties can be read; use a Chinese province code or a region of region.file, e.g. --tie CN-JL\n`,
      );
      return ExitCode.failure;
    }
    const filters = { ...query.filters };
    if (filters.organizations) filters.organizations = ties.withAliases(filters.organizations);
    if (tie !== undefined) filters.tieOrganizations = await ties.organizations(tie);
    if (options.outside) filters.excludeRegions = [tie ?? config.region.home];
    if (Object.keys(filters).length > 0) query = { ...query, filters };
    const result = await index.search(query);
    const hits = tie === undefined ? result.hits : await withTies({ index, ties }, result.hits, tie);
    io.out(
      options.json
        ? `${JSON.stringify({ query, understood, ...result, hits })}\n`
        : formatUnderstood(understood) +
            formatSearchResult({ ...result, hits }, searchInput(query, query.text !== undefined).sort, {
              continued: query.cursor !== undefined,
            }),
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      io.err(
        `talent-brain search: invalid --cursor: ${error.message} (a cursor only continues the search that printed it)\n`,
      );
      return ExitCode.failure;
    }
    throw error;
  } finally {
    await index.close();
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the index: full text in Chinese and English, filters, facets, ranked by score')
    .argument(
      '[query...]',
      'words, "phrases", AND / OR / NOT, -word, (groups), name: title: org: skill: (none: the best-ranked profiles)',
    )
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--industry <ids>', 'scoring > 0 in one of these industries (comma list, repeatable)', collect)
    .option('--tier <letters>', 'tiers A–E, e.g. A,B (comma list, repeatable)', collect)
    .option('--country <codes>', 'ISO 3166-1 code or name, e.g. CN, US (comma list, repeatable)', collect)
    .option('--region <regions>', 'ISO 3166-2 code or name in either script: CN-JL, Jilin, 吉林', collect)
    .option('--city <cities>', 'city in either script: Changchun, 长春', collect)
    .option(
      '--skill <skills>',
      'skill label, Chinese label or vocabulary id (comma list, repeatable)',
      collect,
    )
    .option('--min-score <n>', 'minimum score (0–100) in one of --industry, else minimum priority')
    .option('--seen-since <date>', 'only profiles seen on or after YYYY-MM-DD')
    .option(
      '--sort <order>',
      'relevance | priority | score:<industry> (default: relevance with a query, the score of a single --industry, else priority)',
    )
    .option('--limit <n>', `hits per page, 1–${MAX_LIMIT} (default 20)`)
    .option(
      '--cursor <cursor>',
      'continue a search: the cursor its previous page printed (same query and options)',
    )
    .option(
      '--facets <names>',
      `counts over every match: ${FACET_NAMES.join(', ')} or all (comma list)`,
      collect,
    )
    .option(
      '--seniority <level>',
      'this title level or above: executive, director, principal, senior, professional, junior',
    )
    .option('--patents', 'only people with patents')
    .option('--no-patents', 'only people without patents')
    .option('--org <names>', 'schools or employers, any of them (comma list, repeatable)', collect)
    .option(
      '--tie <region>',
      'only people with a tie to this region (ISO 3166-2, e.g. CN-JL), each with its evidence',
    )
    .option('--outside', 'only people not located in the --tie region (else the home region, region.home)')
    .option('--no-understand', 'read the words only as the query syntax, not as plain language')
    .option(
      '--json',
      'one JSON object: the query that ran, how the words were understood, hits, total, facets, nextCursor',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  talent-brain search 激光 --city 长春',
        '  talent-brain search 长春的光电高级工程师           (plain language: read as city, industry, title level + text)',
        '  talent-brain search --tie CN-JL --outside --industry automotive',
        '  talent-brain search "title:professor machine learning" --tier A,B --facets industry,tier',
        '  talent-brain search --industry semiconductors --country US --limit 50',
        '  talent-brain search -- -sales "power electronics"   (a query starting with "-" goes after --)',
        '',
        'Exit codes: 0 ok (also when nothing matches), 1 error (bad option, invalid cursor, no index).',
      ].join('\n'),
    )
    .action(async (words: string[], options: SearchCliOptions) => {
      process.exitCode = await runSearch(words, options);
    });
}
