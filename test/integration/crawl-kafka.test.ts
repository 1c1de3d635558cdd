import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { parseSources, type CrawlSource } from '../../config/sources.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { openCrawlContext, type CrawlContext } from '../../jobs/context.js';
import { beginRun, manualRunId, waitForRun } from '../../jobs/crawl-run.js';
import { openSink } from '../../jobs/sinks/open-sink.js';
import type { RecordSink } from '../../jobs/sinks/sink.js';
import { startCrawlWorkers, type CrawlWorkers } from '../../jobs/workers.js';
import { decodeEnvelope, type RecordEnvelope } from '../../lib/envelope.js';
import { createLogger } from '../../lib/logger.js';
import { describeWithCorpus } from '../helpers/corpus.js';
import {
  deleteKeys,
  fixtureSourceEntry,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { describeWithService, kafkaBrokers, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * With `crawl.sink: kafka`, crawled pages arrive on the raw topic of their source kind as the
 * same versioned envelopes `talent-brain publish` produces (key = record id), for the Kafka
 * workers to process.
 */
const logger = createLogger({ level: 'silent' });

describeWithService('kafka', 'crawl into Kafka (real broker)', () => {
  describeWithService('redis', 'and real Redis', () => {
    describeWithCorpus('with the corpus profile pages', () => {
      const prefix = uniqueName('tbcrawlk');
      const redis = new Redis(redisUrl, { lazyConnect: true });
      const kafka = new Kafka({
        clientId: 'tb-crawl-test',
        brokers: kafkaBrokers,
        logLevel: logLevel.NOTHING,
      });
      let site: FixtureSite;
      let config: Readonly<Config>;
      let source: CrawlSource;
      let ctx: CrawlContext;
      let sink: RecordSink;
      let workers: CrawlWorkers;

      beforeAll(async () => {
        await redis.connect();
        site = await startFixtureSite();
        config = loadConfig({
          env: {
            TALENT_CRAWL_QUEUE_PREFIX: prefix,
            TALENT_CRAWL_SINK: 'kafka',
            TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
            TALENT_KAFKA_TOPIC_PREFIX: prefix,
            TALENT_KAFKA_PARTITIONS: '1',
          },
        });
        [source] = parseSources(
          {
            sources: [
              fixtureSourceEntry(site, {
                id: 'kafka-fixture',
                sitemaps: [],
                scope: { hosts: [site.host], include: ['^/$', '^/chongwu/'] },
              }),
            ],
          },
          'test sources',
        ) as [CrawlSource];
        ctx = await openCrawlContext({ config, sources: [source], logger });
        sink = await openSink(config, { dataDir: '/nonexistent', logger });
        workers = await startCrawlWorkers(ctx, sink, { concurrency: 4 });
      }, 60_000);

      afterAll(async () => {
        await workers?.close();
        await sink?.close();
        await ctx?.close();
        await deleteKeys(redis, prefix);
        await redis.quit();
        await site?.close();
        const admin = kafka.admin();
        await admin.connect();
        const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
        await admin.deleteTopics({ topics: mine }).catch(() => undefined);
        await admin.disconnect();
      });

      it('produces one envelope per stored page to the profile-pages raw topic', async () => {
        expect(sink.name).toBe('kafka');
        const runId = manualRunId(source.id);
        await beginRun(ctx, source, { runId, trigger: 'manual' });
        const summary = await waitForRun(ctx, runId, { pollMs: 50 });
        expect(summary.outcomes.stored).toBe(3);

        const topic = topicsOf(config).raw['profile-page'];
        const consumer = kafka.consumer({ groupId: `${prefix}-reader` });
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        const received: Array<{ key: string; envelope: RecordEnvelope }> = [];
        await new Promise<void>((done, failed) => {
          const timer = setTimeout(
            () => failed(new Error(`only ${received.length} messages on ${topic}`)),
            30_000,
          );
          void consumer.run({
            eachMessage: async ({ message }) => {
              received.push({
                key: message.key?.toString() ?? '',
                envelope: decodeEnvelope(message.value ?? Buffer.alloc(0)),
              });
              if (received.length >= 3) {
                clearTimeout(timer);
                done();
              }
            },
          });
        });
        await consumer.disconnect();

        const uris = received.map((r) => r.envelope.origin.uri).sort();
        expect(uris).toEqual(
          ['/chongwu/PI.html', '/chongwu/index.html', '/chongwu/students.html']
            .map((p) => `${site.origin}${p}`)
            .sort(),
        );
        for (const { key, envelope } of received) {
          expect(key).toBe(envelope.id);
          expect(envelope).toMatchObject({ sourceKind: 'profile-page', format: 'profile-html' });
          expect(envelope.contentType).toMatch(/^text\/html/);
          expect(envelope.body.toString('utf8')).toMatch(/<html/i);
        }
      }, 60_000);
    });
  });
});
