/**
 * `npm run fuzz`: the fuzzing campaign at full size. Every target (each format with corpus seeds,
 * JSON Lines framing, .zip/.gz/.tar.gz containers) runs in a worker thread under a watchdog, so a
 * hang is caught and recorded even if it never returns to the parser's own budget checks.
 * Results: bench/results/fuzz.json. Reproduce one input: `npm run fuzz -- --dump <target>:<index> <file>`.
 *
 * Options: --seed N (1), --inputs N per target (100000), --minutes M (wall-clock bound of the whole
 * run; targets share it and stop early, keeping the counts reached), --parallel N (1),
 * --targets a,b (all), --out FILE.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ParseLimits } from '../../processors/parser.js';
import {
  fuzzTarget,
  fuzzTargets,
  inputAt,
  type CampaignOptions,
  type FuzzFailure,
  type FuzzTarget,
  type TargetReport,
} from './campaign.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');

/** Tighter than production's 20 s so that hangs show quickly; documents here are ≤ 256 KiB. */
const limits: ParseLimits = { maxDocumentBytes: 64 << 20, maxParseMs: 5_000 };
const MAX_INPUT_CHARS = 256 * 1024;

interface WorkerJob {
  /** Loaded once by the main thread (the corpus walk is slow at nice 19); Buffers arrive as Uint8Arrays. */
  target: FuzzTarget;
  options: Omit<CampaignOptions, 'onInput'>;
  startIndex: number;
  report?: TargetReport;
  heartbeat: SharedArrayBuffer;
}

type WorkerMessage = { type: 'progress' | 'done'; report: TargetReport; nextIndex: number };

async function workerMain(job: WorkerJob): Promise<void> {
  const beat = new Float64Array(job.heartbeat);
  const target: FuzzTarget = {
    ...job.target,
    seeds: job.target.seeds.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)),
  };
  let report = job.report;
  let start = job.startIndex;
  // Runs in slices so the main thread gets the counts regularly (a terminated worker loses only a slice).
  while (start < job.options.inputs) {
    const end = Math.min(job.options.inputs, start + 2000);
    report = await fuzzTarget(
      target,
      {
        ...job.options,
        inputs: end,
        onInput: (index) => {
          beat[0] = index;
          beat[1] = Date.now();
        },
      },
      start,
      report,
    );
    const stopped = job.options.deadlineMs !== undefined && Date.now() > job.options.deadlineMs;
    parentPort?.postMessage({ type: 'progress', report, nextIndex: end } satisfies WorkerMessage);
    if (stopped) break;
    start = end;
  }
  if (report !== undefined)
    parentPort?.postMessage({ type: 'done', report, nextIndex: start } satisfies WorkerMessage);
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Runs one target to the end under the watchdog, restarting after a hang. */
function runTarget(fuzz: FuzzTarget, options: Omit<CampaignOptions, 'onInput'>): Promise<TargetReport> {
  const target = fuzz.name;
  const hangMs = (limits.maxParseMs ?? 20_000) * 3;
  return new Promise((resolveReport, reject) => {
    let last: TargetReport | undefined;
    let startIndex = 0;
    const hangs: FuzzFailure[] = [];
    const start = (): void => {
      const heartbeat = new SharedArrayBuffer(16);
      const beat = new Float64Array(heartbeat);
      beat[0] = startIndex;
      // The watchdog starts with the first input: loading the seeds (the whole corpus) takes minutes at nice 19.
      beat[1] = Number.POSITIVE_INFINITY;
      const job: WorkerJob = {
        target: fuzz,
        options,
        startIndex,
        heartbeat,
        ...(last ? { report: last } : {}),
      };
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: job });
      let finished = false;
      const watchdog = setInterval(() => {
        const since = beat[1] ?? 0;
        if (!Number.isFinite(since) || Date.now() - since <= hangMs) return;
        const index = beat[0] ?? 0;
        hangs.push({
          target,
          index,
          kind: 'over-budget',
          message: `no progress for ${hangMs} ms (hang)`,
          bytes: -1,
        });
        clearInterval(watchdog);
        finished = true;
        void worker.terminate().then(() => {
          startIndex = index + 1;
          start();
        });
      }, 1000);
      worker.on('message', (message: WorkerMessage) => {
        last = message.report;
        startIndex = message.nextIndex;
        if (message.type === 'done') {
          finished = true;
          clearInterval(watchdog);
          void worker.terminate();
          last.failures.push(...hangs);
          resolveReport(last);
        }
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        if (!finished) reject(error);
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        if (!finished && last !== undefined) {
          last.failures.push(...hangs);
          resolveReport(last);
        }
      });
    };
    start();
  });
}

const USAGE = `npm run fuzz -- [options]   (or: npx tsx bench/fuzz/run.ts [options])

Seeded structure-aware mutations of the corpus (TALENT_CORPUS_DIR, default ../shared/corpus) for
every format and container; results in bench/results/fuzz.json.

  --seed N          run seed (1); input i of a target is a pure function of (seed, target, i)
  --inputs N        inputs per target (100000)
  --minutes M       wall-clock bound of the whole run (60); targets share it, keeping the counts reached
  --parallel N      targets run at once (1), each in its own worker thread under a watchdog
  --targets a,b     only these targets (all); e.g. zip,gz,tar.gz
  --out FILE        where the results go (bench/results/fuzz.json)
  --dump T:I FILE   write input I of target T to FILE (to reproduce a failure) and exit
  --help            this text
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const seed = Number(argValue(args, '--seed') ?? 1);
  const inputs = Number(argValue(args, '--inputs') ?? 100_000);
  const minutes = Number(argValue(args, '--minutes') ?? 60);
  const parallel = Math.max(1, Number(argValue(args, '--parallel') ?? 1));
  const out = argValue(args, '--out') ?? join(root, 'bench/results/fuzz.json');
  const dump = argValue(args, '--dump');
  const all = await fuzzTargets(corpusDir, limits);
  if (all.length === 0) throw new Error(`no seeds: corpus not found at ${corpusDir} (set TALENT_CORPUS_DIR)`);
  if (dump !== undefined) {
    const [name, index] = dump.split(':');
    const target = all.find((t) => t.name === name);
    const file = args[args.indexOf('--dump') + 2];
    if (target === undefined || file === undefined) throw new Error('usage: --dump <target>:<index> <file>');
    writeFileSync(file, inputAt(target, { seed, maxInputChars: MAX_INPUT_CHARS }, Number(index)));
    return;
  }
  const only = argValue(args, '--targets')?.split(',');
  const names = all.map((t) => t.name).filter((n) => only === undefined || only.includes(n));
  const startedAt = Date.now();
  const deadlineMs = startedAt + minutes * 60_000;
  const reports: TargetReport[] = [];
  const queue = [...names];
  const runNext = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const fuzz = all.find((t) => t.name === name);
      if (fuzz === undefined) continue;
      // Each target gets an equal share of the time left, so every one is reached.
      const share = (deadlineMs - Date.now()) / (queue.length / parallel + 1);
      const report = await runTarget(fuzz, {
        seed,
        inputs,
        limits,
        maxInputChars: MAX_INPUT_CHARS,
        overBudgetSlackMs: 1_000,
        maxRssMB: 2_048,
        deadlineMs: Date.now() + share,
      });
      reports.push(report);
      write(reports);
      process.stderr.write(
        `${name}: ${report.inputs} inputs, ${report.failures.length} failures, ${report.seconds} s\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, () => runNext()));
  const totals = write(reports);
  process.stderr.write(`${totals.inputs} inputs, ${totals.failures} failures → ${out}\n`);
  if (totals.failures > 0) process.exitCode = 1;

  /** Writes the results so far (after every target: a run cut short keeps what it measured). */
  function write(done: TargetReport[]): { inputs: number; failures: number } {
    const sorted = [...done].sort((a, b) => a.target.localeCompare(b.target));
    const totals = {
      inputs: sorted.reduce((n, r) => n + r.inputs, 0),
      failures: sorted.reduce((n, r) => n + r.failures.length, 0),
      targetsBelowRequested: sorted.filter((r) => r.inputs < inputs).map((r) => `${r.target}: ${r.inputs}`),
      targetsNotRun: names.filter((n) => !sorted.some((r) => r.target === n)),
    };
    const result = {
      benchmark: 'fuzz',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model.trim() ?? 'unknown', node: process.version },
      note: 'Seeded structure-aware mutations of the corpus (read in place). Properties: no exception escapes processRecord/readInputs, every rejection typed (not parser-failure), no input over the time budget + 1 s, resident set under 2 GB. slowestPerMB = the input with the highest ms per MB (small inputs dominated by fixed costs).',
      seed,
      requestedInputsPerTarget: inputs,
      minutes,
      parallel,
      limits,
      maxInputChars: MAX_INPUT_CHARS,
      totals,
      targets: sorted,
    };
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    return totals;
  }
}

if (isMainThread) await main();
else await workerMain(workerData as WorkerJob);
