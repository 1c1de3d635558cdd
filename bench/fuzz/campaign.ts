import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readInputs } from '../../ingest/files/read-inputs.js';
import { createEnvelope, sourceKindOfFormat, type FormatName } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import type { ParseLimits } from '../../processors/parser.js';
import { processRecord } from '../../processors/pipeline.js';
import { makeTar, makeZip } from '../../synthetic/archives.js';
import { hashSeed, mutate, mutateBytes, Random, type Family } from './mutators.js';

/**
 * The fuzzing campaign's core: seeds from the real corpus (read in place), structure-aware
 * mutations, and the properties every input must keep: no exception escapes, every rejection is
 * typed (never `parser-failure`), no input runs past the per-document budget, memory stays bounded.
 * `npm run fuzz` (bench/fuzz/run.ts) runs it at full size; a vitest test runs a few hundred inputs
 * per target with a fixed seed.
 */

/** What is fuzzed: a parser fed records directly, or a file read through `readInputs` (framing, archives). */
export interface FuzzTarget {
  name: string;
  family: Family;
  /** Set for record targets: the format's parser (or detection, on half the inputs) gets the bytes. */
  format?: FormatName;
  /** Set for file targets: the file name suffix the mutated bytes are written under. */
  fileSuffix?: string;
  seeds: Buffer[];
  contentType: string;
}

export interface FuzzFailure {
  target: string;
  index: number;
  kind: 'exception' | 'untyped-rejection' | 'over-budget' | 'memory';
  message: string;
  bytes: number;
}

export interface TargetReport {
  target: string;
  seeds: number;
  inputs: number;
  bytes: number;
  seconds: number;
  outcomes: { parsed: number; skipped: number; rejected: number };
  rejectsByReason: Record<string, number>;
  slowest: { index: number; ms: number; bytes: number };
  slowestPerMB: { index: number; msPerMB: number; ms: number; bytes: number };
  peakRssMB: number;
  failures: FuzzFailure[];
}

export interface CampaignOptions {
  seed: number;
  inputs: number;
  limits: ParseLimits;
  /** Largest mutated input, in characters. */
  maxInputChars: number;
  /** Flag inputs that ran longer than the time budget plus this slack (off in unit tests: no timed assertions). */
  overBudgetSlackMs?: number;
  /** Flag a resident set above this. */
  maxRssMB?: number;
  /** Stop early at this wall-clock time (ms since the epoch), keeping the count reached. */
  deadlineMs?: number;
  /** Called with the index about to run (the watchdog's heartbeat). */
  onInput?: (index: number) => void;
}

/** Seeds larger than this are cut (at a tag or line boundary): the cost per input must stay small. */
const SEED_MAX_CHARS = 24 * 1024;

const FAMILY_OF: Partial<Record<FormatName, Family>> = {
  'json-resume': 'json',
  'openalex-json': 'json',
  'crossref-json': 'json',
  'zh-resume-text': 'text',
};

/** Seeds of a format whose documents must stay whole to be well-formed (XML, JSON): larger ones are skipped. */
const WHOLE_MAX_CHARS = 128 * 1024;

function cutSeed(text: string, family: Family): string {
  if (text.length <= SEED_MAX_CHARS) return text;
  const boundary = family === 'markup' ? '>' : '\n';
  const at = text.lastIndexOf(boundary, SEED_MAX_CHARS);
  return text.slice(0, at > SEED_MAX_CHARS / 2 ? at + 1 : SEED_MAX_CHARS);
}

/** Every record of the corpus (formats detected, bulk files split, archives opened), grouped by format. */
export async function recordSeeds(dirs: string[], limits: ParseLimits): Promise<Map<FormatName, Buffer[]>> {
  const byFormat = new Map<FormatName, Buffer[]>();
  for await (const item of readInputs(dirs, { maxDocumentBytes: limits.maxDocumentBytes })) {
    if (item.kind !== 'record' || item.envelope.format === null) continue;
    const format = item.envelope.format;
    const family = FAMILY_OF[format] ?? 'markup';
    const text = item.envelope.body.toString('utf8');
    const list = byFormat.get(format) ?? [];
    byFormat.set(format, list);
    if (list.length >= 200) continue;
    if (family === 'text') {
      // Long text files (a file of many biographies) become several seeds of a few dozen lines.
      const lines = text.split('\n');
      for (let at = 0; at < lines.length && list.length < 200; at += 40)
        list.push(Buffer.from(cutSeed(lines.slice(at, at + 40).join('\n'), family)));
      continue;
    }
    // HTML survives a cut; XML and JSON cut mid-document would only test malformed-xml/json.
    const lenient =
      format === 'profile-html' || format === 'sec-filing-html' || format === 'edgar-submission';
    if (lenient) list.push(Buffer.from(cutSeed(text, family)));
    else if (text.length <= WHOLE_MAX_CHARS) list.push(Buffer.from(text));
  }
  return byFormat;
}

/** Files under `dir` (recursively) whose names match. */
function filesMatching(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The targets of a campaign: one per format with seeds, JSON Lines framing, and the compressed
 * containers (the corpus's own archives, plus .gz and .tar.gz built around corpus records).
 */
export async function fuzzTargets(corpusDir: string, limits: ParseLimits): Promise<FuzzTarget[]> {
  const seeds = await recordSeeds([corpusDir], limits);
  const targets: FuzzTarget[] = [];
  for (const [format, list] of [...seeds].sort((a, b) => a[0].localeCompare(b[0]))) {
    const family = FAMILY_OF[format] ?? 'markup';
    targets.push({
      name: format,
      family,
      format,
      seeds: list,
      contentType: family === 'json' ? 'application/json' : family === 'text' ? 'text/plain' : 'text/html',
    });
  }
  const jsonl = filesMatching(corpusDir, /\.jsonl$/i).map((f) =>
    Buffer.from(cutSeed(readFileSync(f, 'utf8'), 'text')),
  );
  if (jsonl.length > 0)
    targets.push({ name: 'jsonl', family: 'jsonl', fileSuffix: '.jsonl', seeds: jsonl, contentType: '' });

  // Containers are built around the smallest sizeable record of each format: the readers are
  // what these targets test (each format's parser has its own target), so members stay cheap to parse.
  const some = [...seeds.values()].flatMap((list) => {
    const sized = list.filter((b) => b.length >= 512).sort((a, b) => a.length - b.length);
    return sized.slice(0, 2);
  });
  const pick = (from: number, count: number): Buffer[] =>
    Array.from({ length: count }, (_, i) => some[(from + i) % some.length] as Buffer);
  // The corpus's own zips, and zips built around corpus records the way other writers make them:
  // deflated and stored members, data descriptors (streaming writers), a member that is itself an
  // archive (refused: nested archives are not read).
  const archives: Buffer[] = filesMatching(corpusDir, /\.zip$/i)
    .map((f) => readFileSync(f))
    .filter((b) => b.length <= 1 << 20);
  if (some.length > 0)
    archives.push(
      makeZip(pick(0, 3).map((data, i) => ({ name: `docs/doc-${i}.xml`, data }))),
      makeZip(
        pick(3, 3).map((data, i) => ({
          name: `stream/doc-${i}.xml`,
          data,
          method: i === 1 ? 'store' : 'deflate',
          descriptor: i === 2 ? 'unsigned' : 'signed',
        })),
      ),
      makeZip([
        { name: 'nested/inner.xml.gz', data: gzipSync(pick(6, 1)[0] as Buffer) },
        { name: 'nested/doc.xml', data: pick(7, 1)[0] as Buffer },
      ]),
    );
  if (archives.length > 0)
    targets.push({ name: 'zip', family: 'bytes', fileSuffix: '.zip', seeds: archives, contentType: '' });
  if (some.length > 0) {
    targets.push({
      name: 'gz',
      family: 'bytes',
      fileSuffix: '.xml.gz',
      seeds: some.slice(0, 8).map((b) => gzipSync(b)),
      contentType: '',
    });
    const tar = (from: number): Buffer =>
      makeTar(pick(from, 3).map((data, i) => ({ name: `doc-${i}.xml`, data })));
    targets.push({
      name: 'tar.gz',
      family: 'bytes',
      fileSuffix: '.tar.gz',
      seeds: [
        tar(0),
        tar(3),
        tar(6),
        makeTar([{ name: 'nested/inner.zip', data: archives.at(-1) ?? Buffer.alloc(0) }]),
      ].map((b) => gzipSync(b)),
      contentType: '',
    });
  }
  return targets;
}

/** The same input a campaign generated at `index` (for reproducing a failure). */
export function inputAt(
  target: FuzzTarget,
  options: Pick<CampaignOptions, 'seed' | 'maxInputChars'>,
  index: number,
): Buffer {
  const rng = new Random(hashSeed(options.seed, target.name, index));
  const seed = rng.pick(target.seeds);
  const other = rng.pick(target.seeds);
  if (target.family === 'bytes') return mutateBytes(seed, other, rng);
  return Buffer.from(
    mutate(seed.toString('utf8'), other.toString('utf8'), target.family, rng, options.maxInputChars),
  );
}

function emptyReport(target: FuzzTarget): TargetReport {
  return {
    target: target.name,
    seeds: target.seeds.length,
    inputs: 0,
    bytes: 0,
    seconds: 0,
    outcomes: { parsed: 0, skipped: 0, rejected: 0 },
    rejectsByReason: {},
    slowest: { index: -1, ms: 0, bytes: 0 },
    slowestPerMB: { index: -1, msPerMB: 0, ms: 0, bytes: 0 },
    peakRssMB: 0,
    failures: [],
  };
}

type Outcome = { status: 'parsed' | 'skipped' } | { status: 'rejected'; error: unknown };

/** Runs one input of a record target. */
function runRecord(target: FuzzTarget, body: Buffer, index: number, limits: ParseLimits): Outcome[] {
  const format = target.format ?? null;
  // Half the inputs go through detection, as crawled pages and Kafka messages without a format do.
  const declared = index % 2 === 0 ? format : null;
  const envelope = createEnvelope({
    sourceKind: format === null ? 'resume' : sourceKindOfFormat[format],
    format: declared,
    origin: { uri: `fuzz://${target.name}/${index}` },
    body,
    contentType: target.contentType,
  });
  return [processRecord(envelope, limits)];
}

/** Runs one input of a file target: written to a temporary file and read like any input file. */
async function runFile(
  target: FuzzTarget,
  body: Buffer,
  dir: string,
  limits: ParseLimits,
): Promise<Outcome[]> {
  const path = join(dir, `input${target.fileSuffix ?? extname('x.bin')}`);
  writeFileSync(path, body);
  const out: Outcome[] = [];
  for await (const item of readInputs([path], { maxDocumentBytes: limits.maxDocumentBytes })) {
    if (item.kind === 'rejected') out.push({ status: 'rejected', error: item.error });
    else out.push(processRecord(item.envelope, limits));
  }
  return out;
}

/** Runs `options.inputs` mutated inputs of one target (from `options.startIndex`), checking the properties. */
export async function fuzzTarget(
  target: FuzzTarget,
  options: CampaignOptions,
  startIndex = 0,
  report: TargetReport = emptyReport(target),
): Promise<TargetReport> {
  const dir = target.fileSuffix === undefined ? undefined : mkdtempSync(join(tmpdir(), 'tb-fuzz-'));
  const started = performance.now();
  const budgetMs = options.limits.maxParseMs ?? 20_000;
  try {
    for (let index = startIndex; index < options.inputs; index++) {
      if (options.deadlineMs !== undefined && Date.now() > options.deadlineMs) break;
      options.onInput?.(index);
      const body = inputAt(target, options, index);
      const fail = (kind: FuzzFailure['kind'], message: string): void => {
        report.failures.push({
          target: target.name,
          index,
          kind,
          message: message.slice(0, 500),
          bytes: body.length,
        });
      };
      const t0 = performance.now();
      let outcomes: Outcome[] = [];
      try {
        outcomes =
          dir === undefined
            ? runRecord(target, body, index, options.limits)
            : await runFile(target, body, dir, options.limits);
      } catch (cause) {
        fail('exception', cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
      }
      const ms = performance.now() - t0;
      report.inputs++;
      report.bytes += body.length;
      for (const outcome of outcomes) {
        report.outcomes[outcome.status]++;
        if (outcome.status !== 'rejected') continue;
        const error = outcome.error;
        const code = error instanceof ProcessingError ? error.code : 'untyped';
        report.rejectsByReason[code] = (report.rejectsByReason[code] ?? 0) + 1;
        if (!(error instanceof ProcessingError) || code === 'parser-failure')
          fail('untyped-rejection', error instanceof Error ? error.message : String(error));
      }
      if (ms > report.slowest.ms) report.slowest = { index, ms: round(ms), bytes: body.length };
      const msPerMB = ms / Math.max(body.length / 1e6, 0.001);
      if (msPerMB > report.slowestPerMB.msPerMB)
        report.slowestPerMB = { index, msPerMB: round(msPerMB), ms: round(ms), bytes: body.length };
      if (options.overBudgetSlackMs !== undefined && ms > budgetMs + options.overBudgetSlackMs)
        fail('over-budget', `took ${Math.round(ms)} ms, over the ${budgetMs} ms budget`);
      if ((index & 0xff) === 0) {
        const rss = process.memoryUsage().rss / 1e6;
        if (rss > report.peakRssMB) report.peakRssMB = Math.round(rss);
        if (options.maxRssMB !== undefined && rss > options.maxRssMB)
          fail('memory', `resident set ${Math.round(rss)} MB over ${options.maxRssMB} MB`);
      }
    }
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = round(report.seconds + (performance.now() - started) / 1000);
  return report;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
