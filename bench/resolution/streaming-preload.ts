/**
 * Preloading the streaming bench's index: the people of a Population, built with the ingest's
 * profile factory and committed in large batches, without loading stored mentions back.
 *
 * Why this is the state the ingest would reach: a profile is a function of the mentions of its
 * connected part of the stored-key graph (processors/resolve/README.md; resolveBatch relies on
 * it). `planPreload` computes those parts over the whole population first (the keys the ingest
 * stores, `storedMentionKeys`), and every batch holds whole parts, so each part is resolved once
 * with all of its mentions — what the ingest gets after loading the part back for every record.
 * `--verify-preload` in streaming.ts checks this against the ingest's own path on a small run.
 */
import { createHash } from 'node:crypto';
import type { IngestState, StoredMention } from '../../indexer/ingest-state.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import type { ProfileFactory } from '../../processors/profile-factory.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { storedMentionKeys } from '../../processors/resolve/index.js';
import { Rng } from './name-variants.js';
import { truePerson, type Population } from './streaming-population.js';
import { percentile } from './metrics.js';

export interface PreloadPlan {
  /** Batches of people, each a union of whole connected parts, in a random order of parts. */
  chunks: Int32Array[];
  people: number;
  mentions: number;
  seconds: number;
  /** Connected parts of the stored-key graph, in mentions (what the ingest loads for a new mention of them). */
  parts: {
    count: number;
    maxMentions: number;
    p99Mentions: number;
    meanMentions: number;
    /** The mean size of the part a random mention is in (Σ size² / Σ size): what one new mention of them loads. */
    perMentionMeanMentions: number;
  };
}

/** Stable ordering of a batch's records, as resolveBatch orders what it rebuilds. */
export function bySourceId(records: ParsedRecord[]): ParsedRecord[] {
  return records.sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
}

export function checksumOf(sourceId: string): string {
  return `sha256:${createHash('sha256').update(sourceId).digest('hex')}`;
}

/** Union-find over people joined by a stored key; batches of about `chunkPeople` people of whole parts. */
export function planPreload(
  population: Population,
  options: { chunkPeople: number; seed: number; log: (line: string) => void },
): PreloadPlan {
  const started = performance.now();
  const n = population.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const mentionCount = new Int32Array(n);
  const firstHolder = new Map<string, number>();
  let mentions = 0;
  for (let id = 0; id < n; id++) {
    for (const record of population.records(id))
      for (const m of record.mentions) {
        mentions++;
        mentionCount[id] = (mentionCount[id] as number) + 1;
        for (const key of storedMentionKeys(m)) {
          const holder = firstHolder.get(key);
          if (holder === undefined) firstHolder.set(key, id);
          else {
            const a = find(holder);
            const b = find(id);
            if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    if ((id + 1) % 100_000 === 0)
      options.log(
        `  plan: ${id + 1} people, ${firstHolder.size} keys, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  // The plan is made: the key map is the largest structure here, release it before the layout.
  firstHolder.clear();

  // People grouped by part root (counting sort), parts in a seeded random order.
  const roots = new Int32Array(n);
  const partSize = new Int32Array(n);
  const partMentions = new Int32Array(n);
  for (let id = 0; id < n; id++) {
    const r = find(id);
    roots[id] = r;
    partSize[r] = (partSize[r] as number) + 1;
    partMentions[r] = (partMentions[r] as number) + (mentionCount[id] as number);
  }
  const partRoots: number[] = [];
  for (let id = 0; id < n; id++) if (roots[id] === id) partRoots.push(id);
  const rng = new Rng(options.seed + 17);
  for (let i = partRoots.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [partRoots[i], partRoots[j]] = [partRoots[j] as number, partRoots[i] as number];
  }
  const offset = new Int32Array(n);
  let at = 0;
  for (const r of partRoots) {
    offset[r] = at;
    at += partSize[r] as number;
  }
  const ordered = new Int32Array(n);
  const fill = new Int32Array(n);
  for (let id = 0; id < n; id++) {
    const r = roots[id] as number;
    ordered[(offset[r] as number) + (fill[r] as number)] = id;
    fill[r] = (fill[r] as number) + 1;
  }
  const chunks: Int32Array[] = [];
  let from = 0;
  let people = 0;
  for (const r of partRoots) {
    people += partSize[r] as number;
    if (people >= options.chunkPeople) {
      chunks.push(ordered.slice(from, from + people));
      from += people;
      people = 0;
    }
  }
  if (people > 0) chunks.push(ordered.slice(from, from + people));

  const sizes = Int32Array.from(partRoots.map((r) => partMentions[r] as number)).sort();
  let squares = 0;
  for (const size of sizes) squares += size * size;
  return {
    chunks,
    people: n,
    mentions,
    seconds: (performance.now() - started) / 1000,
    parts: {
      count: partRoots.length,
      maxMentions: sizes[sizes.length - 1] ?? 0,
      p99Mentions: percentile(sizes, 0.99),
      meanMentions: Math.round((mentions / Math.max(1, partRoots.length)) * 100) / 100,
      perMentionMeanMentions: Math.round(squares / Math.max(1, mentions)),
    },
  };
}

/** Profiles whose mentions belong to two or more true people. */
export function mixedPeople(profile: TalentProfile): boolean {
  let first: number | undefined;
  for (const e of profile.evidence) {
    const who = truePerson(e.mentionId);
    if (who === undefined) continue;
    if (first === undefined) first = who;
    else if (who !== first) return true;
  }
  return false;
}

export interface PreloadResult {
  /** People committed (all of the plan, unless the time budget stopped it). */
  people: number;
  /** The people committed, for drawing the stream's updates among them. */
  loaded: Int32Array;
  mentions: number;
  profilesBuilt: number;
  /** Profiles built holding mentions of two or more true people (wrong merges of the preload). */
  mixedProfiles: number;
  seconds: number;
  buildSeconds: number;
  commitSeconds: number;
  chunks: number;
  /** Set when the time budget stopped the preload before the plan's end. */
  stoppedAtBudget: boolean;
  /** Mention id → profile id, when asked for (the preload check). */
  owners?: Map<string, string>;
}

/**
 * Builds and commits the plan's batches. Each batch: every person's records (ordered as
 * resolveBatch orders them), `factory.profiles`, and one `state.commit` with the records, the
 * stored mentions under their stored keys, and the profiles.
 */
export async function preload(
  population: Population,
  plan: PreloadPlan,
  options: {
    state: IngestState;
    factory: ProfileFactory;
    /** Stop before a batch that would end after this many seconds (0: no limit). */
    budgetSeconds: number;
    keepOwners?: boolean;
    log: (line: string) => void;
  },
): Promise<PreloadResult> {
  const started = performance.now();
  const loaded = new Int32Array(population.size);
  const result: PreloadResult = {
    people: 0,
    loaded,
    mentions: 0,
    profilesBuilt: 0,
    mixedProfiles: 0,
    seconds: 0,
    buildSeconds: 0,
    commitSeconds: 0,
    chunks: 0,
    stoppedAtBudget: false,
  };
  if (options.keepOwners) result.owners = new Map();
  let lastLog = started;
  for (const chunk of plan.chunks) {
    const elapsed = (performance.now() - started) / 1000;
    const perChunk = result.chunks > 0 ? elapsed / result.chunks : 0;
    if (options.budgetSeconds > 0 && elapsed + perChunk > options.budgetSeconds) {
      result.stoppedAtBudget = true;
      break;
    }
    const t0 = performance.now();
    const records: ParsedRecord[] = [];
    for (const id of chunk) for (const r of population.records(id)) records.push(r);
    bySourceId(records);
    const profiles = options.factory.profiles(records);
    const owner = new Map<string, string>();
    for (const p of profiles) {
      for (const e of p.evidence) owner.set(e.mentionId, p.id);
      if (mixedPeople(p)) result.mixedProfiles++;
    }
    const mentions: StoredMention[] = [];
    for (const record of records)
      for (const m of record.mentions) {
        const profileId = owner.get(m.mentionId);
        if (profileId === undefined) continue;
        result.owners?.set(m.mentionId, profileId);
        mentions.push({
          mentionId: m.mentionId,
          sourceId: record.sourceId,
          profileId,
          keys: storedMentionKeys(m),
          fetchedAt: record.fetchedAt,
          document: record.document,
          mention: m,
        });
      }
    const t1 = performance.now();
    await options.state.commit({
      records: records.map((r) => ({
        sourceId: r.sourceId,
        checksum: checksumOf(r.sourceId),
        outcome: 'parsed',
      })),
      replacedSources: [],
      mentions,
      moved: [],
      profiles: { put: profiles, remove: [] },
      finishedInputs: [],
    });
    const t2 = performance.now();
    result.buildSeconds += (t1 - t0) / 1000;
    result.commitSeconds += (t2 - t1) / 1000;
    for (const id of chunk) loaded[result.people++] = id;
    result.mentions += mentions.length;
    result.profilesBuilt += profiles.length;
    result.chunks++;
    if (t2 - lastLog > 30_000 || result.chunks === plan.chunks.length) {
      lastLog = t2;
      const s = (t2 - started) / 1000;
      const rate = result.people / s;
      options.log(
        `  preload: ${result.people}/${population.size} people, ${result.profilesBuilt} profiles, ${result.mentions} mentions in ${s.toFixed(0)} s ` +
          `(${Math.round(rate)} people/s; build ${result.buildSeconds.toFixed(0)} s, commit ${result.commitSeconds.toFixed(0)} s; ` +
          `ETA ${((population.size - result.people) / rate / 60).toFixed(1)} min; heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`,
      );
    }
  }
  result.loaded = loaded.slice(0, result.people);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
