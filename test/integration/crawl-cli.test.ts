import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerCrawl } from '../../bin/commands/crawl.js';
import { EmbeddedIndex, INDEX_FILE } from '../../indexer/embedded/index.js';
import { describeWithCorpus } from '../helpers/corpus.js';
import {
  deleteKeys,
  fixtureSourceEntry,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { describeWithService, redisUrl, uniqueName } from '../helpers/services.js';

/**
 * The crawl commands as a user runs them: `crawl --once` with its summary and exit code,
 * `schedule sync|list|pause`, `jobs status`, and SIGTERM in the middle of a run (the pages in
 * flight are finished, the rest stay queued, the next `crawl --once` joins the run and ends it).
 */
const root = resolve(import.meta.dirname, '../..');

describeWithService('redis', 'crawl commands (CLI, real Redis)', () => {
  describeWithCorpus('on the fixture site', () => {
    const prefix = uniqueName('tbcrawlcli');
    const dir = mkdtempSync(join(tmpdir(), 'tb-crawl-cli-'));
    const redis = new Redis(redisUrl, { lazyConnect: true });
    let site: FixtureSite;
    /** A second site for the interrupted run, whose page hangs shorter than the fetch timeout. */
    let other: FixtureSite;
    let env: Record<string, string>;

    /** Runs the CLI in a child process; asynchronously, since the fixture site answers from this one. */
    const cli = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
      new Promise((done) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), ...args],
          { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 },
          (error, stdout, stderr) =>
            done({
              status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
              stdout,
              stderr,
            }),
        );
      });

    /** Runs crawl commands in this process (as the CLI registers them), reading what they print. */
    const inProcess = async (
      args: string[],
    ): Promise<{ status: number | null; stdout: string; stderr: string }> => {
      let stdout = '';
      let stderr = '';
      const program = new Command('talent-brain')
        .exitOverride()
        .configureOutput({ writeOut: (t) => void (stdout += t), writeErr: (t) => void (stderr += t) });
      registerCrawl(program, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
      process.exitCode = undefined;
      try {
        await program.parseAsync(args, { from: 'user' });
      } catch (error) {
        if (error instanceof CommanderError) return { status: error.exitCode, stdout, stderr };
        throw error;
      }
      const status = typeof process.exitCode === 'number' ? process.exitCode : 0;
      process.exitCode = undefined;
      return { status, stdout, stderr };
    };
    const savedEnv = { ...process.env };

    beforeAll(async () => {
      await redis.connect();
      site = await startFixtureSite();
      other = await startFixtureSite({ slowMs: 800 });
      const sources = {
        sources: [
          fixtureSourceEntry(site, { schedule: { cron: '0 3 * * 1', timezone: 'Asia/Shanghai' } }),
          fixtureSourceEntry(other, {
            id: 'interrupted',
            seeds: [`${other.origin}/slow-once.html`, `${other.origin}/deep/1.html`],
            sitemaps: [],
            scope: { hosts: [other.host], include: ['^/slow-once\\.html$', '^/deep/'] },
            extract: { hint: 'profile-page', include: ['^/slow-once\\.html$'] },
            politeness: { concurrency: 1, minDelay: '300ms' },
          }),
        ],
      };
      writeFileSync(join(dir, 'sources.yaml'), stringify(sources));
      env = {
        TALENT_REFERENCE_DATE: '2026-01-01',
        TALENT_LOG_LEVEL: 'warn',
        TALENT_DATA_DIR: join(dir, 'data'),
        TALENT_CRAWL_SOURCES: join(dir, 'sources.yaml'),
        TALENT_CRAWL_QUEUE_PREFIX: prefix,
        TALENT_CRAWL_TIMEOUT_MS: '1000',
        TALENT_CRAWL_ATTEMPTS: '2',
        TALENT_CRAWL_BACKOFF_MS: '50',
        TALENT_CRAWL_MAX_BYTES: String(256 * 1024),
      };
      // The in-process commands read their settings from the environment, as the CLI does.
      Object.assign(process.env, env);
    });

    afterAll(async () => {
      for (const key of Object.keys(env ?? {})) if (savedEnv[key] === undefined) delete process.env[key];
      Object.assign(process.env, savedEnv);
      await deleteKeys(redis, prefix);
      await redis.quit();
      await site?.close();
      await other?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('has --help on every crawl command', async () => {
      const commands = [
        ['crawl'],
        ['schedule'],
        ['schedule', 'list'],
        ['schedule', 'sync'],
        ['schedule', 'pause'],
        ['schedule', 'resume'],
        ['jobs'],
        ['jobs', 'status'],
        ['jobs', 'work'],
      ];
      const runs = await Promise.all(commands.map((args) => inProcess([...args, '--help'])));
      runs.forEach((run, i) => {
        expect(run.status, commands[i]?.join(' ')).toBe(0);
        expect(run.stdout).toMatch(/Usage: talent-brain/);
      });
      expect((await inProcess(['crawl', '--help'])).stdout).toMatch(/Exit codes: 0 every URL fetched/);
      // The real CLI registers them too.
      expect((await cli(['--help'])).stdout).toMatch(/crawl \[options\] <source>[\s\S]*schedule[\s\S]*jobs/);
    });

    it('crawl --once: a JSON summary, the failures listed, exit code 2 for failed URLs', async () => {
      const run = await cli(['crawl', 'fixture', '--once', '--json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(2);
      const summary = JSON.parse(run.stdout) as {
        status: string;
        outcomes: Record<string, number>;
        failures: Array<{ outcome: string; url: string }>;
        sink: { name: string; stats: { ingested: number } };
      };
      expect(summary.status).toBe('finished');
      expect(summary.outcomes.stored).toBe(8);
      expect(summary.sink).toMatchObject({ name: 'embedded', stats: { ingested: 8 } });
      expect(summary.failures.map((f) => f.outcome)).toEqual(
        expect.arrayContaining(['timeout', 'redirect-loop', 'robots-disallowed']),
      );

      // The records are in the index of the data directory.
      const index = new EmbeddedIndex(join(dir, 'data', INDEX_FILE));
      try {
        expect((await index.search({ text: 'Chong Wu' })).hits.map((h) => h.displayName)).toContain(
          'Chong Wu',
        );
      } finally {
        await index.close();
      }

      const unknown = await inProcess(['crawl', 'nope', '--once']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/no source "nope".*fixture, interrupted/);
    });

    it('schedule sync, list, pause; crawl without --once queues a run; jobs status', async () => {
      expect(JSON.parse((await inProcess(['schedule', 'sync', '--json'])).stdout)).toMatchObject({
        added: ['fixture'],
        skipped: ['interrupted'],
      });
      const list = JSON.parse((await inProcess(['schedule', 'list', '--json'])).stdout) as Array<{
        sourceId: string;
        state: string;
        next?: number;
      }>;
      expect(list.map((e) => [e.sourceId, e.state])).toEqual([
        ['fixture', 'synced'],
        ['interrupted', 'unscheduled'],
      ]);
      expect(list[0]?.next).toBeGreaterThan(Date.now());
      expect((await inProcess(['schedule', 'pause', 'fixture'])).status).toBe(0);
      expect(JSON.parse((await inProcess(['schedule', 'list', '--json'])).stdout)[0].state).toBe('paused');
      expect((await inProcess(['schedule', 'resume'])).status).toBe(0);
      expect((await inProcess(['schedule', 'pause', 'nope'])).status).toBe(1);

      const queued = JSON.parse((await inProcess(['crawl', 'interrupted', '--json'])).stdout) as {
        queued: string;
      };
      expect(queued.queued).toMatch(/^manual\.interrupted\./);
      const status = JSON.parse((await inProcess(['jobs', 'status', '--json'])).stdout) as {
        queues: { runs: { waiting: number; delayed: number } };
        sources: Array<{ sourceId: string; lastRun?: { status: string; outcomes: Record<string, number> } }>;
      };
      // The scheduled run (delayed) and the one just queued (waiting).
      expect(status.queues.runs).toMatchObject({ waiting: 1, delayed: 1 });
      expect(status.sources.find((s) => s.sourceId === 'fixture')?.lastRun).toMatchObject({
        status: 'finished',
        outcomes: { stored: 8 },
      });
      expect((await inProcess(['jobs', 'status'])).stdout).toMatch(/runs queue: +1 waiting/);
    });

    it('SIGTERM finishes the page in flight and leaves the rest queued; the next crawl --once joins the run', async () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'bin/talent-brain.ts'), 'crawl', 'interrupted', '--once', '--json'],
        {
          cwd: root,
          // One page job at a time: at the SIGTERM only the slow page is in flight (with more,
          // jobs already waiting for the host's slot would be finished too, and with them the run).
          env: { ...process.env, ...env, TALENT_CRAWL_CONCURRENCY: '1' },
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      const deadline = Date.now() + 30_000;
      while (!other.paths().includes('/slow-once.html')) {
        if (Date.now() > deadline) throw new Error('the crawl never reached /slow-once.html');
        await sleep(20);
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(130);
      const stopped = JSON.parse(stdout) as { runId: string; status: string; pending: number };
      expect(stopped.status).toBe('running');
      expect(stopped.pending).toBeGreaterThan(0);
      // The slow page was finished before the process left, not abandoned.
      const slow = other.requests.filter((r) => r.path === '/slow-once.html');
      expect(slow).toHaveLength(1);

      const again = await cli(['crawl', 'interrupted', '--once', '--json']);
      expect(again.status).toBe(0);
      const summary = JSON.parse(again.stdout) as {
        runId: string;
        joined: boolean;
        status: string;
        outcomes: Record<string, number>;
      };
      expect(summary).toMatchObject({
        runId: stopped.runId,
        joined: true,
        status: 'finished',
        outcomes: { stored: 1, fetched: 4 },
      });
      expect(other.requests.filter((r) => r.path === '/slow-once.html')).toHaveLength(1);
    });
  });
});
