import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { parseDoc } from '../../indexer/embedded/doc-codec.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { Rng } from '../../synthetic/prng.js';
import { createLogger } from '../../lib/logger.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { cleanTopics } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';

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

function worker(
  dataDir: string,
  backend: 'embedded' | 'elasticsearch' = 'embedded',
  extraEnv: NodeJS.ProcessEnv = {},
): {
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
      backend,
      '--data',
      dataDir,
      '--chunk',
      '40',
    ],
    { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] },
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

const docs = (rows: unknown[]) =>
  (rows as Array<{ id: string; doc: Buffer }>).map((r) => ({
    id: r.id,
    doc: parseDoc<TalentProfile>(r.doc),
  }));

/** The corpus published to the topics of `topicPrefix`, and the uninterrupted file ingest of it. */
async function publishCorpus(topicPrefix: string): Promise<{ reference: string; records: number }> {
  const corpus = mkdtempSync(join(tmpdir(), 'tb-wkill-corpus-'));
  generateCorpus({
    count: 800,
    seed: 4,
    outDir: corpus,
    industries: loadIndustries('config/industries.yaml'),
  });
  const published = await publishInputs({
    inputs: [corpus],
    config: loadConfig({ env: { ...env, TALENT_KAFKA_TOPIC_PREFIX: topicPrefix } }),
    logger,
  });
  const reference = mkdtempSync(join(tmpdir(), 'tb-wkill-ref-'));
  await runIngest({ inputs: [corpus], dataDir: reference, config });
  return { reference, records: published.records };
}

/**
 * Starts a worker and kills it with SIGKILL after a random number of committed chunks, four
 * times; then runs one until `finished`, and stops it with SIGTERM (exit 0 expected).
 */
async function killAndRestart(
  start: () => ReturnType<typeof worker>,
  finished: () => boolean | Promise<boolean>,
): Promise<void> {
  const rng = new Rng(seed);
  let kills = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const w = start();
    // Kill after a random number of committed chunks (of 40 messages), at a random moment.
    const target = rng.int(1, 3);
    const reached = await until(() => w.commits() >= target, 60_000);
    await new Promise((r) => setTimeout(r, rng.int(0, 300)));
    w.child.kill('SIGKILL');
    await w.exited;
    if (reached) kills++;
  }
  expect(kills).toBeGreaterThanOrEqual(3);
  const last = start();
  const deadline = Date.now() + 120_000;
  let done: boolean;
  while (!(done = await finished()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  // A clean stop needs the worker to be up (its signal handlers installed).
  await until(() => last.log().includes('worker.started'), 60_000);
  last.child.kill('SIGTERM');
  const tail = (): string => last.log().split('\n').slice(-15).join('\n');
  expect(await last.exited, tail()).toBe(0);
  expect(done, tail()).toBe(true);
}

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
    const { reference, records } = await publishCorpus(prefix);
    const dataDir = mkdtempSync(join(tmpdir(), 'tb-wkill-'));
    await killAndRestart(
      () => worker(dataDir),
      () => {
        try {
          return snapshot(dataDir).records >= records;
        } catch {
          return false;
        }
      },
    );
    const got = snapshot(dataDir);
    const want = snapshot(reference);
    expect(got.integrity).toBe('ok');
    expect(got.records).toBe(want.records);
    expect(docs(got.profiles)).toEqual(docs(want.profiles));
    expect(topicsOf(config).raw.patent.startsWith(prefix)).toBe(true);
  }, 300_000);
});

describeWithService(
  'elasticsearch',
  `Kafka worker on Elasticsearch killed with SIGKILL (seed ${seed})`,
  () => {
    const esPrefix = uniqueName('tbkilles');
    const extra = {
      TALENT_KAFKA_TOPIC_PREFIX: esPrefix,
      TALENT_KAFKA_GROUP: `${esPrefix}-workers`,
      TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: esPrefix,
      TALENT_INDEX_BACKEND: 'elasticsearch',
    };
    const esConfig = loadConfig({ env: { ...env, ...extra } });

    afterAll(async () => {
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix: esPrefix });
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      await cleanTopics(kafka, esPrefix);
    });

    // Elasticsearch has no transaction: a kill can fall between any two of a commit's writes
    // (profiles, moved mentions, new mentions, records), and the replay must repair each cut.
    it('restarting after each kill ends with the uninterrupted index', async () => {
      const { reference, records } = await publishCorpus(esPrefix);
      const client = new Client({ node: elasticsearchUrl });
      const backend = await openBackend(esConfig, { dataDir: '' });
      const counted = async (): Promise<number> => {
        await client.indices.refresh({ index: `${esPrefix}-*`, ignore_unavailable: true });
        const c = await backend.state.recordCounts();
        return c.parsed + c.skipped + c.rejected;
      };
      try {
        const scratch = mkdtempSync(join(tmpdir(), 'tb-wkill-es-'));
        await killAndRestart(
          () => worker(scratch, 'elasticsearch', extra),
          async () => (await counted().catch(() => 0)) >= records,
        );
        await client.indices.refresh({ index: `${esPrefix}-*` });
        const want = docs(snapshot(reference).profiles);
        expect((await backend.index.stats()).profiles).toBe(want.length);
        for (const { id, doc } of want) expect(await backend.index.get(id)).toEqual(doc);
      } finally {
        await backend.close();
        await client.close();
      }
    }, 300_000);
  },
);
