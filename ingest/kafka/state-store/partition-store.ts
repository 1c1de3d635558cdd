import Database from 'better-sqlite3';
import { connectedMentionRows } from '../../../indexer/embedded/key-graph.js';
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
 */

/** One changelog entry: `record:<sourceId>` or `mention:<mentionId>` → JSON, or null (deleted). */
export interface ChangelogEntry {
  key: string;
  value: string | null;
}

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

  /**
   * @param path SQLite file, or `:memory:` (the changelog is the durable copy either way).
   * @param erasedKeys the index's erased keys (IngestState.erasedKeys); none when absent.
   */
  constructor(path = ':memory:', erasedKeys?: (keys: readonly string[]) => Promise<Set<string>>) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS records (source_id TEXT PRIMARY KEY, checksum TEXT NOT NULL, outcome TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS mentions (
        mid INTEGER PRIMARY KEY, mention_id TEXT NOT NULL UNIQUE, source_id TEXT NOT NULL,
        profile_id TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS mentions_source ON mentions (source_id);
      CREATE TABLE IF NOT EXISTS mention_keys (key TEXT NOT NULL, mid INTEGER NOT NULL, PRIMARY KEY (key, mid)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS mention_keys_mid ON mention_keys (mid);
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

  erasedKeys(keys: readonly string[]): Promise<Set<string>> {
    return this.erased(keys);
  }

  async isInputFinished(): Promise<boolean> {
    return false; // inputs are files; a partition has none
  }

  /** Applies one batch and returns its changelog. Atomic: one SQLite transaction. */
  async commit(batch: IngestCommit): Promise<void> {
    this.commitWithChangelog(batch);
  }

  /**
   * {@link commit}, returning the changelog entries of the change, in an order whose replay gives
   * the same store (a deletion before the write of the same key).
   */
  commitWithChangelog(batch: IngestCommit): ChangelogEntry[] {
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
      for (const m of batch.mentions) entries.push(this.putMention(m));
      for (const moved of batch.moved) {
        const row = this.db.prepare('SELECT doc FROM mentions WHERE mention_id = ?').get(moved.mentionId) as
          { doc: string } | undefined;
        if (!row) continue; // a missing one has nothing to move, as in the other stores
        entries.push(
          this.putMention({ ...(JSON.parse(row.doc) as StoredMention), profileId: moved.profileId }),
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

  private putMention(m: StoredMention): ChangelogEntry {
    const doc = JSON.stringify(m);
    const existing = this.db.prepare('SELECT mid FROM mentions WHERE mention_id = ?').get(m.mentionId) as
      { mid: number } | undefined;
    let mid: number;
    if (existing) {
      mid = existing.mid;
      this.db
        .prepare('UPDATE mentions SET source_id = ?, profile_id = ?, doc = ? WHERE mid = ?')
        .run(m.sourceId, m.profileId, doc, mid);
      this.db.prepare('DELETE FROM mention_keys WHERE mid = ?').run(mid);
    } else {
      mid = Number(
        this.db
          .prepare('INSERT INTO mentions (mention_id, source_id, profile_id, doc) VALUES (?, ?, ?, ?)')
          .run(m.mentionId, m.sourceId, m.profileId, doc).lastInsertRowid,
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
