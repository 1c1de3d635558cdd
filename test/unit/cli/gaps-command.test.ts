import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGaps, type GapsReport } from '../../../bin/commands/gaps.js';
import type { Output } from '../../../bin/format/output.js';
import { loadDemand, type DemandTarget } from '../../../config/demand.js';
import { loadIndustries } from '../../../config/industries.js';
import { openEmbeddedIndex } from '../../../indexer/embedded/index.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

const root = resolve(import.meta.dirname, '../../..');
const industries = loadIndustries(join(root, 'config/industries.yaml'));
const demand = loadDemand(
  join(root, 'config/demand.yaml'),
  industries.map((i) => i.id),
);

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The report's rows as the documentation defines them, person by person: a person located in one
 * of the targets' regions counts for an industry at `minScore`, in the row of their tier when there
 * is a target for it, in the "any tier" row when there is one, else in a row without demand.
 */
function expectedRows(
  targets: readonly DemandTarget[],
  people: readonly TalentProfile[],
  minScore: number,
): Map<string, { demand: number; supply: number }> {
  const rows = new Map<string, { demand: number; supply: number }>();
  const row = (key: string) => rows.get(key) ?? rows.set(key, { demand: 0, supply: 0 }).get(key)!;
  for (const t of targets) row(`${t.industry}|${t.tier ?? ''}`).demand += t.count;
  const regions = new Set(targets.map((t) => t.region));
  for (const p of people) {
    if (!p.locations.some((l) => l.regionCode !== undefined && regions.has(l.regionCode))) continue;
    for (const [industry, score] of Object.entries(p.scores)) {
      if (!(score > 0 && score >= minScore)) continue;
      const planned = [`${industry}|${p.tier}`, `${industry}|`].filter((k) => rows.get(k)?.demand);
      for (const key of planned.length > 0 ? planned : [`${industry}|${p.tier}`]) row(key).supply += 1;
    }
  }
  return rows;
}

describe('talent-brain gaps', () => {
  const data = mkdtempSync(join(tmpdir(), 'tb-gaps-'));
  const profiles = fixtureProfiles();

  beforeAll(async () => {
    const index = await openEmbeddedIndex({ dataDir: data });
    await index.upsert(profiles);
    await index.close();
  });

  it('gaps --json: demand, local supply, gap and coverage per industry and tier, largest gap first', () => {
    const run = cli(['gaps', '--json', '--data', data, '--min-score', '20']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as GapsReport;
    expect(report.by).toEqual(['industry', 'tier']);
    expect(report.minScore).toBe(20);
    expect(report.regions).toEqual(['CN-JL']);

    const want = expectedRows(demand.targets, profiles, 20);
    const got = new Map(report.rows.map((r) => [`${r.industry}|${r.tier ?? ''}`, r]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [key, w] of want) {
      const r = got.get(key)!;
      expect([key, r.demand, r.supply, r.gap, r.coverage]).toEqual([
        key,
        w.demand,
        w.supply,
        Math.max(0, w.demand - w.supply),
        w.demand > 0 ? Number((w.supply / w.demand).toFixed(3)) : null,
      ]);
    }
    // The fixture people in Jilin make some supply, so the comparison above is not all zeros.
    expect(report.rows.some((r) => r.demand > 0 && r.supply > 0)).toBe(true);
    const planned = report.rows.filter((r) => r.demand > 0);
    expect(planned.map((r) => r.gap)).toEqual(planned.map((r) => r.gap).sort((a, b) => b - a));
    expect(report.rows.slice(planned.length).every((r) => r.demand === 0)).toBe(true);
  });

  it('prints a table with the industries in English and Chinese', async () => {
    const io = capture();
    expect(await runGaps({ data, scope: 'local', minScore: '20' }, io)).toBe(0);
    expect(io.stdout).toMatch(/industry\s+tier\s+demand\s+supply\s+people \(95%\)\s+gap\s+coverage/);
    const opto = industries.find((i) => i.id === 'optoelectronics')!;
    expect(io.stdout).toContain(`${opto.name.en} ${opto.name.zh}`);
  });

  it('by region: one row per target region; scope all adds people wherever they are', async () => {
    const local = capture();
    const all = capture();
    await runGaps({ data, json: true, scope: 'local', by: ['industry,region'], minScore: '0' }, local);
    await runGaps({ data, json: true, scope: 'all', by: ['region'], minScore: '0' }, all);
    const localReport = JSON.parse(local.stdout) as GapsReport;
    const allReport = JSON.parse(all.stdout) as GapsReport;
    expect(localReport.by).toEqual(['industry', 'region']);
    expect(new Set(localReport.rows.map((r) => r.region))).toEqual(new Set(['CN-JL']));
    expect(allReport.rows.map((r) => r.region)).toContain('US-TX');
    const supply = (r: GapsReport) => r.rows.reduce((n, row) => n + row.supply, 0);
    expect(supply(allReport)).toBeGreaterThan(supply(localReport));
  });

  it('reads another demand file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tb-gaps-demand-')), 'demand.yaml');
    writeFileSync(
      file,
      'minScore: 0\nhomeRegion: US-TX\ntargets:\n  - { industry: semiconductors, count: 3 }\n',
    );
    const io = capture();
    expect(await runGaps({ data, json: true, scope: 'local', demand: file, by: ['industry'] }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as GapsReport;
    expect(report.rows[0]).toEqual({
      industry: 'semiconductors',
      demand: 3,
      supply: profiles.filter((p) => p.scores.semiconductors! > 0 && p.locations[0]?.regionCode === 'US-TX')
        .length,
      // One profile is one person at least, and at most one (1 × (1 + 0.37 %) rounds to 1).
      supplyLow: 1,
      supplyHigh: 1,
      gap: 2,
      surplus: 0,
      coverage: 0.333,
    });
  });

  it('refuses bad options with the fix, exit code 1', async () => {
    const bad = cli(['gaps', '--data', data, '--by', 'industry,planet']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--by takes industry, tier, region \(comma list\), not planet/);
    const io = capture();
    expect(await runGaps({ data, scope: 'galaxy' }, io)).toBe(1);
    expect(io.stderr).toMatch(/--scope takes local or all/);
    const io2 = capture();
    expect(await runGaps({ data, scope: 'local', minScore: 'high' }, io2)).toBe(1);
    expect(io2.stderr).toMatch(/--min-score must be a number from 0 to 100, not "high"/);
    const io3 = capture();
    expect(await runGaps({ data, scope: 'local', demand: join(data, 'missing.yaml') }, io3)).toBe(1);
    expect(io3.stderr).toMatch(/missing\.yaml: cannot read/);
  });
});
