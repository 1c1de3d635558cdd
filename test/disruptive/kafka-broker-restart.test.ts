import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { startWorker } from '../../ingest/kafka/worker.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { createLogger } from '../../lib/logger.js';
import { describeWithService, kafkaBrokers, runServiceScript, uniqueName } from '../helpers/services.js';

/**
 * The broker restarts while a worker consumes and a publisher produces: the worker must recover by
 * itself and the index end equal to an uninterrupted ingest. Runs in the disruptive suite, alone,
 * since it takes the shared broker down.
 */
const prefix = uniqueName('tbrestart');
const config = loadConfig({
  env: {
    TALENT_REFERENCE_DATE: '2026-01-01',
    TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
    TALENT_KAFKA_TOPIC_PREFIX: prefix,
    TALENT_KAFKA_GROUP: `${prefix}-workers`,
    TALENT_KAFKA_PARTITIONS: '3',
  },
});
const logger = createLogger({ level: 'error' });

function recordCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ingest_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function profileIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM profiles ORDER BY id').all() as Array<{ id: string }>).map(
      (r) => r.id,
    );
  } finally {
    db.close();
  }
}

describeWithService('kafka', 'Kafka broker restarted mid-stream', () => {
  afterAll(async () => {
    const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('the worker recovers by itself and nothing is lost or duplicated', async () => {
    const industries = loadIndustries('config/industries.yaml');
    const first = mkdtempSync(join(tmpdir(), 'tb-restart-a-'));
    const second = mkdtempSync(join(tmpdir(), 'tb-restart-b-'));
    generateCorpus({ count: 300, seed: 31, outDir: first, industries });
    generateCorpus({ count: 300, seed: 32, outDir: second, industries });
    const a = await publishInputs({ inputs: [first], config, logger });

    const dataDir = mkdtempSync(join(tmpdir(), 'tb-restart-data-'));
    const backend = await openBackend(config, { dataDir, backend: 'embedded' });
    const worker = await startWorker({
      config,
      logger,
      index: backend.index,
      state: backend.state,
      chunkMessages: 50,
    });
    try {
      await runServiceScript('kafka', 'restart');
      const b = await publishInputs({ inputs: [second], config, logger });
      const total = a.records + b.records;
      const deadline = Date.now() + 180_000;
      while (recordCount(dataDir) < total && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(recordCount(dataDir)).toBe(total);
    } finally {
      await worker.stop();
      await backend.close();
    }
    const reference = mkdtempSync(join(tmpdir(), 'tb-restart-ref-'));
    await runIngest({ inputs: [first, second], dataDir: reference, config });
    expect(profileIds(dataDir)).toEqual(profileIds(reference));
  }, 300_000);
});
