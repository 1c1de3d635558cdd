import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { startWorker } from '../../ingest/kafka/worker.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { createLogger } from '../../lib/logger.js';
import {
  describeWithService,
  elasticsearchUrl,
  kafkaBrokers,
  runServiceScript,
  uniqueName,
} from '../helpers/services.js';

/**
 * Elasticsearch stops for 30 s while documents are published: the worker must pause (not crash,
 * not buffer), and once Elasticsearch is back, index everything — the same profiles as an
 * uninterrupted ingest. A worker process started during the outage waits for the index.
 */
const prefix = uniqueName('tboutage');
const env = {
  TALENT_REFERENCE_DATE: '2026-01-01',
  TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
  TALENT_KAFKA_TOPIC_PREFIX: prefix,
  TALENT_KAFKA_GROUP: `${prefix}-workers`,
  TALENT_KAFKA_PARTITIONS: '3',
  TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
  TALENT_ELASTICSEARCH_PREFIX: prefix,
};
const config = loadConfig({ env });
const logger = createLogger({ level: 'error' });

describeWithService('elasticsearch', 'Elasticsearch outage while the workers run', () => {
  it('pauses, resumes and loses nothing', async () => {
    const industries = loadIndustries('config/industries.yaml');
    const before = mkdtempSync(join(tmpdir(), 'tb-outage-a-'));
    const during = mkdtempSync(join(tmpdir(), 'tb-outage-b-'));
    generateCorpus({ count: 150, seed: 41, outDir: before, industries });
    generateCorpus({ count: 150, seed: 42, outDir: during, industries });
    await publishInputs({ inputs: [before], config, logger });
    const backend = await openBackend(config, { dataDir: '', backend: 'elasticsearch' });
    const worker = await startWorker({
      config,
      logger,
      index: backend.index,
      state: backend.state,
      chunkMessages: 50,
      // The worker started during the outage writes the same index: both must re-check their commits.
      concurrentWriters: true,
    });
    const reference = mkdtempSync(join(tmpdir(), 'tb-outage-ref-'));
    await runIngest({ inputs: [before, during], dataDir: reference, config });
    const refIndex = await openBackend(config, { dataDir: reference, backend: 'embedded' });
    const wanted = (await refIndex.index.stats()).profiles;
    let late: ChildProcess | undefined;
    let lateLog = '';
    try {
      await runServiceScript('elasticsearch', 'stop');
      const outageStarted = Date.now();
      // A second worker process, started while the index is down: it must wait, not exit.
      late = spawn(
        process.execPath,
        ['--import', 'tsx', 'bin/talent-brain.ts', 'worker', '--backend', 'elasticsearch', '--chunk', '50'],
        { env: { ...process.env, ...env, TALENT_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      late.stderr?.setEncoding('utf8').on('data', (d: string) => (lateLog += d));
      await publishInputs({ inputs: [during], config, logger });
      while (Date.now() - outageStarted < 30_000) await new Promise((r) => setTimeout(r, 500));
      const pausedDuringOutage = worker.stats.pauses;
      await runServiceScript('elasticsearch', 'start');
      expect(pausedDuringOutage).toBeGreaterThan(0);
      expect(lateLog).toContain('worker.index.unavailable');
      expect(late.exitCode).toBeNull();
      const deadline = Date.now() + 180_000;
      let got = 0;
      while (Date.now() < deadline) {
        got = (await backend.index.stats()).profiles;
        // Equal, not at least: while two workers settle, a stale profile can be there a moment.
        if (got === wanted) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(got).toBe(wanted);
      const sample = (await refIndex.index.search({ limit: 50 })).hits.map((h) => h.id);
      for (const id of sample) expect(await backend.index.get(id)).toEqual(await refIndex.index.get(id));
      // Once the index is back the late worker starts for real, and stops cleanly.
      const started = Date.now();
      while (!lateLog.includes('worker.started') && Date.now() - started < 120_000)
        await new Promise((r) => setTimeout(r, 250));
      expect(lateLog).toContain('worker.started');
      const exited = new Promise<number | null>((done) => late?.on('close', (code) => done(code)));
      late.kill('SIGTERM');
      expect(await exited, lateLog.split('\n').slice(-10).join('\n')).toBe(0);
    } finally {
      if (late && late.exitCode === null) late.kill('SIGKILL');
      await runServiceScript('elasticsearch', 'up');
      await worker.stop();
      await backend.close();
      await refIndex.close();
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 300_000);
});
