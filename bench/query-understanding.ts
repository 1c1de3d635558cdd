import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RegionTies } from '../api/ties/region-ties.js';
import { openUnderstander } from '../api/understand/open-understander.js';
import type { UnderstoodFilters } from '../api/understand/understood.js';
import { loadIndustries } from '../config/industries.js';
import { loadRegions } from '../config/regions.js';
import type { TalentIndex } from '../indexer/contract.js';
import { foldText } from '../indexer/embedded/search-text.js';
import { QUERIES } from './query-understanding/queries.js';

/**
 * Per-filter accuracy of the plain-language reading (api/understand/) on the hand-written queries
 * of bench/query-understanding/queries.ts, against a baseline measured in the same run: the query
 * searched as typed (no filter read), which is right exactly where a query asks for no such filter.
 * Output: bench/results/query-understanding.json.
 */

const FILTERS = [
  'region',
  'city',
  'country',
  'industry',
  'tier',
  'seniority',
  'patents',
  'org',
  'tieRegion',
  'outside',
] as const satisfies ReadonlyArray<keyof UnderstoodFilters>;
type FilterName = (typeof FILTERS)[number];

interface FilterScore {
  /** Queries whose reading of this filter is exactly the expected one (absent when expected absent). */
  accuracy: number;
  baselineAccuracy: number;
  /** accuracy ÷ baselineAccuracy. */
  ratio: number;
  /** Queries expecting the filter, and how many of them got exactly it. */
  expected: number;
  found: number;
  /** Queries given the filter without expecting it, or with another value. */
  wrong: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function measureQueryUnderstanding(root: string) {
  const regions = loadRegions(join(root, 'config/regions.yaml'));
  const understander = openUnderstander(
    loadIndustries(join(root, 'config/industries.yaml')),
    regions,
    'CN-JL',
  );
  // Organisations compare by their configured name in either script (Jilin University = 吉林大学).
  const ties = new RegionTies(regions, 'CN-JL', undefined as unknown as TalentIndex);
  const canonical = (name: FilterName, value: unknown): string => {
    if (value === undefined) return '';
    if (name === 'org')
      return (value as string[])
        .map((o) => foldText(ties.withAliases([o])[0] as string))
        .sort()
        .join('|');
    return Array.isArray(value) ? [...value].map(String).sort().join('|') : String(value);
  };
  const perFilter = {} as Record<FilterName, FilterScore>;
  const byLanguage: Record<string, { queries: number; allFiltersExact: number }> = {};
  const misses: Array<{ q: string; filter: FilterName; expected: string; got: string }> = [];
  const started = performance.now();
  const readings = QUERIES.map((query) => ({ query, got: understander.understand(query.q).filters }));
  const msPerQuery = (performance.now() - started) / QUERIES.length;
  for (const name of FILTERS) {
    let right = 0;
    let baseline = 0;
    let expected = 0;
    let found = 0;
    let wrong = 0;
    for (const { query, got } of readings) {
      const want = canonical(name, query.expect[name]);
      const have = canonical(name, got[name]);
      if (want === have) right++;
      else misses.push({ q: query.q, filter: name, expected: want, got: have });
      if (want === '') baseline++;
      if (want !== '') expected++;
      if (want !== '' && want === have) found++;
      if (have !== '' && want !== have) wrong++;
    }
    perFilter[name] = {
      accuracy: round(right / QUERIES.length),
      baselineAccuracy: round(baseline / QUERIES.length),
      ratio: round(right / baseline),
      expected,
      found,
      wrong,
    };
  }
  for (const { query, got } of readings) {
    const entry = (byLanguage[query.lang] ??= { queries: 0, allFiltersExact: 0 });
    entry.queries++;
    if (FILTERS.every((f) => canonical(f, query.expect[f]) === canonical(f, got[f]))) entry.allFiltersExact++;
  }
  const exact = Object.values(byLanguage).reduce((a, b) => a + b.allFiltersExact, 0);
  return {
    queries: QUERIES.length,
    chinese: QUERIES.filter((q) => q.lang === 'zh').length,
    allFiltersExact: round(exact / QUERIES.length),
    baselineAllFiltersExact: round(
      QUERIES.filter((q) => Object.keys(q.expect).length === 0).length / QUERIES.length,
    ),
    byLanguage: Object.fromEntries(
      Object.entries(byLanguage).map(([lang, v]) => [
        lang,
        { ...v, rate: round(v.allFiltersExact / v.queries) },
      ]),
    ),
    perFilter,
    msPerQuery: round(msPerQuery),
    baseline: 'the query searched as typed: no filter read from it',
    misses,
  };
}

/** CLI: `npx tsx bench/query-understanding.ts`, run from the repository root. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const result = measureQueryUnderstanding(root);
  const outDir = resolve(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(resolve(outDir, 'query-understanding.json'), `${json}\n`);
  console.log(JSON.stringify({ ...result, misses: result.misses.length }, null, 2));
  for (const m of result.misses)
    console.log(`${m.filter}\t${m.q}\twant ${m.expected || '—'}\tgot ${m.got || '—'}`);
}
