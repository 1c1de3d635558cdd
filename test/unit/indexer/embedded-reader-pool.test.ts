import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InvalidCursorError, type SearchQuery } from '../../../indexer/contract.js';
import { EmbeddedIndex, openEmbeddedIndex } from '../../../indexer/embedded/index.js';
import { PooledEmbeddedIndex } from '../../../indexer/embedded/pooled-index.js';
import {
  ReaderPool,
  ReaderPoolClosedError,
  readerThreadCount,
} from '../../../indexer/embedded/reader-pool.js';
import { runIndexContract } from '../../contract/index-contract.js';
import { fixtureProfiles } from '../../contract/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'talent-reader-pool-'));
let n = 0;
const freshDir = (): string => join(root, `db${n++}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pooled = async (dataDir = freshDir(), threads = 2): Promise<PooledEmbeddedIndex> =>
  PooledEmbeddedIndex.start(await openEmbeddedIndex({ dataDir }), threads);

runIndexContract('embedded SQLite, reads on reader threads', () => pooled());

describe('reader pool', () => {
  it('answers exactly what the in-thread index answers, page after page', async () => {
    const index = await pooled();
    try {
      await index.upsert(fixtureProfiles());
      const queries: SearchQuery[] = [
        { text: '长春光机所', facets: ['industry', 'tier', 'city'] },
        { filters: { tiers: ['A', 'B', 'C'] }, facets: ['region', 'skill'], limit: 2 },
        { sort: 'priority', limit: 1, facets: ['country'] },
        { text: 'laser OR battery', filters: { regions: ['CN-JL'] } },
      ];
      for (const query of queries) {
        let cursor: string | undefined;
        do {
          const page: SearchQuery = { ...query, ...(cursor ? { cursor } : {}) };
          const inThread = await index.writer.search(page);
          expect(await index.search(page)).toEqual(inThread);
          cursor = inThread.nextCursor;
        } while (cursor);
      }
      expect(await index.aggregate({ text: 'laser' }, ['industry', 'skill'])).toEqual(
        await index.writer.aggregate({ text: 'laser' }, ['industry', 'skill']),
      );
      const supply = { minScore: 1, by: ['tier', 'region'] as Array<'tier' | 'region'> };
      expect(await index.supply(supply)).toEqual(await index.writer.supply(supply));
      const id = fixtureProfiles()[0]?.id ?? '';
      expect(await index.get(id)).toEqual(await index.writer.get(id));
    } finally {
      await index.close();
    }
  });

  it('keeps the class of a bad cursor, so the API still answers 400', async () => {
    const index = await pooled();
    try {
      await expect(index.search({ text: 'laser', cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    } finally {
      await index.close();
    }
  });

  it('reads only what is committed: a write in progress on another connection is not seen until it commits', async () => {
    const dataDir = freshDir();
    const index = await pooled(dataDir);
    const [first, ...rest] = fixtureProfiles();
    try {
      await index.upsert(rest);
      const before = (await index.search({})).total;
      const other = new EmbeddedIndex(join(dataDir, 'talent.db'));
      try {
        const begin = other.database.prepare('BEGIN IMMEDIATE');
        begin.run();
        other.replaceInTransaction({ put: first ? [first] : [], remove: [] });
        expect((await index.search({})).total).toBe(before);
        other.database.prepare('COMMIT').run();
        expect((await index.search({})).total).toBe(before + 1);
      } finally {
        await other.close();
      }
    } finally {
      await index.close();
    }
  });

  it('opens the file read-only in its threads: a reader connection refuses writes', async () => {
    const dataDir = freshDir();
    const writer = await openEmbeddedIndex({ dataDir });
    const reader = new EmbeddedIndex(writer.file, { readOnly: true });
    try {
      expect(() => reader.database.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run()).toThrow(
        /readonly/,
      );
    } finally {
      void reader.close();
      void writer.close();
    }
  });

  it('refuses to start on a missing file, naming it', async () => {
    const file = join(freshDir(), 'talent.db');
    await expect(ReaderPool.start({ file, size: 1 })).rejects.toThrow(file);
  });

  it('finishes the reads in flight when closed, then refuses new ones and ends its threads', async () => {
    const index = await pooled(freshDir(), 2);
    await index.upsert(fixtureProfiles());
    const inFlight = Array.from({ length: 10 }, () => index.search({ text: 'laser', facets: ['industry'] }));
    const closed = index.close();
    const results = await Promise.all(inFlight);
    await closed;
    expect(results.every((r) => r.total === results[0]?.total)).toBe(true);
    expect(index.pool.size).toBe(0);
    await expect(index.search({})).rejects.toBeInstanceOf(ReaderPoolClosedError);
  });

  it('replaces a thread that dies, and reads go on being answered', async () => {
    const errors: Error[] = [];
    const index = await PooledEmbeddedIndex.start(await openEmbeddedIndex({ dataDir: freshDir() }), 2, {
      onThreadError: (error) => errors.push(error),
    });
    try {
      await index.upsert(fixtureProfiles());
      // Reaching into the pool is the only way to kill a thread from outside, as a crash would.
      const threads = (index.pool as unknown as { threads: Array<{ worker: Worker }> }).threads;
      await threads[0]?.worker.terminate();
      const expected = await index.writer.search({ text: 'laser' });
      const answers = await Promise.all(Array.from({ length: 6 }, () => index.search({ text: 'laser' })));
      for (const answer of answers) expect(answer).toEqual(expected);
      expect(errors.length).toBe(1);
      await vi.waitFor(() => expect(index.pool.size).toBe(2), { timeout: 30_000 });
    } finally {
      await index.close();
    }
  });

  it('sizes auto as one thread per core, at least one', () => {
    expect(readerThreadCount('auto')).toBeGreaterThanOrEqual(1);
    expect(readerThreadCount(3)).toBe(3);
  });
});
