import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { startStagedWorker, type StagedWorker } from '../../ingest/kafka/stages/staged-worker.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { createLogger } from '../../lib/logger.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { cleanTopics, drained, profileDocs } from '../helpers/kafka.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';
import { distinctDeadLetters, settledProfiles } from '../helpers/settled-index.js';

/**
 * The staged pipeline (parse stage → mentions keyed by owner → resolve stage with a store per
 * partition): whatever the number of workers, and when workers join and leave mid-stream, the
 * index is the one the embedded file ingest builds from the same documents.
 */
const logger = createLogger({ level: 'warn' });

describeWithService('kafka', 'staged pipeline', () => {
  describeWithService('elasticsearch', 'staged pipeline on Elasticsearch', () => {
    const corpus = mkdtempSync(join(tmpdir(), 'tb-stages-corpus-'));
    let want: Array<{ id: string; doc: TalentProfile }>;
    let rejected: number;

    beforeAll(async () => {
      generateCorpus({
        count: 150,
        seed: 31,
        outDir: corpus,
        industries: loadIndustries('config/industries.yaml'),
      });
      const reference = mkdtempSync(join(tmpdir(), 'tb-stages-ref-'));
      const file = await runIngest({ inputs: [corpus], dataDir: reference, config: configFor('ref') });
      want = profileDocs(reference);
      rejected = file.rejected;
    }, 120_000);

    const runs: string[] = [];
    afterAll(async () => {
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      for (const prefix of runs) {
        await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
        await cleanTopics(kafka, prefix);
      }
    });

    /** Publishes the corpus, runs `plan` with a way to start workers, waits for both stages to drain. */
    async function staged(
      plan: (start: () => Promise<StagedWorker>, workers: StagedWorker[]) => Promise<void>,
    ): Promise<{ config: Readonly<Config>; workers: StagedWorker[] }> {
      const prefix = uniqueName('tbstage');
      runs.push(prefix);
      const config = configFor(prefix);
      const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
      const backends: Backend[] = [];
      const workers: StagedWorker[] = [];
      const start = async (): Promise<StagedWorker> => {
        const backend = await openBackend(config, { dataDir: '' });
        backends.push(backend);
        const w = await startStagedWorker({
          config,
          logger,
          index: backend.index,
          erasedKeys: (keys) => backend.state.erasedKeys(keys),
          chunkMessages: 40,
        });
        workers.push(w);
        return w;
      };
      try {
        await publishInputs({ inputs: [corpus], config, logger });
        await plan(start, workers);
        const groups = workers[0]!.groups;
        await drained(kafka, groups.parse, Object.values(topicsOf(config).raw), 180_000);
        await drained(kafka, groups.resolve, [topicsOf(config).mentions], 180_000);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await Promise.all(backends.map((b) => b.close()));
      }
      return { config, workers };
    }

    async function expectReference(config: Readonly<Config>): Promise<void> {
      expect(await settledProfiles(config)).toEqual(want);
      expect((await distinctDeadLetters({ config, logger })).length).toBe(rejected);
    }

    for (const n of [1, 2, 4])
      it(`${n} worker(s) build the file ingest's profiles`, async () => {
        const { config, workers } = await staged(async (start) => {
          await Promise.all(Array.from({ length: n }, () => start()));
        });
        await expectReference(config);
        expect(workers.reduce((s, w) => s + w.resolve.profilesPut, 0)).toBeGreaterThan(0);
      }, 300_000);

    it('a worker joining and another leaving mid-stream: the same profiles, the state restored from the changelog', async () => {
      const { config, workers } = await staged(async (start, running) => {
        const first = await start();
        await waitFor(() => first.resolve.ingested > 0);
        const second = await start(); // joins: partitions move to it, which restores their stores
        await waitFor(() => second.resolve.restores > 0);
        const restored = second.resolve.restores;
        await running[0]!.stop(); // leaves: the second takes every partition over
        await waitFor(() => second.resolve.restores > restored);
      });
      await expectReference(config);
      expect(workers[1]!.resolve.restoredEntries).toBeGreaterThan(0);
    }, 300_000);
  });
});

function configFor(prefix: string): Readonly<Config> {
  return loadConfig({
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
}

async function waitFor(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
