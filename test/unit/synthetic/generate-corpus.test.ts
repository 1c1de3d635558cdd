import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIndustries } from '../../../config/industries.js';
import { loadScoring } from '../../../config/scoring.js';
import { loadRoleFunctions } from '../../../config/role-functions.js';
import { loadSkills } from '../../../config/skills.js';
import { readInputs } from '../../../ingest/files/read-inputs.js';
import { generateCorpus, type Appearance } from '../../../synthetic/generate-corpus.js';
import { Rng } from '../../../synthetic/prng.js';
import type { TalentProfile } from '../../../processors/model/profile.js';
import { SkillVocabulary } from '../../../processors/normalize/skill.js';
import { processRecord } from '../../../processors/pipeline.js';
import { ProfileFactory } from '../../../processors/profile-factory.js';
import type { ParsedRecord } from '../../../processors/profile/build-profiles.js';

const industries = loadIndustries('config/industries.yaml');
const limits = { maxDocumentBytes: 64 * 1024 * 1024 };

interface TruthLine {
  id: string;
  industry: string;
  tier: string;
  rptOwnerCik?: string;
  appearances: Appearance[];
}

function generate(count: number, seed: number, formats?: Parameters<typeof generateCorpus>[0]['formats']) {
  const outDir = mkdtempSync(join(tmpdir(), 'tb-synth-'));
  const summary = generateCorpus({ count, seed, outDir, industries, ...(formats ? { formats } : {}) });
  return { outDir, summary };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function truthOf(dir: string): TruthLine[] {
  return readFileSync(join(dir, 'truth.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TruthLine);
}

describe('seeded PRNG', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Rng(seed)).map((r) => r.int(0, 1e9));
    const a = new Rng(1);
    const b = new Rng(1);
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    expect(new Rng(1).next()).not.toBe(new Rng(2).next());
    expect(draw(3)).toEqual(draw(3));
  });
});

describe('synthetic corpus: determinism', () => {
  it('writes byte-identical files for the same count and seed, different ones for another seed', () => {
    const one = generate(120, 42);
    const two = generate(120, 42);
    const other = generate(120, 43);
    const files = filesUnder(one.outDir);
    expect(files).toEqual(filesUnder(two.outDir));
    expect(files).toContain('truth.jsonl');
    for (const f of files)
      expect(readFileSync(join(two.outDir, f)).equals(readFileSync(join(one.outDir, f)))).toBe(true);
    expect(
      readFileSync(join(other.outDir, 'truth.jsonl')).equals(readFileSync(join(one.outDir, 'truth.jsonl'))),
    ).toBe(false);
    expect({ ...one.summary, outDir: '', seconds: 0 }).toEqual({ ...two.summary, outDir: '', seconds: 0 });
  });

  it('writes only the formats asked for and still gives everyone a source', () => {
    const { outDir, summary } = generate(60, 5, ['json-resume', 'uspto-xml']);
    expect(filesUnder(outDir).every((f) => /^(resumes-json|uspto)\/|^truth\.jsonl$/.test(f))).toBe(true);
    expect(summary.byFormat['sec-ownership-xml'].documents).toBe(0);
    expect(truthOf(outDir).every((t) => t.appearances.length > 0)).toBe(true);
  });
});

describe('synthetic corpus: parsed, merged and scored by the real pipeline', () => {
  let outDir = '';
  let truth: TruthLine[] = [];
  let profiles: TalentProfile[] = [];
  let rejected: string[] = [];
  let mentionCount = 0;
  /** `file#documentIndex` → envelope id, to find each truth appearance's mention. */
  const sourceIds = new Map<string, string>();

  beforeAll(async () => {
    ({ outDir } = generate(200, 7));
    truth = truthOf(outDir);
    const records: ParsedRecord[] = [];
    rejected = [];
    for await (const item of readInputs([outDir], { ...limits, now: new Date('2026-01-01T00:00:00Z') })) {
      const file = relative(outDir, item.envelope.origin.file ?? '');
      if (file === 'truth.jsonl') continue;
      sourceIds.set(`${file}#${item.envelope.origin.documentIndex ?? ''}`, item.envelope.id);
      if (item.kind === 'rejected') {
        rejected.push(`${file}: ${item.error.code}`);
        continue;
      }
      const outcome = processRecord(item.envelope, limits);
      if (outcome.status !== 'parsed') {
        rejected.push(`${file}: ${outcome.status === 'rejected' ? outcome.error.message : outcome.reason}`);
        continue;
      }
      mentionCount += outcome.mentions.length;
      records.push({
        sourceId: item.envelope.id,
        fetchedAt: item.envelope.fetchedAt,
        document: outcome.document,
        mentions: outcome.mentions,
      });
    }
    const factory = new ProfileFactory({
      industries,
      scoring: loadScoring('config/scoring.yaml'),
      roleFunctions: loadRoleFunctions('config/role-functions.yaml'),
      vocabulary: new SkillVocabulary(loadSkills('config/skills.yaml')),
      referenceYear: 2026,
    });
    profiles = factory.profiles(records);
  });

  /** The profiles holding a person's mentions, by position in `profiles`. */
  function profilesOf(person: TruthLine, byMention: Map<string, number>): Set<number> {
    const found = new Set<number>();
    for (const a of person.appearances) {
      const index = byMention.get(`${sourceIds.get(`${a.file}#${a.document ?? ''}`)}#${a.mention}`);
      if (index !== undefined) found.add(index);
    }
    return found;
  }

  function mentionIndex(): Map<string, number> {
    const byMention = new Map<string, number>();
    profiles.forEach((p, i) => p.evidence.forEach((e) => byMention.set(e.mentionId, i)));
    return byMention;
  }

  it('parses every generated document with zero rejections, one mention per truth appearance', () => {
    expect(rejected).toEqual([]);
    expect(truth).toHaveLength(200);
    const appearances = truth.reduce((s, t) => s + t.appearances.length, 0);
    expect(mentionCount).toBe(appearances);
    const formats = new Set(truth.flatMap((t) => t.appearances.map((a) => a.format)));
    expect([...formats].sort()).toEqual(['json-resume', 'sec-ownership-xml', 'uspto-xml', 'zh-resume-text']);
  });

  it('finds every appearance listed in truth.jsonl and never merges two generated people', () => {
    const byMention = mentionIndex();
    const peopleOfProfile = new Map<number, Set<string>>();
    for (const person of truth) {
      const found = profilesOf(person, byMention);
      const listed = person.appearances.length;
      expect(listed === 0 || found.size > 0).toBe(true);
      for (const i of found) peopleOfProfile.set(i, (peopleOfProfile.get(i) ?? new Set()).add(person.id));
    }
    expect([...peopleOfProfile.values()].filter((s) => s.size > 1)).toEqual([]);
  });

  it('merges a person’s sources on strong keys (SEC CIK) and on name + employer', () => {
    const byMention = mentionIndex();
    const insiders = truth.filter(
      (t) => t.appearances.filter((a) => a.format === 'sec-ownership-xml').length > 1,
    );
    expect(insiders.length).toBeGreaterThan(0);
    for (const person of insiders) {
      const filings = person.appearances.filter((a) => a.format === 'sec-ownership-xml');
      const found = [...profilesOf({ ...person, appearances: filings }, byMention)];
      expect(found).toHaveLength(1);
      expect(profiles[found[0] as number]?.identifiers.secCiks.map((c) => c.replace(/^0+/, ''))).toContain(
        person.rptOwnerCik?.replace(/^0+/, ''),
      );
    }
    // Latin-script sources (JSON résumé, patents, Form 4) of one person share name + employer: one profile.
    const latin = truth.filter(
      (t) =>
        t.appearances.length > 1 &&
        new Set(t.appearances.map((a) => a.format)).size > 1 &&
        t.appearances.every((a) => a.format !== 'zh-resume-text'),
    );
    expect(latin.length).toBeGreaterThan(10);
    const merged = latin.filter((t) => profilesOf(t, byMention).size === 1).length;
    expect(merged / latin.length).toBeGreaterThanOrEqual(0.95);
  });

  it('scores most generated people highest in the industry they were generated for', () => {
    const byMention = mentionIndex();
    let hits = 0;
    let total = 0;
    for (const person of truth)
      for (const i of profilesOf(person, byMention)) {
        total++;
        if (profiles[i]?.topIndustries[0]?.industry === person.industry) hits++;
      }
    expect(total).toBeGreaterThan(150);
    expect(hits / total).toBeGreaterThanOrEqual(0.8);
  });

  it('mixes regions and tiers (a few academicians, many engineers)', () => {
    const tiers = new Map<string, number>();
    for (const t of truth) tiers.set(t.tier, (tiers.get(t.tier) ?? 0) + 1);
    expect((tiers.get('D') ?? 0) > (tiers.get('B') ?? 0)).toBe(true);
    const text = readFileSync(join(outDir, 'truth.jsonl'), 'utf8');
    expect(text).toMatch(/"city":"Changchun"/);
    expect(text).toMatch(/"region":"us"/);
    expect(profiles.some((p) => p.tier === 'A' || p.tier === 'B')).toBe(true);
  });
});
