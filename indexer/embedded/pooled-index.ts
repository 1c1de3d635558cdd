import type { TalentProfile } from '../../processors/model/profile.js';
import type {
  AggregateOptions,
  FacetCounts,
  FacetName,
  IndexStats,
  ReplaceBatch,
  SearchQuery,
  SearchResult,
  SupplyCell,
  SupplyQuery,
  TalentIndex,
  UpsertResult,
} from '../contract.js';
import type { EmbeddedIndex } from './embedded-index.js';
import { ReaderPool, type ReaderPoolOptions } from './reader-pool.js';

/**
 * The embedded index with its reads on a pool of reader threads: search, aggregate, supply and
 * get (and stats) run on the threads' read-only connections, in parallel and off the caller's
 * event loop; writes (upsert, replace, erasure) stay on the caller's read-write connection. A read
 * that follows a write sees it: each read is a new transaction on the same WAL file.
 */
export class PooledEmbeddedIndex implements TalentIndex {
  private constructor(
    /** The read-write connection, which the ingest state and erasure share. */
    readonly writer: EmbeddedIndex,
    readonly pool: ReaderPool,
  ) {}

  /** Starts `threads` readers on `writer`'s file (which it has created and migrated). */
  static async start(
    writer: EmbeddedIndex,
    threads: number,
    options: Pick<ReaderPoolOptions, 'onThreadError'> = {},
  ): Promise<PooledEmbeddedIndex> {
    const pool = await ReaderPool.start({ file: writer.file, size: threads, ...options });
    return new PooledEmbeddedIndex(writer, pool);
  }

  upsert(profiles: readonly TalentProfile[]): Promise<UpsertResult> {
    return this.writer.upsert(profiles);
  }

  replace(batch: ReplaceBatch): Promise<void> {
    return this.writer.replace(batch);
  }

  delete(id: string): Promise<boolean> {
    return this.writer.delete(id);
  }

  get(id: string): Promise<TalentProfile | undefined> {
    return this.pool.run({ op: 'get', id });
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.pool.run({ op: 'search', query });
  }

  aggregate(
    query: Omit<SearchQuery, 'facets' | 'cursor' | 'limit' | 'sort'>,
    facets: FacetName[],
    options?: AggregateOptions,
  ): Promise<FacetCounts> {
    return this.pool.run({ op: 'aggregate', query, facets, ...(options ? { options } : {}) });
  }

  supply(query: SupplyQuery): Promise<SupplyCell[]> {
    return this.pool.run({ op: 'supply', query });
  }

  /** On a thread too: its counts scan the evidence index, which the HTTP thread need not wait for. */
  stats(): Promise<IndexStats> {
    return this.pool.run({ op: 'stats' });
  }

  /** Lets running reads finish, ends the threads, then closes the read-write connection. */
  async close(): Promise<void> {
    try {
      await this.pool.close();
    } finally {
      await this.writer.close();
    }
  }
}
