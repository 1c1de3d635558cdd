import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { parseDoc } from '../../indexer/embedded/doc-codec.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { generateCorpus } from '../../ingest/synthetic/generate-corpus.js';
import { Rng } from '../../ingest/synthetic/prng.js';
import { createLogger } from '../../lib/logger.js';
import { describeWithService, kafkaBrokers, uniqueName } from '../helpers/services.js';

/**
 * A worker killed with SIGKILL mid-stream, several times, then restarted: the index must end
 * equal to what the same documents give without interruption — nothing lost (offsets are
 * committed after the index), nothing duplicated (replayed records are recognised).
 */
const root = resolve(import.meta.dirname, '../..');
const seed = Number(process.env.TALENT_TEST_SEED ?? Date.now() % 100_000);
const prefix = uniqueName('tbkill');
const env = {
  ...process.env,
  TALENT_REFERENCE_DATE: '2026-01-01',
  TALENT_LOG_LEVEL: 'debug',
  TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
  TALENT_KAFKA_TOPIC_PREFIX: prefix,
  TALENT_KAFKA_GROUP: `${prefix}-workers`,
  TALENT_KAFKA_PARTITIONS: '3',
};
const config = loadConfig({ env });
const logger = createLogger({ level: 'warn' });

function snapshot(dataDir: string): { profiles: unknown[]; records: number; integrity: string } {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return {
      profiles: db
        .prepare('SELECT p.id, d.doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid ORDER BY p.id')
        .all(),
      records: (db.prepare('SELECT count(*) AS n FROM ingest_records').get() as { n: number }).n,
      integrity: String(db.pragma('integrity_check', { simple: true })),
    };
  } finally {
    db.close();
  }
}

function worker(dataDir: string): {
  child: ChildProcess;
  commits: () => number;
  log: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bin/talent-brain.ts'),
      'worker',
      '--backend',
      'embedded',
      '--data',
      dataDir,
      '--chunk',
      '40',
    ],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
  return {
    child,
    commits: () => (log.match(/worker\.offsets\.committed/g) ?? []).length,
    log: () => log,
    exited: new Promise((done) => child.on('close', (code) => done(code))),
  };
}

const until = async (condition: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
};

describeWithService('kafka', `Kafka worker killed with SIGKILL (seed ${seed})`, () => {
  afterAll(async () => {
    const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('restarting after each kill ends with the uninterrupted index', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'tb-wkill-corpus-'));
    generateCorpus({
      count: 800,
      seed: 4,
      outDir: corpus,
      industries: loadIndustries('config/industries.yaml'),
    });
    const published = await publishInputs({ inputs: [corpus], config, logger });
    const reference = mkdtempSync(join(tmpdir(), 'tb-wkill-ref-'));
    await runIngest({ inputs: [corpus], dataDir: reference, config });

    const dataDir = mkdtempSync(join(tmpdir(), 'tb-wkill-'));
    const rng = new Rng(seed);
    let kills = 0;
    for (let attempt = 0; attempt < 4; attempt++) {
      const w = worker(dataDir);
      // Kill after a random number of committed chunks (chunks of 500 over 3 partitions), at a random moment.
      const target = rng.int(1, 3);
      const reached = await until(() => w.commits() >= target, 60_000);
      await new Promise((r) => setTimeout(r, rng.int(0, 300)));
      w.child.kill('SIGKILL');
      await w.exited;
      if (reached) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(3);

    const last = worker(dataDir);
    const records = published.records;
    const done = await until(() => {
      try {
        return snapshot(dataDir).records >= records;
      } catch {
        return false;
      }
    }, 120_000);
    // A clean stop needs the worker to be up (its signal handlers installed).
    await until(() => last.log().includes('worker.started'), 60_000);
    last.child.kill('SIGTERM');
    const tail = (): string => last.log().split('\n').slice(-15).join('\n');
    expect(await last.exited, tail()).toBe(0);
    expect(done, tail()).toBe(true);
    const got = snapshot(dataDir);
    const want = snapshot(reference);
    expect(got.integrity).toBe('ok');
    expect(got.records).toBe(want.records);
    const docs = (rows: unknown[]) =>
      (rows as Array<{ id: string; doc: Buffer }>).map((r) => ({
        id: r.id,
        doc: parseDoc<TalentProfile>(r.doc),
      }));
    expect(docs(got.profiles)).toEqual(docs(want.profiles));
    expect(topicsOf(config).raw.patent.startsWith(prefix)).toBe(true);
  }, 300_000);
});
