import type { AggregateOptions, FacetName, SearchQuery, SupplyQuery } from '../contract.js';

/** The messages between the reader pool (reader-pool.ts) and its threads (reader-thread.ts). */

export interface ReaderThreadData {
  /** The SQLite file of the embedded index, opened read-only by the thread. */
  file: string;
}

/** A read the pool hands to a thread: one of the index's read operations and its arguments. */
export type ReaderRead =
  | { op: 'search'; query: SearchQuery }
  | {
      op: 'aggregate';
      query: Omit<SearchQuery, 'facets' | 'cursor' | 'limit' | 'sort'>;
      facets: FacetName[];
      options?: AggregateOptions;
    }
  | { op: 'supply'; query: SupplyQuery }
  | { op: 'get'; id: string }
  | { op: 'stats' };

/** `seq` pairs the reply with its request (`id` is the profile id of a get). */
export type ReaderRequest = ReaderRead & { seq: number };

/** An error as it crosses the thread boundary: its class is rebuilt on the pool's side by name. */
export interface ReaderError {
  name: string;
  message: string;
}

export type ReaderReply =
  | { type: 'ready' }
  | { type: 'failed'; error: ReaderError }
  | { type: 'result'; seq: number; value: unknown }
  | { type: 'error'; seq: number; error: ReaderError };
