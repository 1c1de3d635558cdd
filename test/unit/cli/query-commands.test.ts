import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSearch, buildSearchQuery, type SearchCliOptions } from '../../../bin/commands/search.js';
import { runShow } from '../../../bin/commands/show.js';
import { runStats } from '../../../bin/commands/stats.js';
import type { Output } from '../../../bin/format/output.js';
import { UsageError } from '../../../bin/format/output.js';
import type { DataDirStats } from '../../../bin/format/stats.js';
import { formatBytes } from '../../../bin/format/stats.js';
import { loadIndustries } from '../../../config/industries.js';
import type { SearchQuery, SearchResult } from '../../../indexer/contract.js';
import { INDEX_FILE, openEmbeddedIndex, SCHEMA_VERSION } from '../../../indexer/embedded/index.js';
import { rejectEntry, RejectsWriter } from '../../../ingest/embedded/rejects-file.js';
import { createEnvelope } from '../../../lib/envelope.js';
import { ProcessingError } from '../../../lib/errors.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { fixtureProfiles, profileBySource } from '../../contract/fixtures.js';
import { runCli as cli, type CliRun } from '../../helpers/cli.js';

const root = resolve(import.meta.dirname, '../../..');
const industryIds = loadIndustries(join(root, 'config/industries.yaml')).map((i) => i.id);

/** Runs the jobs at most `width` at a time (the machine has two cores; each run compiles with tsx). */
async function pooled<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

/** An in-process run of a command: what it printed and its exit code. */
function capture(): Output & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdout: () => out,
    stderr: () => err,
  };
}

const profiles = fixtureProfiles();
const wang = profileBySource(profiles, 'fx:wang');
const ada = profileBySource(profiles, 'fx:ada');
const rejects = [
  { code: 'malformed-xml', file: 'a.xml' },
  { code: 'malformed-xml', file: 'b.xml' },
  { code: 'empty-input', file: 'c.json' },
] as const;

const dataDir = mkdtempSync(join(tmpdir(), 'tb-query-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'tb-query-empty-'));

/** What the profile's text says about a place, as a reader would look for it. */
const mentions = (p: TalentProfile, text: string): boolean =>
  [p.summary, ...p.affiliations.map((a) => a.organization), ...p.locations.map((l) => l.label)].some((s) =>
    s?.includes(text),
  );

const runs: Record<string, CliRun> = {};
const commands: Record<string, string[]> = {
  statsJson: ['stats', '--data', dataDir, '--json'],
  statsText: ['stats', '--data', dataDir],
  textAndFilters: [
    'search',
    '长春',
    '--no-understand',
    '--country',
    'CN',
    '--facets',
    'city,tier',
    '--data',
    dataDir,
    '--json',
  ],
  plainLanguage: ['search', '长春的人才', '--data', dataDir, '--json'],
  plainLanguageText: ['search', '长春的人才', '--data', dataDir],
  byIndustry: [
    'search',
    '--industry',
    'semiconductors,optoelectronics',
    '--sort',
    'score:optoelectronics',
    '--limit',
    '200',
    '--data',
    dataDir,
    '--json',
  ],
  textList: [
    'search',
    '--tier',
    'b',
    '--tier',
    'c',
    '--limit',
    '3',
    '--facets',
    'industry',
    '--data',
    dataDir,
  ],
  hostile: ['search', '--data', dataDir, '--', 'NEAR(', '"unbalanced', "'; DROP TABLE profiles; --"],
  showPrefix: ['show', wang.id.slice(0, 10), '--data', dataDir],
  showJson: ['show', ada.id, '--data', dataDir, '--json'],
  showUnknown: ['show', 'tp-ffffffffffffffffffffffff', '--data', dataDir],
  missingIndex: ['search', 'laser', '--data', emptyDir],
  unknownIndustry: ['search', '--industry', 'quantum-basketry', '--data', dataDir],
  badTier: ['search', '--tier', 'A,F', '--data', dataDir],
};

beforeAll(async () => {
  const index = await openEmbeddedIndex({ dataDir });
  await index.upsert(profiles);
  await index.close();
  const writer = await RejectsWriter.open(dataDir);
  for (const r of rejects)
    writer.append(
      rejectEntry(
        createEnvelope({
          sourceKind: 'patent',
          origin: { file: r.file },
          body: Buffer.from(r.file),
          contentType: 'application/octet-stream',
        }),
        new ProcessingError(r.code, `made-up ${r.code}`),
      ),
    );
  writer.close();
  const names = Object.keys(commands);
  const results = await pooled(
    names.map((name) => () => cli(commands[name] as string[])),
    4,
  );
  names.forEach((name, i) => (runs[name] = results[i] as CliRun));
}, 180_000);

const run = (name: keyof typeof commands): CliRun => runs[name] as CliRun;

describe('talent-brain stats', () => {
  it('reports the figures of the fixtures: profiles, evidence per source, rejects by reason, size, schema', () => {
    const { code, stdout } = run('statsJson');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as DataDirStats;
    const bySource: Record<string, number> = {};
    for (const p of profiles)
      for (const e of p.evidence) bySource[e.sourceKind] = (bySource[e.sourceKind] ?? 0) + 1;
    expect(stats.profiles).toBe(profiles.length);
    expect(stats.evidence).toBe(profiles.reduce((n, p) => n + p.evidence.length, 0));
    expect(stats.evidenceBySource).toEqual(bySource);
    expect(stats.rejects).toEqual({ total: 3, byReason: { 'malformed-xml': 2, 'empty-input': 1 } });
    expect(stats.schemaVersion).toBe(SCHEMA_VERSION);
    expect(stats.dataDir).toBe(resolve(dataDir));
    expect(stats.sizeBytes).toBeGreaterThanOrEqual(statSync(join(dataDir, INDEX_FILE)).size);
  });

  it('prints the same figures for people, with the size in human units', () => {
    const { code, stdout } = run('statsText');
    expect(code).toBe(0);
    const stats = JSON.parse(run('statsJson').stdout) as DataDirStats;
    expect(stdout).toMatch(new RegExp(`^profiles +${profiles.length}$`, 'm'));
    expect(stdout).toMatch(/^rejects +3 \(malformed-xml 2, empty-input 1\)$/m);
    expect(stdout).toContain(`index size      ${formatBytes(stats.sizeBytes)}`);
    expect(stdout).toContain(`data dir        ${resolve(dataDir)}`);
  });

  it('formats byte counts in binary units', () => {
    expect([0, 1023, 1536, 258048, 5 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.50 KiB',
      '252 KiB',
      '5.00 GiB',
    ]);
  });
});

describe('talent-brain search', () => {
  it('combines text and filters, and counts facets over every match', () => {
    const { code, stdout } = run('textAndFilters');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchResult & { query: SearchQuery };
    const expected = profiles.filter(
      (p) => mentions(p, '长春') && p.locations.some((l) => l.country === 'CN'),
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(result.query).toEqual({
      text: '长春',
      filters: { countries: ['CN'] },
      facets: ['city', 'tier'],
    });
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(result.total).toBe(expected.length);
    const tiers = new Map<string, number>();
    for (const p of expected) tiers.set(p.tier, (tiers.get(p.tier) ?? 0) + 1);
    expect(Object.fromEntries((result.facets.tier ?? []).map((b) => [b.value, b.count]))).toEqual(
      Object.fromEntries(tiers),
    );
    expect(result.facets.city?.[0]).toEqual({ value: 'Changchun', count: expected.length });
  });

  it('reads plain language as filters and prints what it understood', () => {
    const { code, stdout } = run('plainLanguage');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchResult & { query: SearchQuery; understood: unknown };
    expect(result.understood).toMatchObject({ applied: true, text: '', filters: { city: ['Changchun'] } });
    expect(result.query.filters).toEqual({ cities: ['Changchun'] });
    const expected = profiles.filter((p) => p.locations.some((l) => l.city === 'Changchun'));
    expect(result.total).toBe(expected.length);
    const text = run('plainLanguageText');
    expect(text.stdout).toMatch(/^understood as: city Changchun 长春 · no text\n/);
  });

  it('filters on industries and sorts by one industry score', () => {
    const { code, stdout } = run('byIndustry');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as SearchResult;
    const expected = profiles.filter(
      (p) => (p.scores.semiconductors ?? 0) > 0 || (p.scores.optoelectronics ?? 0) > 0,
    );
    expect(result.hits.map((h) => h.id).sort()).toEqual(expected.map((p) => p.id).sort());
    const scores = result.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byId = new Map(profiles.map((p) => [p.id, p]));
    for (const h of result.hits) expect(h.score).toBe(byId.get(h.id)?.scores.optoelectronics);
    // The semiconductor inventor matches the filter but has the lowest optoelectronics score.
    expect(result.hits.at(-1)?.id).toBe(ada.id);
  });

  it('prints a ranked list: rank, name, tier, industries, affiliation, reason, id, then the cursor and facets', () => {
    const { code, stdout } = run('textList');
    expect(code).toBe(0);
    const expected = profiles
      .filter((p) => p.tier === 'B' || p.tier === 'C')
      .sort((a, b) => b.priorityScore - a.priorityScore);
    expect(stdout).toMatch(
      new RegExp(`^${expected.length} profiles match · top 3 · sorted by priority$`, 'm'),
    );
    const first = expected[0] as TalentProfile;
    expect(stdout).toContain(
      `1. ${first.displayName} · tier ${first.tier} · ${first.topIndustries.map((i) => `${i.industry} ${i.score}`).join(' · ')}`,
    );
    expect(stdout).toContain(first.reason);
    const shownIds = [...stdout.matchAll(/^ +id (\S+)$/gm)].map((m) => m[1]);
    expect(shownIds).toEqual(expected.slice(0, 3).map((p) => p.id));
    expect(stdout).toMatch(/^more: repeat the search with --cursor \S+$/m);
    const industries = new Map<string, number>();
    for (const p of expected)
      for (const i of p.topIndustries) industries.set(i.industry, (industries.get(i.industry) ?? 0) + 1);
    const buckets = [...industries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(stdout).toContain(`\n  industry: ${buckets.map(([v, n]) => `${v} ${n}`).join(', ')}\n`);
  });

  it('reads hostile query text as text and exits 0', async () => {
    expect(run('hostile').code).toBe(0);
    expect(run('hostile').stdout).toMatch(/profiles? match/);
    for (const text of [
      '"unbalanced',
      '*',
      '^',
      'NEAR(',
      ':',
      'name:',
      '(',
      ')',
      'AND',
      'OR NOT',
      "'; DROP TABLE profiles; --",
      "O'Brien",
      '"""',
      '光电 AND (',
      'x'.repeat(5000),
    ]) {
      const io = capture();
      const code = await runSearch([text], { data: dataDir, json: true }, io);
      expect({ text, code, stderr: io.stderr() }).toEqual({ text, code: 0, stderr: '' });
      expect(() => JSON.parse(io.stdout()) as unknown).not.toThrow();
    }
    // The table the SQL-looking query names is still there.
    const io = capture();
    await runStats({ data: dataDir, json: true }, io);
    expect((JSON.parse(io.stdout()) as DataDirStats).profiles).toBe(profiles.length);
  });

  it('pages with cursors through every match once, and refuses a cursor it cannot use', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const io = capture();
      const options: SearchCliOptions = {
        data: dataDir,
        json: true,
        limit: '7',
        ...(cursor ? { cursor } : {}),
      };
      expect(await runSearch([], options, io)).toBe(0);
      const page = JSON.parse(io.stdout()) as SearchResult;
      seen.push(...page.hits.map((h) => h.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 20);
    expect(pages).toBe(Math.ceil(profiles.length / 7));
    expect(seen.sort()).toEqual(profiles.map((p) => p.id).sort());

    const io = capture();
    const first = capture();
    await runSearch([], { data: dataDir, json: true, limit: '2' }, first);
    const next = (JSON.parse(first.stdout()) as SearchResult).nextCursor as string;
    expect(await runSearch([], { data: dataDir, sort: 'score:digital', cursor: next }, io)).toBe(1);
    expect(io.stderr()).toMatch(/invalid --cursor: the cursor belongs to a search sorted by priority/);
    const garbage = capture();
    expect(await runSearch([], { data: dataDir, cursor: '%%%not-a-cursor' }, garbage)).toBe(1);
    expect(garbage.stderr()).toMatch(/invalid --cursor/);
  });

  it('exits 1 naming the option and the fix for an unknown industry or a bad tier', () => {
    expect(run('unknownIndustry').code).toBe(1);
    expect(run('unknownIndustry').stderr).toMatch(
      new RegExp(
        `unknown industry "quantum-basketry" in --industry; the configured industries are ${industryIds.join(', ')}`,
      ),
    );
    expect(run('badTier').code).toBe(1);
    expect(run('badTier').stderr).toMatch(/--tier: "F" is not a tier; use letters A to E/);
    expect(run('badTier').stdout).toBe('');
  });

  it('exits 1 and says how to build an index when the data directory has none', () => {
    expect(run('missingIndex').code).toBe(1);
    expect(run('missingIndex').stderr).toMatch(/no index in .*talent-brain ingest/);
  });
});

describe('search options → query', () => {
  const build = (options: SearchCliOptions, text?: string): SearchQuery =>
    buildSearchQuery(text, options, () => industryIds);
  const usage = (options: SearchCliOptions): string => {
    try {
      build(options);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    throw new Error(`no usage error for ${JSON.stringify(options)}`);
  };

  it('turns lists, repeats, countries and numbers into filters', () => {
    expect(
      build(
        {
          industry: ['optoelectronics'],
          tier: ['a,b', 'C'],
          country: ['China', 'us'],
          region: ['CN-JL，吉林'],
          city: ['长春'],
          skill: ['laser', 'optics'],
          minScore: '40',
          seenSince: '2025-12-31',
          limit: '50',
          facets: ['all'],
        },
        'title:研究员',
      ),
    ).toEqual({
      text: 'title:研究员',
      filters: {
        industries: ['optoelectronics'],
        tiers: ['A', 'B', 'C'],
        countries: ['CN', 'US'],
        regions: ['CN-JL', '吉林'],
        cities: ['长春'],
        skills: ['laser', 'optics'],
        minScore: 40,
        seenSince: '2025-12-31',
      },
      limit: 50,
      facets: ['industry', 'tier', 'country', 'region', 'city', 'skill'],
    });
  });

  it('sorts by the one industry filtered on when there is no text and no --sort', () => {
    expect(build({ industry: ['automotive'] }).sort).toBe('score:automotive');
    expect(build({ industry: ['automotive'] }, 'engine').sort).toBeUndefined();
    expect(build({ industry: ['automotive,digital'] }).sort).toBeUndefined();
    expect(build({ industry: ['automotive'], sort: 'priority' }).sort).toBe('priority');
  });

  it('rejects each bad value with the option and the fix', () => {
    expect(usage({ tier: ['B', 'X'] })).toMatch(/^--tier: "X" is not a tier; use letters A to E/);
    expect(usage({ limit: 'ten' })).toMatch(/^--limit must be a whole number from 1 to 200, not "ten"/);
    expect(usage({ limit: '0' })).toMatch(/^--limit/);
    expect(usage({ limit: '201' })).toMatch(/^--limit/);
    expect(usage({ limit: '2.5' })).toMatch(/^--limit/);
    expect(usage({ minScore: 'high' })).toMatch(/^--min-score must be a number from 0 to 100/);
    expect(usage({ minScore: '101' })).toMatch(/^--min-score/);
    expect(usage({ seenSince: '2025-02-30' })).toMatch(/^--seen-since must be a date as YYYY-MM-DD/);
    expect(usage({ seenSince: 'yesterday' })).toMatch(/^--seen-since/);
    expect(usage({ facets: ['industry,colour'] })).toMatch(
      /^--facets: unknown facet "colour"; choose from industry, tier/,
    );
    expect(usage({ sort: 'newest' })).toMatch(/^--sort must be relevance, priority or score:<industry>/);
    expect(usage({ sort: 'score:' })).toMatch(/^--sort must be/);
    expect(usage({ sort: 'score:nope' })).toMatch(
      /^unknown industry "nope" in --sort; the configured industries are/,
    );
    expect(usage({ industry: ['digital,nope'] })).toMatch(/^unknown industry "nope" in --industry/);
    expect(usage({ country: ['Atlantis'] })).toMatch(/^--country: "Atlantis" is not a country/);
    expect(usage({ cursor: ' ' })).toMatch(/^--cursor is empty/);
  });

  it('reads the industries only when an option names one', () => {
    let reads = 0;
    buildSearchQuery('laser', { tier: ['A'] }, () => {
      reads++;
      return industryIds;
    });
    expect(reads).toBe(0);
  });
});

describe('talent-brain show', () => {
  it('prints the profile, the score explanation and the evidence with its provenance (from a unique id prefix)', () => {
    const { code, stdout } = run('showPrefix');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`${wang.displayName}  (${wang.id})`);
    for (const name of wang.names) expect(stdout).toContain(name);
    for (const a of wang.affiliations) expect(stdout).toContain(a.organization);
    const x = wang.explanation;
    expect(stdout).toContain(`tier ${x.tier.tier}: ${x.tier.rule} — because ${x.tier.because}`);
    for (const industry of x.industries) {
      expect(stdout).toContain(
        `${industry.industry} ${industry.score} (relevance ${industry.relevancePoints} points)`,
      );
      // Points print signed: an industry below the relevance threshold ends on a negative line.
      for (const c of industry.contributions)
        expect(stdout).toMatch(new RegExp(`${c.points >= 0 ? '\\+' : ''}${c.points}  ${escape(c.reason)}`));
    }
    for (const note of x.notes) expect(stdout).toContain(`note: ${note}`);
    expect(stdout).toContain(`Evidence (${wang.evidence.length} source)`);
    for (const e of wang.evidence) {
      expect(stdout).toContain(`${e.sourceKind} · ${e.format} · ${e.document.title}`);
      expect(stdout).toContain(
        `source ${e.sourceId} · mention ${e.mentionId} · role ${e.role} · fetched ${e.fetchedAt}`,
      );
      for (const f of e.facts) expect(stdout).toContain(`${f.path}: ${f.snippet}`);
    }
  });

  it('prints the stored profile as JSON', () => {
    expect(run('showJson').code).toBe(0);
    expect(JSON.parse(run('showJson').stdout)).toEqual(ada);
  });

  it('exits 1 for an unknown id, and for a prefix too short or shared by several ids', async () => {
    expect(run('showUnknown').code).toBe(1);
    expect(run('showUnknown').stderr).toMatch(
      /no profile with id "tp-ffffffffffffffffffffffff" in .*talent-brain search/,
    );

    const dir = mkdtempSync(join(tmpdir(), 'tb-query-prefix-'));
    const index = await openEmbeddedIndex({ dataDir: dir });
    const twin = (id: string, displayName: string): TalentProfile => ({
      ...structuredClone(ada),
      id,
      displayName,
    });
    await index.upsert([twin('tp-0123456789aa', 'First Twin'), twin('tp-0123456789bb', 'Second Twin')]);
    await index.close();
    const ambiguous = capture();
    expect(await runShow('tp-0123456', { data: dir }, ambiguous)).toBe(1);
    expect(ambiguous.stderr()).toMatch(
      /"tp-0123456" is the start of several ids; give more characters:\n {2}tp-0123456789aa {2}First Twin\n {2}tp-0123456789bb {2}Second Twin\n/,
    );
    const unique = capture();
    expect(await runShow('tp-0123456789b', { data: dir, json: true }, unique)).toBe(0);
    expect((JSON.parse(unique.stdout()) as TalentProfile).displayName).toBe('Second Twin');
    const short = capture();
    expect(await runShow('tp-0123', { data: dir }, short)).toBe(1);
    expect(short.stderr()).toMatch(/a shortened id needs at least 8 characters/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
