import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { Rng } from '../../synthetic/prng.js';

/**
 * Durability: an ingest killed with SIGKILL at random moments, then rerun, must end with exactly the
 * index an uninterrupted run builds: nothing lost, nothing twice, no duplicate dead letters.
 */
const root = resolve(import.meta.dirname, '../..');
const env = { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01', TALENT_LOG_LEVEL: 'debug' };
const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const seed = Number(process.env.TALENT_TEST_SEED ?? Date.now() % 100_000);

interface Snapshot {
  profiles: Array<{ id: string; doc: string }>;
  records: Array<{ source_id: string; checksum: string; outcome: string }>;
  mentions: Array<{ mention_id: string; profile_id: string }>;
  evidenceRows: number;
  ftsRows: number;
  integrity: string;
}

function snapshot(dataDir: string): Snapshot {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    const all = <T>(sql: string) => db.prepare(sql).all() as T[];
    return {
      profiles: all(
        'SELECT p.id AS id, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid ORDER BY p.id',
      ),
      records: all('SELECT source_id, checksum, outcome FROM ingest_records ORDER BY source_id'),
      mentions: all('SELECT mention_id, profile_id FROM mentions ORDER BY mention_id'),
      evidenceRows: (db.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n,
      ftsRows: (db.prepare('SELECT count(*) AS n FROM fts').get() as { n: number }).n,
      integrity: String(db.pragma('integrity_check', { simple: true })),
    };
  } finally {
    db.close();
  }
}

function rejectIds(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'rejects.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** Runs `ingest` in a child process; kills it with SIGKILL after `afterCommits` commits plus `delayMs`, unless it ends first. */
function ingestChild(
  inputs: string[],
  dataDir: string,
  kill?: { afterCommits: number; delayMs: number },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; commits: number; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'bin/talent-brain.ts'),
        'ingest',
        ...inputs,
        '--data',
        dataDir,
        '--batch',
        '15',
      ],
      { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let commits = 0;
    let stderr = '';
    let armed = false;
    const arm = (): void => {
      if (armed || !kill) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    };
    if (kill && kill.afterCommits === 0) arm();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      commits = (stderr.match(/ingest\.batch\.committed/g) ?? []).length;
      if (kill && commits >= kill.afterCommits) arm();
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, commits, stderr }));
  });
}

describe(`ingest killed with SIGKILL at random points (seed ${seed}; TALENT_TEST_SEED to repeat)`, () => {
  it('rerunning the same command ends with the index an uninterrupted run builds', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'tb-kill-corpus-'));
    generateCorpus({
      count: 1000,
      seed: 11,
      outDir: corpus,
      industries: loadIndustries('config/industries.yaml'),
    });
    // Dead letters too: each must be in rejects.jsonl exactly once at the end.
    writeFileSync(join(corpus, 'broken-patent.xml'), '<?xml version="1.0"?>\n<us-patent-grant><oops>');
    writeFileSync(join(corpus, 'unknown.txt'), 'nothing a parser recognises');

    const reference = mkdtempSync(join(tmpdir(), 'tb-kill-ref-'));
    const expected = await runIngest({ inputs: [corpus], dataDir: reference, config, batchRecords: 15 });
    expect(expected.rejected).toBe(2);

    const dataDir = mkdtempSync(join(tmpdir(), 'tb-kill-'));
    const rng = new Rng(seed);
    let killed = 0;
    let finished = false;
    // Kill at random: before the first commit, between commits, inside a transaction.
    for (let attempt = 0; attempt < 6 && !finished; attempt++) {
      const run = await ingestChild([corpus], dataDir, {
        afterCommits: rng.int(0, 12),
        delayMs: rng.int(0, 400),
      });
      if (run.signal === 'SIGKILL') killed++;
      else {
        expect([0, 2], run.stderr).toContain(run.code);
        finished = true;
      }
    }
    // The kills really interrupted work (runs that finish first prove nothing).
    expect(killed).toBeGreaterThanOrEqual(4);
    const last = await ingestChild([corpus], dataDir);
    expect([0, 2], last.stderr).toContain(last.code);

    const got = snapshot(dataDir);
    const want = snapshot(reference);
    expect(got.integrity).toBe('ok');
    expect(got.profiles.map((p) => p.id)).toEqual(want.profiles.map((p) => p.id));
    expect(got.profiles).toEqual(want.profiles);
    expect(got.records).toEqual(want.records);
    expect(got.mentions).toEqual(want.mentions);
    expect(got.evidenceRows).toBe(want.evidenceRows);
    expect(got.ftsRows).toBe(want.profiles.length);
    const rejects = rejectIds(dataDir);
    expect(rejects.sort()).toEqual(rejectIds(reference).sort());
    expect(new Set(rejects).size).toBe(rejects.length);
  }, 180_000);
});
