import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { startWorker } from '../../ingest/kafka/worker.js';
import { createLogger } from '../../lib/logger.js';
import { corpusDir, describeWithCorpus } from '../helpers/corpus.js';
import { distinctDeadLetters, settledProfiles } from '../helpers/settled-index.js';
import { cleanTopics, drained, profileDocs } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';

/**
 * The real corpus on the distributed path: published to Kafka, two workers, Elasticsearch. The
 * index must be the one the embedded file ingest builds from the same files, and searches must
 * find the people the corpus is known to hold, with their industries.
 */
const logger = createLogger({ level: 'warn' });

describeWithCorpus('real corpus through Kafka and Elasticsearch', () => {
  describeWithService('elasticsearch', 'publish → two workers → Elasticsearch', () => {
    it('indexes what the file ingest indexes, and search finds the known people', async () => {
      const prefix = uniqueName('tbcorpus');
      const config = loadConfig({
        env: {
          TALENT_REFERENCE_DATE: '2026-01-01',
          TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
          TALENT_KAFKA_TOPIC_PREFIX: prefix,
          TALENT_KAFKA_GROUP: `${prefix}-workers`,
          TALENT_KAFKA_PARTITIONS: '3',
          TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
          TALENT_ELASTICSEARCH_PREFIX: prefix,
          TALENT_INDEX_BACKEND: 'elasticsearch',
        },
      });
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      const backends = await Promise.all([
        openBackend(config, { dataDir: '' }),
        openBackend(config, { dataDir: '' }),
      ]);
      try {
        const published = await publishInputs({ inputs: [corpusDir], config, logger });
        expect(published.records).toBeGreaterThan(100);
        const workers = await Promise.all(
          backends.map((b) =>
            startWorker({
              config,
              logger,
              index: b.index,
              state: b.state,
              chunkMessages: 100,
              concurrentWriters: true,
            }),
          ),
        );
        try {
          await drained(kafka, config.kafka.groupId, Object.values(topicsOf(config).raw), 240_000);
        } finally {
          await Promise.all(workers.map((w) => w.stop()));
        }

        const reference = mkdtempSync(join(tmpdir(), 'tb-corpus-ref-'));
        const file = await runIngest({ inputs: [corpusDir], dataDir: reference, config });
        const want = profileDocs(reference);
        // What the file ingest rejects is what the workers dead-letter (read errors aside, which
        // the publisher reports itself); a chunk replayed after a rebalance letters its rejects again.
        const dead = (await distinctDeadLetters({ config, logger })).filter((l) => l.stage !== 'read');
        expect(dead.length + published.deadLettered).toBe(file.rejected);

        // The whole index, refreshed after the workers stopped: a difference is a lost write.
        expect(await settledProfiles(config)).toEqual(want);
        const index = backends[0]!.index;

        // Reid Hoffman: one person across his Form 3/4 filings (one CIK).
        const hoffman = await index.search({ text: 'name:"Reid Hoffman"' });
        expect(hoffman.hits.map((h) => h.displayName)).toEqual(['Reid Hoffman']);
        const musk = await index.search({ text: 'name:"Elon Musk"' });
        expect(musk.total).toBe(1);
        expect(musk.hits[0]?.topIndustries[0]?.industry).toBe('automotive');
        // NVIDIA's officers rank for semiconductors through the filer's SIC code.
        const semis = await index.search({
          text: 'org:nvidia',
          filters: { industries: ['semiconductors'] },
          sort: 'score:semiconductors',
          facets: ['industry'],
        });
        expect(semis.total).toBeGreaterThanOrEqual(3);
        for (const hit of semis.hits) expect(hit.topIndustries[0]?.industry).toBe('semiconductors');
        // Chinese full text: the Chinese résumés are searchable in Han characters.
        const chinese = await index.search({ text: '工程师', limit: 5 });
        expect(chinese.total).toBeGreaterThan(0);
      } finally {
        await Promise.all(backends.map((b) => b.close()));
        await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
        await cleanTopics(kafka, prefix);
      }
    }, 420_000);
  });
});
