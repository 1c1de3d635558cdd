import { describe, expect, it } from 'vitest';
import { CrawlFailure, parseRetryAfter } from '../../../jobs/crawl-failure.js';
import { crawlBackoff, MAX_RETRY_AFTER_MS, pageJobId, runIdOf } from '../../../jobs/queues.js';
import { Batcher } from '../../../jobs/sinks/sink.js';

describe('retries', () => {
  it('back off exponentially with jitter, and wait out a longer Retry-After', () => {
    const backoff = crawlBackoff(1000, () => 0.5);
    expect([1, 2, 3, 4].map((n) => backoff(n, 'crawl', new Error('x')))).toEqual([1000, 2000, 4000, 8000]);
    const low = crawlBackoff(1000, () => 0);
    const high = crawlBackoff(1000, () => 1);
    expect(low(1, 'crawl')).toBe(750);
    expect(high(1, 'crawl')).toBe(1250);
    const busy = new CrawlFailure('http-429', '429', { retryAfterMs: 30_000 });
    expect(backoff(1, 'crawl', busy)).toBe(30_000);
    expect(backoff(1, 'crawl', new CrawlFailure('http-429', '429', { retryAfterMs: 86_400_000 }))).toBe(
      MAX_RETRY_AFTER_MS,
    );
  });

  it('read Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('transient classes are retriable, the others not', () => {
    for (const c of [
      'timeout',
      'network',
      'http-429',
      'http-5xx',
      'robots-unreachable',
      'sink-unavailable',
      'internal',
    ] as const)
      expect(new CrawlFailure(c, c).retriable, c).toBe(true);
    for (const c of [
      'http-4xx',
      'too-large',
      'unsupported-content-type',
      'blocked-address',
      'redirect-loop',
      'dns',
    ] as const)
      expect(new CrawlFailure(c, c).retriable, c).toBe(false);
  });
});

describe('ids', () => {
  it('run and page job ids are deterministic and free of ":" (BullMQ forbids it in custom ids)', () => {
    const runId = runIdOf('lab', Date.parse('2026-03-02T03:00:00.123Z'), 'repeat:source.lab:1772420400000');
    expect(runId).toMatch(/^lab\.20260302T030000Z\.[0-9a-f]{6}$/);
    expect(runIdOf('lab', Date.parse('2026-03-02T03:00:00.123Z'), 'repeat:source.lab:1772420400000')).toBe(
      runId,
    );
    expect(pageJobId(runId, 'ab12')).toBe(`${runId}.ab12`);
    expect(pageJobId(runId, 'ab12')).not.toContain(':');
  });
});

describe('sink batching (group commit)', () => {
  it('writes at once when idle, and groups what arrives while a batch is in flight', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
      },
      { maxItems: 3, maxBytes: 1e9 },
    );
    const first = batcher.add(1, 1);
    await new Promise((r) => setImmediate(r));
    // Batch [1] is in flight: these wait and go together, three at most per batch.
    const rest = [2, 3, 4, 5].map((n) => batcher.add(n, 1));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    await batcher.close();
    await expect(batcher.add(6, 1)).rejects.toThrow(/closed/);
  });

  it('caps a batch by bytes, and a failed batch rejects its writes only', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) throw new Error('disk full');
      },
      { maxItems: 10, maxBytes: 100 },
    );
    const results = await Promise.allSettled([60, 50, 30].map((n) => batcher.add(n, n)));
    expect(batches).toEqual([[60], [50, 30]]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
