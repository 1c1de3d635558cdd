import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  extractZhEntities,
  parseBmes,
  type BmesSentence,
  type ZhEntity,
} from '../processors/resume/zh-entities.js';
import { splitZhPersons } from '../processors/resume/zh-persons.js';
import { extractZhResumeFields } from '../processors/resume/zh-resume-fields.js';
import { lowerBound } from '../processors/resume/zh-text-index.js';

/** Precision / recall / F1 with the counts behind them. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface ZhResumeEvaluation {
  /** Exact-span entity scores per type (Resume NER tag set). */
  perType: Record<string, Score>;
  /** Micro-average over all types. */
  overall: Score;
  sentences: number;
  /** Field-level scores of the parser's own output, per sentence, against gold strings of the matching type. */
  fields: Record<string, Score>;
  /** People the parser finds when the sentences are read as one document, one person per segment. */
  people: number;
  /**
   * Where those people start, scored against the sentences where the gold labels introduce a new
   * person (a full NAME at the sentence start or after 姓名：, different from the previous one).
   */
  personStarts: Score;
  /** A few wrong or missed spans per type, for whoever tunes the rules next. */
  examples?: Record<string, { missed: string[]; spurious: string[] }>;
}

function score(gold: number, predicted: number, correct: number): Score {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), gold, predicted, correct };
}

const key = (e: ZhEntity): string => `${e.type}:${e.start}:${e.end}`;

/**
 * Runs the extractor over a BMES file and scores it. The sentences are joined with newlines and
 * extracted as one text, as a multi-line biography would be; spans are mapped back per sentence.
 */
export function evaluateZhResume(bmesPath: string, withExamples = false): ZhResumeEvaluation {
  const sentences = parseBmes(readFileSync(bmesPath, 'utf8'));
  const offsets: number[] = [];
  let at = 0;
  for (const s of sentences) {
    offsets.push(at);
    at += s.text.length + 1;
  }
  const joined = sentences.map((s) => s.text).join('\n');
  const predictedAll = extractZhEntities(joined);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const examples: Record<string, { missed: string[]; spurious: string[] }> = {};
  const bump = (type: string, field: 'gold' | 'predicted' | 'correct'): void => {
    const c = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    c[field]++;
    counts.set(type, c);
  };
  sentences.forEach((s, i) => {
    const from = offsets[i] ?? 0;
    const to = from + s.text.length;
    const predicted = predictedAll
      .filter((e) => e.start >= from && e.end <= to)
      .map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    const goldKeys = new Set(s.entities.map(key));
    const predKeys = new Set(predicted.map(key));
    for (const g of s.entities) {
      bump(g.type, 'gold');
      if (predKeys.has(key(g))) bump(g.type, 'correct');
      else note(examples, g.type, 'missed', g, s);
    }
    for (const p of predicted) {
      bump(p.type, 'predicted');
      if (!goldKeys.has(key(p))) note(examples, p.type, 'spurious', p, s);
    }
  });
  const perType: Record<string, Score> = {};
  let g = 0;
  let p = 0;
  let c = 0;
  for (const [type, n] of [...counts].sort()) {
    perType[type] = score(n.gold, n.predicted, n.correct);
    g += n.gold;
    p += n.predicted;
    c += n.correct;
  }
  const result: ZhResumeEvaluation = {
    perType,
    overall: score(g, p, c),
    sentences: sentences.length,
    fields: evaluateFields(sentences),
    ...evaluatePeople(sentences, offsets, joined),
  };
  if (withExamples) result.examples = examples;
  return result;
}

function note(
  examples: Record<string, { missed: string[]; spurious: string[] }>,
  type: string,
  kind: 'missed' | 'spurious',
  e: ZhEntity,
  s: BmesSentence,
): void {
  const slot = (examples[type] ??= { missed: [], spurious: [] });
  if (slot[kind].length < 400)
    slot[kind].push(`${e.text}  ⟨${s.text.slice(Math.max(0, e.start - 8), e.end + 8)}⟩`);
}

/**
 * Field-level scores: each sentence is given to the parser's field builder on its own, and the
 * strings it fills (name, nationality, ethnicity, degrees, titles, organizations) are compared as
 * sets of distinct strings with the gold entity strings of the corresponding type in that sentence
 * (one organization with three posts is three affiliations but one organization).
 */
function evaluateFields(sentences: BmesSentence[]): Record<string, Score> {
  const fieldTypes: Record<string, string> = {
    name: 'NAME',
    nationality: 'CONT',
    ethnicity: 'RACE',
    degree: 'EDU',
    title: 'TITLE',
    organization: 'ORG',
  };
  const totals: Record<string, { gold: number; predicted: number; correct: number }> = {};
  for (const s of sentences) {
    const f = extractZhResumeFields(s.text);
    const got: Record<string, string[]> = {
      name: f.name === undefined ? [] : [f.name.full],
      nationality: f.nationality === undefined ? [] : [f.nationality],
      ethnicity: f.ethnicity === undefined ? [] : [f.ethnicity],
      degree: f.education.map((e) => e.degree).filter((d): d is string => d !== undefined),
      title: [
        ...f.affiliations.map((a) => a.title).filter((t): t is string => t !== undefined),
        ...f.professionalTitles,
      ],
      organization: [
        ...f.affiliations.map((a) => a.organization),
        ...f.education.map((e) => e.institution).filter((x) => x !== ''),
      ],
    };
    for (const [field, type] of Object.entries(fieldTypes)) {
      const gold = new Set(s.entities.filter((e) => e.type === type).map((e) => e.text));
      const predicted = new Set(got[field] ?? []);
      const correct = [...predicted].filter((v) => gold.has(v)).length;
      const t = (totals[field] ??= { gold: 0, predicted: 0, correct: 0 });
      t.gold += gold.size;
      t.predicted += predicted.size;
      t.correct += correct;
    }
  }
  return Object.fromEntries(
    Object.entries(totals).map(([f, t]) => [f, score(t.gold, t.predicted, t.correct)]),
  );
}

/** Scores the person segmentation of the joined sentences by the sentence each person starts in. */
function evaluatePeople(
  sentences: BmesSentence[],
  offsets: number[],
  joined: string,
): { people: number; personStarts: Score } {
  const gold = new Set<number>();
  let current: string | undefined;
  sentences.forEach((s, i) => {
    const name = s.entities.find(
      (e) =>
        e.type === 'NAME' &&
        e.text.length >= 2 &&
        /^(?:\s*|.*姓名\s*[：:]\s*)$/.test(s.text.slice(0, e.start)),
    );
    if (name !== undefined && name.text !== current) gold.add(i);
    if (name !== undefined) current = name.text;
  });
  const people = splitZhPersons(joined).filter((g) => g.name !== undefined);
  // The sentence a person starts in: the last one starting at or before the segment's first character.
  const predicted = new Set(people.map((g) => lowerBound(offsets, g.start + 1) - 1));
  const correct = [...predicted].filter((i) => gold.has(i)).length;
  return { people: people.length, personStarts: score(gold.size, predicted.size, correct) };
}

/** CLI: `node dist/bench/zh-resume-eval.js [file.bmes] [--examples]`, run from the repository root. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const corpus = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const result = evaluateZhResume(
    file ?? resolve(corpus, 'resumes-zh/dev.char.bmes'),
    process.argv.includes('--examples'),
  );
  const outDir = resolve(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(resolve(outDir, 'zh-resume.json'), `${json}\n`);
  console.log(json);
}
