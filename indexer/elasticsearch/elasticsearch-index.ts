import { setTimeout as sleep } from 'node:timers/promises';
import type { estypes } from '@elastic/elasticsearch';
import type { TalentProfile } from '../../processors/model/profile.js';
import {
  FACET_LIMIT,
  FACET_NAMES,
  facetLimitOf,
  type AggregateOptions,
  mergeProfiles,
  searchHitOf,
  type HitProfile,
  type FacetCounts,
  type FacetName,
  type IndexStats,
  type ReplaceBatch,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplyCell,
  type SupplyQuery,
  type TalentIndex,
  type UpsertResult,
} from '../contract.js';
import { erasureKeyHash, isErasableKey } from '../erasure-keys.js';
import { parseQuery } from '../query/parse-query.js';
import { runBulk, raiseFailures, type BulkOperation, type BulkOptions } from './bulk-writer.js';
import { decodeCursor, encodeCursor, searchInput } from '../search-input.js';
import { compileQuery, isSearchAfter, sortClauses } from './compile-query.js';
import type { ElasticsearchConnection } from './connection.js';
import { aliasName, INDEX_KINDS, type ChineseAnalyzer } from './mappings.js';
import { toProfileDoc } from './profile-doc.js';
import { chunks, scanHits } from './scan.js';
import { ensureAlias, indicesOfAlias, type LiveIndex } from './setup.js';
import { supplyCells } from './supply.js';

/** Terms each shard returns per facet: far above the 50 shown, so multi-shard counts stay exact in practice. */
const FACET_SHARD_SIZE = 1000;
const FACET_FIELD: Record<FacetName, string> = {
  industry: 'industries',
  tier: 'tier',
  country: 'place.country',
  region: 'place.region',
  city: 'place.city',
  skill: 'skillLabels',
};
/** What a hit needs of the stored profile: a page never reads evidence or patents. */
const HIT_SOURCE = [
  'id',
  'displayName',
  'scores',
  'priorityScore',
  'topIndustries',
  'tier',
  'reason',
  'affiliations',
].map((f) => `profile.${f}`);
/** Attempts of one upsert at merging into a document another writer keeps changing. */
const MAX_MERGE_ATTEMPTS = 20;

/** How long an erasure waits for the retention leases before it merges anyway. */
const EXPUNGE_WAIT_MS = 60_000;

interface ShardLeases {
  seq_no?: { max_seq_no?: number };
  retention_leases?: { leases?: Array<{ retaining_seq_no: number }> };
}

/** True when every shard copy's leases retain nothing at or below its latest operation. */
function leasesPastDeletes(stats: {
  indices?: Record<string, { shards?: Record<string, unknown[]> }>;
}): boolean {
  for (const index of Object.values(stats.indices ?? {}))
    for (const copies of Object.values(index.shards ?? {}))
      for (const copy of copies as ShardLeases[]) {
        const max = copy.seq_no?.max_seq_no ?? -1;
        const leases = copy.retention_leases?.leases ?? [];
        if (leases.some((l) => l.retaining_seq_no <= max)) return false;
      }
  return true;
}

/**
 * The Elasticsearch index: profiles in `<prefix>-profiles` (an alias of `<prefix>-profiles-v<N>`),
 * one document per profile (profile-doc.ts). Reads see this process's writes (the connection
 * refreshes what it wrote before the next read); `get` is real-time anyway.
 */
export class ElasticsearchIndex implements TalentIndex {
  readonly alias: string;
  /** `<prefix>-erasures`, created on the first erasure. */
  private erasures: Promise<unknown> | undefined;

  constructor(
    readonly connection: ElasticsearchConnection,
    readonly prefix: string,
    private readonly live: LiveIndex,
    private readonly bulkOptions: BulkOptions = {},
  ) {
    this.alias = aliasName(prefix, 'profiles');
  }

  /** The Chinese analyzer of the live index's `.zh` sub-fields, when the cluster had one. */
  get chineseAnalyzer(): ChineseAnalyzer | undefined {
    return this.live.chineseAnalyzer;
  }

  /**
   * Merges under optimistic concurrency: read the stored copy with its `_seq_no`/`_primary_term`,
   * write the merge only if neither changed (`create` when there was no copy); on a conflict (409)
   * read and merge again. Two writers merging into one id therefore never lose each other's
   * evidence. Copies of one id within the batch are merged first, in order.
   */
  async upsert(profiles: readonly TalentProfile[]): Promise<UpsertResult> {
    const copies = new Map<string, TalentProfile[]>();
    for (const p of profiles) {
      const list = copies.get(p.id) ?? [];
      list.push(p);
      copies.set(p.id, list);
    }
    const result: UpsertResult = { inserted: 0, updated: 0 };
    let pending = [...copies.keys()];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const stored = await this.readForMerge(pending);
      const operations: BulkOperation[] = [];
      const outcome = new Map<string, { inserted: number; updated: number }>();
      for (const id of pending) {
        const list = copies.get(id) as TalentProfile[];
        const current = stored.get(id);
        let merged = current?.profile;
        for (const p of list) merged = merged ? mergeProfiles(merged, p) : p;
        const profile = merged as TalentProfile;
        outcome.set(
          id,
          current ? { inserted: 0, updated: list.length } : { inserted: 1, updated: list.length - 1 },
        );
        if (current && JSON.stringify(current.profile) === JSON.stringify(profile)) continue;
        operations.push(
          current
            ? {
                op: 'index',
                index: this.alias,
                id,
                doc: toProfileDoc(profile),
                ifSeqNo: current.seqNo,
                ifPrimaryTerm: current.primaryTerm,
              }
            : { op: 'create', index: this.alias, id, doc: toProfileDoc(profile) },
        );
      }
      const results =
        operations.length > 0 ? await runBulk(this.connection, operations, this.bulkOptions) : [];
      const conflicted = new Set(
        results.filter((r) => r.status === 409 && attempt < MAX_MERGE_ATTEMPTS).map((r) => r.operation.id),
      );
      for (const [id, o] of outcome)
        if (!conflicted.has(id)) {
          result.inserted += o.inserted;
          result.updated += o.updated;
        }
      raiseFailures(this.connection, results, (r) => conflicted.has(r.operation.id));
      pending = [...conflicted];
      if (pending.length > 0) {
        this.connection.counters.conflictsRetried += pending.length;
        // Writers that collided back off by different amounts, so the next attempt rarely collides again.
        await sleep(Math.random() * 20 * attempt);
      }
    }
    return result;
  }

  /** Stored profiles with the version a conditional write needs; real-time, no refresh. */
  private async readForMerge(
    ids: readonly string[],
  ): Promise<Map<string, { profile: TalentProfile; seqNo: number; primaryTerm: number }>> {
    const found = new Map<string, { profile: TalentProfile; seqNo: number; primaryTerm: number }>();
    for (const part of chunks(ids, 1000)) {
      const response = await this.connection.call(`mget ${this.alias}`, () =>
        this.connection.client.mget<{ profile: TalentProfile }>({
          index: this.alias,
          ids: part,
          _source_includes: ['profile'],
        }),
      );
      for (const doc of response.docs) {
        if (!('found' in doc) || !doc.found || !doc._source) continue;
        if (doc._seq_no === undefined || doc._primary_term === undefined)
          throw new Error(`Elasticsearch mget ${this.alias}: no _seq_no/_primary_term for ${doc._id}`);
        found.set(doc._id, {
          profile: doc._source.profile,
          seqNo: doc._seq_no,
          primaryTerm: doc._primary_term,
        });
      }
    }
    return found;
  }

  /**
   * One bulk request sequence: the removed ids deleted, the profiles indexed as they are. Not
   * atomic (Elasticsearch has no multi-document transaction); the ingest orders its writes so a
   * replay repairs a partial one (see ingest-state.ts). Items refused for good raise
   * {@link BulkWriteError} naming them, after every other item was written.
   */
  async replace(batch: ReplaceBatch): Promise<void> {
    const puts = new Map<string, TalentProfile>();
    for (const p of batch.put) puts.set(p.id, p);
    const operations: BulkOperation[] = [
      ...[...new Set(batch.remove)]
        .filter((id) => !puts.has(id))
        .map((id): BulkOperation => ({ op: 'delete', index: this.alias, id })),
      ...[...puts.values()].map((p): BulkOperation => ({
        op: 'index',
        index: this.alias,
        id: p.id,
        doc: toProfileDoc(p),
      })),
    ];
    if (operations.length === 0) return;
    raiseFailures(this.connection, await runBulk(this.connection, operations, this.bulkOptions));
  }

  /**
   * Erasure: the person's merge keys kept (hashed) in `<prefix>-erasures` so later records about
   * them are dropped, then the ingest's stored mentions, then the profile — so an interrupted
   * erasure, run again, finishes, and no later record can rebuild the profile from mentions left
   * behind.
   */
  async delete(id: string): Promise<boolean> {
    const mentions = aliasName(this.prefix, 'mentions');
    if ((await indicesOfAlias(this.connection, mentions)).length > 0) {
      await this.connection.beforeRead(mentions);
      const ids: string[] = [];
      const keys = new Set<string>();
      for await (const hit of scanHits<{ keys?: string[] }>(this.connection, {
        index: mentions,
        query: { term: { profileId: id } },
        key: 'mentionId',
        source: ['keys'],
      })) {
        ids.push(hit._id as string);
        for (const k of hit._source?.keys ?? []) if (isErasableKey(k)) keys.add(k);
      }
      if (keys.size > 0) {
        this.erasures ??= ensureAlias(this.connection, this.prefix, 'erasures', async () => ({})).catch(
          (error: unknown) => {
            this.erasures = undefined;
            throw error;
          },
        );
        await this.erasures;
        const erasedAt = new Date().toISOString();
        raiseFailures(
          this.connection,
          await runBulk(
            this.connection,
            [...keys].map((k): BulkOperation => ({
              op: 'index',
              index: aliasName(this.prefix, 'erasures'),
              id: erasureKeyHash(k),
              doc: { profileId: id, erasedAt },
            })),
          ),
        );
      }
      if (ids.length > 0)
        raiseFailures(
          this.connection,
          await runBulk(
            this.connection,
            ids.map((m): BulkOperation => ({ op: 'delete', index: mentions, id: m })),
          ),
        );
    }
    const response = await this.connection.call(`delete ${id} from ${this.alias}`, () =>
      this.connection.client.delete({ index: this.alias, id }, { ignore: [404] }),
    );
    this.connection.wrote(this.alias);
    const erased = response.result === 'deleted';
    if (erased) await this.expungeDeletes([this.alias, mentions]);
    return erased;
  }

  /**
   * A deleted document stays in its Lucene segment (marked deleted, its source readable on disk)
   * until the segment is merged; an erasure merges those segments away before it answers:
   *
   * 1. refresh and flush, so the deletes are in segments and the translog's copies are trimmed;
   * 2. wait until the shards' retention leases have moved past the deletes: soft-deleted documents
   *    are kept for peer recovery until then (the leases renew every 30 s, not settable);
   * 3. force-merge with `only_expunge_deletes`, which rewrites only segments holding deletes
   *    (`expunge_deletes_allowed: 0`: every such segment, not only those past the default 10%).
   *
   * Costly on a large index and up to ~30 s of waiting, but erasures are rare. Past
   * {@link EXPUNGE_WAIT_MS} the merge runs anyway and what it could not drop goes with later merges.
   */
  private async expungeDeletes(aliases: readonly string[]): Promise<void> {
    const indices: string[] = [];
    for (const alias of aliases) indices.push(...(await indicesOfAlias(this.connection, alias)));
    if (indices.length === 0) return;
    const { client } = this.connection;
    const what = `expunge deletes of ${indices.join(',')}`;
    await this.connection.call(what, async () => {
      await client.indices.putSettings({
        index: indices,
        settings: { 'index.merge.policy.expunge_deletes_allowed': 0 },
      });
      await client.indices.refresh({ index: indices });
      await client.indices.flush({ index: indices });
    });
    const deadline = Date.now() + EXPUNGE_WAIT_MS;
    while (Date.now() < deadline) {
      const stats = await this.connection.call(what, () =>
        client.indices.stats({ index: indices, level: 'shards', metric: ['docs'] }),
      );
      if (leasesPastDeletes(stats)) break;
      await sleep(500);
    }
    await this.connection.call(what, async () => {
      await client.indices.forcemerge({ index: indices, only_expunge_deletes: true });
      await client.indices.flush({ index: indices });
    });
  }

  async get(id: string): Promise<TalentProfile | undefined> {
    const response = await this.connection.call(`get ${id} from ${this.alias}`, () =>
      this.connection.client.get<{ profile: TalentProfile }>(
        { index: this.alias, id, _source_includes: ['profile'] },
        { ignore: [404] },
      ),
    );
    return response.found && response._source ? response._source.profile : undefined;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const ast = parseQuery(query.text);
    const input = searchInput(query, ast !== null);
    const { sort, limit } = input;
    const after = decodeCursor(query.cursor, input, isSearchAfter(sort));
    const facets = this.facetAggs(query.facets ?? []);
    await this.connection.beforeRead(this.alias);
    const response = await this.connection.call(`search ${this.alias}`, () =>
      this.connection.client.search<{ profile: HitProfile }>({
        index: this.alias,
        query: compileQuery(query, ast, this.live.chineseAnalyzer),
        sort: sortClauses(sort),
        // One more than shown: whether a next page exists, without a second request.
        size: limit + 1,
        track_total_hits: true,
        _source: HIT_SOURCE,
        ...(after ? { search_after: after } : {}),
        ...(facets ? { aggs: facets } : {}),
      }),
    );
    const rows = response.hits.hits;
    const shown = rows.slice(0, limit);
    const industry = sort.startsWith('score:') ? sort.slice('score:'.length) : undefined;
    const hits: SearchHit[] = shown.map((row) =>
      searchHitOf((row._source as { profile: HitProfile }).profile, industry),
    );
    const last = shown[shown.length - 1];
    const total = response.hits.total;
    return {
      hits,
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      facets: facets ? readFacets(response.aggregations) : {},
      ...(rows.length > limit && last?.sort ? { nextCursor: encodeCursor(input, last.sort) } : {}),
    };
  }

  private facetAggs(
    facets: readonly FacetName[],
    limit = FACET_LIMIT,
  ): Record<string, estypes.AggregationsAggregationContainer> | undefined {
    const wanted = [...new Set(facets)].filter((f) => FACET_NAMES.includes(f));
    if (wanted.length === 0) return undefined;
    return Object.fromEntries(
      wanted.map((f) => [
        f,
        {
          terms: {
            field: FACET_FIELD[f],
            size: limit,
            shard_size: Math.max(FACET_SHARD_SIZE, limit),
            // As the embedded index: most profiles first, then by value (byte order on both).
            order: [{ _count: 'desc' }, { _key: 'asc' }],
          },
        },
      ]),
    );
  }

  async aggregate(
    query: Omit<SearchQuery, 'facets' | 'cursor' | 'limit' | 'sort'>,
    facets: FacetName[],
    options?: AggregateOptions,
  ): Promise<FacetCounts> {
    const aggs = this.facetAggs(facets, facetLimitOf(options));
    if (!aggs) return {};
    await this.connection.beforeRead(this.alias);
    const response = await this.connection.call(`aggregate ${this.alias}`, () =>
      this.connection.client.search({
        index: this.alias,
        size: 0,
        query: compileQuery(query, parseQuery(query.text), undefined),
        aggs,
      }),
    );
    return readFacets(response.aggregations);
  }

  async supply(query: SupplyQuery): Promise<SupplyCell[]> {
    await this.connection.beforeRead(this.alias);
    return supplyCells(this.connection, this.alias, query);
  }

  async stats(): Promise<IndexStats> {
    await this.connection.beforeRead(this.alias);
    const mapping = await this.connection.call(`get mapping ${this.alias}`, () =>
      this.connection.client.indices.getMapping({ index: this.alias }),
    );
    const properties = Object.values(mapping)[0]?.mappings.properties ?? {};
    const bySource = properties.evidenceBySource as { properties?: Record<string, unknown> } | undefined;
    const kinds = Object.keys(bySource?.properties ?? {});
    const response = await this.connection.call(`stats ${this.alias}`, () =>
      this.connection.client.search({
        index: this.alias,
        size: 0,
        track_total_hits: true,
        aggs: {
          evidence: { sum: { field: 'evidenceCount' } },
          ...Object.fromEntries(kinds.map((k) => [`kind:${k}`, { sum: { field: `evidenceBySource.${k}` } }])),
        },
      }),
    );
    const sum = (name: string): number =>
      Math.round((response.aggregations?.[name] as { value?: number } | undefined)?.value ?? 0);
    const evidenceBySource = Object.fromEntries(
      kinds
        .map((k) => [k, sum(`kind:${k}`)] as const)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1]),
    );
    const total = response.hits.total;
    return {
      backend: 'elasticsearch',
      profiles: typeof total === 'number' ? total : (total?.value ?? 0),
      evidence: sum('evidence'),
      evidenceBySource,
      sizeBytes: await this.storeBytes(),
      schemaVersion: this.live.schemaVersion,
    };
  }

  /** Primary store size of every index of the prefix (profiles and the ingest state), as the SQLite file holds both. */
  private async storeBytes(): Promise<number> {
    const aliases = INDEX_KINDS.map((k) => aliasName(this.prefix, k));
    const response = await this.connection.call(`index stats ${this.prefix}`, () =>
      // The state indices exist only once an ingest ran: absent ones are skipped, not an error.
      this.connection.client.indices.stats(
        { index: aliases, metric: 'store' },
        { querystring: { ignore_unavailable: true } },
      ),
    );
    return response._all.primaries?.store?.size_in_bytes ?? 0;
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

function readFacets(aggregations: Record<string, unknown> | undefined): FacetCounts {
  const counts: FacetCounts = {};
  for (const facet of FACET_NAMES) {
    const agg = aggregations?.[facet] as
      { buckets?: Array<{ key: string | number; doc_count: number }> } | undefined;
    if (!agg?.buckets) continue;
    counts[facet] = agg.buckets.map((b) => ({ value: String(b.key), count: b.doc_count }));
  }
  return counts;
}
