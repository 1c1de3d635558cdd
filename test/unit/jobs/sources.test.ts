import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveConfigPath } from '../../../config/load.js';
import { loadSources, parseDuration, parseSources, sourceById } from '../../../config/sources.js';
import { crawlSettingsOf } from '../../../jobs/crawl-settings.js';
import { ConfigError } from '../../../lib/errors.js';

const minimal = { id: 'lab', seeds: ['https://lab.example.edu/'], extract: { hint: 'profile-page' } };

function errorOf(tree: unknown): string {
  try {
    parseSources(tree, '/etc/talent/sources.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('crawl sources file', () => {
  it('the shipped config/sources.yaml is valid, with the crawl settings pointing at it', () => {
    const config = loadConfig({ env: {} });
    const sources = loadSources(resolveConfigPath(crawlSettingsOf(config).sourcesFile));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(s.scope.hosts.length).toBeGreaterThan(0);
  });

  it('fills defaults: hosts from the seeds, depth, pages, politeness, recrawl interval, UTC', () => {
    const [s] = parseSources(
      {
        sources: [
          { ...minimal, sitemaps: ['https://www.example.edu/sitemap.xml'], schedule: { cron: '0 3 * * 1' } },
        ],
      },
      'f',
    );
    expect(s).toMatchObject({
      id: 'lab',
      enabled: true,
      scope: { hosts: ['lab.example.edu', 'www.example.edu'], include: [], exclude: [] },
      follow: { maxDepth: 3, maxPages: 1000, respectNofollow: true },
      extract: { hint: 'profile-page', include: [] },
      schedule: { cron: '0 3 * * 1', timezone: 'UTC' },
      politeness: { concurrency: 1, minDelayMs: 1000 },
      recrawlIntervalMs: 86_400_000,
      userAgent: null,
      allowPrivateAddresses: false,
    });
  });

  it('reads durations', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration(1200)).toBe(1200);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });

  it('errors name the file, the field (with the source id) and the fix', () => {
    const tz = errorOf({
      sources: [
        minimal,
        { ...minimal, id: 'two', schedule: { cron: '0 3 * * 1', timezone: 'Asia/Shangai' } },
      ],
    });
    expect(tz).toMatch(
      /^\/etc\/talent\/sources\.yaml: field sources\[1\] \(id "two"\)\.schedule\.timezone: "Asia\/Shangai" is not an IANA time zone; use a name such as "Asia\/Shanghai"/,
    );
    expect(tz).toMatch(/Fix the entry/);
    expect(errorOf({ sources: [{ ...minimal, schedule: { cron: '61 3 * * *' } }] })).toMatch(
      /schedule\.cron: "61 3 \* \* \*" is not a cron expression/,
    );
    expect(errorOf({ sources: [{ ...minimal, schedule: { cron: '0 3 * * 1', every: '1h' } }] })).toMatch(
      /give exactly one of cron .* or every/,
    );
    expect(errorOf({ sources: [{ ...minimal, recrawlInterval: 'weekly' }] })).toMatch(
      /recrawlInterval: "weekly" is not a duration; write a number and a unit/,
    );
    expect(errorOf({ sources: [{ ...minimal, extract: { hint: 'faculty' } }] })).toMatch(
      /extract\.hint: expected one of profile-page, filing-index, patent-listing, publication-api, generic/,
    );
    expect(errorOf({ sources: [{ ...minimal, scope: { include: ['(unclosed'] } }] })).toMatch(
      /scope\.include\[0\]: "\(unclosed" is not a valid regular expression/,
    );
    expect(errorOf({ sources: [{ ...minimal, id: 'Bad Id' }] })).toMatch(
      /field sources\[0\] \(id "Bad Id"\)\.id: expected lower-case letters/,
    );
    expect(errorOf({ sources: [minimal, minimal] })).toMatch(
      /sources\[1\] \(id "lab"\)\.id: id "lab" is already used by sources\[0\]/,
    );
    expect(errorOf({ sources: [{ ...minimal, seeds: [] }] })).toMatch(
      /needs at least one seed URL or sitemap/,
    );
    expect(errorOf({ sources: [{ ...minimal, seeds: ['ftp://x.example/'] }] })).toMatch(
      /seeds\[0\]: expected an absolute http/,
    );
    expect(errorOf({ sources: [{ ...minimal, scope: { hosts: ['other.example.edu'] } }] })).toMatch(
      /seeds\[0\]: host "lab.example.edu" is not in scope.hosts/,
    );
    expect(errorOf({ sources: [{ ...minimal, politeness: { minDelay: '1s', speed: 3 } }] })).toMatch(
      /politeness: Unrecognized key/,
    );
    expect(errorOf({ sources: [{ ...minimal, schedule: { every: '100ms' } }] })).toMatch(
      /less than 1 s apart/,
    );
  });

  it('a file that cannot be read or parsed says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-sources-'));
    expect(() => loadSources(join(dir, 'missing.yaml'))).toThrow(
      /cannot read the crawl sources \(ENOENT\).*crawl\.sourcesFile/,
    );
    writeFileSync(join(dir, 'bad.yaml'), 'sources:\n  - id: [\n');
    expect(() => loadSources(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: not valid YAML at line/);
  });

  it('sourceById lists the ids there are', () => {
    const sources = parseSources({ sources: [minimal] }, 'f');
    expect(sourceById(sources, 'lab', 'f').id).toBe('lab');
    expect(() => sourceById(sources, 'nope', 'f')).toThrow(/no source "nope"; the sources are lab/);
  });

  it('the crawl settings come with the config, validated with the rest', () => {
    const settings = crawlSettingsOf(
      loadConfig({ env: { TALENT_CRAWL_SINK: 'kafka', TALENT_CRAWL_CONCURRENCY: '3' } }),
    );
    expect(settings).toMatchObject({
      sink: 'kafka',
      concurrency: 3,
      queuePrefix: 'talent-crawl',
      userAgent: 'TalentBrainBot/0.1',
    });
    expect(() => loadConfig({ env: { TALENT_CRAWL_SINK: 'disk' } })).toThrow(/TALENT_CRAWL_SINK/);
    expect(() => loadConfig({ env: { TALENT_CRAWL_USER_AGENT: '(nobody)' } })).toThrow(/product token first/);
  });
});
