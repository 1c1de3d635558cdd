import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadIndustries } from '../../config/industries.js';
import { resolveConfigPath } from '../../config/load.js';
import {
  generateCorpus,
  synthFormats,
  type GenerateSummary,
  type SynthFormat,
} from '../../synthetic/generate-corpus.js';
import { ConfigError } from '../../lib/errors.js';
import { configOrExit } from '../cli-config.js';
import { ExitCode } from '../exit-codes.js';

interface GenerateCliOptions {
  count: string;
  seed: string;
  out?: string;
  formats?: string;
  perFile: string;
  json?: boolean;
  config?: string;
}

const EXAMPLES = `
Examples:
  talent-brain generate --count 200 --seed 1 --out /tmp/demo           # a small demo corpus, all formats
  talent-brain generate --count 20000 --seed 42 --out /tmp/volume --json
  talent-brain generate --count 500 --seed 7 --out /tmp/cn --formats zh-resume-text,uspto-xml
  talent-brain parse /tmp/demo                                          # then parse, merge and score it

Output (DIR):
  resumes-json/<person>.json             JSON Resume v1.0.0, one per person
  resumes-zh/zh-resumes-NNNNN.txt        Chinese biographies, one to four people of one employer per file
  uspto/ipgYYMMDD.synthetic.xml          us-patent-grant documents concatenated like the weekly files
  sec-ownership/form4-<accession>.xml    Form 4 ownershipDocument of an officer or director
  truth.jsonl                            one line per person: id, identity, intended industry and tier,
                                         and every file / document / mention index they appear in

The same --count, --seed, --formats and --per-file give byte-identical output.
Exit codes: 0 written, 1 error (bad option, configuration, I/O).`;

function fail(message: string): void {
  process.stderr.write(`talent-brain generate: ${message}\n`);
  process.exitCode = ExitCode.failure;
}

function parseFormats(text: string | undefined): SynthFormat[] | string {
  if (text === undefined) return [...synthFormats];
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !(synthFormats as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0)
    return `unknown format(s) ${unknown.join(', ') || '(none given)'}; choose from ${synthFormats.join(', ')}`;
  return names as SynthFormat[];
}

function summaryLine(s: GenerateSummary): string {
  const parts = Object.entries(s.byFormat)
    .filter(([, v]) => v.files > 0)
    .map(([f, v]) => `${f} ${v.documents} docs in ${v.files} files`);
  const mb = (s.bytes / 1e6).toFixed(1);
  return `generated ${s.people} people → ${s.documents} documents, ${s.files} files, ${mb} MB in ${s.seconds.toFixed(2)} s (${parts.join('; ')}) → ${s.outDir}\n`;
}

/** `talent-brain generate`: a deterministic synthetic corpus in the real source formats. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description(
      'write a deterministic synthetic corpus (résumés, patents, Form 4s of made-up people) for demos and volume tests',
    )
    .option('-n, --count <n>', 'number of people', '1000')
    .option('-s, --seed <n>', 'PRNG seed (an integer)', '1')
    .option('-o, --out <dir>', 'output directory (created if missing)')
    .option('--formats <list>', `comma-separated subset of ${synthFormats.join(',')}`)
    .option('--per-file <n>', 'patent grants per concatenated USPTO file', '1000')
    .option('--json', 'print the summary as JSON on stdout')
    .option('-c, --config <file>', 'config file (YAML); its industries file drives the people generated')
    .addHelpText('after', EXAMPLES)
    .action((options: GenerateCliOptions) => {
      const count = Number(options.count);
      const seed = Number(options.seed);
      const perFile = Number(options.perFile);
      if (!Number.isInteger(count) || count < 1 || count > 10_000_000)
        return fail(`--count must be an integer from 1 to 10000000, got "${options.count}"`);
      if (!Number.isInteger(seed)) return fail(`--seed must be an integer, got "${options.seed}"`);
      if (!Number.isInteger(perFile) || perFile < 1)
        return fail(`--per-file must be a positive integer, got "${options.perFile}"`);
      if (options.out === undefined) return fail('--out <dir> is required');
      const formats = parseFormats(options.formats);
      if (typeof formats === 'string') return fail(formats);
      const config = configOrExit(options.config);
      let industries;
      try {
        industries = loadIndustries(resolveConfigPath(config.scoring.industriesFile));
      } catch (error) {
        if (error instanceof ConfigError) return fail(`configuration error: ${error.message}`);
        throw error;
      }
      const tty = process.stderr.isTTY === true && options.json !== true;
      try {
        const summary = generateCorpus({
          count,
          seed,
          outDir: resolve(options.out),
          industries,
          formats,
          patentsPerFile: perFile,
          ...(tty
            ? {
                onProgress: (done: number, total: number) =>
                  process.stderr.write(`\rgenerating… ${Math.round((100 * done) / total)}%`),
              }
            : {}),
        });
        if (tty) process.stderr.write('\r\x1b[K');
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else process.stdout.write(summaryLine(summary));
        process.exitCode = ExitCode.ok;
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        fail(`cannot write ${options.out}: ${e.code ?? e.message}`);
      }
    });
}
