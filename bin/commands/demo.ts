import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ensureLocalAdminKey } from '../../api/access/local-admin-key.js';
import { startServer } from '../../api/server.js';
import { loadIndustries } from '../../config/industries.js';
import { resolveConfigPath } from '../../config/load.js';
import { DataDirLockedError } from '../../ingest/embedded/data-dir-lock.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { StorageError } from '../../ingest/embedded/storage-error.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { industryKits } from '../../synthetic/industry-kit.js';
import type { SearchQuery } from '../../indexer/contract.js';
import { EmbeddedIndex, INDEX_FILE } from '../../indexer/embedded/index.js';
import { Lifecycle } from '../../lib/lifecycle.js';
import { createLogger } from '../../lib/logger.js';
import { projectRoot } from '../../lib/project-root.js';
import { configOrExit } from '../cli-config.js';
import { dataDirOf } from '../data-dir.js';
import { ExitCode } from '../exit-codes.js';
import { createProgress, type Progress } from '../progress.js';
import { summaryLine } from './ingest.js';

const root = projectRoot(import.meta.url);
const DEMO_SEED = 20_260_101;

interface DemoOptions {
  people: string;
  data?: string;
  config?: string;
  corpus: boolean;
  serve: boolean;
  port?: string;
}

/** The generated corpus is kept beside the index; its manifest says for which count and seed it was made. */
function demoCorpus(dataDir: string, people: number, log: (line: string) => void): string {
  const dir = join(dataDir, 'demo-corpus');
  // Hidden, so the ingest does not take it for a document.
  const manifest = join(dir, '.demo.json');
  const wanted = JSON.stringify({ people, seed: DEMO_SEED });
  if (existsSync(manifest) && readFileSync(manifest, 'utf8').trim() === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${people} made-up people in the real formats (seed ${DEMO_SEED}) → ${dir}`);
  const summary = generateCorpus({
    count: people,
    seed: DEMO_SEED,
    outDir: dir,
    industries: loadIndustries(resolveConfigPath('config/industries.yaml', root)),
  });
  log(`  ${summary.documents} documents, ${(summary.bytes / 1024 ** 2).toFixed(0)} MB`);
  // Written last: a generation cut short is redone on the next start.
  writeFileSync(manifest, `${wanted}\n`);
  return dir;
}

/** `talent-brain demo` (what `npm start` runs): a working index over a demo corpus and the real documents. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'build a demo index: generate made-up people in the real formats, ingest them with the bundled examples (and ../shared/corpus when present), and show what to try',
    )
    .option('--people <n>', 'made-up people to generate', '20000')
    .option('--data <dir>', 'data directory (default: the data.dir setting, ./data)')
    .option('-c, --config <file>', 'config file (YAML)')
    .option('--no-corpus', 'leave out ../shared/corpus even when present')
    .option('--no-serve', 'stop after the ingest instead of serving the web UI')
    .option('--port <n>', 'port of the web UI (default: the api.port setting, 8080)')
    .addHelpText(
      'after',
      '\nRunning it again is quick: the corpus is kept in <data>/demo-corpus and finished files are not read twice.\n' +
        'Then it serves the web UI and the HTTP API on the index just built (Ctrl+C stops it), with a local\n' +
        'admin key printed once (a new one each run).',
    )
    .action(async (options: DemoOptions) => {
      const config = configOrExit(options.config);
      const dataDir = dataDirOf(options.data, config);
      const people = Number(options.people);
      if (!Number.isInteger(people) || people < 0) {
        process.stderr.write(
          `talent-brain demo: --people must be a whole number ≥ 0, not "${options.people}"\n`,
        );
        process.exit(ExitCode.failure);
      }
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      log('Talent Brain 人才大脑 — demo');
      const inputs = [join(root, 'examples')];
      if (people > 0) inputs.push(demoCorpus(dataDir, people, log));
      const corpus = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
      if (options.corpus && existsSync(corpus)) inputs.push(corpus);
      log(`ingesting ${inputs.map((i) => relative(process.cwd(), i) || '.').join(', ')} → ${dataDir}`);

      let bar: Progress | undefined;
      try {
        const summary = await runIngest({
          inputs,
          dataDir,
          config,
          onProgress: (p) => {
            bar ??= createProgress(p.totalBytes);
            bar.update(p.bytesRead, p.records);
          },
        });
        bar?.stop();
        log(summaryLine(summary));
      } catch (error) {
        bar?.stop();
        if (error instanceof StorageError || error instanceof DataDirLockedError) {
          log(`talent-brain: ${error.message}`);
          process.exit(ExitCode.failure);
        }
        throw error;
      }

      const index = new EmbeddedIndex(join(dataDir, INDEX_FILE));
      try {
        const stats = await index.stats();
        const top = await index.search({ filters: { regions: ['CN-JL'] }, limit: 5 });
        const sample = top.hits[0] ?? (await index.search({ limit: 1 })).hits[0];
        log('');
        log(
          `${stats.profiles} profiles · ${Object.entries(stats.evidenceBySource)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(' · ')} evidence · ${(stats.sizeBytes / 1024 ** 2).toFixed(0)} MB on disk`,
        );
        if (top.hits.length > 0) {
          log(`\nTop talent in Jilin (吉林) of ${top.total}:`);
          for (const h of top.hits)
            log(`  ${h.displayName}  [${h.tier}] ${h.score}  ${h.affiliation ?? ''}\n      ${h.reason}`);
        }
        const bin = 'node dist/bin/talent-brain.js';
        const data = options.data ? ` --data ${options.data}` : '';
        const examples = await suggestions(index, sample?.topIndustries[0]?.industry);
        const merges = sample ? ((await index.get(sample.id))?.merges?.length ?? 0) : 0;
        log(
          [
            '',
            'Try next:',
            ...examples.map((e) => `  ${bin} ${e.args}${data}\n      # ${e.what} (${e.total} matches)`),
            ...(sample
              ? [`  ${bin} show ${sample.id}${data}\n      # evidence and the full score explanation`]
              : []),
            ...(sample && merges > 0
              ? [
                  `  ${bin} resolve --explain ${sample.id}${data}\n      # why ${merges + 1} mentions are one person, and similar mentions kept apart`,
                ]
              : []),
            `  ${bin} gaps --by industry,tier${data}\n      # supply against the demand targets of config/demand.yaml`,
            `  ${bin} stats${data} · ${bin} rejects${data} · ${bin} --help`,
            '',
          ].join('\n'),
        );
      } finally {
        await index.close();
      }
      if (options.serve) await serveDemo(dataDir, config, options.port, log);
    });
}

/** The web UI on the demo index, until SIGINT or SIGTERM. */
async function serveDemo(
  dataDir: string,
  config: ReturnType<typeof configOrExit>,
  portOption: string | undefined,
  log: (line: string) => void,
): Promise<void> {
  const port = portOption === undefined ? config.api.port : Number(portOption);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    log(`talent-brain demo: --port must be a port number, not "${portOption}"`);
    process.exit(ExitCode.failure);
  }
  const admin = ensureLocalAdminKey(dataDir);
  let server;
  try {
    server = await startServer({ config, dataDir, port });
  } catch (error) {
    log(
      `talent-brain demo: the web UI could not start on port ${port}: ${(error as Error).message}\n` +
        '  the index is built; serve it on another port with: node dist/bin/talent-brain.js serve --port 8081',
    );
    process.exit(ExitCode.failure);
  }
  log(
    [
      `Web UI and API: ${server.url}/`,
      `  local admin key (shown once, stored hashed): ${admin.key}`,
      '  Ctrl+C stops it; `node dist/bin/talent-brain.js serve` serves it again.',
      '',
    ].join('\n'),
  );
  const lifecycle = new Lifecycle(createLogger({ level: config.log.level }), Infinity);
  const running = server;
  lifecycle.own('server', () => running.close());
  await new Promise<void>((stopped) => lifecycle.handleSignals(() => stopped()));
}

interface Suggestion {
  args: string;
  what: string;
  total: number;
}

/**
 * Example searches that return something on this index: candidates built from the configured
 * industries' keywords, each tried, the first that matches kept. Printing a query that finds
 * nobody would teach the wrong lesson.
 */
async function suggestions(index: EmbeddedIndex, industry: string | undefined): Promise<Suggestion[]> {
  const kits = industryKits(loadIndustries(resolveConfigPath('config/industries.yaml', root)));
  const first = async (
    candidates: Array<{ args: string; what: string; query: SearchQuery }>,
  ): Promise<Suggestion | undefined> => {
    for (const c of candidates) {
      const { total } = await index.search({ ...c.query, limit: 1 });
      if (total > 0) return { args: c.args, what: c.what, total };
    }
    return undefined;
  };
  const own = kits.find((k) => k.id === industry) ?? kits[0];
  const found = await Promise.all([
    first(
      kits.flatMap((k) =>
        k.zh.map((word) => ({
          args: `search "${word}" --city 长春`,
          what: 'Chinese full text, filtered by city',
          query: { text: word, filters: { cities: ['长春'] } },
        })),
      ),
    ),
    first(
      (own?.en ?? []).map((word) => ({
        args: `search "${word}" --sort score:${own?.id ?? ''} --tier A,B`,
        what: `ranked by the ${own?.nameEn ?? ''} score, tiers A and B`,
        query: { text: word, sort: `score:${own?.id ?? ''}` as const, filters: { tiers: ['A', 'B'] } },
      })),
    ),
    first(
      ['engineer', 'scientist', 'director'].map((title) => ({
        args: `search 'title:${title} NOT ${own?.en[0] ?? 'sales'}' --country CN --facets industry,city`,
        what: 'a fielded term, NOT, a filter and facet counts',
        query: {
          text: `title:${title} NOT ${own?.en[0] ?? 'sales'}`,
          filters: { countries: ['CN'] },
        },
      })),
    ),
  ]);
  return found.filter((s): s is Suggestion => s !== undefined);
}
