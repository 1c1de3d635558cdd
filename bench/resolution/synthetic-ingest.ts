/**
 * `npx tsx bench/resolution/synthetic-ingest.ts [--people 20000] [--seed 42]`: person resolution
 * measured end to end. A generated corpus (synthetic/: JSON Resume, concatenated USPTO XML,
 * SEC Form 4, Chinese biographies; the same people across sources) goes through the embedded
 * ingest as a user would run it; the profiles it leaves are compared with the generator's
 * `truth.jsonl`, mention by mention, beside the key merge baseline on the same stored mentions.
 * Writes bench/results/resolution-synthetic.json.
 *
 * The corpus is kept under bench/tmp/resolution-synthetic/ and reused when people and seed match;
 * the index is rebuilt on every run, so the ingest time is a fresh ingest's. `--reuse-index` keeps
 * the index (and the timings) of the previous run instead, to read the errors again quickly;
 * `--no-offline` skips re-resolving all stored mentions at once (the check that the ingest,
 * batch by batch, comes to the same people).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadIndustries } from '../../config/industries.js';
import { loadConfig, resolveConfigPath } from '../../config/load.js';
import { runIngest, type IngestSummary } from '../../ingest/embedded/run-ingest.js';
import { generateCorpus, type GenerateSummary } from '../../synthetic/generate-corpus.js';
import { projectRoot } from '../../lib/project-root.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { keyMergeClusters, pipelineClusters } from './baseline.js';
import { bcubed, pairCounts, pairCountsByClass, scoresOf, type PairCounts, type Scores } from './metrics.js';
import { analyseErrors, type EvalMention } from './synthetic-errors.js';
import { parsedRecords, profileOwners, readStoredMentions } from './synthetic-store.js';
import { appearanceMentionId, formatPair, readTruth, sameTruthName } from './synthetic-truth.js';

const root = projectRoot(import.meta.url);
const resultsFile = join(root, 'bench/results/resolution-synthetic.json');
const log = (line: string): void => void process.stderr.write(`resolution-synthetic: ${line}\n`);
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const people = Number(argValue('--people', '20000'));
const seed = Number(argValue('--seed', '42'));
if (!Number.isInteger(people) || people < 2) throw new Error('--people must be an integer ≥ 2');
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const skipOffline = process.argv.includes('--no-offline');
const reuseIndex = process.argv.includes('--reuse-index');

const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const workDir = join(root, 'bench/tmp/resolution-synthetic', `people-${people}-seed-${seed}`);
const corpusDir = resolve(workDir, 'corpus');
const dataDir = join(workDir, 'data');

/** The corpus for these people and seed, generated once (as `talent-brain generate` would). */
function corpus(): GenerateSummary {
  const manifest = join(workDir, 'corpus.json');
  if (existsSync(manifest)) {
    const kept = JSON.parse(readFileSync(manifest, 'utf8')) as GenerateSummary;
    if (kept.people === people && kept.seed === seed && existsSync(join(corpusDir, 'truth.jsonl')))
      return kept;
  }
  rmSync(corpusDir, { recursive: true, force: true });
  log(`generating ${people} people (seed ${seed})…`);
  const industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
  const summary = generateCorpus({ count: people, seed, outDir: corpusDir, industries });
  writeFileSync(manifest, JSON.stringify(summary));
  return summary;
}

interface IngestRun {
  summary: IngestSummary;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  /** The index of an earlier run on the same corpus, kept (`--reuse-index`): figures and timings are that run's. */
  reused: boolean;
}

/**
 * A fresh ingest of the corpus, or with `--reuse-index` the one an earlier run left (for reading
 * the errors again without waiting for the ingest).
 */
async function ingestOnce(): Promise<IngestRun> {
  const saved = join(workDir, 'ingest.json');
  if (reuseIndex && existsSync(saved) && existsSync(join(dataDir, 'talent.db')))
    return { ...(JSON.parse(readFileSync(saved, 'utf8')) as IngestRun), reused: true };
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(saved, { force: true });
  const loadBefore = loadavg();
  log('ingesting…');
  const started = process.hrtime.bigint();
  const summary = await runIngest({ inputs: [corpusDir], dataDir, config });
  const run: IngestRun = {
    summary,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    loadBefore,
    loadAfter: loadavg(),
    reused: false,
  };
  writeFileSync(saved, JSON.stringify(run));
  return run;
}

interface Quality {
  pairwise: ReturnType<typeof scoresOf>;
  bcubed: Scores;
  /** Clusters among the evaluated mentions. */
  clusters: number;
}

function quality(predicted: readonly string[], truth: readonly string[]): Quality {
  return {
    pairwise: scoresOf(pairCounts(predicted, truth)),
    bcubed: bcubed(predicted, truth),
    clusters: new Set(predicted).size,
  };
}

function sumCounts(list: readonly PairCounts[]): PairCounts {
  return list.reduce(
    (s, c) => ({
      truePositives: s.truePositives + c.truePositives,
      predicted: s.predicted + c.predicted,
      actual: s.actual + c.actual,
    }),
    { truePositives: 0, predicted: 0, actual: 0 },
  );
}

/** Pairwise scores per class of pair, plus `<format>↔*` totals for each format. */
function byClass(
  predicted: readonly string[],
  truth: readonly string[],
  classOf: (i: number, j: number) => string,
  withTotals: boolean,
): Record<string, ReturnType<typeof scoresOf>> {
  const counts = pairCountsByClass(predicted, truth, classOf);
  const out: Record<string, ReturnType<typeof scoresOf>> = {};
  for (const cls of [...counts.keys()].sort()) out[cls] = scoresOf(counts.get(cls) as PairCounts);
  if (withTotals) {
    const formats = new Set([...counts.keys()].flatMap((k) => k.split('↔')));
    for (const f of [...formats].sort())
      out[`${f}↔*`] = scoresOf(
        sumCounts([...counts.entries()].filter(([k]) => k.split('↔').includes(f)).map(([, c]) => c)),
      );
  }
  return out;
}

async function main(): Promise<void> {
  const generated = corpus();
  log(`corpus: ${generated.documents} documents in ${generated.files} files → ${corpusDir}`);

  const ingestRun = await ingestOnce();
  const { summary: ingest, seconds: ingestSeconds, loadBefore, loadAfter } = ingestRun;
  log(
    `  ${ingest.records} records, ${ingest.mentions} mentions → ${ingest.profiles} profiles in ${ingestSeconds.toFixed(1)} s (${ingest.rejected} rejected)${ingestRun.reused ? ', index of an earlier run' : ''}`,
  );

  const stored = readStoredMentions(dataDir);
  const storedById = new Map(stored.map((s) => [s.mentionId, s]));
  const { owner, merges, profiles } = profileOwners(dataDir);
  const truthPeople = await readTruth(corpusDir);

  // Truth appearances → stored mentions; what does not map either way is counted, not dropped.
  const evaluated: EvalMention[] = [];
  const mapped = new Set<string>();
  const missing: Array<{ person: string; appearance: unknown; mentionId: string }> = [];
  const nameMismatches: Array<{ person: string; truthName: string; parsedName: string; mentionId: string }> =
    [];
  let missingCount = 0;
  let mismatchCount = 0;
  for (const person of truthPeople)
    for (const a of person.appearances) {
      const id = appearanceMentionId(corpusDir, a);
      const row = storedById.get(id);
      if (row === undefined) {
        missingCount++;
        if (missing.length < 10) missing.push({ person: person.id, appearance: a, mentionId: id });
        continue;
      }
      if (!sameTruthName(person, row.mention.name.full)) {
        mismatchCount++;
        if (nameMismatches.length < 10)
          nameMismatches.push({
            person: person.id,
            truthName: person.name.han ?? person.name.latin,
            parsedName: row.mention.name.full,
            mentionId: id,
          });
      }
      mapped.add(id);
      evaluated.push({ mention: row.mention, format: a.format, person });
    }
  const unmappedRows = stored.filter((s) => !mapped.has(s.mentionId));
  const unmappedByFormat: Record<string, number> = {};
  for (const s of unmappedRows)
    unmappedByFormat[s.mention.format] = (unmappedByFormat[s.mention.format] ?? 0) + 1;

  const mentionIds = evaluated.map((e) => e.mention.mentionId);
  const truth = evaluated.map((e) => e.person.id);
  const predicted = mentionIds.map((id) => owner.get(id) ?? `no-profile:${id}`);
  const withoutProfile = predicted.filter((p) => p.startsWith('no-profile:')).length;
  const tableDisagrees = mentionIds.filter((id, i) => storedById.get(id)?.profileId !== predicted[i]).length;

  const records = parsedRecords(stored);
  const keyMerge = keyMergeClusters(records, mentionIds);
  log('scoring…');

  const formatOf = evaluated.map((e) => e.format);
  const scriptOf = evaluated.map((e) => (e.person.name.han !== undefined ? 'han-name' : 'latin-name'));
  const formatClass = (i: number, j: number): string =>
    formatPair(formatOf[i] as string, formatOf[j] as string);
  const scriptClass = (i: number, j: number): string =>
    scriptOf[i] === scriptOf[j] ? (scriptOf[i] as string) : 'han-name↔latin-name';
  const resolverByFormat = byClass(predicted, truth, formatClass, true);
  const keyMergeByFormat = byClass(keyMerge, truth, formatClass, true);
  const byFormatPair: Record<
    string,
    { resolver: ReturnType<typeof scoresOf>; keyMerge: ReturnType<typeof scoresOf> }
  > = {};
  for (const cls of Object.keys(resolverByFormat).sort())
    byFormatPair[cls] = {
      resolver: resolverByFormat[cls] as ReturnType<typeof scoresOf>,
      keyMerge: keyMergeByFormat[cls] ?? scoresOf({ truePositives: 0, predicted: 0, actual: 0 }),
    };
  const resolverByScript = byClass(predicted, truth, scriptClass, false);
  const keyMergeByScript = byClass(keyMerge, truth, scriptClass, false);

  const resolution = ProfileFactory.fromConfig(config).resolution;
  const errors = analyseErrors(evaluated, predicted, resolution, (id) => merges.get(id) ?? []);
  const keyMergeErrors = analyseErrors(evaluated, keyMerge, resolution);

  // The index's profile builder over all stored records at once: the ingest, which rebuilds one
  // connected part at a time batch by batch, must come to the same people.
  let offline: (Quality & { agreementWithIngest: ReturnType<typeof scoresOf>; seconds: number }) | undefined;
  if (!skipOffline) {
    log('resolving all stored mentions at once…');
    const t0 = process.hrtime.bigint();
    const labels = pipelineClusters(records, mentionIds);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    offline = {
      ...quality(labels, truth),
      agreementWithIngest: scoresOf(pairCounts(labels, predicted)),
      seconds: round(seconds),
    };
  }

  const peopleEvaluated = new Set(truth).size;
  const resolverQuality = quality(predicted, truth);
  // Taken before the ingest starts, the load is other work's: above most of a core, the timings
  // shared the machine.
  const noisy = loadBefore[0] !== undefined && loadBefore[0] > 0.8;
  const result = {
    generatedAt: new Date().toISOString(),
    command: `npx tsx bench/resolution/synthetic-ingest.ts --people ${people} --seed ${seed}${skipOffline ? ' --no-offline' : ''}${reuseIndex ? ' --reuse-index' : ''}`,
    corpusCommand: `npx tsx bin/talent-brain.ts generate --count ${people} --seed ${seed} --out ${relative(root, corpusDir)}`,
    people,
    seed,
    documents: { total: generated.documents, files: generated.files, byFormat: generated.byFormat },
    mentions: {
      stored: stored.length,
      truthAppearances: truthPeople.reduce((s, p) => s + p.appearances.length, 0),
      evaluated: evaluated.length,
      /** Truth people with at least one evaluated mention. */
      people: peopleEvaluated,
    },
    unmapped: {
      what: 'stored mentions no truth appearance names (counted, left out of the scores); truth appearances with no stored mention; mapped mentions whose parsed name is not the truth name',
      storedNotInTruth: unmappedRows.length,
      storedNotInTruthByFormat: unmappedByFormat,
      storedNotInTruthExamples: unmappedRows.slice(0, 10).map((s) => ({
        mentionId: s.mentionId,
        format: s.mention.format,
        name: s.mention.name.full,
        document: s.document.title,
      })),
      truthNotStored: missingCount,
      truthNotStoredExamples: missing,
      nameMismatches: mismatchCount,
      nameMismatchExamples: nameMismatches,
      evaluatedWithoutProfile: withoutProfile,
      profileTableDisagreesWithEvidence: tableDisagrees,
    },
    resolver: {
      what: 'the profiles the embedded ingest wrote (each mention → the profile whose evidence holds it)',
      settings: resolution,
      pairwise: resolverQuality.pairwise,
      bcubed: resolverQuality.bcubed,
      profiles: {
        inIndex: profiles,
        amongEvaluated: new Set(predicted).size,
        truePeople: truthPeople.length,
      },
      byScript: resolverByScript,
      errors,
    },
    keyMerge: {
      what: 'key merge baseline (bench/resolution/baseline.ts): strong keys, then identical loose name + organisation, on the same stored mentions',
      ...(({ pairwise, bcubed: b3, clusters }) => ({ pairwise, bcubed: b3, profiles: clusters }))(
        quality(keyMerge, truth),
      ),
      byScript: keyMergeByScript,
      errors: {
        what: 'miss reasons are how the resolver scores the closest pair across the fragments the key merge left apart',
        ...keyMergeErrors,
      },
    },
    ...(offline ? { resolverOffline: offline } : {}),
    byFormatPair,
    ingest: {
      records: ingest.records,
      ingested: ingest.ingested,
      skipped: ingest.skipped,
      rejected: ingest.rejected,
      mentions: ingest.mentions,
      profiles: ingest.profiles,
      bytesRead: ingest.bytesRead,
      recordsPerSecond: round(ingest.records / ingestSeconds, 0),
      mentionsPerSecond: round(ingest.mentions / ingestSeconds, 0),
    },
    ingestSeconds: round(ingestSeconds),
    ...(ingestRun.reused ? { ingestReused: 'index and timings of an earlier run (--reuse-index)' } : {}),
    machine: {
      cpus: cpus().length,
      loadAverageBefore: loadBefore.map((x) => round(x)),
      loadAverageAfter: loadAfter.map((x) => round(x)),
      timingsNoisy: noisy,
    },
    note: 'End-to-end person resolution on a generated corpus: the generator (synthetic/) writes made-up people into real formats — JSON Resume, concatenated USPTO grant XML, SEC Form 4 XML, Chinese biographies — with one person appearing across sources, and records in truth.jsonl where each appears (file, document index, position). The corpus goes through the embedded ingest (read, parse, resolve batch by batch, write); each truth appearance is mapped to its stored mention by the id the ingest derives from the file path and document index, and the profiles are scored against the truth with pairwise and B-cubed precision / recall, beside the key merge baseline run on the same stored mentions. Caveat: the generator and the resolver are written by the same team, so the corpus shares the resolver’s assumptions (how names are romanized, what a co-inventor or an employer looks like, which namesakes exist — the generator never puts two people of one name at one employer); these figures are a regression and scale check of the whole pipeline, not an independent measure of accuracy. bench/results/resolution.json (a labelled set built from real documents) is the closer one to that.',
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);

  const line = (name: string, q: { pairwise: Scores; bcubed: Scores }): string =>
    `${name.padEnd(10)} pairwise P ${q.pairwise.precision.toFixed(4)} R ${q.pairwise.recall.toFixed(4)} F1 ${q.pairwise.f1.toFixed(4)}   B³ P ${q.bcubed.precision.toFixed(4)} R ${q.bcubed.recall.toFixed(4)} F1 ${q.bcubed.f1.toFixed(4)}`;
  console.log(
    `${people} people → ${generated.documents} documents, ${stored.length} stored mentions (${evaluated.length} evaluated, ${unmappedRows.length} not in truth, ${missingCount} truth appearances not stored, ${mismatchCount} name mismatches)`,
  );
  console.log(line('resolver', result.resolver));
  console.log(line('key merge', result.keyMerge));
  if (offline)
    console.log(line('offline', offline), `agreement with ingest F1 ${offline.agreementWithIngest.f1}`);
  console.log(
    `profiles: ${profiles} in the index, ${new Set(predicted).size} among evaluated, key merge ${result.keyMerge.profiles}; true people ${truthPeople.length}`,
  );
  for (const [cls, s] of Object.entries(byFormatPair))
    console.log(
      `  ${cls.padEnd(40)} resolver P ${s.resolver.precision.toFixed(3)} R ${s.resolver.recall.toFixed(3)} | key merge P ${s.keyMerge.precision.toFixed(3)} R ${s.keyMerge.recall.toFixed(3)}  (${s.resolver.actual} true pairs)`,
    );
  console.log(
    `ingest ${ingestSeconds.toFixed(1)} s, ${result.ingest.recordsPerSecond} records/s (load before ${loadBefore[0]?.toFixed(2)}${noisy ? ', noisy' : ''})`,
  );
  console.log(`wrote ${resultsFile}`);
}

await main();
