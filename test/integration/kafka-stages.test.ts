import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
import { ownerPartition } from '../../ingest/kafka/stages/ownership.js';
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
 * index is the one the embedded file ingest builds from the same documents — including people
 * whose mentions fall under two owners and are joined by a shared key (the cross-owner join).
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
      writeBridgingResumes(join(corpus, 'resumes-json'));
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

    /**
     * Publishes `inputs` (the corpus), runs `plan` with a way to start workers, waits until the
     * pipeline is quiet, then runs `then` (more to publish, an erasure) and waits again.
     */
    async function staged(
      plan: (start: () => Promise<StagedWorker>, workers: StagedWorker[]) => Promise<void>,
      options: {
        inputs?: string[];
        then?: (config: Readonly<Config>, settle: () => Promise<void>) => Promise<void>;
      } = {},
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
        await publishInputs({ inputs: options.inputs ?? [corpus], config, logger });
        await plan(start, workers);
        const settle = (): Promise<void> => quiet(kafka, config, workers[0]!.groups);
        await settle();
        await options.then?.(config, settle);
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
        // The bridging documents were joined across partitions, not by chance within one.
        expect(workers.reduce((s, w) => s + w.resolve.partsMovedIn, 0)).toBeGreaterThan(0);
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

    it('erasure: the profile leaves the index, and a later document about the person is dropped', async () => {
      const email = 'mary.k@acmerobotics.example';
      const erased = want.find((p) => p.doc.emails.includes(email));
      expect(erased).toBeDefined();
      const later = mkdtempSync(join(tmpdir(), 'tb-stages-later-'));
      mkdirSync(join(later, 'resumes-json'));
      writeFileSync(
        join(later, 'resumes-json', 'mary-again.json'),
        JSON.stringify({ basics: { name: 'Mary Smith-Jones', email }, work: [{ name: 'Acme Robotics' }] }),
      );
      const { config, workers } = await staged(
        async (start) => {
          await start();
          await start();
        },
        {
          then: async (config, settle) => {
            const kafka = new Kafka({
              clientId: 'tb-test',
              brokers: kafkaBrokers,
              logLevel: logLevel.NOTHING,
            });
            const producer = kafka.producer();
            await producer.connect();
            await producer.send({
              topic: topicsOf(config).erasure,
              messages: [{ key: erased!.id, value: null }],
            });
            await producer.disconnect();
            await settle();
            await publishInputs({ inputs: [later], config, logger });
            await settle();
          },
        },
      );
      const rest = want.filter((p) => p.id !== erased!.id);
      expect(await settledProfiles(config)).toEqual(rest);
      expect(workers.reduce((s, w) => s + w.resolve.erasures, 0)).toBe(1);
      expect(workers.reduce((s, w) => s + w.resolve.erased, 0)).toBe(1);
    }, 300_000);

    it('a changed record whose person moved to another owner: the old mentions leave the old owner', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tb-stages-moving-'));
      mkdirSync(join(dir, 'resumes-json'));
      // Two family names owned by different partitions, and homes elsewhere for some records.
      const families = ['Alpha', 'Omega', 'Sigma', 'Delta', 'Kappa', 'Theta', 'Gamma', 'Lambda'];
      const at = (f: string) => ownerPartition(`family:${f.toLowerCase()}`, 4);
      const from = families[0]!;
      const to = families.find((f) => at(f) !== at(from))!;
      const write = (family: string, n: number) => {
        for (let i = 0; i < n; i++)
          writeFileSync(
            join(dir, 'resumes-json', `moving-${i}.json`),
            JSON.stringify({
              basics: { name: `Zed${i} ${family}`, email: `zed${i}.${family.toLowerCase()}@example.org` },
              work: [{ name: 'Initech Optics', position: 'Engineer' }],
            }),
          );
      };
      write(from, 6);
      const { config } = await staged(
        async (start) => {
          await start();
        },
        {
          inputs: [dir],
          then: async (config, settle) => {
            write(to, 6); // the same files (the same record ids), each person now another family
            await publishInputs({ inputs: [dir], config, logger });
            await settle();
          },
        },
      );
      const reference = mkdtempSync(join(tmpdir(), 'tb-stages-moving-ref-'));
      await runIngest({ inputs: [dir], dataDir: reference, config: configFor('ref-moving') });
      expect(await settledProfiles(config)).toEqual(profileDocs(reference));
    }, 300_000);
  });
});

/**
 * Made-up résumés of people whose names fall under different family blocks (a name change, a
 * double-barrelled family name, three names) but who share an e-mail address: the file ingest
 * makes one profile of each, so the staged pipeline must join them across owners.
 */
function writeBridgingResumes(dir: string): void {
  const people: Array<[string, string, string]> = [
    ['Mary Smith', 'mary.k@acmerobotics.example', 'Acme Robotics'],
    ['Mary Jones', 'mary.k@acmerobotics.example', 'Acme Robotics'],
    ['Ana Garcia-Lopez', 'ana.gl@northwind.example', 'Northwind Materials'],
    ['Ana Lopez', 'ana.gl@northwind.example', 'Northwind Materials'],
    ['Lee Park', 'lee@contoso.example', 'Contoso Semiconductors'],
    ['Lee Kim', 'lee@contoso.example', 'Contoso Semiconductors'],
    ['Lee Choi', 'lee@contoso.example', 'Contoso Semiconductors'],
    ['Olga Petrova', 'o.petrova@fabrikam.example', 'Fabrikam Biotech'],
    ['Olga Ivanova', 'o.petrova@fabrikam.example', 'Fabrikam Biotech'],
    ['Jon Baker', 'jbaker@tailspin.example', 'Tailspin Aerospace'],
    ['Jon Fisher', 'jbaker@tailspin.example', 'Tailspin Aerospace'],
    ['Jon Turner', 'jbaker@tailspin.example', 'Tailspin Aerospace'],
  ];
  people.forEach(([name, email, org], i) =>
    writeFileSync(
      join(dir, `bridge-${i}.json`),
      JSON.stringify({
        basics: { name, label: 'Engineer', email },
        work: [{ name: org, position: 'Engineer', startDate: '2019-01-01' }],
      }),
    ),
  );
}

/**
 * Waits until the pipeline is quiet: the parse stage has read every raw message and erasure, and
 * the resolve stage and the bridge registry have read everything, twice over with no new message
 * between (a registration can send a move, a move a part, a part a registration).
 */
async function quiet(kafka: Kafka, config: Readonly<Config>, groups: StagedWorker['groups']): Promise<void> {
  const topics = topicsOf(config);
  const parsed = [...Object.values(topics.raw), topics.erasure];
  const ends = async (): Promise<string> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const all = await Promise.all([topics.mentions, topics.bridges].map((t) => admin.fetchTopicOffsets(t)));
      return JSON.stringify(all.map((t) => t.map((p) => p.high)));
    } finally {
      await admin.disconnect();
    }
  };
  for (let before = ''; ;) {
    await drained(kafka, groups.parse, parsed, 180_000);
    await drained(kafka, groups.resolve, [topics.mentions], 180_000);
    await drained(kafka, groups.registry, [topics.bridges], 180_000);
    const now = await ends();
    if (now === before) return;
    before = now;
  }
}

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
