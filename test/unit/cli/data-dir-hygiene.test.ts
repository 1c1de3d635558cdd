import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiStore } from '../../../api/state/api-store.js';
import { ingestInto } from '../../integration/api-fixture.js';
import { projectRoot } from '../../../lib/project-root.js';

/**
 * The data directory as the CLI leaves it: private modes on everything it creates (the index and
 * its WAL, dead letters, the audit log, locks), and a command whose reader goes away early
 * (`talent-brain rejects | head`) ends quietly.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const root = projectRoot(import.meta.url);

describe('data directory hygiene', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-hygiene-'));
  const dataDir = join(dir, 'data');

  beforeAll(async () => {
    // Many made-up documents the ingest rejects, so `rejects` writes far more than a pipe holds.
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    for (let i = 0; i < 400; i++)
      writeFileSync(join(inputs, `bad-${i}.resume.json`), `{"basics": {"name": "Made Up ${i}", "label": "x"`);
    writeFileSync(
      join(inputs, 'good.resume.json'),
      JSON.stringify({ basics: { name: 'Made Up Person', email: 'made.up@example.org' } }),
    );
    await ingestInto(dataDir, [inputs]);
    ApiStore.open(dataDir).close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory 0700 and every file in it 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['talent.db', 'rejects.jsonl', 'api.db']));
    for (const file of files) expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
  });

  it('a reader that closes the pipe early ends the command quietly with exit code 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), 'rejects', '--data', dataDir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Like `head`: read the first chunk, then close the read end.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(0);
  });
});
