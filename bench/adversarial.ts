/**
 * The processors benchmark on adversarial inputs: MB/s of the whole parse on each hostile shape
 * of bench/hostile-documents.ts (deep nesting, repeated nested blocks, unclosed tags, huge flat
 * lists, giant lines), against the bare tokenizer over the same bytes, as bench/run.ts does for
 * the corpus. A rejection (too-deep…) counts as a result: what matters is the time to reach it.
 *
 * `tsx bench/adversarial.ts [--sizes 262144,1048576] [--formats a,b] [--out FILE]`
 * Results: bench/results/processors-adversarial.json.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser as HtmlParser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { createEnvelope, sourceKindOfFormat, type FormatName } from '../lib/envelope.js';
import { processRecord } from '../processors/pipeline.js';
import { hostileDocuments, hostileFormats, type HostileDocument } from './hostile-documents.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

type Baseline = 'saxes' | 'htmlparser2' | 'json' | 'segmenter';

const BASELINE: Partial<Record<FormatName, Baseline>> = {
  'profile-html': 'htmlparser2',
  'sec-filing-html': 'htmlparser2',
  'edgar-submission': 'htmlparser2',
  'uspto-xml': 'saxes',
  'sec-ownership-xml': 'saxes',
  'json-resume': 'json',
  'zh-resume-text': 'segmenter',
};

/** The bare tokenizer's pass; a tokenizer error ends it (a malformed input costs what it read). */
function baselinePass(kind: Baseline, text: string): void {
  try {
    switch (kind) {
      case 'saxes':
        new SaxesParser().write(text).close();
        return;
      case 'htmlparser2': {
        // No handler: htmlparser2's own tokenizer and tag stack only.
        const parser = new HtmlParser({});
        parser.write(text);
        parser.end();
        return;
      }
      case 'json':
        JSON.parse(text);
        return;
      case 'segmenter': {
        let n = 0;
        for (const _ of zhSegmenter.segment(text)) n++;
        if (n < 0) throw new Error('unreachable');
      }
    }
  } catch {
    // malformed input: the pass ends where the tokenizer stopped
  }
}

/** Median of `rounds` timings (ms), at least one run, stopping early past `maxMs` in total. */
function timeMs(run: () => void, rounds: number, maxMs: number): number {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < rounds && (times.length === 0 || performance.now() - started < maxMs)) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export interface AdversarialResult {
  format: FormatName;
  shape: string;
  bytes: number;
  outcome: string;
  pipelineMs: number;
  pipelineMBps: number;
  baselineTokenizer: Baseline;
  baselineMBps: number;
  ratioToBaseline: number;
}

export function measureDocument(doc: HostileDocument): AdversarialResult {
  const envelope = createEnvelope({
    sourceKind: sourceKindOfFormat[doc.format],
    format: doc.format,
    origin: { uri: `https://hostile.example/${doc.shape}` },
    body: doc.body,
    contentType: doc.contentType,
  });
  const limits = { maxDocumentBytes: 64 << 20 };
  let outcome = '';
  const pipelineMs = timeMs(
    () => {
      const out = processRecord(envelope, limits);
      outcome = out.status === 'rejected' ? `rejected:${out.error.code}` : out.status;
    },
    3,
    5_000,
  );
  const kind = BASELINE[doc.format] ?? 'htmlparser2';
  const text = doc.body.toString('utf8');
  const baselineMs = timeMs(() => baselinePass(kind, text), 3, 5_000);
  const mb = doc.body.length / 1e6;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    format: doc.format,
    shape: doc.shape,
    bytes: doc.body.length,
    outcome,
    pipelineMs: round(pipelineMs),
    pipelineMBps: round(mb / (pipelineMs / 1000)),
    baselineTokenizer: kind,
    baselineMBps: round(mb / (baselineMs / 1000)),
    ratioToBaseline: round(pipelineMs / Math.max(baselineMs, 0.001)),
  };
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = (argValue('--sizes') ?? '262144,1048576').split(',').map(Number);
  const formats = argValue('--formats')?.split(',') ?? hostileFormats;
  const shapes = argValue('--shapes')?.split(',');
  const out = argValue('--out') ?? join(root, 'bench/results/processors-adversarial.json');
  const results: AdversarialResult[] = [];
  for (const format of formats as FormatName[])
    for (const bytes of sizes)
      for (const doc of hostileDocuments(format, bytes)) {
        if (shapes !== undefined && !shapes.includes(doc.shape)) continue;
        const result = measureDocument(doc);
        results.push(result);
        process.stderr.write(
          `${format} ${doc.shape} ${result.bytes} B: ${result.pipelineMBps} MB/s (${result.outcome}), x${result.ratioToBaseline} the ${result.baselineTokenizer} tokenizer\n`,
        );
      }
  const worst = [...results].sort((a, b) => a.pipelineMBps - b.pipelineMBps).slice(0, 5);
  const report = {
    benchmark: 'processors-adversarial',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.version },
    note: 'MB/s of processRecord (parse; a typed rejection counts) on made-up hostile documents, median of up to 3 runs, on a shared 2-core machine; ratioToBaseline = pipeline time / bare tokenizer time over the same bytes. See docs/parser-limits.md.',
    sizes,
    worst: worst.map((r) => `${r.format} ${r.shape} ${r.bytes} B: ${r.pipelineMBps} MB/s`),
    results,
  };
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`→ ${out}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]))
  await main();
