import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { ensureTopics } from '../../ingest/kafka/client.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { listDeadLetters } from '../../ingest/kafka/dlq-tools.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { startWorker } from '../../ingest/kafka/worker.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { createEnvelope, encodeEnvelope } from '../../lib/envelope.js';
import { createLogger } from '../../lib/logger.js';
import { createMetricsRegistry } from '../../lib/metrics.js';
import { cleanTopics, drained, profileDocs, profileIds } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';

/**
 * The Kafka path against a real broker: publish → worker → index must give the index the file
 * ingest gives for the same documents, with every poison message in the dead-letter topic.
 */
const logger = createLogger({ level: 'warn' });

describeWithService('kafka', 'Kafka ingest workers (real broker, embedded index)', () => {
  const corpus = mkdtempSync(join(tmpdir(), 'tb-kafka-corpus-'));
  let config: Readonly<Config>;
  let kafka: Kafka;

  beforeAll(async () => {
    generateCorpus({
      count: 300,
      seed: 21,
      outDir: corpus,
      industries: loadIndustries('config/industries.yaml'),
    });
    writeFileSync(join(corpus, 'broken.xml'), '<?xml version="1.0"?>\n<us-patent-grant><oops>');
    const prefix = uniqueName('tbtest');
    config = loadConfig({
      env: {
        TALENT_REFERENCE_DATE: '2026-01-01',
        TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
        TALENT_KAFKA_TOPIC_PREFIX: prefix,
        TALENT_KAFKA_GROUP: `${prefix}-workers`,
        TALENT_KAFKA_PARTITIONS: '3',
      },
    });
    kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(config.kafka.topicPrefix));
    await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
  });

  it('publish → worker gives the file ingest’s profiles; poison goes to the dead-letter topic', async () => {
    const topics = await ensureTopics(kafka, config);
    const published = await publishInputs({ inputs: [corpus], config, logger });
    expect(published.deadLettered).toBe(0);
    // Poison between good messages: not an envelope at all, and an envelope whose body is broken.
    const producer = kafka.producer();
    await producer.connect();
    const bad = createEnvelope({
      sourceKind: 'resume',
      format: 'json-resume',
      origin: { uri: 'test:bad-json' },
      contentType: 'application/json',
      body: Buffer.from('{"basics": {"name": '),
    });
    await producer.send({
      topic: topics.raw.resume,
      messages: [
        { key: 'garbage', value: Buffer.from('this is not an envelope') },
        { key: bad.id, value: encodeEnvelope(bad) },
      ],
    });
    await producer.disconnect();

    const dataDir = mkdtempSync(join(tmpdir(), 'tb-kafka-data-'));
    const backend = await openBackend(config, { dataDir, backend: 'embedded' });
    const registry = createMetricsRegistry();
    const worker = await startWorker({
      config,
      logger,
      index: backend.index,
      state: backend.state,
      chunkMessages: 50,
      metrics: registry,
    });
    let exposition = '';
    try {
      await drained(kafka, config.kafka.groupId, Object.values(topics.raw));
      exposition = await registry.metrics();
    } finally {
      await worker.stop();
      await backend.close();
    }
    // broken.xml reaches the worker as a record and is rejected there (the reader cannot tell).
    expect(worker.stats.deadLettered).toBe(3);
    // The same counts for Prometheus, and no lag left on any raw partition.
    const sample = (name: string): number[] =>
      [...exposition.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1]));
    expect(sample('talent_brain_worker_dead_lettered_total')).toEqual([3]);
    expect(sample('talent_brain_worker_records_total')).toEqual([worker.stats.records]);
    const lag = sample('talent_brain_worker_consumer_lag');
    expect(lag.length).toBeGreaterThanOrEqual(Object.keys(topics.raw).length);
    expect(lag.reduce((a, b) => a + b, 0)).toBe(0);

    const reference = mkdtempSync(join(tmpdir(), 'tb-kafka-ref-'));
    await runIngest({ inputs: [corpus], dataDir: reference, config });
    expect(profileIds(dataDir)).toEqual(profileIds(reference));

    const letters = await listDeadLetters({ config, logger });
    expect(letters.map((l) => `${l.stage}:${l.reason.code}`).sort()).toEqual([
      'decode:invalid-envelope',
      'parse:malformed-json',
      'parse:malformed-xml',
    ]);
    const json = letters.find((l) => l.reason.code === 'malformed-json');
    expect(json?.source.topic).toBe(topics.raw.resume);
    expect(json?.source.offset).toMatch(/^\d+$/);
    expect(json?.recordId).toBe(bad.id);
    const garbage = letters.find((l) => l.stage === 'decode');
    expect(Buffer.from(garbage?.valueBase64 ?? '', 'base64').toString()).toBe('this is not an envelope');
  }, 180_000);
});

describeWithService(
  'elasticsearch',
  'Kafka ingest workers on Elasticsearch (real broker and cluster)',
  () => {
    it('two workers, each with its own connection, give the file ingest’s profiles', async () => {
      const corpus = mkdtempSync(join(tmpdir(), 'tb-kafka-es-corpus-'));
      generateCorpus({
        count: 200,
        seed: 23,
        outDir: corpus,
        industries: loadIndustries('config/industries.yaml'),
      });
      const prefix = uniqueName('tbes');
      const es = loadConfig({
        env: {
          TALENT_REFERENCE_DATE: '2026-01-01',
          TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
          TALENT_KAFKA_TOPIC_PREFIX: prefix,
          TALENT_KAFKA_GROUP: `${prefix}-workers`,
          TALENT_KAFKA_PARTITIONS: '4',
          TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
          TALENT_ELASTICSEARCH_PREFIX: prefix,
          TALENT_INDEX_BACKEND: 'elasticsearch',
        },
      });
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      const published = await publishInputs({ inputs: [corpus], config: es, logger });
      // Two workers as two processes would be: separate Elasticsearch connections, one group.
      const backends = await Promise.all([
        openBackend(es, { dataDir: '' }),
        openBackend(es, { dataDir: '' }),
      ]);
      const workers = await Promise.all(
        backends.map((b) =>
          startWorker({
            config: es,
            logger,
            index: b.index,
            state: b.state,
            chunkMessages: 25,
            concurrentWriters: true,
          }),
        ),
      );
      try {
        await drained(kafka, es.kafka.groupId, ensureTopicsNames(es));
        const reference = mkdtempSync(join(tmpdir(), 'tb-kafka-es-ref-'));
        await runIngest({ inputs: [corpus], dataDir: reference, config: es });
        const want = profileDocs(reference);
        // Another connection's writes are searchable after a refresh; make it now, not in a second.
        const client = new Client({ node: elasticsearchUrl });
        await client.indices.refresh({ index: `${prefix}-*` });
        await client.close();
        const check = await openBackend(es, { dataDir: '' });
        try {
          expect((await check.index.stats()).profiles).toBe(want.length);
          for (const { id, doc } of want) expect(await check.index.get(id)).toEqual(doc);
        } finally {
          await check.close();
        }
        expect(workers[0]?.stats.records).toBeGreaterThan(0);
        expect(workers[1]?.stats.records).toBeGreaterThan(0);
        expect((workers[0]?.stats.records ?? 0) + (workers[1]?.stats.records ?? 0)).toBeGreaterThanOrEqual(
          published.records,
        );

        // A tombstone on the erasure topic, as the API or another system sends it: a worker erases
        // the person (that later documents do not bring them back: test/contract/erasure-contract.ts).
        const victim = want.find((w) => w.doc.evidence.length > 1) ?? want[0];
        const producer = kafka.producer();
        await producer.connect();
        await producer.send({
          topic: topicsOf(es).erasure,
          messages: [{ key: victim?.id ?? '', value: null }],
        });
        await producer.disconnect();
        await drained(kafka, es.kafka.groupId, [topicsOf(es).erasure]);
        expect(workers[0]!.stats.erased + workers[1]!.stats.erased).toBe(1);
        const refresher = new Client({ node: elasticsearchUrl });
        await refresher.indices.refresh({ index: `${prefix}-*` });
        await refresher.close();
        const after = await openBackend(es, { dataDir: '' });
        try {
          expect(await after.index.get(victim?.id ?? '')).toBeUndefined();
          expect((await after.index.stats()).profiles).toBe(want.length - 1);
        } finally {
          await after.close();
        }
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await Promise.all(backends.map((b) => b.close()));
        await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
        await cleanTopics(kafka, prefix);
      }
    }, 240_000);
  },
);

function ensureTopicsNames(config: Readonly<Config>): string[] {
  return Object.values(topicsOf(config).raw);
}
