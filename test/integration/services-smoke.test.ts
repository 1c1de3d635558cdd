import { Client, errors } from '@elastic/elasticsearch';
import { Redis } from 'ioredis';
import { CompressionTypes, Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithService,
  elasticsearchUrl,
  kafkaBrokers,
  redisUrl,
  uniqueName,
} from '../helpers/services.js';

// What the later Kafka, Elasticsearch and Redis suites rely on, checked against the real services
// (scripts/services/services.sh up, or docker-compose.yml): each call the application will make.

describeWithService('kafka', 'kafka: kafkajs 2.2.4 against the broker', () => {
  const topic = uniqueName('smoke');
  const groupId = uniqueName('smoke-group');
  const messageCount = 60;
  // The broker logs retried "coordinator loading" responses at ERROR on a fresh start; the calls
  // below throw if a retry does not succeed, which is what matters.
  const kafka = new Kafka({
    clientId: 'talent-brain-smoke',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('creates a topic with three partitions', async () => {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })).toBe(
      true,
    );
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(3);
  });

  it('produces idempotently with GZIP: every partition acknowledges', async () => {
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const acks = await producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: messageCount }, (_, i) => ({
        key: `person-${i}`,
        value: JSON.stringify({ i, name: `测试 ${i}` }),
      })),
    });
    expect(acks.map((ack) => ack.errorCode)).toEqual(acks.map(() => 0));
    expect(new Set(acks.map((ack) => ack.partition)).size).toBeGreaterThan(1);
  });

  it('consumes everything in a consumer group and commits the offsets', async () => {
    // A short fetch wait lets disconnect() return quickly instead of waiting out the 5 s default.
    consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Set<number>();
    const nextOffset = new Map<number, string>();
    await new Promise<void>((done, fail) => {
      consumer
        ?.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.add((JSON.parse(message.value?.toString() ?? 'null') as { i: number }).i);
            nextOffset.set(partition, (BigInt(message.offset) + 1n).toString());
            if (seen.size === messageCount) done();
          },
        })
        .catch(fail);
    });
    await consumer.commitOffsets(
      [...nextOffset].map(([partition, offset]) => ({ topic, partition, offset })),
    );
    expect(seen.size).toBe(messageCount);

    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = (committed?.partitions ?? []).reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(messageCount);
  });
});

describeWithService('elasticsearch', 'elasticsearch: the 8.x client against the node', () => {
  const es = new Client({ node: elasticsearchUrl });
  const index = uniqueName('smoke');
  const alias = `${index}-read`;
  const template = `${index}-template`;
  const templated = `${index}-t-1`;

  afterAll(async () => {
    await es.indices.delete({ index: [index, templated], ignore_unavailable: true });
    await es.indices.deleteIndexTemplate({ name: template }, { ignore: [404] });
    await es.close();
  });

  it('reports a yellow or green cluster', async () => {
    const health = await es.cluster.health({ wait_for_status: 'yellow', timeout: '30s' });
    expect(['yellow', 'green']).toContain(health.status);
  });

  it('creates an index with a strict mapping, which refuses unmapped fields', async () => {
    await es.indices.create({
      index,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: 'strict',
        properties: { name: { type: 'text' }, org: { type: 'keyword' }, score: { type: 'float' } },
      },
    });
    const refused = await es.index({ index, id: 'x', document: { unmapped: 1 } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(errors.ResponseError);
    expect(JSON.stringify((refused as errors.ResponseError).body)).toContain(
      'strict_dynamic_mapping_exception',
    );
  });

  it('bulk-indexes and searches with aggregations through an alias', async () => {
    const people = Array.from({ length: 20 }, (_, i) => ({
      name: `Engineer ${i} 张伟`,
      org: i % 4 === 0 ? 'FAW' : 'CATL',
      score: i,
    }));
    const bulk = await es.bulk({
      refresh: true,
      operations: people.flatMap((doc, i) => [{ index: { _index: index, _id: `p${i}` } }, doc]),
    });
    expect(bulk.errors).toBe(false);
    await es.indices.updateAliases({ actions: [{ add: { index, alias } }] });

    const result = await es.search<unknown, { orgs: { buckets: { key: string; doc_count: number }[] } }>({
      index: alias,
      query: { match: { name: '张伟' } },
      aggs: { orgs: { terms: { field: 'org' } } },
      size: 0,
    });
    expect(result.hits.total).toEqual({ value: 20, relation: 'eq' });
    expect(result.aggregations?.orgs.buckets).toEqual([
      { key: 'CATL', doc_count: 15 },
      { key: 'FAW', doc_count: 5 },
    ]);
  });

  it('applies an index template to a new matching index', async () => {
    await es.indices.putIndexTemplate({
      name: template,
      index_patterns: [`${index}-t-*`],
      template: { mappings: { dynamic: 'strict', properties: { tag: { type: 'keyword' } } } },
    });
    await es.indices.create({ index: templated });
    const mapping = await es.indices.getMapping({ index: templated });
    expect(mapping[templated]?.mappings).toEqual({
      dynamic: 'strict',
      properties: { tag: { type: 'keyword' } },
    });
  });

  it('refuses a write with a stale if_seq_no (optimistic concurrency)', async () => {
    const current = await es.get<{ score: number }>({ index, id: 'p1' });
    const guard = { if_seq_no: current._seq_no, if_primary_term: current._primary_term };
    await es.index({ index, id: 'p1', ...guard, document: { ...current._source, score: 99 } });
    const stale = await es
      .index({ index, id: 'p1', ...guard, document: current._source })
      .catch((e: unknown) => e);
    expect((stale as errors.ResponseError).statusCode).toBe(409);
  });

  it('pages through a point in time with search_after', async () => {
    const pit = await es.openPointInTime({ index, keep_alive: '1m' });
    const ids: string[] = [];
    let after: (string | number)[] | undefined;
    for (;;) {
      const page = await es.search({
        pit: { id: pit.id, keep_alive: '1m' },
        size: 7,
        sort: [{ _shard_doc: 'asc' }],
        ...(after ? { search_after: after } : {}),
      });
      if (page.hits.hits.length === 0) break;
      ids.push(...page.hits.hits.map((hit) => hit._id ?? ''));
      after = page.hits.hits.at(-1)?.sort as (string | number)[];
    }
    await es.closePointInTime({ id: pit.id });
    expect(new Set(ids).size).toBe(20);
  });

  it('analyses text with the built-in standard analyzer (one token per Han character)', async () => {
    const { tokens } = await es.indices.analyze({ analyzer: 'standard', text: 'Battery 电池' });
    expect(tokens?.map((t) => t.token)).toEqual(['battery', '电', '池']);
  });
});

describeWithService('redis', 'redis: ioredis against the server', () => {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const key = uniqueName('smoke');

  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('answers PING and keeps a value with an expiry', async () => {
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.set(key, '人才大脑', 'EX', 60)).toBe('OK');
    expect(await redis.get(key)).toBe('人才大脑');
    expect(await redis.ttl(key)).toBeGreaterThan(0);
  });
});
