import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemand } from '../../../config/demand.js';
import { loadIndustries } from '../../../config/industries.js';
import { ConfigError } from '../../../lib/errors.js';

const ids = loadIndustries('config/industries.yaml').map((i) => i.id);

function demandFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tb-demand-')), 'demand.yaml');
  writeFileSync(file, text);
  return file;
}

describe('config/demand.yaml', () => {
  it('the shipped file loads, with a target for every configured industry', () => {
    const demand = loadDemand('config/demand.yaml', ids);
    expect(demand.homeRegion).toBe('CN-JL');
    expect(new Set(demand.targets.map((t) => t.industry))).toEqual(new Set(ids));
    expect(demand.targets.every((t) => t.region === 'CN-JL' && t.count > 0)).toBe(true);
  });

  it('reads a target without tier as any tier, without region as the home region', () => {
    const file = demandFile(
      'minScore: 35\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, count: 2 }\n  - { industry: rail, tier: A, region: CN-BJ, count: 1, note: why }\n',
    );
    expect(loadDemand(file, ids)).toEqual({
      minScore: 35,
      homeRegion: 'CN-JL',
      targets: [
        { industry: 'rail', region: 'CN-JL', count: 2 },
        { industry: 'rail', tier: 'A', region: 'CN-BJ', count: 1, note: 'why' },
      ],
    });
  });

  it.each([
    [
      'an unknown industry',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: spaceships, tier: A, count: 3 }\n',
      new RegExp(
        `targets\\[0\\]\\.industry: unknown industry "spaceships"; the industries file defines ${ids.join(', ')}`,
      ),
    ],
    [
      'a bad tier',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, tier: Z, count: 3 }\n',
      /targets\[0\]\.tier: expected a tier letter A–E/,
    ],
    [
      'a negative count',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, tier: B, count: -2 }\n',
      /targets\[0\]\.count: expected a count above 0/,
    ],
    [
      'a duplicate',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, tier: B, count: 2 }\n  - { industry: rail, tier: B, region: CN-JL, count: 5 }\n',
      /targets\[1\]: a second target for rail tier B in CN-JL/,
    ],
    [
      'a count that is not a whole number',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, tier: B, count: 2.5 }\n',
      /targets\[0\]\.count: expected a whole number of people/,
    ],
    [
      'a country code for a region',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, region: CN, count: 2 }\n',
      /targets\[0\]\.region: expected an ISO 3166-2 region code such as "CN-JL"/,
    ],
    [
      'a second target of any tier',
      'minScore: 40\nhomeRegion: CN-JL\ntargets:\n  - { industry: rail, count: 2 }\n  - { industry: rail, count: 3 }\n',
      /targets\[1\]: a second target for rail in CN-JL/,
    ],
    [
      'a bad region',
      'minScore: 40\nhomeRegion: Jilin\ntargets:\n  - { industry: rail, count: 2 }\n',
      /homeRegion: expected an ISO 3166-2 region/,
    ],
  ])('refuses %s, naming the file and the field', (_what, text, message) => {
    const file = demandFile(text);
    expect(() => loadDemand(file, ids)).toThrow(ConfigError);
    expect(() => loadDemand(file, ids)).toThrow(message);
    expect(() => loadDemand(file, ids)).toThrow(file);
  });
});
