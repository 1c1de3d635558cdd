import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReport } from '../../../api/gaps/gap-report.js';
import { supplyErrorRatesOf } from '../../../api/gaps/supply-interval.js';
import type { Demand } from '../../../config/demand.js';
import { openEmbeddedIndex, type EmbeddedIndex } from '../../../indexer/embedded/index.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

/** The fixture people: each scores in some industries; Grace was seen on 2026-02-01, the others on 2026-01-01. */
describe('gapReport', () => {
  const root = mkdtempSync(join(tmpdir(), 'tb-gap-report-'));
  let index: EmbeddedIndex;
  const profiles = fixtureProfiles();
  const grace = profiles.find((p) => p.evidence.some((e) => e.sourceId === 'fx:grace'));
  const graceIndustry = grace?.topIndustries[0]?.industry ?? 'none';

  beforeAll(async () => {
    index = await openEmbeddedIndex({ dataDir: root });
    await index.upsert(profiles);
  });
  afterAll(async () => {
    await index.close();
    rmSync(root, { recursive: true, force: true });
  });

  // Made-up error rates, wide enough to show in small counts: 6 % duplicates, 1 % false merges.
  const rates = supplyErrorRatesOf({
    pairwise: { source: 'test', split: 'test', truePositives: 0, predicted: 0, actual: 0 },
    profiles: { source: 'test', profiles: 1000, people: 950, falseMergeProfiles: 10 },
  });

  const demand = (region: string): Demand => ({
    minScore: 1,
    homeRegion: region,
    targets: [
      { industry: graceIndustry, region, count: 10 },
      { industry: graceIndustry, tier: 'A', region, count: 2 },
    ],
  });

  it('counts supply against the targets, and what of it was seen since a date', async () => {
    expect(grace?.lastSeen).toBe('2026-02-01T00:00:00.000Z');
    const everyone = await gapReport(
      index,
      demand('US-MA'),
      { by: ['industry'], minScore: 1, scope: 'all' },
      rates,
    );
    const all = everyone.rows.find((r) => r.industry === graceIndustry);
    expect(all?.supply).toBe(profiles.filter((p) => (p.scores[graceIndustry] ?? 0) >= 1).length);
    expect(all?.trend).toBeUndefined();

    const since = await gapReport(
      index,
      demand('US-MA'),
      {
        by: ['industry'],
        minScore: 1,
        scope: 'local',
        since: '2026-01-15',
      },
      rates,
    );
    expect(since.since).toBe('2026-01-15');
    const row = since.rows.find((r) => r.industry === graceIndustry);
    // At the industry grain both targets add up (10 of any tier + 2 of tier A). Grace is the one
    // person located in Massachusetts, and the only one seen after 2026-01-15.
    expect(row).toMatchObject({
      demand: 12,
      supply: 1,
      gap: 11,
      coverage: 0.083,
      trend: { seenSince: 1, establishedBefore: 0 },
    });
    expect(since.totals).toEqual({ demand: 12, supply: 1, supplyLow: 1, supplyHigh: 1, gap: 11 });
    expect(row).toMatchObject({ supplyLow: 1, supplyHigh: 1 });
    expect(since.uncertainty).toBe(rates);

    const before = await gapReport(
      index,
      demand('US-MA'),
      {
        by: ['industry'],
        minScore: 1,
        scope: 'local',
        since: '2026-03-01',
      },
      rates,
    );
    expect(before.rows.find((r) => r.industry === graceIndustry)?.trend).toEqual({
      seenSince: 0,
      establishedBefore: 1,
    });
  });

  it('breaks down by tier and region, keeping the targets’ regions in local scope', async () => {
    const report = await gapReport(
      index,
      demand('US-MA'),
      {
        by: ['industry', 'tier', 'region'],
        minScore: 1,
        scope: 'local',
      },
      rates,
    );
    expect(report.by).toEqual(['industry', 'tier', 'region']);
    expect(report.regions).toEqual(['US-MA']);
    for (const row of report.rows) expect(row.region).toBe('US-MA');
  });
});
