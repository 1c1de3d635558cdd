import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { CrawlFailure } from './crawl-failure.js';
import type { FetchResponse } from './fetch-page.js';
import type { CrawlKeys } from './keys.js';
import { bodyText } from './links.js';
import { RobotsRules } from './robots.js';

/**
 * robots.txt per origin, fetched once and cached in Redis for every crawl process (setting
 * `crawl.robotsTtlMs`). One process fetches while the others wait for its answer (a lock with a
 * lease), so a host sees one robots.txt request however many workers start on it at once.
 *
 * What the answer means follows RFC 9309: a 2xx body is parsed; a 4xx (or an unusable answer)
 * means no rules; a 5xx, a 429 or no answer at all means "unreachable", which disallows the whole
 * site for a short while and makes its pages retry later.
 */

type RobotsStatus = 'ok' | 'unavailable' | 'unreachable';

interface CachedRobots {
  status: RobotsStatus;
  text?: string;
  /** Why it is unavailable or unreachable (the HTTP status or error). */
  reason?: string;
  fetchedAt: number;
}

export interface RobotsAnswer {
  rules: RobotsRules;
  status: RobotsStatus;
  reason?: string;
}

/** Fetches a URL for the cache; the caller applies politeness and the address guard. */
export type RobotsFetcher = (url: string) => Promise<FetchResponse>;

const UNREACHABLE_TTL_MS = 60_000;
const LOCK_MS = 30_000;
const MEMO_MS = 60_000;
const MAX_REDIRECTS = 5;

function rulesOf(cached: CachedRobots): RobotsRules {
  if (cached.status === 'ok') return RobotsRules.parse(cached.text ?? '');
  return cached.status === 'unavailable' ? RobotsRules.allowAll() : RobotsRules.disallowAll();
}

export class RobotsCache {
  private readonly memo = new Map<string, { answer: RobotsAnswer; until: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: CrawlKeys,
    private readonly ttlMs: number,
  ) {}

  async rulesFor(origin: string, fetcher: RobotsFetcher): Promise<RobotsAnswer> {
    const key = this.keys.robots(origin);
    const memo = this.memo.get(key);
    if (memo !== undefined && memo.until > Date.now()) return memo.answer;
    const deadline = Date.now() + LOCK_MS * 2;
    for (;;) {
      const cached = await this.read(key);
      if (cached !== undefined) return this.remember(key, cached);
      const locked = await this.redis.set(
        this.keys.robotsLock(origin),
        String(process.pid),
        'PX',
        LOCK_MS,
        'NX',
      );
      if (locked === 'OK') {
        try {
          const fresh = await this.fetch(origin, fetcher);
          const ttl = fresh.status === 'unreachable' ? Math.min(UNREACHABLE_TTL_MS, this.ttlMs) : this.ttlMs;
          await this.redis.set(key, JSON.stringify(fresh), 'PX', ttl);
          return this.remember(key, fresh);
        } finally {
          await this.redis.del(this.keys.robotsLock(origin));
        }
      }
      if (Date.now() > deadline)
        throw new CrawlFailure(
          'robots-unreachable',
          `${origin}/robots.txt: another process has been fetching it for too long`,
        );
      await sleep(100);
    }
  }

  /** Forgets the in-process copies (tests; a long-lived process picks up Redis changes within a minute anyway). */
  clearMemo(): void {
    this.memo.clear();
  }

  private remember(key: string, cached: CachedRobots): RobotsAnswer {
    const answer = {
      rules: rulesOf(cached),
      status: cached.status,
      ...(cached.reason !== undefined ? { reason: cached.reason } : {}),
    };
    this.memo.set(key, { answer, until: Date.now() + MEMO_MS });
    return answer;
  }

  private async read(key: string): Promise<CachedRobots | undefined> {
    const text = await this.redis.get(key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as CachedRobots;
    } catch {
      return undefined;
    }
  }

  private async fetch(origin: string, fetcher: RobotsFetcher): Promise<CachedRobots> {
    const fetchedAt = Date.now();
    let url = `${origin}/robots.txt`;
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const response = await fetcher(url);
        if (response.kind === 'redirect') {
          url = response.location;
          continue;
        }
        if (response.kind === 'not-modified') return { status: 'unavailable', reason: 'HTTP 304', fetchedAt };
        return { status: 'ok', text: bodyText(response.body, response.contentType), fetchedAt };
      }
      return { status: 'unavailable', reason: `more than ${MAX_REDIRECTS} redirects`, fetchedAt };
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof CrawlFailure && !error.retriable)
        return { status: 'unavailable', reason, fetchedAt };
      return { status: 'unreachable', reason, fetchedAt };
    }
  }
}
