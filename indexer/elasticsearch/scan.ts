import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchConnection } from './connection.js';

/**
 * Every hit of a query, page after page with `search_after` on a unique keyword field: no result
 * window limit, and no server-side state to expire or close (the callers read sets that only they
 * write, so a point in time would buy nothing).
 */
export async function* scanHits<T>(
  connection: ElasticsearchConnection,
  options: {
    index: string;
    query: estypes.QueryDslQueryContainer;
    /** A keyword field unique per document (the documents' key). */
    key: string;
    source: string[] | false;
    pageSize?: number;
  },
): AsyncGenerator<estypes.SearchHit<T>> {
  const size = options.pageSize ?? 5000;
  let after: estypes.SortResults | undefined;
  for (;;) {
    const page = await connection.call(`search ${options.index}`, () =>
      connection.client.search<T>({
        index: options.index,
        query: options.query,
        sort: [{ [options.key]: 'asc' }],
        size,
        _source: options.source,
        track_total_hits: false,
        ignore_unavailable: true,
        ...(after ? { search_after: after } : {}),
      }),
    );
    const hits = page.hits.hits;
    for (const hit of hits) yield hit;
    const last = hits[hits.length - 1];
    if (hits.length < size || last?.sort === undefined) return;
    after = last.sort;
  }
}

/** Splits a list into parts of at most `size` (terms queries and mget stay small). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
