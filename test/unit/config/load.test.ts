import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../config/industries.js';
import { loadConfig, settingsReference } from '../../../config/load.js';
import { loadScoring } from '../../../config/scoring.js';
import { loadSkills } from '../../../config/skills.js';
import { ConfigError } from '../../../lib/errors.js';

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-config-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('settings', () => {
  it('has defaults for everything and freezes the result', () => {
    const config = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'tb-')) });
    expect(config.processors.maxDocumentBytes).toBe(64 * 1024 * 1024);
    expect(config.data.dir).toBe('./data');
    expect(config.source.file).toBeNull();
    expect(Object.isFrozen(config.processors)).toBe(true);
  });

  it('reads a YAML file and lets the environment override it, coercing numbers', () => {
    const file = tempFile('tb.yaml', 'processors:\n  maxDocumentBytes: 1000\nlog:\n  level: debug\n');
    const config = loadConfig({ file, env: { TALENT_MAX_DOCUMENT_BYTES: '2048' } });
    expect(config.processors.maxDocumentBytes).toBe(2048);
    expect(config.log.level).toBe('debug');
    expect(config.source.file).toBe(file);
  });

  it('names the file, the field and the fix for a bad value', () => {
    const file = tempFile('tb.yaml', 'processors:\n  maxDocumentBytes: -5\n');
    const error = configError(() => loadConfig({ file, env: {} }));
    expect(error.message).toContain(file);
    expect(error.message).toContain('processors.maxDocumentBytes');
    expect(error.message).toMatch(/Fix: set it to a valid value such as 67108864/);
  });

  it('names the environment variable when it holds a bad value', () => {
    const error = configError(() => loadConfig({ env: { TALENT_LOG_LEVEL: 'loud' }, cwd: tmpdir() }));
    expect(error.message).toMatch(/environment variable TALENT_LOG_LEVEL/);
    expect(error.message).toMatch(/unset TALENT_LOG_LEVEL/);
  });

  it('bounds the HTTP timeouts by default and refuses timeouts that do not nest', () => {
    const config = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'tb-')) });
    expect(config.api).toMatchObject({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 10000,
      connectionTimeoutMs: 60000,
      keepAliveTimeoutMs: 5000,
      bodyLimitBytes: 65536,
    });
    const headers = configError(() =>
      loadConfig({ env: { TALENT_API_HEADERS_TIMEOUT_MS: '20000' }, cwd: tmpdir() }),
    );
    expect(headers.message).toMatch(/api.headersTimeoutMs \(20000\) is larger than api.requestTimeoutMs/);
    const request = configError(() =>
      loadConfig({ env: { TALENT_API_REQUEST_TIMEOUT_MS: '90000' }, cwd: tmpdir() }),
    );
    expect(request.message).toMatch(/api.requestTimeoutMs \(90000\) is larger than api.connectionTimeoutMs/);
    expect(
      configError(() => loadConfig({ env: { TALENT_API_REQUEST_TIMEOUT_MS: '0' }, cwd: tmpdir() })).message,
    ).toMatch(/TALENT_API_REQUEST_TIMEOUT_MS/);
  });

  it('refuses unknown (misspelled) fields instead of ignoring them', () => {
    const file = tempFile('tb.yaml', 'processors:\n  maxDocumentByte: 5\n');
    expect(configError(() => loadConfig({ file, env: {} })).message).toMatch(
      /unknown field "processors.maxDocumentByte"/,
    );
  });

  it('reports YAML syntax errors with a line and a missing explicit file', () => {
    const file = tempFile('tb.yaml', 'processors:\n  maxDocumentBytes: [1,\n');
    expect(configError(() => loadConfig({ file, env: {} })).message).toMatch(/not valid YAML at line/);
    expect(configError(() => loadConfig({ file: '/nonexistent/tb.yaml', env: {} })).message).toMatch(
      /config file not found/,
    );
  });

  it('documents every setting with its env variable and unit', () => {
    const doc = settingsReference();
    expect(doc).toContain('`TALENT_MAX_DOCUMENT_BYTES` | bytes');
    expect(doc).toContain('`scoring.referenceDate`');
  });

  it('docs/configuration.md holds the current settings reference', () => {
    expect(readFileSync('docs/configuration.md', 'utf8')).toContain(settingsReference().trim());
  });
});

describe('industry, scoring and skills files', () => {
  it('loads the shipped defaults', () => {
    const industries = loadIndustries('config/industries.yaml');
    expect(industries.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'automotive',
        'optoelectronics',
        'aerospace',
        'rail',
        'biomedicine',
        'materials',
        'semiconductors',
        'agrifood',
        'digital',
        'film',
      ]),
    );
    expect(loadScoring('config/scoring.yaml').tier.points.A).toBe(20);
    expect(loadSkills('config/skills.yaml').length).toBeGreaterThan(40);
  });

  it('names the entry and field of a bad industry', () => {
    const file = tempFile(
      'industries.yaml',
      'industries:\n  - id: chips\n    name: { en: Chips, zh: 芯片 }\n    scarcity: 0.5\n    keywords: { en: [chip] }\n    cpc: [H01L, not-a-class]\n',
    );
    const error = configError(() => loadIndustries(file));
    expect(error.message).toContain(file);
    expect(error.message).toContain('field industries[0].cpc[1]');
    expect(error.message).toMatch(/CPC\/IPC prefix/);
  });

  it('rejects duplicate industry ids and an invalid tier pattern', () => {
    const dup = tempFile(
      'i.yaml',
      'industries:\n  - { id: a, name: { en: A, zh: 甲 }, scarcity: 0.1, keywords: {} }\n  - { id: a, name: { en: A, zh: 甲 }, scarcity: 0.1, keywords: {} }\n',
    );
    expect(configError(() => loadIndustries(dup)).message).toMatch(/duplicate industry id "a"/);
  });
});
