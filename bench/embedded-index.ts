/**
 * `npm run bench` (second part): the embedded ingest and index at volume.
 *
 * - Ingest rate: generated people in the real formats (default 100k people, TALENT_BENCH_PEOPLE)
 *   through the whole pipeline (read, parse, merge across batches, score, write) into a fresh index.
 * - Baseline, same run: raw bulk indexing — the final profile documents written straight into
 *   another fresh index in batches of the same size, with no parsing, merging or scoring. The
 *   ratio pipeline / raw is what to compare between machines.
 * - Query latency p50/p99 for: two English terms + two filters + facets; a Chinese query; a sort by
 *   an industry's score (target p99 ≤ 50 ms).
 * - Index size on disk per profile, with and without the ingest's mention store.
 * Results: bench/results/embedded-index.json.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadIndustries } from '../config/industries.js';
import { loadConfig } from '../config/load.js';
import type { SearchQuery } from '../indexer/contract.js';
import { parseDoc, type StoredDoc } from '../indexer/embedded/doc-codec.js';
import { EmbeddedIndex, INDEX_FILE } from '../indexer/embedded/index.js';
import { runIngest } from '../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../synthetic/generate-corpus.js';
import { industryKits } from '../synthetic/industry-kit.js';
import { Rng } from '../synthetic/prng.js';
import { projectRoot } from '../lib/project-root.js';
import type { TalentProfile } from '../processors/model/profile.js';

const root = projectRoot(import.meta.url);
const tmp = join(root, 'bench/tmp');
const people = Number(process.env.TALENT_BENCH_PEOPLE ?? 100_000);
const queryRounds = Number(process.env.TALENT_BENCH_QUERIES ?? 300);
const batchRecords = 2000;
const config = loadConfig({ env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' } });
const industries = loadIndustries(join(root, 'config/industries.yaml'));

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

function corpus(): string {
  const dir = join(tmp, `index-corpus-${people}`);
  const manifest = join(dir, '.bench.json');
  const wanted = JSON.stringify({ people, seed: 1 });
  if (existsSync(manifest) && readFileSync(manifest, 'utf8') === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${people} people…`);
  const summary = generateCorpus({ count: people, seed: 1, outDir: dir, industries });
  log(
    `  ${summary.documents} documents, ${(summary.bytes / 1e6).toFixed(0)} MB in ${summary.seconds.toFixed(1)} s`,
  );
  writeFileSync(manifest, wanted);
  return dir;
}

function freshDir(name: string): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The file's size once the WAL is folded in: what the index really takes at rest. */
function sizeAtRest(dataDir: string): number {
  const db = new Database(join(dataDir, INDEX_FILE));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = Number(db.pragma('page_count', { simple: true }));
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.close();
  return pages * pageSize;
}

function mentionStoreBytes(dataDir: string): number {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name IN ('mentions', 'mention_keys', 'mention_keys_mid', 'mentions_source', 'mentions_profile', 'sqlite_autoindex_mentions_1', 'ingest_records', 'ingest_inputs')",
        )
        .get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

function* storedProfiles(dataDir: string, chunk: number): Generator<TalentProfile[]> {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  try {
    let batch: TalentProfile[] = [];
    for (const row of db.prepare('SELECT doc FROM profile_docs ORDER BY rid').iterate() as Iterable<{
      doc: StoredDoc;
    }>) {
      batch.push(parseDoc<TalentProfile>(row.doc));
      if (batch.length >= chunk) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function latency(
  index: EmbeddedIndex,
  name: string,
  queries: SearchQuery[],
): Promise<Record<string, unknown>> {
  for (const q of queries.slice(0, 20)) await index.search(q);
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < queryRounds; i++) {
    const q = queries[i % queries.length] as SearchQuery;
    const t0 = performance.now();
    const result = await index.search(q);
    times.push(performance.now() - t0);
    hits += result.total;
  }
  times.sort((a, b) => a - b);
  const summary = {
    query: name,
    example: queries[0],
    rounds: times.length,
    p50ms: round(percentile(times, 50)),
    p99ms: round(percentile(times, 99)),
    maxMs: round(times[times.length - 1] as number),
    meanTotalHits: Math.round(hits / times.length),
    targetP99ms: 50,
  };
  log(
    `  ${name}: p50 ${summary.p50ms} ms, p99 ${summary.p99ms} ms (${summary.meanTotalHits} hits on average)`,
  );
  return summary;
}

const source = corpus();

log(`pipeline: ingesting ${source}…`);
const pipelineDir = freshDir('index-pipeline');
const t0 = performance.now();
const summary = await runIngest({ inputs: [source], dataDir: pipelineDir, config, batchRecords });
const pipelineSeconds = (performance.now() - t0) / 1000;
const pipelineRssMB = process.resourceUsage().maxRSS / 1024;
log(
  `  ${summary.records} records → ${summary.profiles} profiles in ${pipelineSeconds.toFixed(1)} s (${Math.round(summary.profiles / pipelineSeconds)} profiles/s)`,
);

log('baseline: raw bulk indexing of the final profiles…');
const rawDir = freshDir('index-raw');
const raw = new EmbeddedIndex(join(rawDir, INDEX_FILE));
let rawSeconds = 0;
let rawProfiles = 0;
for (const batch of storedProfiles(pipelineDir, batchRecords)) {
  const t = performance.now();
  await raw.replace({ put: batch, remove: [] });
  rawSeconds += (performance.now() - t) / 1000;
  rawProfiles += batch.length;
}
await raw.close();
log(
  `  ${rawProfiles} profiles in ${rawSeconds.toFixed(1)} s (${Math.round(rawProfiles / rawSeconds)} profiles/s)`,
);

const pipelineBytes = sizeAtRest(pipelineDir);
const mentionBytes = mentionStoreBytes(pipelineDir);
const rawBytes = sizeAtRest(rawDir);

log('queries…');
const index = new EmbeddedIndex(join(pipelineDir, INDEX_FILE));
const kits = industryKits(industries);
const rng = new Rng(7);
const english: SearchQuery[] = [];
const chinese: SearchQuery[] = [];
const byScore: SearchQuery[] = [];
// English: two words a recruiter would type, taken from profiles of the index (a skill word and a
// title word), with the profile's country and a tier range; so queries have hits, as real ones do.
const sample = (index as unknown as { database: Database.Database }).database
  .prepare('SELECT doc FROM profile_docs WHERE rid % ? = 0 LIMIT 400')
  .all(Math.max(1, Math.floor(summary.profiles / 400))) as Array<{ doc: StoredDoc }>;
const ascii = (text: string | undefined): string | undefined =>
  text
    ?.toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 4)
    .at(-1);
for (const row of sample) {
  const p = parseDoc<TalentProfile>(row.doc);
  const skill = ascii(p.skills.find((k) => /^[a-z ]+$/i.test(k.label))?.label);
  const title = ascii(p.titles.find((t) => /^[a-z ,]+$/i.test(t)));
  const country = p.locations[0]?.country;
  if (!skill || !title || !country) continue;
  english.push({
    text: `${skill} ${title}`,
    filters: { countries: [country], tiers: ['A', 'B', 'C', 'D'] },
    facets: ['industry', 'tier', 'city'],
    limit: 20,
  });
}
for (let i = 0; i < 60; i++) {
  const kit = rng.pick(kits);
  chinese.push({ text: rng.pick(kit.zh), limit: 20 });
  byScore.push({ sort: `score:${kit.id}`, filters: { industries: [kit.id] }, limit: 20 });
}
const queries = [
  await latency(index, '2 English terms + country + tier filters + 3 facets', english),
  await latency(index, 'Chinese keyword', chinese),
  await latency(index, 'sort by an industry score (filtered to the industry)', byScore),
];
const stats = await index.stats();
await index.close();

const results = {
  benchmark: 'embedded-index',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  corpus: { people, records: summary.records, bytesMB: round(summary.bytesRead / 1e6, 1) },
  ingest: {
    profiles: summary.profiles,
    mentions: summary.mentions,
    seconds: round(pipelineSeconds, 1),
    recordsPerSecond: Math.round(summary.records / pipelineSeconds),
    profilesPerSecond: Math.round(summary.profiles / pipelineSeconds),
    batchRecords,
    peakRssMB: Math.round(pipelineRssMB),
  },
  rawBulkBaseline: {
    profiles: rawProfiles,
    seconds: round(rawSeconds, 1),
    profilesPerSecond: Math.round(rawProfiles / rawSeconds),
  },
  pipelineToRawRatio: round(pipelineSeconds / rawSeconds),
  size: {
    bytesPerProfile: Math.round(pipelineBytes / stats.profiles),
    totalMB: round(pipelineBytes / 1e6, 1),
    mentionStoreMB: round(mentionBytes / 1e6, 1),
    searchIndexOnlyBytesPerProfile: Math.round(rawBytes / rawProfiles),
  },
  queries,
  note: 'pipelineToRawRatio = whole-pipeline ingest time / writing the same final profiles with no parsing, merging or scoring (one core each). Latencies are in-process, warm cache.',
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/embedded-index.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
