import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { StorageError } from '../../ingest/embedded/storage-error.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { strictMode } from '../helpers/corpus.js';

/**
 * A data directory that stops taking writes — a full disk, a read-only mount — must give a clear
 * error and leave the index intact, and the same command must finish the job once it is fixed.
 * Real conditions: a small tmpfs that really fills, a mount really remounted read-only (this needs
 * mount privileges, which CI's root has).
 */
const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const isRoot = process.getuid?.() === 0;

function sh(...args: string[]): boolean {
  return spawnSync(args[0] as string, args.slice(1), { stdio: 'ignore' }).status === 0;
}

const probe = mkdtempSync(join(tmpdir(), 'tb-mount-probe-'));
const canMount = isRoot && sh('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe) && sh('umount', probe);
const mounts: string[] = [];

function tmpfs(sizeKiB: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-tmpfs-'));
  if (!sh('mount', '-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir))
    throw new Error(`cannot mount a tmpfs on ${dir}`);
  mounts.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of mounts) sh('umount', dir);
});

function profileIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    expect(String(db.pragma('integrity_check', { simple: true }))).toBe('ok');
    return (db.prepare('SELECT id FROM profiles ORDER BY id').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
  } finally {
    db.close();
  }
}

const corpus = mkdtempSync(join(tmpdir(), 'tb-storage-corpus-'));
generateCorpus({ count: 300, seed: 5, outDir: corpus, industries: loadIndustries('config/industries.yaml') });

if (!canMount && strictMode)
  describe('ingest on a data directory that fills up or turns read-only (tmpfs)', () => {
    it('needs mount privileges', () => {
      throw new Error('these tests mount a tmpfs: run them as root (TALENT_STRICT forbids skipping)');
    });
  });

describe.skipIf(!canMount)('ingest on a data directory that fills up or turns read-only (tmpfs)', () => {
  it('a full disk stops the ingest with a clear error, the index stays intact, and the rerun completes it', async () => {
    const reference = mkdtempSync(join(tmpdir(), 'tb-storage-ref-'));
    await runIngest({ inputs: [corpus], dataDir: reference, config, batchRecords: 50 });
    const want = profileIds(reference);

    const mount = tmpfs(1200);
    const dataDir = join(mount, 'data');
    const error = await runIngest({ inputs: [corpus], dataDir, config, batchRecords: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/disk is full/);
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toMatch(/rerun the same command/);
    const partial = profileIds(dataDir);
    expect(partial.length).toBeLessThan(want.length);

    expect(sh('mount', '-o', 'remount,size=64m', mount)).toBe(true);
    const rest = await runIngest({ inputs: [corpus], dataDir, config, batchRecords: 50 });
    expect(rest.stopped).toBe(false);
    expect(profileIds(dataDir)).toEqual(want);
  });

  it('a read-only data directory is refused with a clear error and the index is unchanged', async () => {
    const mount = tmpfs(64 * 1024);
    const dataDir = join(mount, 'data');
    await runIngest({ inputs: [corpus], dataDir, config });
    const before = profileIds(dataDir);
    expect(sh('mount', '-o', 'remount,ro', mount)).toBe(true);
    const error = await runIngest({ inputs: [corpus], dataDir, config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/read-only/);
    expect(sh('mount', '-o', 'remount,rw', mount)).toBe(true);
    expect(profileIds(dataDir)).toEqual(before);
  });
});
