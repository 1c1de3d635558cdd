import type { Redis } from 'ioredis';
import type { CrawlKeys } from './keys.js';
import { RedisScript } from './redis-script.js';

/**
 * The state of crawl runs in Redis, changed only by Lua scripts so that any number of workers
 * agree on it:
 *
 * - a URL is claimed once per run (a `seen` set, capped at the source's maxPages), so it is queued
 *   once however many pages link to it;
 * - `pending` counts claimed URLs not yet finished; a URL finishes once (a `done` set), so a job
 *   replayed after a stall is not counted twice; the run is finished when `pending` reaches 0;
 * - a run starts with one extra pending unit, released after its seeds are queued, so it cannot
 *   look finished while it is still being seeded;
 * - one run per source at a time: a scheduled run that finds another one in progress is skipped.
 */

/** What became of one URL in a run. */
export type PageOutcome =
  /** Fetched and sent on as a new or changed record. */
  | 'stored'
  /** Fetched (304, or the same content hash): no record. */
  | 'unchanged'
  /** Fetched within the source's recrawl interval: not fetched again. */
  | 'fresh'
  /** Fetched, read for links, but not a record (a sitemap, a listing outside extract.include, noindex). */
  | 'fetched'
  /** A redirect to a URL that this run has already claimed. */
  | 'redirect-duplicate'
  | 'robots-disallowed'
  | 'out-of-scope'
  /** A failure class of jobs/crawl-failure.ts. */
  | (string & {});

const OK_OUTCOMES: readonly string[] = ['stored', 'unchanged', 'fresh', 'fetched', 'redirect-duplicate'];
const POLICY_OUTCOMES: readonly string[] = ['robots-disallowed', 'out-of-scope'];

export interface RunSummary {
  runId: string;
  sourceId: string;
  trigger: string;
  status: 'running' | 'finished' | 'skipped';
  startedAt: string;
  finishedAt?: string;
  /** URLs claimed and not finished yet. */
  pending: number;
  /** URLs claimed (queued) in the run. */
  queued: number;
  /** Links not queued because the run reached the source's maxPages. */
  overLimit: number;
  bytes: number;
  outcomes: Record<string, number>;
  /** Outcomes grouped: fetched or confirmed fine, skipped by policy, failed. */
  ok: number;
  skipped: number;
  failed: number;
  /** Why a skipped run did not run. */
  reason?: string;
}

export interface RunFailure {
  url: string;
  outcome: string;
  message: string;
  at: string;
}

const RUN_TTL_S = 30 * 86_400;
/** A run that never finished (its jobs deleted by hand) stops blocking its source after this. */
const ACTIVE_RUN_TTL_MS = 3 * 86_400_000;
const RECENT_RUNS = 50;
const KEPT_FAILURES = 200;
const START_TOKEN = '__start__';

const BEGIN = new RedisScript(
  'run-begin',
  `
local active = redis.call('GET', KEYS[1])
if active and active ~= ARGV[1] then return {'busy', active} end
local status = redis.call('HGET', KEYS[2], 'status')
if status == 'finished' then return {'finished', ARGV[1]} end
if status then return {'resumed', ARGV[1]} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[6])
redis.call('HSET', KEYS[2], 'runId', ARGV[1], 'sourceId', ARGV[2], 'trigger', ARGV[3], 'startedAt', ARGV[4],
  'status', 'running', 'pending', 1, 'queued', 0, 'bytes', 0, 'overLimit', 0)
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('LPUSH', KEYS[3], ARGV[1])
redis.call('LTRIM', KEYS[3], 0, ${RECENT_RUNS - 1})
return {'started', ARGV[1]}
`,
);

const CLAIM = new RedisScript(
  'run-claim',
  `
local limit = tonumber(ARGV[1])
local results = {}
for i = 3, #ARGV do
  if redis.call('SISMEMBER', KEYS[2], ARGV[i]) == 1 then
    results[#results + 1] = redis.call('SISMEMBER', KEYS[3], ARGV[i]) == 1 and 0 or 2
  elseif redis.call('SCARD', KEYS[2]) >= limit then
    redis.call('HINCRBY', KEYS[1], 'overLimit', 1)
    results[#results + 1] = -1
  else
    redis.call('SADD', KEYS[2], ARGV[i])
    redis.call('HINCRBY', KEYS[1], 'pending', 1)
    redis.call('HINCRBY', KEYS[1], 'queued', 1)
    results[#results + 1] = 1
  end
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
return results
`,
);

// A URL reached by a redirect: claimed so no other job fetches it, and finished at once, since
// the job that followed the redirect accounts for it.
const CLAIM_ALIAS = new RedisScript(
  'run-claim-alias',
  `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`,
);

const FINISH = new RedisScript(
  'run-finish',
  `
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return -1 end
redis.call('EXPIRE', KEYS[2], ARGV[6])
if ARGV[2] ~= '' then redis.call('HINCRBY', KEYS[1], 'outcome:' .. ARGV[2], 1) end
redis.call('HINCRBY', KEYS[1], 'bytes', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('LPUSH', KEYS[3], ARGV[4])
  redis.call('LTRIM', KEYS[3], 0, ${KEPT_FAILURES - 1})
  redis.call('EXPIRE', KEYS[3], ARGV[6])
end
local pending = redis.call('HINCRBY', KEYS[1], 'pending', -1)
if pending <= 0 then
  redis.call('HSET', KEYS[1], 'status', 'finished', 'finishedAt', ARGV[5])
  if redis.call('GET', KEYS[4]) == ARGV[7] then redis.call('DEL', KEYS[4]) end
end
return pending
`,
);

export type BeginResult =
  { status: 'started' | 'resumed' | 'finished' } | { status: 'busy'; activeRunId: string };

export class RunStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: CrawlKeys,
  ) {}

  /** Registers a run (idempotent for the same run id), unless another run of the source is in progress. */
  async begin(run: { runId: string; sourceId: string; trigger: string }): Promise<BeginResult> {
    const [status, active] = (await BEGIN.run(
      this.redis,
      [this.keys.activeRun(run.sourceId), this.keys.run(run.runId), this.keys.sourceRuns(run.sourceId)],
      [run.runId, run.sourceId, run.trigger, new Date().toISOString(), RUN_TTL_S, ACTIVE_RUN_TTL_MS],
    )) as [string, string];
    if (status === 'busy') return { status, activeRunId: active };
    return { status: status as 'started' | 'resumed' | 'finished' };
  }

  /** Records a run that did not happen because another one of its source was in progress. */
  async recordSkipped(
    run: { runId: string; sourceId: string; trigger: string },
    reason: string,
  ): Promise<void> {
    const now = new Date().toISOString();
    const key = this.keys.run(run.runId);
    await this.redis
      .multi()
      .hset(key, {
        runId: run.runId,
        sourceId: run.sourceId,
        trigger: run.trigger,
        startedAt: now,
        finishedAt: now,
        status: 'skipped',
        reason,
        pending: '0',
        queued: '0',
        bytes: '0',
        overLimit: '0',
      })
      .expire(key, RUN_TTL_S)
      .lpush(this.keys.sourceRuns(run.sourceId), run.runId)
      .ltrim(this.keys.sourceRuns(run.sourceId), 0, RECENT_RUNS - 1)
      .exec();
  }

  /**
   * Claims URLs for the run: 1 = newly claimed (queue it), 2 = claimed before and not finished,
   * 0 = claimed before and finished, -1 = not claimed, the run is at maxPages.
   */
  async claim(runId: string, urlKeys: readonly string[], maxPages: number): Promise<number[]> {
    if (urlKeys.length === 0) return [];
    return (await CLAIM.run(
      this.redis,
      [this.keys.run(runId), this.keys.runSeen(runId), this.keys.runDone(runId)],
      [maxPages, RUN_TTL_S, ...urlKeys],
    )) as number[];
  }

  /** Claims the target of a redirect; false when the run already had it. */
  async claimAlias(runId: string, urlKey: string): Promise<boolean> {
    const added = await CLAIM_ALIAS.run(
      this.redis,
      [this.keys.runSeen(runId), this.keys.runDone(runId)],
      [urlKey, RUN_TTL_S],
    );
    return Number(added) === 1;
  }

  /**
   * Records a URL's outcome once; returns the URLs still pending in the run (0: the run has just
   * finished), or -1 when the URL was finished before (a replayed job).
   */
  async finish(
    run: { runId: string; sourceId: string },
    urlKey: string,
    outcome: PageOutcome,
    details: { bytes?: number; failure?: Omit<RunFailure, 'at'> } = {},
  ): Promise<number> {
    const now = new Date().toISOString();
    const failure = details.failure ? JSON.stringify({ ...details.failure, at: now }) : '';
    return Number(
      await FINISH.run(
        this.redis,
        [
          this.keys.run(run.runId),
          this.keys.runDone(run.runId),
          this.keys.runFailures(run.runId),
          this.keys.activeRun(run.sourceId),
        ],
        [urlKey, outcome, details.bytes ?? 0, failure, now, RUN_TTL_S, run.runId],
      ),
    );
  }

  /** Releases the run's start unit once its seeds are queued. */
  async seeded(run: { runId: string; sourceId: string }): Promise<number> {
    return this.finish(run, START_TOKEN, '');
  }

  async summary(runId: string): Promise<RunSummary | undefined> {
    const hash = await this.redis.hgetall(this.keys.run(runId));
    if (hash.runId === undefined) return undefined;
    const outcomes: Record<string, number> = {};
    for (const [field, value] of Object.entries(hash))
      if (field.startsWith('outcome:')) outcomes[field.slice('outcome:'.length)] = Number(value);
    let ok = 0;
    let skipped = 0;
    let failed = 0;
    for (const [outcome, n] of Object.entries(outcomes)) {
      if (OK_OUTCOMES.includes(outcome)) ok += n;
      else if (POLICY_OUTCOMES.includes(outcome)) skipped += n;
      else failed += n;
    }
    return {
      runId: hash.runId,
      sourceId: hash.sourceId ?? '',
      trigger: hash.trigger ?? '',
      status: (hash.status ?? 'running') as RunSummary['status'],
      startedAt: hash.startedAt ?? '',
      ...(hash.finishedAt ? { finishedAt: hash.finishedAt } : {}),
      pending: Math.max(0, Number(hash.pending ?? 0)),
      queued: Number(hash.queued ?? 0),
      overLimit: Number(hash.overLimit ?? 0),
      bytes: Number(hash.bytes ?? 0),
      outcomes,
      ok,
      skipped,
      failed,
      ...(hash.reason ? { reason: hash.reason } : {}),
    };
  }

  async failures(runId: string, limit = KEPT_FAILURES): Promise<RunFailure[]> {
    const lines = await this.redis.lrange(this.keys.runFailures(runId), 0, limit - 1);
    return lines.map((line) => JSON.parse(line) as RunFailure);
  }

  /** Run ids of a source, newest first. */
  async recentRuns(sourceId: string, limit = 10): Promise<string[]> {
    return this.redis.lrange(this.keys.sourceRuns(sourceId), 0, limit - 1);
  }

  async activeRun(sourceId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.activeRun(sourceId))) ?? undefined;
  }
}
