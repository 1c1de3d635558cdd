import Database from 'better-sqlite3';
import { connectedMentionRows } from '../../../indexer/embedded/key-graph.js';
import { erasureKeyHash, isErasableKey } from '../../../indexer/erasure-keys.js';
import type {
  IngestCommit,
  IngestState,
  RecordOutcomeKind,
  StoredMention,
} from '../../../indexer/ingest-state.js';

/**
 * The state one partition of the resolve stage owns, in an embedded SQLite database: the records
 * committed (checksum, outcome) and the stored mentions with their keys — the mention store of
 * the file ingest, for one partition's people only. Nothing is shared: the worker that owns the
 * partition is its only reader and writer, so a rebuild needs no refresh, no search of a shared
 * index, and no re-check afterwards.
 *
 * Every commit returns the changelog of what it changed (one entry per record or mention, keyed,
 * a `null` value for a deletion): the worker produces it to the partition's slice of a compacted
 * changelog topic, and a worker that takes the partition over (a rebalance, a crash) rebuilds the
 * store by applying the changelog from its beginning ({@link PartitionStore.apply}). Compaction
 * keeps the last entry per key, so the changelog is as large as the state, not as the history.
 *
 * Profiles are not kept here (the index has them); erasures are asked of `erasedKeys`, the
 * index's (rare, and shared by every partition).
 *
 * Cross-owner joins (docs/distributed.md) add two kinds of state: a mention's *origin*, the
 * partition its record's message came to (a part moved here keeps it, so a new version of the
 * record replaces exactly that origin's mentions), and where things went when a part moved away
 * — a *redirect* per key of the part (later mentions with that key follow it) and a *slice move*
 * per record slice (a new version of the record retracts the old mentions over there).
 */

/**
 * One changelog entry: `record:<sourceId>`, `mention:<mentionId>`, `redirect:<key>`,
 * `slice:<origin>:<sourceId>`, `slices:<sourceId>` (at a record's home: the partitions its last
 * version went to) or `erased:<key hash>` → JSON, or null (deleted).
 */
export interface ChangelogEntry {
  key: string;
  value: string | null;
}

/** What a record's home keeps of it: its last version and the partitions that version went to. */
export interface RecordSlices {
  checksum: string;
  partitions: number[];
}

/** A stored mention with the partition its record's message came to. */
export type StagedMention = StoredMention & { origin: number };

interface RecordEntry {
  checksum: string;
  outcome: RecordOutcomeKind;
}

const CHUNK = 500;
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(',');
function parts<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class PartitionStore implements IngestState {
  private readonly db: Database.Database;
  private readonly erased: (keys: readonly string[]) => Promise<Set<string>>;
  /** The partition this store is: the origin of a mention written without one. */
  readonly partition: number;

  /**
   * @param path SQLite file, or `:memory:` (the changelog is the durable copy either way).
   * @param erasedKeys the index's erased keys (IngestState.erasedKeys); none when absent.
   */
  constructor(
    path = ':memory:',
    erasedKeys?: (keys: readonly string[]) => Promise<Set<string>>,
    partition = 0,
  ) {
    this.partition = partition;
    this.db = new Database(path);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS records (source_id TEXT PRIMARY KEY, checksum TEXT NOT NULL, outcome TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS mentions (
        mid INTEGER PRIMARY KEY, mention_id TEXT NOT NULL UNIQUE, source_id TEXT NOT NULL,
        profile_id TEXT NOT NULL, origin INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS mentions_source ON mentions (source_id);
      CREATE TABLE IF NOT EXISTS mention_keys (key TEXT NOT NULL, mid INTEGER NOT NULL, PRIMARY KEY (key, mid)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS mention_keys_mid ON mention_keys (mid);
      CREATE TABLE IF NOT EXISTS redirects (key TEXT PRIMARY KEY, partition INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS slice_moves (
        source_id TEXT NOT NULL, origin INTEGER NOT NULL, partition INTEGER NOT NULL,
        PRIMARY KEY (source_id, origin)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erased (hash TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS record_slices (source_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS mentions_profile ON mentions (profile_id);
    `);
    this.erased = erasedKeys ?? (async () => new Set<string>());
  }

  async committedChecksums(sourceIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const part of parts([...new Set(sourceIds)])) {
      const rows = this.db
        .prepare(
          `SELECT source_id, checksum FROM records WHERE outcome != 'rejected' AND source_id IN (${marks(part.length)})`,
        )
        .all(...part) as Array<{ source_id: string; checksum: string }>;
      for (const r of rows) found.set(r.source_id, r.checksum);
    }
    return found;
  }

  async connectedMentions(keys: readonly string[], sources: readonly string[]): Promise<StoredMention[]> {
    const mids = connectedMentionRows(this.db, keys, sources);
    const out: StoredMention[] = [];
    for (const part of parts(mids))
      for (const r of this.db
        .prepare(`SELECT doc FROM mentions WHERE mid IN (${marks(part.length)})`)
        .all(...part) as Array<{ doc: string }>)
        out.push(JSON.parse(r.doc) as StoredMention);
    return out;
  }

  /** The keys among these an erasure keeps out: the index's, and those erased through the stage. */
  async erasedKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = await this.erased(keys);
    const has = this.db.prepare('SELECT 1 FROM erased WHERE hash = ?');
    for (const k of keys) if (!found.has(k) && has.get(erasureKeyHash(k)) !== undefined) found.add(k);
    return found;
  }

  /**
   * Erases a profile's stored mentions: they are deleted, and the hashes of their erasable keys
   * (indexer/erasure-keys.ts: strong identifiers and name + organisation, never a bare name block)
   * are kept. Returns the mentions' keys (whose neighbours the caller rebuilds), the hashes, and
   * the changelog.
   */
  eraseProfile(profileId: string): { keys: string[]; hashes: string[]; entries: ChangelogEntry[] } {
    const entries: ChangelogEntry[] = [];
    const keys = new Set<string>();
    const run = this.db.transaction(() => {
      for (const r of this.db
        .prepare('SELECT doc FROM mentions WHERE profile_id = ?')
        .all(profileId) as Array<{
        doc: string;
      }>) {
        const m = JSON.parse(r.doc) as StoredMention;
        for (const k of m.keys) keys.add(k);
        this.deleteMention(m.mentionId);
        entries.push({ key: `mention:${m.mentionId}`, value: null });
      }
    });
    run();
    const hashes = [...keys].filter(isErasableKey).map(erasureKeyHash);
    entries.push(...this.keepErased(hashes));
    return { keys: [...keys], hashes, entries };
  }

  /** At a record's home: the version it saw last and the partitions that version went to. */
  recordSlices(sourceId: string): RecordSlices | undefined {
    const row = this.db.prepare('SELECT doc FROM record_slices WHERE source_id = ?').get(sourceId) as
      { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as RecordSlices) : undefined;
  }

  putRecordSlices(sourceId: string, slices: RecordSlices): ChangelogEntry {
    const doc = JSON.stringify(slices);
    this.putSlices(sourceId, doc);
    return { key: `slices:${sourceId}`, value: doc };
  }

  /** Forgets a record (its mentions here were retracted): a later version is not taken for a replay. */
  forgetRecord(sourceId: string): ChangelogEntry {
    this.db.prepare('DELETE FROM records WHERE source_id = ?').run(sourceId);
    return { key: `record:${sourceId}`, value: null };
  }

  /** Keeps erased keys' hashes (from another partition's erasure); returns the changelog. */
  keepErased(hashes: readonly string[]): ChangelogEntry[] {
    const add = this.db.prepare('INSERT OR IGNORE INTO erased (hash) VALUES (?)');
    return hashes.map((h) => {
      add.run(h);
      return { key: `erased:${h}`, value: '1' };
    });
  }

  async isInputFinished(): Promise<boolean> {
    return false; // inputs are files; a partition has none
  }

  /** Applies one batch and returns its changelog. Atomic: one SQLite transaction. */
  async commit(batch: IngestCommit): Promise<void> {
    this.commitWithChangelog(batch);
  }

  /** The stored mentions of these records, whatever their origin. */
  mentionsOfSources(sourceIds: readonly string[]): StagedMention[] {
    const out: StagedMention[] = [];
    for (const part of parts([...new Set(sourceIds)]))
      for (const r of this.db
        .prepare(`SELECT origin, doc FROM mentions WHERE source_id IN (${marks(part.length)})`)
        .all(...part) as Array<{ origin: number; doc: string }>)
        out.push({ ...(JSON.parse(r.doc) as StoredMention), origin: r.origin });
    return out;
  }

  /** The keys among these that a stored mention holds. */
  heldKeys(keys: readonly string[]): Set<string> {
    const held = new Set<string>();
    for (const part of parts([...new Set(keys)]))
      for (const r of this.db
        .prepare(`SELECT DISTINCT key FROM mention_keys WHERE key IN (${marks(part.length)})`)
        .all(...part) as Array<{ key: string }>)
        held.add(r.key);
    return held;
  }

  /** Where the parts holding these keys went (the keys that moved away), by key. */
  redirectsOf(keys: readonly string[]): Map<string, number> {
    const found = new Map<string, number>();
    for (const part of parts([...new Set(keys)]))
      for (const r of this.db
        .prepare(`SELECT key, partition FROM redirects WHERE key IN (${marks(part.length)})`)
        .all(...part) as Array<{ key: string; partition: number }>)
        found.set(r.key, r.partition);
    return found;
  }

  /** Where mentions of this record slice went, if some moved away. */
  sliceMove(sourceId: string, origin: number): number | undefined {
    const row = this.db
      .prepare('SELECT partition FROM slice_moves WHERE source_id = ? AND origin = ?')
      .get(sourceId, origin) as { partition: number } | undefined;
    return row?.partition;
  }

  /** Forgets a slice move (its retraction is sent); returns the changelog entry. */
  clearSliceMove(sourceId: string, origin: number): ChangelogEntry {
    this.db.prepare('DELETE FROM slice_moves WHERE source_id = ? AND origin = ?').run(sourceId, origin);
    return { key: `slice:${origin}:${sourceId}`, value: null };
  }

  /**
   * Points a key at the partition its part went to (or will go to: the registry said so before
   * any mention here held it). A redirect only ever moves to a smaller partition.
   */
  redirect(key: string, partition: number): ChangelogEntry | undefined {
    const now = this.redirectsOf([key]).get(key);
    if (now !== undefined && now <= partition) return undefined;
    this.putRedirect(key, partition);
    return { key: `redirect:${key}`, value: JSON.stringify({ partition }) };
  }

  /**
   * Takes the connected part holding `keys` out of the store, for partition `to`: its mentions
   * are returned (with their origins and profile ids) and deleted, every key they held is
   * redirected to `to`, and every record slice they came from is remembered as moved there.
   */
  detachPart(keys: readonly string[], to: number): { mentions: StagedMention[]; entries: ChangelogEntry[] } {
    const entries: ChangelogEntry[] = [];
    const mentions: StagedMention[] = [];
    const run = this.db.transaction(() => {
      const mids = connectedMentionRows(this.db, keys, []);
      for (const part of parts(mids))
        for (const r of this.db
          .prepare(`SELECT origin, doc FROM mentions WHERE mid IN (${marks(part.length)})`)
          .all(...part) as Array<{ origin: number; doc: string }>)
          mentions.push({ ...(JSON.parse(r.doc) as StoredMention), origin: r.origin });
      const allKeys = new Set<string>(keys);
      const slices = new Map<string, { sourceId: string; origin: number }>();
      for (const m of mentions) {
        for (const k of m.keys) allKeys.add(k);
        slices.set(`${m.origin}:${m.sourceId}`, { sourceId: m.sourceId, origin: m.origin });
        this.deleteMention(m.mentionId);
        entries.push({ key: `mention:${m.mentionId}`, value: null });
      }
      for (const k of allKeys) {
        this.putRedirect(k, to);
        entries.push({ key: `redirect:${k}`, value: JSON.stringify({ partition: to }) });
      }
      for (const [key, { sourceId, origin }] of slices) {
        this.putSliceMove(sourceId, origin, to);
        entries.push({ key: `slice:${key}`, value: JSON.stringify({ partition: to }) });
      }
    });
    run();
    return { mentions, entries };
  }

  /**
   * {@link commit}, returning the changelog entries of the change, in an order whose replay gives
   * the same store (a deletion before the write of the same key).
   */
  commitWithChangelog(
    batch: IngestCommit,
    /** The origin of each new mention (default: this partition); a stored one keeps its own. */
    origins?: ReadonlyMap<string, number>,
  ): ChangelogEntry[] {
    const entries: ChangelogEntry[] = [];
    const run = this.db.transaction(() => {
      const written = new Set(batch.mentions.map((m) => m.mentionId));
      for (const source of batch.replacedSources) {
        const stale = this.db
          .prepare('SELECT mention_id FROM mentions WHERE source_id = ?')
          .all(source) as Array<{ mention_id: string }>;
        for (const s of stale)
          if (!written.has(s.mention_id)) {
            this.deleteMention(s.mention_id);
            entries.push({ key: `mention:${s.mention_id}`, value: null });
          }
      }
      for (const m of batch.mentions) entries.push(this.putMention(m, origins?.get(m.mentionId)));
      for (const moved of batch.moved) {
        const row = this.db
          .prepare('SELECT origin, doc FROM mentions WHERE mention_id = ?')
          .get(moved.mentionId) as { origin: number; doc: string } | undefined;
        if (!row) continue; // a missing one has nothing to move, as in the other stores
        entries.push(
          this.putMention(
            { ...(JSON.parse(row.doc) as StoredMention), profileId: moved.profileId },
            row.origin,
          ),
        );
      }
      for (const r of batch.records) {
        const value: RecordEntry = { checksum: r.checksum, outcome: r.outcome };
        this.putRecord(r.sourceId, value);
        entries.push({ key: `record:${r.sourceId}`, value: JSON.stringify(value) });
      }
    });
    run();
    return entries;
  }

  /** Replays changelog entries (a restore after a rebalance or a crash); idempotent. */
  apply(entries: Iterable<ChangelogEntry>): void {
    const run = this.db.transaction((all: Iterable<ChangelogEntry>) => {
      for (const { key, value } of all) {
        if (key.startsWith('mention:')) {
          if (value === null) this.deleteMention(key.slice('mention:'.length));
          else this.putMention(JSON.parse(value) as StoredMention);
        } else if (key.startsWith('slices:')) {
          const sourceId = key.slice('slices:'.length);
          if (value === null) this.db.prepare('DELETE FROM record_slices WHERE source_id = ?').run(sourceId);
          else this.putSlices(sourceId, value);
        } else if (key.startsWith('erased:')) {
          if (value !== null)
            this.db
              .prepare('INSERT OR IGNORE INTO erased (hash) VALUES (?)')
              .run(key.slice('erased:'.length));
        } else if (key.startsWith('redirect:')) {
          const k = key.slice('redirect:'.length);
          if (value === null) this.db.prepare('DELETE FROM redirects WHERE key = ?').run(k);
          else this.putRedirect(k, (JSON.parse(value) as { partition: number }).partition);
        } else if (key.startsWith('slice:')) {
          const rest = key.slice('slice:'.length);
          const at = rest.indexOf(':');
          const origin = Number(rest.slice(0, at));
          const sourceId = rest.slice(at + 1);
          if (value === null)
            this.db
              .prepare('DELETE FROM slice_moves WHERE source_id = ? AND origin = ?')
              .run(sourceId, origin);
          else this.putSliceMove(sourceId, origin, (JSON.parse(value) as { partition: number }).partition);
        } else if (key.startsWith('record:')) {
          const sourceId = key.slice('record:'.length);
          if (value === null) this.db.prepare('DELETE FROM records WHERE source_id = ?').run(sourceId);
          else this.putRecord(sourceId, JSON.parse(value) as RecordEntry);
        }
      }
    });
    run(entries);
  }

  async *scanMentions(): AsyncGenerator<{ mentionId: string; sourceId: string; keys: string[] }> {
    for (const r of this.db.prepare('SELECT doc FROM mentions ORDER BY mid').all() as Array<{
      doc: string;
    }>) {
      const m = JSON.parse(r.doc) as StoredMention;
      yield { mentionId: m.mentionId, sourceId: m.sourceId, keys: m.keys };
    }
  }

  async recordCounts(): Promise<Record<RecordOutcomeKind, number>> {
    const counts: Record<RecordOutcomeKind, number> = { parsed: 0, skipped: 0, rejected: 0 };
    for (const r of this.db
      .prepare('SELECT outcome, count(*) AS n FROM records GROUP BY outcome')
      .all() as Array<{
      outcome: RecordOutcomeKind;
      n: number;
    }>)
      counts[r.outcome] = r.n;
    return counts;
  }

  /** Stored mentions and records: the state-store size a metric reports. */
  size(): { mentions: number; records: number } {
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      mentions: one('SELECT count(*) AS n FROM mentions'),
      records: one('SELECT count(*) AS n FROM records'),
    };
  }

  close(): void {
    this.db.close();
  }

  private putRecord(sourceId: string, r: RecordEntry): void {
    this.db
      .prepare(
        `INSERT INTO records (source_id, checksum, outcome) VALUES (?, ?, ?)
         ON CONFLICT (source_id) DO UPDATE SET checksum = excluded.checksum, outcome = excluded.outcome`,
      )
      .run(sourceId, r.checksum, r.outcome);
  }

  private putSlices(sourceId: string, doc: string): void {
    this.db
      .prepare(
        'INSERT INTO record_slices (source_id, doc) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET doc = excluded.doc',
      )
      .run(sourceId, doc);
  }

  private putRedirect(key: string, partition: number): void {
    this.db
      .prepare(
        'INSERT INTO redirects (key, partition) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET partition = excluded.partition',
      )
      .run(key, partition);
  }

  private putSliceMove(sourceId: string, origin: number, partition: number): void {
    this.db
      .prepare(
        `INSERT INTO slice_moves (source_id, origin, partition) VALUES (?, ?, ?)
         ON CONFLICT (source_id, origin) DO UPDATE SET partition = excluded.partition`,
      )
      .run(sourceId, origin, partition);
  }

  /**
   * Writes a mention; its origin is `origin`, else the one it carries (a changelog entry, a part
   * moved here), else this partition. The changelog value carries the origin.
   */
  private putMention(stored: StoredMention, origin?: number): ChangelogEntry {
    const carried = (stored as Partial<StagedMention>).origin;
    const m: StagedMention = { ...stored, origin: origin ?? carried ?? this.partition };
    const doc = JSON.stringify(m);
    const existing = this.db.prepare('SELECT mid FROM mentions WHERE mention_id = ?').get(m.mentionId) as
      { mid: number } | undefined;
    let mid: number;
    if (existing) {
      mid = existing.mid;
      this.db
        .prepare('UPDATE mentions SET source_id = ?, profile_id = ?, origin = ?, doc = ? WHERE mid = ?')
        .run(m.sourceId, m.profileId, m.origin, doc, mid);
      this.db.prepare('DELETE FROM mention_keys WHERE mid = ?').run(mid);
    } else {
      mid = Number(
        this.db
          .prepare(
            'INSERT INTO mentions (mention_id, source_id, profile_id, origin, doc) VALUES (?, ?, ?, ?, ?)',
          )
          .run(m.mentionId, m.sourceId, m.profileId, m.origin, doc).lastInsertRowid,
      );
    }
    const addKey = this.db.prepare('INSERT OR IGNORE INTO mention_keys (key, mid) VALUES (?, ?)');
    for (const key of m.keys) addKey.run(key, mid);
    return { key: `mention:${m.mentionId}`, value: doc };
  }

  private deleteMention(mentionId: string): void {
    const row = this.db.prepare('SELECT mid FROM mentions WHERE mention_id = ?').get(mentionId) as
      { mid: number } | undefined;
    if (!row) return;
    this.db.prepare('DELETE FROM mention_keys WHERE mid = ?').run(row.mid);
    this.db.prepare('DELETE FROM mentions WHERE mid = ?').run(row.mid);
  }
}
