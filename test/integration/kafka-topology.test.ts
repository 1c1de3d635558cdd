import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { startStagedWorker } from '../../ingest/kafka/stages/staged-worker.js';
import { rawTopics, topicsOf } from '../../ingest/kafka/topics.js';
import type { Topology } from '../../ingest/kafka/topology.js';
import { createLogger } from '../../lib/logger.js';
import { createMetricsRegistry } from '../../lib/metrics.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { runCli } from '../helpers/cli.js';
import { cleanTopics, drained } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';

/**
 * `talent-brain topology` and the stages' Prometheus metrics against real Kafka and Elasticsearch:
 * before any worker ran, the parse stage's lag is every published record; after a staged worker
 * drained the topics, both stages' lag is 0, and the metrics count what the stages did.
 */
const logger = createLogger({ level: 'fatal' });
const prefix = uniqueName('tbtopo');
const env = {
  TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
  TALENT_KAFKA_TOPIC_PREFIX: prefix,
  TALENT_KAFKA_GROUP: `${prefix}-workers`,
  TALENT_KAFKA_PARTITIONS: '3',
  TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
  TALENT_ELASTICSEARCH_PREFIX: prefix,
  TALENT_INDEX_BACKEND: 'elasticsearch',
};
const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01', ...env } });

async function topology(): Promise<Topology> {
  const run = await runCli(['topology', '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Topology;
}

/** The value of one sample in Prometheus text (0 when absent). */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}` : ''}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describeWithService('kafka', 'talent-brain topology and stage metrics', () => {
  describeWithService('elasticsearch', 'on Elasticsearch', () => {
    let published = 0;
    beforeAll(async () => {
      const corpus = mkdtempSync(join(tmpdir(), 'tb-topo-'));
      generateCorpus({
        count: 30,
        seed: 5,
        outDir: corpus,
        industries: loadIndustries('config/industries.yaml'),
      });
      published = (await publishInputs({ inputs: [corpus], config, logger })).records;
    }, 120_000);
    afterAll(async () => {
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
      await cleanTopics(
        new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING }),
        prefix,
      );
    });

    it('before any worker: the raw topics, their partitions, and every record as the parse stage lag', async () => {
      const t = await topology();
      expect(t.brokers.length).toBeGreaterThan(0);
      const topics = topicsOf(config);
      for (const name of rawTopics(topics)) {
        const topic = t.topics.find((x) => x.name === name);
        expect(topic, name).toMatchObject({ exists: true, partitions: 3, offline: 0 });
      }
      expect(t.topics.find((x) => x.name === topics.mentions)?.exists).toBe(false);
      const parse = t.stages.find((s) => s.stage === 'parse');
      expect(parse).toMatchObject({ group: `${prefix}-workers.parse`, members: 0, lag: published });
      expect(parse?.reads).toEqual(rawTopics(topics));
      expect(
        t.topics.filter((x) => rawTopics(topics).includes(x.name)).reduce((n, x) => n + x.messages, 0),
      ).toBe(published);
    }, 60_000);

    it('after a staged worker drained the topics: lag 0 per stage, and the metrics count each stage', async () => {
      const registry = createMetricsRegistry();
      const backend = await openBackend(config, { dataDir: '' });
      const worker = await startStagedWorker({
        config,
        logger,
        index: backend.index,
        erasedKeys: (keys) => backend.state.erasedKeys(keys),
        chunkMessages: 20,
        metrics: registry,
      });
      let text: string;
      let during: Topology;
      try {
        const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
        await drained(kafka, worker.groups.parse, rawTopics(topicsOf(config)), 120_000);
        await drained(kafka, worker.groups.resolve, [topicsOf(config).mentions], 120_000);
        during = await topology();
        text = await registry.metrics();
      } finally {
        await worker.stop();
        await backend.close();
      }
      for (const stage of ['parse', 'resolve'])
        expect(during.stages.find((s) => s.stage === stage)).toMatchObject({
          lag: 0,
          members: 1,
          state: 'Stable',
        });
      expect(during.topics.find((x) => x.name === topicsOf(config).mentions)).toMatchObject({
        exists: true,
        partitions: 3,
      });

      expect(sample(text, 'talent_brain_stage_records_total', 'stage="parse"')).toBe(published);
      expect(sample(text, 'talent_brain_stage_records_total', 'stage="resolve"')).toBeGreaterThan(0);
      expect(sample(text, 'talent_brain_stage_outputs_total', 'stage="resolve"')).toBe(
        worker.resolve.profilesPut,
      );
      const lagLines = text.split('\n').filter((l) => l.startsWith('talent_brain_stage_consumer_lag{'));
      expect(lagLines.length).toBe(rawTopics(topicsOf(config)).length * 3 + 3);
      expect(lagLines.every((l) => l.endsWith(' 0'))).toBe(true);
      const stored = text
        .split('\n')
        .filter((l) => l.startsWith('talent_brain_stage_store_size{') && l.includes('kind="mentions"'));
      expect(stored.reduce((n, l) => n + Number(l.split(' ').at(-1)), 0)).toBeGreaterThan(0);
      expect(sample(text, 'talent_brain_stage_bulk_flush_bytes_count')).toBeGreaterThan(0);
      expect(sample(text, 'talent_brain_stage_bulk_flush_bytes_sum')).toBeGreaterThan(0);
      expect(sample(text, 'talent_brain_stage_bulk_flush_seconds_count')).toBe(
        sample(text, 'talent_brain_stage_bulk_flush_bytes_count'),
      );
    }, 240_000);

    it('--help names the stages and the JSON fields', async () => {
      const run = await runCli(['topology', '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('--json');
      expect(run.stdout).toContain('lag');
      expect(run.stdout).toContain('worker --stage');
    });
  });
});
