import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestInto, root } from './api-fixture.js';

/**
 * `talent-brain serve` and `talent-brain api-key` as a user runs them: the first start issues an
 * admin key, keys made while the service runs work at once and stop working when revoked, and
 * SIGTERM stops the service with exit code 0.
 */

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const run = promisify(execFile);
const cli = [join(root, 'bin/talent-brain.ts')];
const env = {
  ...process.env,
  TALENT_API_KEYS: '',
  TALENT_INDEX_BACKEND: 'embedded',
  TALENT_LOG_LEVEL: 'warn',
};

describe('talent-brain serve and api-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-serve-'));
  const dataDir = join(dir, 'data');

  beforeAll(async () => {
    await ingestInto(dataDir, [join(root, 'examples')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const keyCli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', ...cli, 'api-key', ...args, '--data', dataDir], {
      cwd: root,
      env,
    });

  it('serves with a first admin key, takes new keys at once, drops revoked ones, stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', ...cli, 'serve', '--port', '0', '--data', dataDir],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      await expect.poll(() => /Ctrl-C stops it/.test(stderr), { timeout: 30_000 }).toBe(true);
      const url = /web UI\s+(http:\/\/\S+?)\/\s/.exec(stderr)?.[1] as string;
      const adminKey = /shown once, stored hashed\):\n\s+(tb_\S+)/.exec(stderr)?.[1] as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const me = (key: string) => fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(await (await me(adminKey)).json()).toMatchObject({ name: 'local-admin', role: 'admin' });

      const created = JSON.parse(
        (await keyCli('create', '--role', 'analyst', '--name', 'ana', '--json')).stdout,
      ) as {
        key: string;
      };
      expect(await (await me(created.key)).json()).toMatchObject({ name: 'ana', role: 'analyst' });
      const listed = JSON.parse((await keyCli('list', '--json')).stdout) as Array<{
        name: string;
        role: string;
      }>;
      expect(listed.map((k) => [k.name, k.role])).toEqual([
        ['ana', 'analyst'],
        ['local-admin', 'admin'],
      ]);
      expect(JSON.stringify(listed)).not.toContain(created.key);
      await keyCli('revoke', 'ana');
      expect((await me(created.key)).status).toBe(401);
      await expect(keyCli('create', '--role', 'boss', '--name', 'x')).rejects.toMatchObject({
        stderr: expect.stringMatching(/--role must be recruiter, analyst, admin/),
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('refuses to serve a data directory without an index, saying what to run', async () => {
    const empty = join(dir, 'empty');
    await expect(
      run(process.execPath, ['--import', 'tsx', ...cli, 'serve', '--port', '0', '--data', empty], {
        cwd: root,
        env,
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/no index in .*talent-brain ingest/) });
  });

  it('hashes a key for the api.keys setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...cli, 'api-key', 'hash'], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.stdin.end('abc\n');
    await new Promise((done) => child.once('exit', done));
    expect(out.trim()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
