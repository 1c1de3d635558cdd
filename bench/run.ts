/**
 * `npm run bench`: processing speed per format against the bare tokenizer over the same bytes,
 * measured in the same run, and peak memory while streaming a ≥ 500 MB concatenated USPTO file.
 * Results: bench/results/processors.json. Ratios, not absolute times, are what to compare
 * between machines.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../lib/project-root.js';
import { Parser as HtmlParser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { loadConfig } from '../config/load.js';
import { createEnvelope, sourceKindOfFormat, type RecordEnvelope } from '../lib/envelope.js';
import { processRecord } from '../processors/pipeline.js';
import { ProfileFactory } from '../processors/profile-factory.js';
import { formatSamples, readAll, type FormatSample } from './formats.js';

const root = projectRoot(import.meta.url);
const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
const resultsDir = join(root, 'bench/results');
const tmpDir = join(root, 'bench/tmp');
const streamTargetBytes = Number(process.env.TALENT_BENCH_STREAM_MB ?? 520) * 1e6;
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const minSeconds = Number(process.env.TALENT_BENCH_SECONDS ?? 2);

function baselinePass(kind: FormatSample['baseline'], body: Buffer): void {
  const text = body.toString('utf8');
  switch (kind) {
    case 'saxes':
      new SaxesParser().write(text).close();
      return;
    case 'htmlparser2': {
      const parser = new HtmlParser({});
      parser.write(text);
      parser.end();
      return;
    }
    case 'json':
      JSON.parse(text);
      return;
    case 'segmenter': {
      // Chinese has no spaces: the bare tokenizer of Chinese text is a word segmenter.
      let n = 0;
      for (const _ of zhSegmenter.segment(text)) n++;
      if (n < 0) throw new Error('unreachable');
    }
  }
}

/** Runs `pass` over all documents repeatedly for at least `minSeconds`; returns seconds per round (median of rounds). */
function timeRounds(pass: () => void): { secondsPerRound: number; rounds: number } {
  for (let i = 0; i < 2; i++) pass();
  const times: number[] = [];
  const deadline = performance.now() + minSeconds * 1000;
  while (performance.now() < deadline || times.length < 5) {
    const t0 = performance.now();
    pass();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { secondsPerRound: times[Math.floor(times.length / 2)] as number, rounds: times.length };
}

function measureFormat(sample: FormatSample, factory: ProfileFactory): Record<string, unknown> {
  const bodies = readAll(sample.files);
  const envelopes: RecordEnvelope[] = bodies.map((body, i) =>
    createEnvelope({
      sourceKind: sourceKindOfFormat[sample.format],
      format: sample.format,
      origin: { file: `bench-${sample.format}-${i}` },
      body,
      contentType: 'text/plain',
      fetchedAt: new Date('2026-01-01T00:00:00Z'),
    }),
  );
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const limits = { maxDocumentBytes: 64 * 1024 * 1024 };
  let parsed = 0;
  let profiles = 0;
  const full = (): void => {
    parsed = 0;
    profiles = 0;
    for (const envelope of envelopes) {
      const outcome = processRecord(envelope, limits);
      if (outcome.status !== 'parsed') continue;
      parsed++;
      profiles += factory.profiles([
        {
          sourceId: envelope.id,
          fetchedAt: envelope.fetchedAt,
          document: outcome.document,
          mentions: outcome.mentions,
        },
      ]).length;
    }
  };
  const baseline = timeRounds(() => {
    for (const body of bodies) baselinePass(sample.baseline, body);
  });
  const pipeline = timeRounds(full);
  return {
    format: sample.format,
    documents: envelopes.length,
    parsedDocuments: parsed,
    profiles,
    bytes,
    baselineTokenizer: sample.baseline,
    baselineMBps: round(bytes / 1e6 / baseline.secondsPerRound),
    pipelineMBps: round(bytes / 1e6 / pipeline.secondsPerRound),
    pipelineDocsPerSecond: round(envelopes.length / pipeline.secondsPerRound),
    ratioToBaseline: round(pipeline.secondsPerRound / baseline.secondsPerRound),
    rounds: { baseline: baseline.rounds, pipeline: pipeline.rounds },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A concatenated USPTO file of ≥ the target size, made by repeating corpus documents; cached between runs. */
function bigUsptoFile(): string | undefined {
  const sources = [
    join(corpusDir, 'uspto-grant/bulk/ipg130416.small.xml'),
    ...formatSamples(corpusDir).find((s) => s.format === 'uspto-xml')!.files,
  ].filter((f) => existsSync(f) && !f.includes('malformed'));
  if (sources.length === 0) return undefined;
  mkdirSync(tmpDir, { recursive: true });
  const file = join(tmpDir, `uspto-concatenated-${Math.round(streamTargetBytes / 1e6)}mb.xml`);
  if (
    existsSync(file) &&
    statSync(file).size >= streamTargetBytes &&
    statSync(file).mtimeMs > statSync(fileURLToPath(import.meta.url)).mtimeMs
  )
    return file;
  // Real weekly files start every document with an XML declaration; a corpus file without one gets it here.
  const declaration = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n');
  const chunks = sources
    .map((f) => readFileSync(f))
    .map((b) => (b.subarray(0, 5).toString() === '<?xml' ? b : Buffer.concat([declaration, b])))
    .map((b) => (b.at(-1) === 0x0a ? b : Buffer.concat([b, Buffer.from('\n')])));
  const fd = openSync(file, 'w');
  let written = 0;
  for (let i = 0; written < streamTargetBytes; i++) {
    const chunk = chunks[i % chunks.length] as Buffer;
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
  return file;
}

const config = loadConfig({ env: { ...process.env, TALENT_REFERENCE_DATE: '2026-01-01' } });
const factory = ProfileFactory.fromConfig(config);
const formats = formatSamples(corpusDir)
  .filter((s) => s.files.length > 0)
  .map((sample) => {
    process.stderr.write(`bench: ${sample.format} (${sample.files.length} files)…\n`);
    return measureFormat(sample, factory);
  });

let stream: Record<string, unknown> | undefined;
const big = bigUsptoFile();
if (big) {
  process.stderr.write(`bench: streaming ${big} (${(statSync(big).size / 1e6).toFixed(0)} MB)…\n`);
  const out = execFileSync(process.execPath, [join(root, 'dist/bench/stream-uspto.js'), big], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  stream = {
    file: relative(root, big),
    fileMB: round(statSync(big).size / 1e6),
    targetPeakRssMB: 300,
    ...(JSON.parse(out) as Record<string, unknown>),
  };
}

const results = {
  benchmark: 'processors',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  note: 'pipelineMBps = parse + normalize + score on one core; ratioToBaseline = pipeline time / bare tokenizer time over the same bytes (target ≤ 2)',
  formats,
  usptoStream: stream ?? 'skipped: corpus not found',
};
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'processors.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
