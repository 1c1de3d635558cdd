/**
 * `npm run bench:scoring` (`npx tsx bench/scoring/evaluate.ts [--labelled-only | --data DIR]
 * [--list | --list-all]`): scoring measured against people labelled by reading the real corpus
 * (`labels.json`, see labels.ts).
 *
 * The corpus (`TALENT_CORPUS_DIR`, default ../shared/corpus, read in place) is ingested through
 * the embedded ingest into a temporary directory, as a user would index it (`--labelled-only`:
 * only the files that hold labelled people; `--data DIR`: an embedded index that already holds
 * the corpus, e.g. after `talent-brain rescore`, read as it is). Each labelled person is found by
 * parsing their file again and following their mention to the profile that holds it. Figures per
 * set (`dev`, used while tuning; `check`, never looked at while tuning) with their targets, the
 * tier confusion table, the misses by label key, and the tier distribution of the whole index go
 * to bench/results/scoring.json. `--list` also prints every `dev` person's outcome to stderr
 * (`--list-all`: the `check` set's too, which is not for reading while tuning).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadIndustries } from '../../config/industries.js';
import { loadConfig, resolveConfigPath, type Config } from '../../config/load.js';
import { parseDoc, type StoredDoc } from '../../indexer/embedded/doc-codec.js';
import { INDEX_FILE } from '../../indexer/embedded/index.js';
import { readInputs } from '../../ingest/files/read-inputs.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { projectRoot } from '../../lib/project-root.js';
import { TIERS, type TalentProfile, type Tier } from '../../processors/model/profile.js';
import { processRecord } from '../../processors/pipeline.js';
import { LABEL_SETS, labelKey, loadLabels, nameMatches, type ScoringLabel } from './labels.js';
import { evaluateSet, type Figure, type ScoredPerson } from './metrics.js';

const root = projectRoot(import.meta.url);
const corpusDir = resolve(process.env.TALENT_CORPUS_DIR ?? join(root, '../shared/corpus'));
const resultsFile = join(root, 'bench/results/scoring.json');
const log = (line: string): void => void process.stderr.write(`scoring: ${line}\n`);
const limits = { maxDocumentBytes: 64 * 1024 * 1024 };

type ProfileFigures = NonNullable<ScoredPerson['profile']>;

/** Mention ids per labelled file, with the name each mention carries. */
async function mentionsOf(
  files: readonly string[],
): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  for (const file of files) {
    const list: Array<{ id: string; name: string }> = [];
    for await (const item of readInputs([join(corpusDir, file)], {
      maxDocumentBytes: limits.maxDocumentBytes,
      now: new Date('2026-01-01T00:00:00Z'),
    })) {
      if (item.kind === 'rejected') continue;
      const outcome = processRecord(item.envelope, limits);
      if (outcome.status !== 'parsed') continue;
      for (const m of outcome.mentions) list.push({ id: m.mentionId, name: m.name.full });
    }
    out.set(file, list);
  }
  return out;
}

/** Every profile of the index by the mention ids of its evidence, and the index's tier counts. */
function readProfiles(dataDir: string): {
  byMention: Map<string, ProfileFigures>;
  tiers: Record<Tier, number>;
} {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  const byMention = new Map<string, ProfileFigures>();
  const tiers = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  try {
    for (const row of db
      .prepare('SELECT d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid')
      .iterate() as IterableIterator<{ doc: StoredDoc }>) {
      const p = parseDoc<TalentProfile>(row.doc);
      tiers[p.tier]++;
      const figures = { id: p.id, scores: p.scores, tier: p.tier, priorityScore: p.priorityScore };
      for (const e of p.evidence) byMention.set(e.mentionId, figures);
    }
  } finally {
    db.close();
  }
  return { byMention, tiers };
}

function findPerson(
  label: ScoringLabel,
  mentions: Map<string, Array<{ id: string; name: string }>>,
  byMention: Map<string, ProfileFigures>,
): ProfileFigures | undefined {
  const own = (mentions.get(label.file) ?? []).filter((m) => nameMatches(label, m.name));
  // A person named twice in one document is one profile; should the index have split them, the
  // best-scored profile is the one a user would see first.
  const profiles = own.flatMap((m) => byMention.get(m.id) ?? []);
  return profiles.sort((a, b) => b.priorityScore - a.priorityScore)[0];
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The embedded ingest of the inputs into a fresh data directory, as `talent-brain ingest` runs it. */
async function ingestCorpus(
  dataDir: string,
  inputs: readonly string[],
  config: Readonly<Config>,
): Promise<{ ingested: string; records: number; ingestSeconds: number }> {
  log(`ingesting ${inputs.length === 1 ? inputs[0] : `${inputs.length} labelled files`}…`);
  const started = process.hrtime.bigint();
  const summary = await runIngest({ inputs, dataDir, config });
  return {
    ingested: inputs.length === 1 ? 'whole corpus' : 'labelled files only',
    records: summary.records,
    ingestSeconds: Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10,
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(corpusDir, 'SOURCES.md'))) {
    log(`corpus not found at ${corpusDir} (set TALENT_CORPUS_DIR); nothing measured`);
    return;
  }
  const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01', TALENT_LOG_LEVEL: 'warn' } });
  const industryIds = loadIndustries(resolveConfigPath(config.scoring.industriesFile)).map((i) => i.id);
  const labels = loadLabels(industryIds);
  const files = [...new Set(labels.map((l) => l.file))].sort();
  const labelledOnly = process.argv.includes('--labelled-only');
  const existing = argValue('--data');

  const dataDir = existing ?? mkdtempSync(join(tmpdir(), 'talent-scoring-bench-'));
  const loadBefore = loadavg();
  try {
    const corpus = existing
      ? { ingested: `existing index ${existing}` }
      : await ingestCorpus(
          dataDir,
          labelledOnly ? files.map((f) => join(corpusDir, f)) : [corpusDir],
          config,
        );
    const mentions = await mentionsOf(files);
    const { byMention, tiers } = readProfiles(dataDir);
    const scored: Array<ScoredPerson & { set: string }> = labels.map((label) => ({
      set: label.set,
      label,
      profile: findPerson(label, mentions, byMention),
    }));
    // The check set's people are printed only on request: it is not to be read while tuning.
    const listed = process.argv.includes('--list-all')
      ? scored
      : process.argv.includes('--list')
        ? scored.filter((p) => p.set === 'dev')
        : [];
    for (const p of listed)
      log(
        `${p.set}\t${labelKey(p.label)}\t${p.label.function}\t${p.label.industries.join('/') || '-'}\t${p.label.tier}\t` +
          (p.profile
            ? `${p.profile.tier}\t${Object.entries(p.profile.scores)
                .filter(([, s]) => s > 0)
                .map(([i, s]) => `${i}:${s}`)
                .join(' ')}`
            : 'NOT FOUND'),
      );
    const sets = Object.fromEntries(
      LABEL_SETS.map((set) => [set, evaluateSet(scored.filter((p) => p.set === set))]),
    );
    // The same figures for Chinese documents and for the rest, without their misses (listed above).
    const byLanguage = Object.fromEntries(
      LABEL_SETS.flatMap((set) =>
        (['zh', 'other'] as const).map((group) => {
          const { misses: _misses, ...figures } = evaluateSet(
            scored.filter((p) => p.set === set && (p.label.language === 'zh') === (group === 'zh')),
          );
          return [`${set}/${group}`, figures];
        }),
      ),
    );
    const results = {
      benchmark: 'scoring',
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadAverage: { before: loadBefore, after: loadavg() },
      },
      note:
        'People labelled by reading the corpus documents (bench/scoring/labels.json): role function, ' +
        'the priority industries their evidence supports, an expected tier band. Talent = a technical, ' +
        'engineering-management, executive or academic-STEM function with a labelled industry. ' +
        '`dev` is used while tuning, `check` is not looked at while tuning.',
      corpus: {
        ...corpus,
        profiles: Object.values(tiers).reduce((a, b) => a + b, 0),
        tierDistribution: tiers,
      },
      labels: { people: labels.length, files: files.length },
      sets,
      byLanguage,
    };
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    const shown = (f: Figure): string => `${f.value} [${f.interval[0]}–${f.interval[1]}] (${f.target})`;
    for (const [set, r] of Object.entries(sets))
      log(
        `${set}: ${r.people} people (${r.found} found, ${r.talent} talent, ${r.businessOrBoard} business/board) · ` +
          `business ≥30 ${shown(r.businessScoredShare)} · top-industry precision ${shown(r.topIndustryPrecision)} · ` +
          `recall@20 ${shown(r.talentRecallAt20)} · AUC ${shown(r.separationAuc)} · tier within band ${r.tiers.withinBandShare}`,
      );
    log(`wrote ${resultsFile}`);
  } finally {
    if (!existing) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
