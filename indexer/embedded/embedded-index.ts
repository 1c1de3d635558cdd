import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { prepareSqliteFile } from '../../lib/private-files.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import {
  FACET_LIMIT,
  FACET_NAMES,
  facetLimitOf,
  type AggregateOptions,
  mergeProfiles,
  searchHitOf,
  type FacetCounts,
  type FacetName,
  type IndexStats,
  type ReplaceBatch,
  type SupplyCell,
  type SupplyQuery,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SortOrder,
  type TalentIndex,
  type UpsertResult,
} from '../contract.js';
import { parseQuery } from '../query/parse-query.js';
import { decodeCursor, encodeCursor, searchInput, type SearchInput } from '../search-input.js';
import { compileFilters, compileText, ftsExpression, rankMatch, type SqlPart } from './compile-query.js';
import { erasureKeyHash, isErasableKey } from '../erasure-keys.js';
import { parseDoc, type StoredDoc } from './doc-codec.js';
import { ProfileWriter } from './profile-writer.js';
import { IndexSchemaError, migrate, requireCurrentSchema, SCHEMA_VERSION } from './schema.js';
import { supplyCells } from './supply.js';

type Param = string | number;
/** bm25 weights of name, title, org, skill, body: a name or title hit says more than an abstract. */
const RANK = '-bm25(fts, 10.0, 5.0, 4.0, 4.0, 1.0)';

const FACET_SQL: Record<FacetName, string> = {
  industry:
    'SELECT industry AS v, count(*) AS c FROM scores WHERE score > 0 AND rid IN (SELECT rid FROM m) GROUP BY industry',
  tier: 'SELECT tier AS v, count(*) AS c FROM profiles WHERE rid IN (SELECT rid FROM m) GROUP BY tier',
  country:
    'SELECT country AS v, count(DISTINCT rid) AS c FROM locations WHERE country IS NOT NULL AND rid IN (SELECT rid FROM m) GROUP BY country',
  region:
    'SELECT coalesce(region_code, region) AS v, count(DISTINCT rid) AS c FROM locations WHERE coalesce(region_code, region) IS NOT NULL AND rid IN (SELECT rid FROM m) GROUP BY v',
  city: 'SELECT coalesce(city, city_zh) AS v, count(DISTINCT rid) AS c FROM locations WHERE coalesce(city, city_zh) IS NOT NULL AND rid IN (SELECT rid FROM m) GROUP BY v',
  skill:
    'SELECT label AS v, count(DISTINCT rid) AS c FROM skills WHERE rid IN (SELECT rid FROM m) GROUP BY label',
};

/**
 * FTS5 keeps a deleted row's terms in its index segments until they are merged; with its
 * `secure-delete` option a delete removes them at once. The option is stored in the table; set
 * once, when absent (a file opened read-only keeps what it has).
 */
function secureFullTextDeletes(db: Database.Database): void {
  for (const table of ['fts', 'fts_short']) {
    const set = db.prepare(`SELECT v FROM ${table}_config WHERE k = 'secure-delete'`).get() as
      { v: number } | undefined;
    if (set?.v === 1) continue;
    try {
      db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('secure-delete', 1)`).run();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_READONLY') throw error;
    }
  }
}

export interface EmbeddedIndexOptions {
  /**
   * A read-only connection on a file another connection writes (the API's reader threads): it
   * neither creates, migrates nor changes settings stored in the file, and every write throws.
   * The file must exist at the current schema version.
   */
  readOnly?: boolean;
}

/** The embedded index: one SQLite file, WAL mode, FTS5 (trigram) for text, plain tables for filters and facets. */
export class EmbeddedIndex implements TalentIndex {
  private readonly db: Database.Database;
  private profileWriter: ProfileWriter | undefined;

  constructor(
    readonly file: string,
    options: EmbeddedIndexOptions = {},
  ) {
    const readOnly = options.readOnly ?? false;
    try {
      if (!readOnly) prepareSqliteFile(file);
      this.db = new Database(file, readOnly ? { readonly: true, fileMustExist: true } : {});
    } catch (error) {
      throw new Error(`cannot open the index file ${file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      if (readOnly) {
        // WAL is a property of the file, set by the writer; this connection only reads in it.
        requireCurrentSchema(this.db, file);
      } else {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('foreign_keys = ON');
      }
      this.db.pragma('busy_timeout = 5000');
      // 64 MiB of page cache: ingest batches rewrite index pages all over the file. A reader keeps
      // the hot part of the search index (FTS segments, filter indexes) in less.
      this.db.pragma(readOnly ? 'cache_size = -32768' : 'cache_size = -65536');
      if (!readOnly) {
        // Deleted rows are overwritten with zeros, not left on free pages: an erased person must not
        // stay readable in the file (per connection; the ingest state writes through this one).
        this.db.pragma('secure_delete = ON');
        migrate(this.db, file);
        secureFullTextDeletes(this.db);
      }
      // Per-connection scratch tables of a search (see materialize); temp, so read-only files work.
      this.db.exec(
        'CREATE TEMP TABLE IF NOT EXISTS fts_hits (rid INTEGER PRIMARY KEY, r REAL); CREATE TEMP TABLE IF NOT EXISTS matches (rid INTEGER PRIMARY KEY, k REAL)',
      );
    } catch (error) {
      this.db.close();
      if (error instanceof IndexSchemaError) throw error;
      // e.g. "file is not a database": say which file, the message alone does not.
      throw new Error(`cannot open the index file ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Runs the statements of one read in one transaction: the count, the page and the facets then
   * come from the same snapshot of the file, even while another connection commits in between
   * (in WAL mode a read transaction sees the file as of its first read). Nested in a caller's
   * transaction it becomes a savepoint of it.
   */
  private snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  /** For tests and diagnostics: the journal mode in force (`wal`). */
  journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  /** Statements of the profile write, prepared once per connection (better-sqlite3 caches nothing itself). */
  private writer(): ProfileWriter {
    this.profileWriter ??= new ProfileWriter(this.db);
    return this.profileWriter;
  }

  async upsert(profiles: readonly TalentProfile[]): Promise<UpsertResult> {
    const writer = this.writer();
    // One transaction per batch: ingest speed comes from not syncing per row.
    const result: UpsertResult = { inserted: 0, updated: 0 };
    this.db.transaction(() => {
      for (const incoming of profiles) {
        const existing = writer.find(incoming.id);
        const p = existing ? mergeProfiles(parseDoc<TalentProfile>(existing.doc), incoming) : incoming;
        writer.write(p, existing);
        result[existing ? 'updated' : 'inserted']++;
      }
    })();
    return result;
  }

  async replace(batch: ReplaceBatch): Promise<void> {
    this.db.transaction(() => this.replaceInTransaction(batch))();
  }

  /** {@link replace} inside a transaction the caller holds (the ingest commits its state with it). */
  replaceInTransaction(batch: ReplaceBatch): void {
    const writer = this.writer();
    for (const id of batch.remove) writer.remove(id);
    for (const p of batch.put) writer.write(p, writer.find(p.id));
  }

  /** Runs `work` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The connection, for stores that share this file's transactions (the embedded ingest state). */
  get database(): Database.Database {
    return this.db;
  }

  async delete(id: string): Promise<boolean> {
    const erased = this.db.transaction(() => {
      // The person's merge keys are kept (hashed) so that later records about them are dropped;
      // then the ingest's copy of their mentions goes, or a later record sharing a key would
      // rebuild the profile from them.
      const keys = this.db
        .prepare<[string], { key: string }>(
          'SELECT DISTINCT k.key AS key FROM mentions m JOIN mention_keys k ON k.mid = m.mid WHERE m.profile_id = ?',
        )
        .all(id);
      const keep = this.db.prepare(
        'INSERT INTO erasures (key_hash, profile_id, erased_at) VALUES (?, ?, ?) ON CONFLICT (key_hash) DO NOTHING',
      );
      const now = new Date().toISOString();
      for (const { key } of keys) if (isErasableKey(key)) keep.run(erasureKeyHash(key), id, now);
      this.db.prepare('DELETE FROM mentions WHERE profile_id = ?').run(id);
      return this.writer().remove(id);
    })();
    // The WAL still holds the pages as they were before: copy the zeroed pages into the file and
    // empty the WAL, so the erased data is in neither (a reader holding an older snapshot delays
    // it up to busy_timeout; what is left then goes at the next checkpoint).
    if (erased) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return erased;
  }

  async get(id: string): Promise<TalentProfile | undefined> {
    const row = this.db
      .prepare<[string], { doc: StoredDoc }>(
        'SELECT d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid WHERE p.id = ?',
      )
      .get(id);
    return row ? parseDoc<TalentProfile>(row.doc) : undefined;
  }

  /**
   * The matching set (`where` over `profiles p`) and how a page is ordered: `key`, computed with
   * `join` (and the `with` CTE for relevance). `prepare` runs first: when the whole text query is
   * one FTS expression it fills `temp.fts_hits` with the matches and their rank, so the FTS index
   * is read once per search.
   */
  private matching(query: SearchQuery): {
    with: SqlPart;
    join: SqlPart;
    where: SqlPart;
    key: string;
    sort: SortOrder;
    /** The search input in force (sort, page size, the digest a cursor is bound to). */
    input: SearchInput;
    prepare: () => void;
  } {
    const ast = parseQuery(query.text);
    const expression = ftsExpression(ast);
    const text: SqlPart | null = expression
      ? { sql: 'p.rid IN (SELECT rid FROM temp.fts_hits)', params: [] }
      : compileText(ast);
    const prepare = (): void => {
      if (!expression) return;
      this.db.prepare('DELETE FROM temp.fts_hits').run();
      this.db
        .prepare(`INSERT INTO temp.fts_hits (rid, r) SELECT rowid, ${RANK} FROM fts WHERE fts MATCH ?`)
        .run(expression);
    };
    const input = searchInput(query, text !== null);
    const { sort } = input;
    const withPart: SqlPart = { sql: '', params: [] };
    const join: SqlPart = { sql: '', params: [] };
    let key = 'p.priority';
    if (sort.startsWith('score:')) {
      join.sql = 'LEFT JOIN scores s ON s.rid = p.rid AND s.industry = ?';
      join.params.push(sort.slice('score:'.length));
      key = 'coalesce(s.score, 0)';
    } else if (sort === 'relevance' && expression) {
      join.sql = 'LEFT JOIN temp.fts_hits h ON h.rid = p.rid';
      key = 'coalesce(h.r, 0)';
    } else if (sort === 'relevance') {
      const match = rankMatch(ast);
      if (match) {
        // Materialized: joined as a subquery, SQLite re-runs the FTS query for every profile row.
        withPart.sql = `WITH rel AS MATERIALIZED (SELECT rowid AS rid, ${RANK} AS r FROM fts WHERE fts MATCH ?)`;
        withPart.params.push(match);
        join.sql = 'LEFT JOIN rel ON rel.rid = p.rid';
        key = 'coalesce(rel.r, 0)';
      }
    }
    const parts = [...(text ? [text] : []), ...compileFilters(query.filters)];
    const where: SqlPart = {
      sql: parts.length ? parts.map((p) => `(${p.sql})`).join(' AND ') : '1',
      params: parts.flatMap((p) => p.params),
    };
    return { with: withPart, join, where, key, sort, input, prepare };
  }

  /**
   * Evaluates text and filters once into `temp.matches` (rid, sort key); the count, the page and
   * every facet then read that small table instead of re-running the conditions. Without any
   * condition the profiles table itself is the set, read through its indexes.
   */
  private materialize(m: ReturnType<EmbeddedIndex['matching']>): { from: string; params: Param[] } {
    if (m.where.sql === '1' && m.with.sql === '') return { from: 'FROM profiles p', params: [] };
    m.prepare();
    this.db.prepare('DELETE FROM temp.matches').run();
    this.db
      .prepare(
        `${m.with.sql} INSERT INTO temp.matches (rid, k) SELECT p.rid, ${m.key} FROM profiles p ${m.join.sql} WHERE ${m.where.sql}`,
      )
      .run(...m.with.params, ...m.join.params, ...m.where.params);
    return { from: 'FROM temp.matches p', params: [] };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.snapshot(() => this.searchNow(query));
  }

  private searchNow(query: SearchQuery): SearchResult {
    const m = this.matching(query);
    const { limit } = m.input;
    const set = this.materialize(m);
    const total = (this.db.prepare(`SELECT count(*) AS n ${set.from}`).get() as { n: number }).n;

    const after = decodeCursor(query.cursor, m.input, isPagePosition);
    const cursor = after ? { k: after[0], r: after[1] } : undefined;
    let page: string;
    const pageParams: Param[] = [];
    if (set.from === 'FROM profiles p') {
      page = `SELECT p.rid AS rid, ${m.key} AS k FROM profiles p ${m.join.sql} WHERE 1`;
      pageParams.push(...m.join.params);
      if (cursor) {
        page += ` AND (${m.key} < ? OR (${m.key} = ? AND p.rid > ?))`;
        pageParams.push(cursor.k, cursor.k, cursor.r);
      }
    } else {
      page = 'SELECT t.rid AS rid, t.k AS k FROM temp.matches t WHERE 1';
      if (cursor) {
        page += ' AND (t.k < ? OR (t.k = ? AND t.rid > ?))';
        pageParams.push(cursor.k, cursor.k, cursor.r);
      }
    }
    // The page first, then its documents: only `limit` documents are read and inflated.
    const rows = this.db
      .prepare(
        `SELECT pg.rid AS rid, pg.k AS k, d.doc AS doc FROM (${page} ORDER BY k DESC, rid ASC LIMIT ?) pg JOIN profile_docs d ON d.rid = pg.rid ORDER BY pg.k DESC, pg.rid ASC`,
      )
      .all(...pageParams, limit + 1) as Array<{
      rid: number;
      k: number;
      doc: StoredDoc;
    }>;
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const industry = m.sort.startsWith('score:') ? m.sort.slice('score:'.length) : undefined;
    const hits: SearchHit[] = shown.map((row) => searchHitOf(parseDoc<TalentProfile>(row.doc), industry));
    const last = shown[shown.length - 1];
    return {
      hits,
      total,
      facets: query.facets?.length ? this.facetCounts(set.from, query.facets) : {},
      ...(more && last ? { nextCursor: encodeCursor(m.input, [last.k, last.rid]) } : {}),
    };
  }

  /** Facet counts over the set `from` (the profiles table, or the materialized matches). */
  private facetCounts(from: string, facets: readonly FacetName[], limit = FACET_LIMIT): FacetCounts {
    const counts: FacetCounts = {};
    for (const facet of new Set(facets)) {
      if (!FACET_NAMES.includes(facet)) continue;
      const rows = this.db
        .prepare(
          `WITH m AS (SELECT p.rid AS rid ${from}) ${FACET_SQL[facet]} ORDER BY c DESC, v ASC LIMIT ${limit}`,
        )
        .all() as Array<{ v: string; c: number }>;
      counts[facet] = rows.map((r) => ({ value: r.v, count: r.c }));
    }
    return counts;
  }

  async aggregate(
    query: Omit<SearchQuery, 'facets' | 'cursor' | 'limit' | 'sort'>,
    facets: FacetName[],
    options?: AggregateOptions,
  ): Promise<FacetCounts> {
    return this.snapshot(() => {
      const set = this.materialize(this.matching({ ...query, sort: 'priority' }));
      return this.facetCounts(set.from, facets, facetLimitOf(options));
    });
  }

  async supply(query: SupplyQuery): Promise<SupplyCell[]> {
    // Filters select the profiles as a search would (temp.matches); no condition, no restriction.
    return this.snapshot(() => {
      const set = query.filters ? this.materialize(this.matching({ filters: query.filters })) : undefined;
      return supplyCells(this.db, query, set && set.from !== 'FROM profiles p' ? 'temp.matches' : undefined);
    });
  }

  async stats(): Promise<IndexStats> {
    const row = this.db
      .prepare('SELECT count(*) AS profiles, coalesce(sum(evidence_count), 0) AS evidence FROM profiles')
      .get() as { profiles: number; evidence: number };
    const kinds = this.db
      .prepare('SELECT source_kind AS kind, count(*) AS n FROM evidence GROUP BY source_kind ORDER BY n DESC')
      .all() as Array<{ kind: string; n: number }>;
    return {
      backend: 'embedded-sqlite',
      profiles: row.profiles,
      evidence: row.evidence,
      evidenceBySource: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
      sizeBytes: ['', '-wal'].reduce((sum, suffix) => sum + fileSize(this.file + suffix), 0),
      schemaVersion: SCHEMA_VERSION,
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** A page position of this index: the last hit's sort key and row id. */
function isPagePosition(after: unknown): after is [number, number] {
  return (
    Array.isArray(after) &&
    after.length === 2 &&
    typeof after[0] === 'number' &&
    Number.isFinite(after[0]) &&
    Number.isInteger(after[1])
  );
}
