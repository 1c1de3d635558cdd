import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGaps, type GapsReport } from '../../../bin/commands/gaps.js';
import type { Output } from '../../../bin/format/output.js';
import { loadDemand } from '../../../config/demand.js';
import { loadIndustries } from '../../../config/industries.js';
import { openEmbeddedIndex } from '../../../indexer/embedded/index.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('talent-brain gaps', () => {
  const data = mkdtempSync(join(tmpdir(), 'tb-gaps-'));
  const profiles = fixtureProfiles();
  const demand = loadDemand(
    'config/demand.yaml',
    loadIndustries('config/industries.yaml').map((i) => i.id),
  );

  beforeAll(async () => {
    const index = await openEmbeddedIndex({ dataDir: data });
    await index.upsert(profiles);
    await index.close();
  });

  it('reports demand, local supply, gap and coverage per industry and tier', async () => {
    const io = capture();
    expect(await runGaps({ data, json: true, scope: 'local', minScore: '20' }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as GapsReport;
    expect(report.by).toEqual(['industry', 'tier']);
    expect(report.regions).toEqual(['CN-JL']);
    for (const row of report.rows) {
      const wanted = demand.targets
        .filter((t) => t.industry === row.industry && t.tier === row.tier)
        .reduce((n, t) => n + t.count, 0);
      const local = profiles.filter(
        (p) =>
          (p.scores[row.industry] ?? 0) >= 20 &&
          (p.scores[row.industry] ?? 0) > 0 &&
          p.tier === row.tier &&
          p.locations.some((l) => l.regionCode === 'CN-JL'),
      ).length;
      expect([row.industry, row.tier, row.demand, row.supply]).toEqual([
        row.industry,
        row.tier,
        wanted,
        local,
      ]);
      expect(row.gap).toBe(Math.max(0, wanted - local));
    }
    // Sorted by the largest gap among planned rows.
    const planned = report.rows.filter((r) => r.demand > 0).map((r) => r.gap);
    expect(planned).toEqual([...planned].sort((a, b) => b - a));
    const io2 = capture();
    await runGaps({ data, scope: 'local' }, io2);
    expect(io2.stdout).toMatch(/demand\s+supply\s+gap\s+coverage/);
  });

  it('scope all counts people wherever they are', async () => {
    const local = capture();
    const all = capture();
    await runGaps({ data, json: true, scope: 'local', by: ['industry'], minScore: '0' }, local);
    await runGaps({ data, json: true, scope: 'all', by: ['industry'], minScore: '0' }, all);
    const supply = (io: { stdout: string }) =>
      (JSON.parse(io.stdout) as GapsReport).rows.reduce((n, r) => n + r.supply, 0);
    expect(supply(all)).toBeGreaterThan(supply(local));
  });

  it('refuses bad options with the fix', async () => {
    const io = capture();
    expect(await runGaps({ data, by: ['industry,planet'], scope: 'local' }, io)).toBe(1);
    expect(io.stderr).toMatch(/--by takes industry, tier, region, not planet/);
    const io2 = capture();
    expect(await runGaps({ data, scope: 'galaxy' }, io2)).toBe(1);
    expect(io2.stderr).toMatch(/--scope takes local or all/);
  });
});
