import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolutionExplanation } from '../../../ingest/explain-resolution.js';
import type { RescoreSummary } from '../../../ingest/rescore.js';
import { runCli as cli } from '../../helpers/cli.js';
import { profileDocs } from '../../helpers/kafka.js';

/** A made-up JSON Resume with one position. */
function resume(
  name: string,
  org: string,
  position: string,
  start: string,
  end: string | null,
  city: string,
) {
  return {
    basics: { name, label: position, location: { city, region: 'MA', countryCode: 'US' } },
    work: [{ name: org, position, startDate: start, ...(end ? { endDate: end } : {}) }],
  };
}

/**
 * `talent-brain resolve`: made-up résumés of one person under two spellings (Katherine M. Adams /
 * Kate Adams, same employer and city), a colleague whose given name cannot be hers (Kevin), and an
 * unrelated "K. Adams". Explains the merge and the near misses, and a threshold change applied by
 * `--rebuild` is undone by rebuilding with the old threshold.
 */
describe('talent-brain resolve', () => {
  const inputs = mkdtempSync(join(tmpdir(), 'tb-resolve-in-'));
  const data = join(mkdtempSync(join(tmpdir(), 'tb-resolve-')), 'data');
  const files: Record<string, unknown> = {
    'katherine.json': resume(
      'Katherine M. Adams',
      'Nimbus Optics Inc.',
      'Optical Engineer',
      '2015-03-01',
      '2020-06-30',
      'Boston',
    ),
    'kate.json': resume(
      'Kate Adams',
      'Nimbus Optics',
      'Senior Optical Engineer',
      '2019-01-01',
      null,
      'Boston',
    ),
    'kevin.json': resume('Kevin Adams', 'Nimbus Optics', 'Sales Manager', '2016-01-01', null, 'Boston'),
    'k-adams.json': resume('K. Adams', 'Granite Rail Co.', 'Welder', '1990-01-01', '1995-01-01', 'Denver'),
  };
  let katherineId = '';

  beforeAll(async () => {
    mkdirSync(inputs, { recursive: true });
    for (const [file, doc] of Object.entries(files)) writeFileSync(join(inputs, file), JSON.stringify(doc));
    const ingest = await cli(['ingest', inputs, '--data', data, '--json', '--no-progress']);
    expect(ingest.code, ingest.stderr).toBe(0);
    const found = profileDocs(data).find((p) => p.doc.names.includes('Katherine M. Adams'));
    katherineId = found?.id ?? '';
  }, 60_000);

  it('--explain lists the merge with its reasons and the mentions kept apart, with why', async () => {
    const run = await cli(['resolve', '--explain', katherineId, '--data', data, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const x = JSON.parse(run.stdout) as ResolutionExplanation;
    expect(x.mentions.map((m) => m.name).sort()).toEqual(['Kate Adams', 'Katherine M. Adams']);
    expect(x.merges).toHaveLength(1);
    expect(x.merges[0]?.kind).toBe('evidence');
    expect(x.merges[0]?.summary).toContain('same organisation nimbus optics');
    expect(x.merges[0]?.reasons.some((r) => r.startsWith('nickname'))).toBe(true);
    expect(x.check).toMatchObject({ partMentions: 3, sameAsStored: true });
    const kevin = x.nearMisses.find((n) => n.name === 'Kevin Adams');
    expect(kevin?.score).toBeNull();
    expect(kevin?.why).toMatch(/cannot be one person: different given names/);
    // The welder K. Adams of another employer and city is not even compared: nothing to anchor on.
    expect(x.nearMisses.find((n) => n.name === 'K. Adams')).toBeUndefined();

    const text = await cli(['resolve', '--explain', katherineId, '--data', data]);
    expect(text.stdout).toContain('Merged because:');
    expect(text.stdout).toContain('Kept apart');
  }, 60_000);

  it('--rebuild applies a threshold change, and rebuilding with the old one restores the index exactly', async () => {
    const before = profileDocs(data);
    const strict = await cli(['resolve', '--rebuild', '--data', data, '--json'], {
      TALENT_RESOLUTION_THRESHOLD: '50',
    });
    expect(strict.code, strict.stderr).toBe(0);
    const split = JSON.parse(strict.stdout) as RescoreSummary;
    expect(split.profiles).toBe(before.length + 1);

    // Under the default threshold the stored profile no longer matches what resolution gives now.
    const kate = profileDocs(data).find((p) => p.doc.names.includes('Kate Adams'));
    const stale = await cli(['resolve', '--explain', kate?.id ?? '', '--data', data, '--json']);
    const x = JSON.parse(stale.stdout) as ResolutionExplanation;
    expect(x.check.sameAsStored).toBe(false);
    expect(x.nearMisses.find((n) => n.name === 'Katherine M. Adams')?.why).toMatch(/resolve --rebuild/);

    const undo = await cli(['resolve', '--rebuild', '--data', data, '--json']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(profileDocs(data)).toEqual(before);
  }, 90_000);

  it('needs exactly one of --explain and --rebuild, and names a missing profile', async () => {
    const neither = await cli(['resolve', '--data', data]);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('exactly one of --explain <id> or --rebuild');
    const missing = await cli(['resolve', '--explain', 'tp-nope', '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no profile with id "tp-nope"');
  }, 60_000);
});
