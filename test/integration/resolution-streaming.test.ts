import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@elastic/elasticsearch';
import Database from 'better-sqlite3';
import { Kafka, logLevel } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import type { TalentIndex } from '../../indexer/contract.js';
import { isSharedIngestState, type IngestState } from '../../indexer/ingest-state.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runIngest, type IngestSummary } from '../../ingest/embedded/run-ingest.js';
import { eraseProfile } from '../../ingest/erasure.js';
import { readInputs } from '../../ingest/files/read-inputs.js';
import { listDeadLetters } from '../../ingest/kafka/dlq-tools.js';
import { publishInputs } from '../../ingest/kafka/publish.js';
import { topicsOf } from '../../ingest/kafka/topics.js';
import { startWorker, type Worker } from '../../ingest/kafka/worker.js';
import { Rng } from '../../synthetic/prng.js';
import { createLogger } from '../../lib/logger.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { cleanTopics, drained, profileDocs } from '../helpers/kafka.js';
import {
  anotherKAdamsFixture,
  resolutionFixture,
  writeFixture,
  type ResolutionFixture,
} from '../helpers/resolution-fixtures.js';
import { profilesOf } from '../helpers/index-profiles.js';
import { describeWithService, elasticsearchUrl, kafkaBrokers, uniqueName } from '../helpers/services.js';

/**
 * Person resolution as the ingest streams it: made-up patents and résumés naming the same people
 * with spelling variants (Jianhua Zhang / Zhang, Jian-Hua / ZHANG / 张建华; Katherine M. / Kate /
 * K. Adams) and namesakes to keep apart (a Jianhua Zhang in Houston drilling fluids, a Jianguo
 * Zhang at the same employer, a Kevin Adams). Each batch rebuilds the whole connected part of the
 * key graph, so the profiles must depend on the set of files only: not on batching, order, the
 * backend, or two writers racing.
 */
const logger = createLogger({ level: 'warn' });
// A second member joining the group makes kafkajs log the rebalance at error level: expected here.
const workerLogger = createLogger({ level: 'fatal' });
const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });

const fixture = resolutionFixture();
const root = mkdtempSync(join(tmpdir(), 'tb-resolution-'));
const inputs = writeFixture(join(root, 'inputs'), fixture);

type Docs = Array<{ id: string; doc: TalentProfile }>;

/** Record id → fixture file name, to name mentions the way the fixture labels them. */
const fileOfRecord = new Map<string, string>();
/** The index one run over every file builds: what every other way of ingesting must give. */
let reference: Docs;

function labelOf(mentionId: string): string {
  const hash = mentionId.lastIndexOf('#');
  const file = fileOfRecord.get(mentionId.slice(0, hash));
  if (file === undefined) throw new Error(`mention ${mentionId} of no fixture file`);
  return `${file}${mentionId.slice(hash)}`;
}

function labelsOf(doc: TalentProfile): string[] {
  return doc.evidence.map((e) => labelOf(e.mentionId)).sort();
}

/** The people of an index as sets of mention labels, in a fixed order. */
function grouping(docs: Docs): string[][] {
  return docs.map((d) => labelsOf(d.doc)).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

function expectedGrouping(f: ResolutionFixture): string[][] {
  return [...f.people.values()]
    .map((l) => [...l].sort())
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

function personOf(docs: Docs, person: string, f: ResolutionFixture = fixture): TalentProfile {
  const first = f.people.get(person)?.[0];
  const found = docs.find((d) => first !== undefined && labelsOf(d.doc).includes(first));
  if (found === undefined) throw new Error(`no profile holds ${person}`);
  return found.doc;
}

/**
 * Every mention of the files is stored, under the profile whose evidence holds it: what the next
 * record about these people will be rebuilt from. `owners` maps stored mention ids to profile ids.
 */
function expectStoredAsIndexed(owners: ReadonlyMap<string, string>, docs: Docs, label = ''): void {
  const indexed = new Map(docs.flatMap((d) => d.doc.evidence.map((e) => [e.mentionId, d.id] as const)));
  expect([...owners.keys()].map(labelOf).sort(), label).toEqual([...fixture.people.values()].flat().sort());
  expect(new Map([...owners].sort()), label).toEqual(new Map([...indexed].sort()));
}

/** Stored mention id → profile id, as the embedded ingest keeps them. */
function embeddedOwners(dataDir: string): Map<string, string> {
  const db = new Database(join(dataDir, 'talent.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT mention_id, profile_id FROM mentions').all() as Array<{
      mention_id: string;
      profile_id: string;
    }>;
    return new Map(rows.map((r) => [r.mention_id, r.profile_id]));
  } finally {
    db.close();
  }
}

async function ingestOneByOne(files: readonly string[], dataDir: string): Promise<void> {
  for (const file of files) {
    const run = await runIngest({ inputs: [file], dataDir, config });
    expect(run.rejected, file).toBe(0);
  }
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = new Rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

beforeAll(async () => {
  for await (const item of readInputs(inputs, { maxDocumentBytes: 1 << 20 }))
    fileOfRecord.set(item.envelope.id, basename(item.envelope.origin.file ?? ''));
  const dataDir = join(root, 'reference');
  const run = await runIngest({ inputs, dataDir, config });
  expect(run.rejected).toBe(0);
  reference = profileDocs(dataDir);
});

describe('streaming resolution on the embedded backend', () => {
  it('one run over every file groups the mentions as a careful reader would, and says why', () => {
    // Every mention belongs to exactly the profile of the person it is: Jianhua Zhang of Lumora
    // (five grants, four spellings, a résumé in Han characters) is one profile; the Houston
    // Jianhua Zhang, Jianguo Zhang and Kevin Adams are profiles of their own.
    expect(grouping(reference)).toEqual(expectedGrouping(fixture));
    expect(reference).toHaveLength(fixture.people.size);
    expectStoredAsIndexed(embeddedOwners(join(root, 'reference')), reference);

    for (const { doc } of reference) {
      const own = new Set(doc.evidence.map((e) => e.mentionId));
      const merges = doc.merges ?? [];
      // Each merge joins two groups of the person's mentions: one fewer than the mentions.
      expect(merges, doc.displayName).toHaveLength(own.size - 1);
      for (const m of merges) {
        expect(own.has(m.left) && own.has(m.right), m.summary).toBe(true);
        expect(m.kind).toBe('evidence');
        expect(m.score).toBeGreaterThanOrEqual(3);
      }
    }
    const zhang = personOf(reference, 'zhang-lumora');
    expect(zhang.names).toEqual(expect.arrayContaining(['张建华', 'Jianhua Zhang']));
    for (const m of zhang.merges ?? []) expect(m.summary).toContain('same organisation lumora photonics');
    expect((zhang.merges ?? []).some((m) => /shared co-inventor/.test(m.summary))).toBe(true);
    const katherine = personOf(reference, 'adams-brightwater');
    for (const m of katherine.merges ?? [])
      expect(m.summary).toContain('same organisation brightwater medical devices');
    expect((katherine.merges ?? []).some((m) => /shared co-inventor/.test(m.summary))).toBe(true);
    // The résumé joined through the employer (it names no co-inventor).
    const resume = katherine.evidence.find((e) => e.format === 'json-resume')?.mentionId;
    const viaResume = (katherine.merges ?? []).find((m) => m.left === resume || m.right === resume);
    expect(viaResume?.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^same organisation brightwater medical devices \(\+/)]),
    );
    const houston = personOf(reference, 'zhang-gulf');
    expect(houston.id).not.toBe(zhang.id);
    for (const m of houston.merges ?? []) expect(m.summary).toContain('gulf coast drilling fluids');
  });

  it('gives the same profiles, ids included, when the files come one per run in other orders', async () => {
    const orders: Array<[string, string[]]> = [
      ['reversed', [...inputs].reverse()],
      // Which spelling of a person comes last decides what a rebuild must load: several orders.
      ...[7, 8, 9, 10].map((seed): [string, string[]] => [
        `shuffled with seed ${seed}`,
        shuffled(inputs, seed),
      ]),
    ];
    for (const [name, order] of orders) {
      const dataDir = join(root, `one-by-one-${name}`);
      await ingestOneByOne(order, dataDir);
      const docs = profileDocs(dataDir);
      expect(grouping(docs), name).toEqual(expectedGrouping(fixture));
      expect(docs, name).toEqual(reference);
      expectStoredAsIndexed(embeddedOwners(dataDir), docs, name);
    }
  });

  it('two ingest processes on one data directory (--wait) with halves of the files give the same index', async () => {
    const dataDir = join(root, 'two-processes');
    // Every person has files in both halves.
    const halves = [inputs.filter((_, i) => i % 2 === 0), inputs.filter((_, i) => i % 2 === 1)];
    const runs = await Promise.all(halves.map((half) => ingestProcess(half, dataDir)));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const summaries = runs.map((r) => JSON.parse(r.stdout) as IngestSummary);
    expect(summaries.map((s) => s.ingested)).toEqual(halves.map((h) => h.length));
    const docs = profileDocs(dataDir);
    expect(grouping(docs)).toEqual(expectedGrouping(fixture));
    expect(docs).toEqual(reference);
    expectStoredAsIndexed(embeddedOwners(dataDir), docs);
  });

  it('an erasure holds for the erased person only, not for everyone in the name block', async () => {
    const dataDir = join(root, 'erasure');
    await runIngest({ inputs, dataDir, config });
    const katherine = personOf(profileDocs(dataDir), 'adams-brightwater');
    const backend = await openBackend(config, { dataDir, backend: 'embedded' });
    try {
      const result = await eraseProfile(backend, { id: katherine.id, actor: 'test' }, { logger });
      expect(result.erased).toBe(true);
    } finally {
      await backend.close();
    }

    // Another K. Adams (robotics in Boston) shares Katherine's name block `adams|k` and nothing else.
    const other = anotherKAdamsFixture();
    const otherFiles = writeFixture(join(root, 'inputs-more'), other);
    for await (const item of readInputs(otherFiles, { maxDocumentBytes: 1 << 20 }))
      fileOfRecord.set(item.envelope.id, basename(item.envelope.origin.file ?? ''));
    const added = await runIngest({ inputs: otherFiles, dataDir, config });
    expect(added.erased).toBe(0);
    const afterNew = profileDocs(dataDir);
    const newcomer = personOf(afterNew, 'adams-harborview', other);
    expect(labelsOf(newcomer)).toEqual(other.people.get('adams-harborview'));

    // Katherine's own documents, processed again: her mentions stay out, her co-inventor's stay in.
    const hers = new Set((fixture.people.get('adams-brightwater') ?? []).map((l) => l.split('#')[0]));
    const again = await runIngest({
      inputs: inputs.filter((p) => hers.has(basename(p))),
      dataDir,
      config,
      rescan: true,
      reprocess: true,
    });
    expect(again.ingested).toBe(hers.size);
    expect(again.erased).toBe(fixture.people.get('adams-brightwater')?.length);
    const final = profileDocs(dataDir);
    const katherineLabels = new Set(fixture.people.get('adams-brightwater'));
    expect(final.flatMap((d) => labelsOf(d.doc)).filter((l) => katherineLabels.has(l))).toEqual([]);
    const stored = [...embeddedOwners(dataDir).keys()].map(labelOf);
    expect(stored.filter((l) => katherineLabels.has(l))).toEqual([]);
    expect(stored).toEqual(expect.arrayContaining(fixture.people.get('lindqvist-brightwater') ?? ['none']));
    expect(final.find((d) => d.id === katherine.id)).toBeUndefined();

    // Apart from her, the index is what the files without her and with the newcomer build.
    const without = join(root, 'erasure-reference');
    const hersAndNew = await runIngest({ inputs: [...inputs, ...otherFiles], dataDir: without, config });
    expect(hersAndNew.rejected).toBe(0);
    const all = profileDocs(without);
    // Even next to Katherine the newcomer is a person of their own.
    expect(grouping(all)).toEqual(
      expectedGrouping({ files: [], people: new Map([...fixture.people, ...other.people]) }),
    );
    const want = all.filter((d) => d.id !== katherine.id);
    expect(want).toHaveLength(reference.length - 1 + other.people.size);
    expect(personOf(want, 'adams-harborview', other)).toEqual(newcomer);
    expect(final).toEqual(want);
  });
});

/** `talent-brain ingest <files> --data <dir> --wait --json` in a child process. */
function ingestProcess(files: readonly string[], dataDir: string): Promise<CliRun> {
  return runCli(['ingest', ...files, '--data', dataDir, '--wait', '60', '--batch', '1', '--json'], {
    TALENT_INDEX_BACKEND: 'embedded',
  });
}

function distributedConfig(prefix: string, partitions: number): Readonly<Config> {
  return loadConfig({
    env: {
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
      TALENT_KAFKA_TOPIC_PREFIX: prefix,
      TALENT_KAFKA_GROUP: `${prefix}-workers`,
      TALENT_KAFKA_PARTITIONS: String(partitions),
      TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
      TALENT_INDEX_BACKEND: 'elasticsearch',
    },
  });
}

/** Every profile of an index, sorted by id. */
async function indexDocs(index: TalentIndex): Promise<Docs> {
  return [...(await profilesOf(index))].map(([id, doc]) => ({ id, doc }));
}

/** Waits until the group has `members` members and has settled its assignment. */
async function groupStable(
  kafka: Kafka,
  groupId: string,
  members: number,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      const group = groups[0];
      if (group?.state === 'Stable' && group.members.length === members) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} not stable with ${members} members`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

interface DistributedRun {
  docs: Docs;
  profiles: number;
  workers: Array<Worker['stats']>;
  /** `stage: code: message` of each dead letter (every record here is well-formed: none expected). */
  deadLetters: string[];
  /** Stored mention id → profile id. */
  owners: Map<string, string>;
  /** Records committed as parsed. */
  parsed: number;
}

async function sharedOwners(state: IngestState): Promise<Map<string, string>> {
  if (!isSharedIngestState(state)) throw new Error('not a shared ingest state');
  const keys = new Set<string>();
  for await (const m of state.scanMentions()) for (const k of m.keys) keys.add(k);
  const owners = await state.connectedOwners([...keys]);
  return new Map(owners.map((o) => [o.mentionId, o.profileId]));
}

/**
 * Publishes the files in `order` under a fresh prefix, lets `workers` workers (each with its own
 * Elasticsearch connection) drain them, and reads the index back. Topics and indices are removed.
 */
async function distributed(
  order: readonly string[],
  workers: number,
  partitions: number,
): Promise<DistributedRun> {
  const prefix = uniqueName('tbresolve');
  const es = distributedConfig(prefix, partitions);
  const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  const backends = await Promise.all(Array.from({ length: workers }, () => openBackend(es, { dataDir: '' })));
  const running: Worker[] = [];
  try {
    // The workers make the ingest state's indices themselves, on first use, at the same moment.
    for (const b of backends)
      running.push(
        await startWorker({
          config: es,
          logger: workerLogger,
          index: b.index,
          state: b.state,
          // One record per commit: the most interleaving between partitions and workers.
          chunkMessages: 1,
          concurrentWriters: workers > 1,
        }),
      );
    // Published once every worker holds partitions, so they really work at the same time.
    await groupStable(kafka, es.kafka.groupId, workers);
    const published = await publishInputs({ inputs: order, config: es, logger });
    expect(published.records).toBe(order.length);
    try {
      await drained(kafka, es.kafka.groupId, Object.values(topicsOf(es).raw), 90_000);
    } finally {
      await Promise.all(running.map((w) => w.stop()));
    }
    // Another connection's writes are searchable after a refresh; make it now.
    const client = new Client({ node: elasticsearchUrl });
    await client.indices.refresh({ index: `${prefix}-*` });
    await client.close();
    const dead = running.reduce((n, w) => n + w.stats.deadLettered, 0) + published.deadLettered;
    const letters = dead === 0 ? [] : await listDeadLetters({ config: es, logger });
    const check = await openBackend(es, { dataDir: '' });
    try {
      return {
        docs: await indexDocs(check.index),
        profiles: (await check.index.stats()).profiles,
        workers: running.map((w) => ({ ...w.stats })),
        deadLetters: letters.map((l) => `${l.stage}: ${l.reason.code}: ${l.reason.message}`),
        owners: await sharedOwners(check.state),
        parsed: (await check.state.recordCounts()).parsed,
      };
    } finally {
      await check.close();
    }
  } finally {
    await Promise.all(running.map((w) => w.stop()));
    await Promise.all(backends.map((b) => b.close()));
    await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    await cleanTopics(kafka, prefix);
  }
}

describeWithService('kafka', 'streaming resolution through Kafka', () => {
  describeWithService('elasticsearch', 'streaming resolution on Elasticsearch', () => {
    it('one worker builds the embedded reference whatever order the files are published in', async () => {
      for (const [name, order] of Object.entries({ forward: inputs, reversed: [...inputs].reverse() })) {
        const run = await distributed(order, 1, 1);
        expect(run.deadLetters, name).toEqual([]);
        expect(grouping(run.docs), name).toEqual(expectedGrouping(fixture));
        expect(run.profiles, name).toBe(reference.length);
        expect(run.docs, name).toEqual(reference);
        expect(run.parsed, name).toBe(inputs.length);
        expectStoredAsIndexed(run.owners, run.docs, name);
      }
    }, 120_000);

    it('two workers racing on the same people converge on the reference, round after round', async () => {
      for (const seed of [1, 2, 3]) {
        // Two partitions per topic: the group's round-robin assignment gives each worker one of
        // each, so every person's records are split between the workers by their keys' hashes.
        const run = await distributed(shuffled(inputs, seed), 2, 2);
        const label = `round with seed ${seed}`;
        expect(run.deadLetters, label).toEqual([]);
        // Both workers took part: the people's records were split between them.
        for (const stats of run.workers) expect(stats.ingested, label).toBeGreaterThan(0);
        expect(run.profiles, label).toBe(reference.length);
        // No duplicate person, every mention stored in its person's one profile.
        expect(grouping(run.docs), label).toEqual(expectedGrouping(fixture));
        expect(run.docs, label).toEqual(reference);
        expect(run.parsed, label).toBe(inputs.length);
        expectStoredAsIndexed(run.owners, run.docs, label);
      }
    }, 150_000);
  });
});
