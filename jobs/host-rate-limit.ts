import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { CrawlKeys } from './keys.js';
import { RedisScript } from './redis-script.js';

/**
 * Politeness per host, shared by every crawl process through Redis: at most `concurrency`
 * requests to a host at once, each starting at least `delayMs` after the previous one to that
 * host started *and* after any earlier one finished. Counting from the end as well is the
 * conservative reading of Crawl-delay: a slow server gets the full pause between our requests, not
 * a pause eaten by its own response time. The delay is the asking request's own (the source's
 * minimum or robots.txt's Crawl-delay, once known), measured from the host's last activity, so a
 * delay learnt from robots.txt applies from the robots.txt request on.
 *
 * Time is Redis's (`TIME`, kept to the microsecond), so the clocks of the crawl machines do not
 * matter. A slot is a lease:
 * a process that dies holding one frees it when the lease runs out.
 */

// KEYS: last activity, in-flight leases, hold-until. Times in ms with microseconds, Redis clock.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
`;

const ACQUIRE = new RedisScript(
  'host-acquire',
  `${NOW}
local delay = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%.3f', now))
local notBefore = tonumber(redis.call('GET', KEYS[1]) or '0') + delay
local hold = tonumber(redis.call('GET', KEYS[3]) or '0')
if hold > notBefore then notBefore = hold end
if now < notBefore then return math.ceil(notBefore - now) end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  -- Full: look again soon (a release frees a place before the earliest lease runs out).
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return math.max(1, math.ceil(math.min(tonumber(first[2]) - now, 50)))
end
local lease = tonumber(ARGV[3])
redis.call('SET', KEYS[1], string.format('%.3f', now), 'PX', lease + delay + 60000)
redis.call('ZADD', KEYS[2], string.format('%.3f', now + lease), ARGV[4])
redis.call('PEXPIRE', KEYS[2], lease + 60000)
return 0
`,
);

const RELEASE = new RedisScript(
  'host-release',
  `${NOW}
redis.call('ZREM', KEYS[2], ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now > last then redis.call('SET', KEYS[1], string.format('%.3f', now), 'PX', tonumber(ARGV[1]) + 60000) end
return 1
`,
);

const PUSH_BACK = new RedisScript(
  'host-push-back',
  `${NOW}
local want = now + tonumber(ARGV[1])
local hold = tonumber(redis.call('GET', KEYS[3]) or '0')
if want > hold then redis.call('SET', KEYS[3], string.format('%.3f', want), 'PX', tonumber(ARGV[1]) + 60000) end
return 1
`,
);

export interface HostPoliteness {
  /** Minimum pause between requests to the host (the larger of the source's and robots.txt's). */
  delayMs: number;
  /** Requests to the host at once. */
  concurrency: number;
  /** How long a slot is held at most (the request timeout plus a margin). */
  leaseMs: number;
}

export interface HostSlot {
  /** Time spent waiting for this slot, in milliseconds. */
  readonly waitedMs: number;
  release(): Promise<void>;
}

/** The host's next slot is further away than the caller wants to wait in place. */
export class PolitenessWait extends Error {
  override readonly name = 'PolitenessWait';
  constructor(readonly waitMs: number) {
    super(`host busy for another ${waitMs} ms`);
  }
}

export class HostRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: CrawlKeys,
  ) {}

  /** One attempt: a slot, or how long to wait before the next attempt. */
  async tryAcquire(host: string, politeness: HostPoliteness): Promise<{ token?: string; waitMs: number }> {
    const token = randomUUID();
    const waitMs = Number(
      await ACQUIRE.run(this.redis, this.hostKeys(host), [
        politeness.delayMs,
        politeness.concurrency,
        politeness.leaseMs,
        token,
      ]),
    );
    return waitMs === 0 ? { token, waitMs: 0 } : { waitMs };
  }

  /**
   * Waits for a slot. When the next one is more than `maxWaitMs` away, throws
   * {@link PolitenessWait} instead: the caller puts the job aside rather than hold a worker.
   */
  async acquire(
    host: string,
    politeness: HostPoliteness,
    options: { maxWaitMs: number; signal?: AbortSignal },
  ): Promise<HostSlot> {
    const started = Date.now();
    for (;;) {
      const { token, waitMs } = await this.tryAcquire(host, politeness);
      if (token !== undefined) {
        const waitedMs = Date.now() - started;
        let released = false;
        return {
          waitedMs,
          release: async () => {
            if (released) return;
            released = true;
            await RELEASE.run(this.redis, this.hostKeys(host), [politeness.delayMs, token]);
          },
        };
      }
      const waited = Date.now() - started;
      if (waited + waitMs > options.maxWaitMs) throw new PolitenessWait(waitMs);
      await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : {});
    }
  }

  /** No request to the host for `ms` (a 429 or 503 with Retry-After): every process backs off. */
  async pushBack(host: string, ms: number): Promise<void> {
    await PUSH_BACK.run(this.redis, this.hostKeys(host), [Math.max(1, Math.round(ms))]);
  }

  private hostKeys(host: string): string[] {
    return [this.keys.hostLastActivity(host), this.keys.hostInFlight(host), this.keys.hostHoldUntil(host)];
  }
}
