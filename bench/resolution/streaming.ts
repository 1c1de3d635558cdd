/**
 * Streaming person resolution at scale, on each backend (embedded SQLite, then Elasticsearch):
 * how fast the ingest resolves new mentions when the index already holds a million people.
 *
 * 1. Preload: N generated people (default 1,000,000; `--profiles`), about 1.9 mentions each
 *    (streaming-population.ts: the throughput bench's names, employers and kinds, with name
 *    variants), built with the ingest's profile factory and committed with `state.commit` in
 *    batches of whole connected parts (streaming-preload.ts explains why that is the state the
 *    ingest would reach). On Elasticsearch the preload stops at a time budget (`--es-preload-minutes`,
 *    default 25): the JSON then says how many people it holds.
 * 2. Stream: M new mentions (default 20,000; `--mentions`) in batches of 500 records through the
 *    ingest's path — `resolveBatch` (load the stored mentions connected to the batch's keys,
 *    rebuild those people) and `state.commit`; on Elasticsearch also the worker's post-commit
 *    check (`settleRebuild`), as ingest/kafka/worker.ts does. Half the mentions are new mentions of
 *    preloaded people (name variants, a move to another employer, a strong identifier under
 *    another name form), half are new people (who often share a name with preloaded ones).
 *    Reported: mentions/s, batch latency p50/p99, stored mentions loaded per batch, phase times.
 *    On Elasticsearch the stream also has a time budget (`--es-stream-minutes`, default 30); the
 *    records it streamed in that time are then the ones the baseline and the quality figures use.
 * 3. Baseline, same run: the same M mentions into an empty index of the same backend; the ratio
 *    at-N / empty is what to compare between machines.
 * 4. Quality at scale, from the true person every source id names: of the streamed mentions of a
 *    preloaded person, the share that ended in a profile with that person's preloaded mentions
 *    (recall, by kind of variant); new people's mentions that joined a preloaded person; and the
 *    profiles the stream touched that hold mentions of two or more true people (wrong merges).
 *
 *   npx tsx bench/resolution/streaming.ts [--backend embedded|elasticsearch|both] [--profiles N]
 *     [--mentions M] [--batch 500] [--es-preload-minutes 25] [--es-stream-minutes 30]
 *     [--verify-preload] [--keep] [--out file]
 *
 * Needs Elasticsearch for the second backend (`eval "$(bash scripts/services/services.sh env)"`);
 * its indices live under a throw-away prefix and are dropped at the end. Results:
 * bench/results/resolution-streaming.json (a run of one backend keeps the other's section).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { loadConfig, type Config } from '../../config/load.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { isSharedIngestState, type IngestState } from '../../indexer/ingest-state.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { settleRebuild } from '../../ingest/kafka/settle-rebuild.js';
import { resolveBatch } from '../../ingest/resolve-batch.js';
import { createLogger } from '../../lib/logger.js';
import { projectRoot } from '../../lib/project-root.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { Rng } from './name-variants.js';
import {
  isPreloaded,
  Population,
  truePerson,
  VARIANT_CLASSES,
  type VariantClass,
} from './streaming-population.js';
import {
  checksumOf,
  planPreload,
  preload,
  type PreloadPlan,
  type PreloadResult,
} from './streaming-preload.js';
import { percentile } from './metrics.js';

const root = projectRoot(import.meta.url);
const self = fileURLToPath(import.meta.url);
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
type BackendName = 'embedded' | 'elasticsearch';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    profiles: { type: 'string', default: '1000000' },
    mentions: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '500' },
    'chunk-people': { type: 'string', default: '5000' },
    'es-preload-minutes': { type: 'string', default: '25' },
    'es-stream-minutes': { type: 'string', default: '30' },
    seed: { type: 'string', default: '11' },
    out: { type: 'string', default: join(root, 'bench/results/resolution-streaming.json') },
    'verify-preload': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const people = Number(args.profiles);
const streamMentions = Number(args.mentions);
const batchRecords = Number(args.batch);
const chunkPeople = Number(args['chunk-people']);
const esBudgetSeconds = Number(args['es-preload-minutes']) * 60;
const esStreamBudgetSeconds = Number(args['es-stream-minutes']) * 60;
const seed = Number(args.seed);
const backends: BackendName[] =
  args.backend === 'both' ? ['embedded', 'elasticsearch'] : [args.backend as BackendName];
for (const b of backends)
  if (b !== 'embedded' && b !== 'elasticsearch')
    throw new Error(`--backend: embedded, elasticsearch or both, not ${b}`);

/**
 * The preload plan holds a key map of a few million entries: below ~6 GB of heap the run starts
 * itself again with a larger old generation (and a larger young one, which cuts collection time).
 */
const HEAP_MB = 8192;
if (getHeapStatistics().heap_size_limit < 6e9 && process.env.TALENT_BENCH_STREAMING_CHILD !== '1') {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${HEAP_MB}`,
      '--max-semi-space-size=64',
      self,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, TALENT_BENCH_STREAMING_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}

const stamp = Date.now().toString(36);
const tmp = join(root, 'bench/tmp/resolution-streaming');
const esPrefixes: string[] = [];
const dataDirs: string[] = [];

function configFor(backend: BackendName, prefix: string): Readonly<Config> {
  return loadConfig({
    env: {
      ...process.env,
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_INDEX_BACKEND: backend,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
    },
  });
}

async function open(
  backend: BackendName,
  name: string,
): Promise<{ backend: Backend; config: Readonly<Config> }> {
  const prefix = `bench-resstream-${stamp}-${name}`;
  const config = configFor(backend, prefix);
  const dataDir = join(tmp, `${backend}-${name}-${stamp}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  dataDirs.push(dataDir);
  if (backend === 'elasticsearch') esPrefixes.push(prefix);
  return { backend: await openBackend(config, { dataDir, backend }), config };
}

async function cleanUp(): Promise<void> {
  if (args.keep) return;
  const url = configFor('elasticsearch', 'x').elasticsearch.url;
  for (const prefix of esPrefixes.splice(0))
    await dropElasticsearchIndices({ url, prefix }).catch((error: unknown) =>
      log(`could not drop ${prefix}-*: ${(error as Error).message}`),
    );
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log(`${signal}: dropping the bench's indices`);
    void cleanUp().finally(() => process.exit(130));
  });

/** The stream: updates of preloaded people and new people's records, shuffled. */
interface Stream {
  records: ParsedRecord[];
  /** Variant class of each update's mention id. */
  classes: Map<string, VariantClass>;
  updates: number;
  newPeople: number;
}

function buildStream(population: Population, loaded: Int32Array, mentions: number): Stream {
  const rng = new Rng(seed + 101);
  const records: ParsedRecord[] = [];
  const classes = new Map<string, VariantClass>();
  const updates = Math.floor(mentions / 2);
  // Distinct people while there are enough; a small preload gives some of them several updates.
  const drawn = new Map<number, number>();
  for (let i = 0; i < updates; i++) {
    let id = loaded[rng.int(0, loaded.length - 1)] as number;
    if (drawn.size < loaded.length)
      while (drawn.has(id)) id = loaded[rng.int(0, loaded.length - 1)] as number;
    const n = drawn.get(id) ?? 0;
    drawn.set(id, n + 1);
    const { record, cls } = population.update(id, n);
    records.push(record);
    for (const m of record.mentions) classes.set(m.mentionId, cls);
  }
  let newPeople = 0;
  for (let id = population.size; records.length < mentions; id++) {
    newPeople++;
    for (const r of population.records(id, 'new')) if (records.length < mentions) records.push(r);
  }
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [records[i], records[j]] = [records[j] as ParsedRecord, records[i] as ParsedRecord];
  }
  return { records, classes, updates, newPeople };
}

/** Times `connectedMentions` (the load of the stored part) apart from the rest of resolveBatch. */
function timedLoads(state: IngestState, clock: { ms: number }): IngestState {
  return new Proxy(state, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...a: unknown[]) => unknown;
      if (prop !== 'connectedMentions') return fn.bind(target);
      return async (...a: unknown[]): Promise<unknown> => {
        const t = performance.now();
        try {
          return await fn.apply(target, a);
        } finally {
          clock.ms += performance.now() - t;
        }
      };
    },
  });
}

interface StreamRun {
  mentions: number;
  records: number;
  /** Set when the time budget stopped the stream early (the baseline then streams the same records). */
  stoppedAtBudget?: string;
  batches: number;
  batchRecords: number;
  seconds: number;
  perSecond: number;
  batchP50Ms: number;
  batchP99Ms: number;
  batchMaxMs: number;
  /** Stored mentions loaded with a batch (its connected parts, without the batch itself). */
  loadedPerBatch: { mean: number; p50: number; p99: number; max: number };
  /** Sum over batches, seconds: load of the stored part, rebuild, commit, post-commit check (Elasticsearch). */
  phases: { load: number; rebuild: number; commit: number; settle: number };
  profilesPut: number;
  profilesRemoved: number;
  /** Rebuilds the post-commit check made (Elasticsearch; 0 when every commit read back as written). */
  settleRebuilds: number;
  profilesAfter: number;
}

/** Profile id → its mention ids, as last written: every profile the stream touched, as it stands. */
type Touched = Map<string, string[]>;

async function runStream(
  backend: Backend,
  factory: ProfileFactory,
  records: readonly ParsedRecord[],
  label: string,
  options: { touched?: Touched; budgetSeconds?: number } = {},
): Promise<StreamRun> {
  const { touched, budgetSeconds = 0 } = options;
  const clock = { ms: 0 };
  const state = timedLoads(backend.state, clock);
  const shared = isSharedIngestState(backend.state) ? backend.state : undefined;
  const logger = createLogger({ level: 'error' });
  const times: number[] = [];
  const loaded: number[] = [];
  const phases = { load: 0, rebuild: 0, commit: 0, settle: 0 };
  let mentions = 0;
  let put = 0;
  let removed = 0;
  let settleRebuilds = 0;
  const started = performance.now();
  let lastLog = started;
  let streamed = 0;
  for (let i = 0; i < records.length; i += batchRecords) {
    const elapsed = (performance.now() - started) / 1000;
    if (budgetSeconds > 0 && times.length > 0 && elapsed + elapsed / times.length > budgetSeconds) break;
    const batch = records.slice(i, i + batchRecords);
    streamed += batch.length;
    const batchMentions = batch.reduce((s, r) => s + r.mentions.length, 0);
    clock.ms = 0;
    const t0 = performance.now();
    const resolved = await resolveBatch(batch, new Set(), state, factory);
    const t1 = performance.now();
    await backend.state.commit({
      records: batch.map((r) => ({
        sourceId: r.sourceId,
        checksum: checksumOf(r.sourceId),
        outcome: 'parsed',
      })),
      replacedSources: [],
      mentions: resolved.mentions,
      moved: resolved.moved,
      profiles: resolved.profiles,
      finishedInputs: [],
    });
    const t2 = performance.now();
    if (shared)
      settleRebuilds += await settleRebuild(
        { state: shared, factory, logger },
        { basis: resolved.basis, put: resolved.profiles.put },
      );
    const t3 = performance.now();
    times.push(t3 - t0);
    loaded.push(resolved.basis.mentionIds.size - batchMentions);
    phases.load += clock.ms / 1000;
    phases.rebuild += (t1 - t0 - clock.ms) / 1000;
    phases.commit += (t2 - t1) / 1000;
    phases.settle += (t3 - t2) / 1000;
    mentions += batchMentions;
    put += resolved.profiles.put.length;
    removed += resolved.profiles.remove.length;
    if (touched) {
      for (const id of resolved.profiles.remove) touched.delete(id);
      for (const p of resolved.profiles.put)
        touched.set(
          p.id,
          p.evidence.map((e) => e.mentionId),
        );
    }
    if (t3 - lastLog > 20_000 || i + batchRecords >= records.length) {
      lastLog = t3;
      const s = (t3 - started) / 1000;
      log(
        `  ${label}: ${mentions}/${records.length} mentions in ${s.toFixed(1)} s (${Math.round(mentions / s)}/s), ` +
          `last batch ${Math.round(t3 - t0)} ms with ${loaded[loaded.length - 1]} stored mentions loaded`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const sortedTimes = [...times].sort((a, b) => a - b);
  const sortedLoaded = [...loaded].sort((a, b) => a - b);
  return {
    mentions,
    records: streamed,
    ...(streamed < records.length
      ? { stoppedAtBudget: `after ${streamed} of ${records.length} records` }
      : {}),
    batches: times.length,
    batchRecords,
    seconds: round(seconds, 1),
    perSecond: Math.round(mentions / seconds),
    batchP50Ms: Math.round(percentile(sortedTimes, 0.5)),
    batchP99Ms: Math.round(percentile(sortedTimes, 0.99)),
    batchMaxMs: Math.round(sortedTimes[sortedTimes.length - 1] ?? 0),
    loadedPerBatch: {
      mean: Math.round(loaded.reduce((s, x) => s + x, 0) / Math.max(1, loaded.length)),
      p50: percentile(sortedLoaded, 0.5),
      p99: percentile(sortedLoaded, 0.99),
      max: sortedLoaded[sortedLoaded.length - 1] ?? 0,
    },
    phases: {
      load: round(phases.load, 1),
      rebuild: round(phases.rebuild, 1),
      commit: round(phases.commit, 1),
      settle: round(phases.settle, 1),
    },
    profilesPut: put,
    profilesRemoved: removed,
    settleRebuilds,
    profilesAfter: (await backend.index.stats()).profiles,
  };
}

/** Recall of updates and wrong merges, read off the true person each mention id names. */
function quality(stream: Stream, touched: Touched) {
  const owner = new Map<string, string>();
  for (const [id, mentionIds] of touched) for (const m of mentionIds) owner.set(m, id);
  const byClass = new Map<VariantClass, { mentions: number; joined: number }>();
  let joined = 0;
  let updates = 0;
  let newMentions = 0;
  let newJoinedPreloaded = 0;
  for (const record of stream.records)
    for (const m of record.mentions) {
      const person = truePerson(m.mentionId);
      const profile = owner.get(m.mentionId);
      const members = profile === undefined ? [] : (touched.get(profile) ?? []);
      const cls = stream.classes.get(m.mentionId);
      if (cls !== undefined) {
        updates++;
        const hit = members.some((x) => isPreloaded(x) && truePerson(x) === person);
        if (hit) joined++;
        const c = byClass.get(cls) ?? { mentions: 0, joined: 0 };
        c.mentions++;
        if (hit) c.joined++;
        byClass.set(cls, c);
      } else {
        newMentions++;
        if (members.some((x) => isPreloaded(x))) newJoinedPreloaded++;
      }
    }
  let mixed = 0;
  let mixedWithStreamed = 0;
  for (const mentionIds of touched.values()) {
    const persons = new Set(mentionIds.map(truePerson));
    if (persons.size < 2) continue;
    mixed++;
    if (mentionIds.some((x) => !isPreloaded(x))) mixedWithStreamed++;
  }
  return {
    recall: {
      updates,
      joinedTheirPerson: joined,
      recall: round(joined / Math.max(1, updates), 4),
      byClass: Object.fromEntries(
        VARIANT_CLASSES.filter((c) => byClass.has(c)).map((c) => {
          const v = byClass.get(c) as { mentions: number; joined: number };
          return [c, { mentions: v.mentions, recall: round(v.joined / v.mentions, 4) }];
        }),
      ),
    },
    newPeople: {
      mentions: newMentions,
      joinedAPreloadedPerson: newJoinedPreloaded,
      share: round(newJoinedPreloaded / Math.max(1, newMentions), 4),
    },
    falseMerges: {
      touchedProfiles: touched.size,
      profilesWithTwoOrMorePeople: mixed,
      ofWhichHoldStreamedMentions: mixedWithStreamed,
    },
  };
}

/** The preload through the ingest's own path (resolveBatch + commit per batch), for `--verify-preload`. */
async function verifyPreload(
  population: Population,
  factory: ProfileFactory,
  direct: PreloadResult,
  directProfiles: number,
): Promise<Record<string, unknown>> {
  log('verify: the same people through resolveBatch + commit (1000 records per batch, random order)…');
  const { backend } = await open('embedded', 'verify');
  try {
    const records: ParsedRecord[] = [];
    for (const id of direct.loaded) records.push(...population.records(id));
    const rng = new Rng(seed + 202);
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [records[i], records[j]] = [records[j] as ParsedRecord, records[i] as ParsedRecord];
    }
    const owners = new Map<string, string>();
    const started = performance.now();
    for (let i = 0; i < records.length; i += 1000) {
      const batch = records.slice(i, i + 1000);
      const resolved = await resolveBatch(batch, new Set(), backend.state, factory);
      await backend.state.commit({
        records: batch.map((r) => ({
          sourceId: r.sourceId,
          checksum: checksumOf(r.sourceId),
          outcome: 'parsed',
        })),
        replacedSources: [],
        mentions: resolved.mentions,
        moved: resolved.moved,
        profiles: resolved.profiles,
        finishedInputs: [],
      });
      for (const m of resolved.mentions) owners.set(m.mentionId, m.profileId);
      for (const m of resolved.moved) owners.set(m.mentionId, m.profileId);
    }
    const seconds = (performance.now() - started) / 1000;
    const profiles = (await backend.index.stats()).profiles;
    let differing = 0;
    for (const [mentionId, profileId] of direct.owners ?? new Map<string, string>())
      if (owners.get(mentionId) !== profileId) differing++;
    const result = {
      mentions: owners.size,
      mentionsInAnotherProfile: differing,
      profilesDirect: directProfiles,
      profilesIngestPath: profiles,
      ingestPathSeconds: round(seconds, 1),
    };
    log(`verify: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await backend.close();
  }
}

async function runBackend(name: BackendName, plan: PreloadPlan, population: Population) {
  log(`── ${name} ──`);
  const factory = ProfileFactory.fromConfig(configFor(name, 'x'));
  const full = await open(name, 'full');
  let result: Record<string, unknown>;
  try {
    const budget = name === 'elasticsearch' ? esBudgetSeconds : 0;
    log(
      `preload: ${population.size} people in ${plan.chunks.length} batches${budget > 0 ? ` (budget ${budget / 60} min)` : ''}…`,
    );
    const pre = await preload(population, plan, {
      state: full.backend.state,
      factory,
      budgetSeconds: budget,
      keepOwners: args['verify-preload'],
      log,
    });
    const profiles = (await full.backend.index.stats()).profiles;
    log(
      `preload: ${pre.people} people → ${profiles} profiles, ${pre.mentions} stored mentions in ${pre.seconds.toFixed(0)} s${pre.stoppedAtBudget ? ' (stopped at the time budget)' : ''}`,
    );
    const verified =
      args['verify-preload'] && name === 'embedded'
        ? await verifyPreload(population, factory, pre, profiles)
        : undefined;

    const stream = buildStream(population, pre.loaded, streamMentions);
    log(
      `stream: ${stream.records.length} mentions (${stream.updates} of preloaded people, ${stream.newPeople} new people) into the preloaded index…`,
    );
    const touched: Touched = new Map();
    const atScale = await runStream(full.backend, factory, stream.records, `at ${profiles} profiles`, {
      touched,
      budgetSeconds: name === 'elasticsearch' ? esStreamBudgetSeconds : 0,
    });
    // A budget may have stopped it: the baseline and the quality figures take the same records.
    stream.records = stream.records.slice(0, atScale.records);

    // The preloaded index stays open (closing an embedded one checkpoints gigabytes of WAL) but idle.
    log('baseline: the same mentions into an empty index…');
    const empty = await open(name, 'empty');
    let baseline: StreamRun;
    try {
      baseline = await runStream(empty.backend, factory, stream.records, 'empty index');
    } finally {
      await empty.backend.close();
    }
    const ratio = round(atScale.perSecond / baseline.perSecond, 4);
    log(
      `${name}: ${atScale.perSecond} mentions/s at ${profiles} profiles, ${baseline.perSecond}/s empty (ratio ${ratio})`,
    );

    result = {
      generatedAt: new Date().toISOString(),
      commit: startCommit,
      command: commandLine(name),
      peopleRequested: people,
      people: pre.people,
      profiles,
      storedMentions: pre.mentions,
      ...(pre.stoppedAtBudget
        ? {
            capped: `the preload stopped at its ${budget / 60}-minute budget after ${pre.people} of ${people} people: the largest N this backend loads in that time on this machine`,
          }
        : {}),
      preload: {
        method:
          'factory.profiles over whole connected parts of the stored-key graph, one state.commit per batch (no stored mentions read back)',
        seconds: round(pre.seconds, 1),
        profilesPerSecond: Math.round(profiles / pre.seconds),
        mentionsPerSecond: Math.round(pre.mentions / pre.seconds),
        buildSeconds: round(pre.buildSeconds, 1),
        commitSeconds: round(pre.commitSeconds, 1),
        batches: pre.chunks,
        peoplePerBatch: chunkPeople,
        profilesWithTwoOrMorePeople: pre.mixedProfiles,
        ...(verified ? { checkedAgainstIngestPath: verified } : {}),
      },
      stream: atScale,
      emptyBaseline: baseline,
      ratio,
      ...quality(stream, touched),
    };
  } finally {
    await full.backend.close();
    await cleanUp();
  }
  return result;
}

function gitCommit(): { sha: string; dirty: boolean } | undefined {
  const sha = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (sha.status !== 0) return undefined;
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  return { sha: sha.stdout.trim(), dirty: status.stdout.trim() !== '' };
}

function commandLine(backend: BackendName): string {
  return [
    'npx tsx bench/resolution/streaming.ts',
    `--backend ${backend}`,
    `--profiles ${people}`,
    `--mentions ${streamMentions}`,
    `--batch ${batchRecords}`,
    ...(backend === 'elasticsearch'
      ? [`--es-preload-minutes ${esBudgetSeconds / 60}`, `--es-stream-minutes ${esStreamBudgetSeconds / 60}`]
      : []),
  ].join(' ');
}

// Taken before any module could change on disk: the code this run measures is the code it loaded.
const startCommit = gitCommit();
log(`population: ${people} people (seed ${seed})…`);
const population = new Population({ size: people, seed });
log(`plan: connected parts of the stored keys over the whole population…`);
const plan = planPreload(population, { chunkPeople, seed, log });
log(
  `plan: ${plan.mentions} mentions, ${plan.parts.count} parts (largest ${plan.parts.maxMentions} mentions, p99 ${plan.parts.p99Mentions}, mean ${plan.parts.meanMentions}, ${plan.parts.perMentionMeanMentions} around a random mention) in ${plan.seconds.toFixed(0)} s`,
);

const sections: Record<string, unknown> = {};
for (const backend of backends) sections[backend] = await runBackend(backend, plan, population);

const previous = existsSync(args.out)
  ? (JSON.parse(readFileSync(args.out, 'utf8')) as Record<string, unknown>)
  : {};
const results = {
  benchmark: 'resolution-streaming',
  generatedAt: new Date().toISOString(),
  commit: startCommit,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    heapLimitMB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
  },
  population: {
    people,
    mentions: plan.mentions,
    seed,
    connectedParts: plan.parts,
    planSeconds: round(plan.seconds, 1),
  },
  embedded: sections.embedded ?? previous.embedded,
  elasticsearch: sections.elasticsearch ?? previous.elasticsearch,
  note: 'perSecond = streamed mentions / wall time of resolveBatch + commit (+ the worker’s post-commit check on Elasticsearch), one process on one core; ratio = perSecond at the preloaded index / perSecond into an empty one, same mentions, same run. Services (Elasticsearch 512 MB heap) share the 2 cores; other work on the machine makes timings noisy.',
};
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
