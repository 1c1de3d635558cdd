import { erasureKeyHash } from '../erasure-keys.js';
import type Database from 'better-sqlite3';
import type { IngestCommit, IngestState, RecordOutcomeKind, StoredMention } from '../ingest-state.js';
import { encodeDoc, parseDoc, type StoredDoc } from './doc-codec.js';
import type { EmbeddedIndex } from './embedded-index.js';
import { connectedMentionRows } from './key-graph.js';

/** SQLite's default limit on bound parameters is 32766; chunks stay far below it. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(',');

interface MentionRow {
  mid: number;
  mention_id: string;
  source_id: string;
  profile_id: string;
  record: StoredDoc;
}

type StoredRecord = Pick<StoredMention, 'keys' | 'fetchedAt' | 'document' | 'mention'>;

/**
 * The ingest state of the embedded backend: tables in the index file itself (schema v2), so that a
 * batch's records, mentions, profiles and finished inputs commit in one SQLite transaction — after
 * `kill -9` either all of a batch is there or none of it.
 */
export class EmbeddedIngestState implements IngestState {
  private readonly db: Database.Database;

  constructor(private readonly index: EmbeddedIndex) {
    this.db = index.database;
  }

  async committedChecksums(sourceIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const part of chunks(sourceIds)) {
      const rows = this.db
        .prepare(
          `SELECT source_id, checksum FROM ingest_records WHERE outcome != 'rejected' AND source_id IN (${marks(part.length)})`,
        )
        .all(...part) as Array<{ source_id: string; checksum: string }>;
      for (const r of rows) found.set(r.source_id, r.checksum);
    }
    return found;
  }

  async connectedMentions(keys: readonly string[], sources: readonly string[]): Promise<StoredMention[]> {
    const mids = connectedMentionRows(this.db, keys, sources);
    const out: StoredMention[] = [];
    for (const part of chunks(mids)) {
      const rows = this.db
        .prepare(
          `SELECT mid, mention_id, source_id, profile_id, record FROM mentions WHERE mid IN (${marks(part.length)})`,
        )
        .all(...part) as MentionRow[];
      for (const r of rows) {
        const stored = parseDoc<StoredRecord>(r.record);
        out.push({ mentionId: r.mention_id, sourceId: r.source_id, profileId: r.profile_id, ...stored });
      }
    }
    return out;
  }

  async erasedKeys(keys: readonly string[]): Promise<Set<string>> {
    const erased = new Set<string>();
    const byHash = new Map([...new Set(keys)].map((k) => [erasureKeyHash(k), k]));
    for (const part of chunks([...byHash.keys()])) {
      const rows = this.db
        .prepare(`SELECT key_hash FROM erasures WHERE key_hash IN (${marks(part.length)})`)
        .all(...part) as Array<{ key_hash: string }>;
      for (const r of rows) erased.add(byHash.get(r.key_hash) as string);
    }
    return erased;
  }

  async isInputFinished(fingerprint: string): Promise<boolean> {
    return (
      this.db.prepare('SELECT 1 FROM ingest_inputs WHERE fingerprint = ?').get(fingerprint) !== undefined
    );
  }

  async commit(batch: IngestCommit): Promise<void> {
    const now = new Date().toISOString();
    const putRecord = this.db.prepare(
      `INSERT INTO ingest_records (source_id, checksum, outcome, committed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (source_id) DO UPDATE SET checksum = excluded.checksum, outcome = excluded.outcome, committed_at = excluded.committed_at`,
    );
    const dropSource = this.db.prepare('DELETE FROM mentions WHERE source_id = ?');
    const findMention = this.db.prepare<[string], { mid: number }>(
      'SELECT mid FROM mentions WHERE mention_id = ?',
    );
    const insertMention = this.db.prepare<[string, string, string, Buffer], { mid: number }>(
      'INSERT INTO mentions (mention_id, source_id, profile_id, record) VALUES (?, ?, ?, ?) RETURNING mid',
    );
    const updateMention = this.db.prepare(
      'UPDATE mentions SET source_id = ?, profile_id = ?, record = ? WHERE mid = ?',
    );
    const move = this.db.prepare('UPDATE mentions SET profile_id = ? WHERE mention_id = ?');
    const clearKeys = this.db.prepare('DELETE FROM mention_keys WHERE mid = ?');
    const addKey = this.db.prepare('INSERT OR IGNORE INTO mention_keys (key, mid) VALUES (?, ?)');
    const finish = this.db.prepare(
      `INSERT INTO ingest_inputs (fingerprint, path, records, finished_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (fingerprint) DO UPDATE SET records = excluded.records, finished_at = excluded.finished_at`,
    );

    this.index.transaction(() => {
      for (const source of batch.replacedSources) dropSource.run(source);
      for (const m of batch.mentions) {
        const record: StoredRecord = {
          keys: m.keys,
          fetchedAt: m.fetchedAt,
          document: m.document,
          mention: m.mention,
        };
        const json = encodeDoc(JSON.stringify(record));
        const existing = findMention.get(m.mentionId);
        let mid: number;
        if (existing) {
          mid = existing.mid;
          updateMention.run(m.sourceId, m.profileId, json, mid);
          clearKeys.run(mid);
        } else {
          mid = (insertMention.get(m.mentionId, m.sourceId, m.profileId, json) as { mid: number }).mid;
        }
        for (const key of m.keys) addKey.run(key, mid);
      }
      for (const m of batch.moved) move.run(m.profileId, m.mentionId);
      this.index.replaceInTransaction(batch.profiles);
      for (const r of batch.records) putRecord.run(r.sourceId, r.checksum, r.outcome, now);
      for (const f of batch.finishedInputs) finish.run(f.fingerprint, f.path, f.records, now);
    });
  }

  async *scanMentions(): AsyncGenerator<{ mentionId: string; sourceId: string; keys: string[] }> {
    // Pages by rowid, so writes between pages (the rescore's own commits) cannot upset the walk.
    let after = 0;
    for (;;) {
      const rows = this.db
        .prepare(
          `SELECT m.mid AS mid, m.mention_id AS id, m.source_id AS source, group_concat(k.key, char(10)) AS keys
           FROM mentions m LEFT JOIN mention_keys k ON k.mid = m.mid
           WHERE m.mid > ? GROUP BY m.mid ORDER BY m.mid LIMIT 1000`,
        )
        .all(after) as Array<{ mid: number; id: string; source: string; keys: string | null }>;
      if (rows.length === 0) return;
      for (const r of rows)
        yield { mentionId: r.id, sourceId: r.source, keys: r.keys ? r.keys.split('\n') : [] };
      after = rows[rows.length - 1]?.mid ?? after;
    }
  }

  async recordCounts(): Promise<Record<RecordOutcomeKind, number>> {
    const counts: Record<RecordOutcomeKind, number> = { parsed: 0, skipped: 0, rejected: 0 };
    const rows = this.db
      .prepare('SELECT outcome, count(*) AS n FROM ingest_records GROUP BY outcome')
      .all() as Array<{ outcome: RecordOutcomeKind; n: number }>;
    for (const r of rows) counts[r.outcome] = r.n;
    return counts;
  }
}
