import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../config/industries.js';
import { lockDataDir } from '../../../ingest/embedded/data-dir-lock.js';
import type { IngestSummary } from '../../../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../../../synthetic/generate-corpus.js';

const root = resolve(import.meta.dirname, '../../..');
const env = { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' };
const args = (...rest: string[]) => ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...rest];

function cli(...rest: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, args(...rest), {
    cwd: root,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const corpus = mkdtempSync(join(tmpdir(), 'tb-cli-ingest-'));
generateCorpus({ count: 400, seed: 3, outDir: corpus, industries: loadIndustries('config/industries.yaml') });
writeFileSync(join(corpus, 'garbage.xml'), '<?xml version="1.0"?><nothing-we-know/>');

describe('talent-brain ingest / rejects', () => {
  it('ingests with a --json summary, exit 2 for rejects, and lists them', () => {
    const data = mkdtempSync(join(tmpdir(), 'tb-cli-data-'));
    const run = cli('ingest', corpus, '--data', data, '--json');
    expect(run.code, run.stderr).toBe(2);
    const summary = JSON.parse(run.stdout) as IngestSummary;
    expect(summary.rejected).toBe(1);
    expect(summary.ingested).toBe(summary.records - 1);
    expect(summary.profiles).toBeGreaterThan(300);

    const again = cli('ingest', corpus, '--data', data);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 records: .*finished files skipped/);

    const listed = cli('rejects', '--data', data, '--json');
    expect(listed.code).toBe(0);
    const entries = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason: { code: string }; origin: { file: string } });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.reason.code).toBe('unknown-format');
    expect(entries[0]?.origin.file).toBe(join(corpus, 'garbage.xml'));
  });

  it('refuses a second writer on the same data directory, naming the first', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tb-cli-data-'));
    const lock = await lockDataDir(data);
    try {
      const run = cli('ingest', corpus, '--data', data);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`another ingest (pid ${process.pid}`);
      expect(run.stderr).toMatch(/--wait/);
    } finally {
      lock.release();
    }
  });

  it('stops cleanly on SIGTERM (exit 130) and the rerun finishes the job', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tb-cli-data-'));
    const child = spawn(process.execPath, args('ingest', corpus, '--data', data, '--batch', '10'), {
      cwd: root,
      env: { ...env, TALENT_LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (!stderr.includes('ingest.batch.committed') && (stderr + chunk).includes('ingest.batch.committed'))
        child.kill('SIGTERM');
      stderr += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/stopped before the end; rerun the same command to continue/);
    const rest = cli('ingest', corpus, '--data', data, '--json');
    const summary = JSON.parse(rest.stdout) as IngestSummary;
    expect(summary.records).toBeGreaterThan(0);
    expect(summary.stopped).toBe(false);
    const fresh = mkdtempSync(join(tmpdir(), 'tb-cli-data-'));
    const whole = JSON.parse(cli('ingest', corpus, '--data', fresh, '--json').stdout) as IngestSummary;
    expect(summary.profiles).toBe(whole.profiles);
  });

  it('validates its options', () => {
    const bad = cli(
      'ingest',
      corpus,
      '--batch',
      'zero',
      '--data',
      mkdtempSync(join(tmpdir(), 'tb-cli-data-')),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--batch must be a positive whole number/);
    const help = cli('ingest', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 ok/);
    expect(cli('rejects', '--help').stdout).toMatch(/--retry/);
  });
});
