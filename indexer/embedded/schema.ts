import type Database from 'better-sqlite3';
import type { TalentProfile } from '../../processors/model/profile.js';
import { parseDoc, type StoredDoc } from './doc-codec.js';
import { searchColumns, shortColumns } from './search-text.js';

/**
 * Schema of the embedded index, versioned: `meta.schema_version` holds the version a file was
 * written with; opening runs the migrations above it, and refuses a file from a newer build.
 *
 * Full text: one FTS5 table with the `trigram` tokenizer for terms of three characters or more;
 * since v2 a small contentless table `fts_short` of CJK bigrams and two-character words for
 * two-character terms (电池, AI), which trigrams cannot match; an `instr` scan for one-character
 * terms. Trigram substring semantics were chosen by the figures of
 * `bench/chinese-recall.ts` (bench/results/chinese-recall.json; 20 Chinese queries over 369 profiles
 * of the real corpus and 15 made-up ones, relevant = the profile's text contains the query):
 *   - Intl.Segmenter words into unicode61: recall 0.962 (光电 7/8, 教授 11/16, 电子 6/8, 通信 4/5),
 *     because a query word inside a longer segmented word is lost (教授 in 副教授, 电子 in 微电子);
 *   - trigram + instr: recall 1.0 at the same precision, a faster build (no segmentation pass), at
 *     about twice the index size (0.78 MB vs 0.36 MB there) — a price worth a recruiter's misses.
 * The trigram cost in English is substring matching (`art` finds `start`), accepted for the same reason.
 */
export const SCHEMA_VERSION = 3;

export const MIGRATIONS: ReadonlyArray<{
  version: number;
  sql: string;
  /** Work SQL cannot do, run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void;
}> = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE profiles (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        tier TEXT NOT NULL,
        priority REAL NOT NULL,
        last_seen TEXT NOT NULL,
        evidence_count INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX profiles_priority ON profiles (priority DESC, rid);
      CREATE INDEX profiles_tier ON profiles (tier);
      CREATE INDEX profiles_last_seen ON profiles (last_seen);
      CREATE TABLE scores (
        rid INTEGER NOT NULL REFERENCES profiles (rid) ON DELETE CASCADE,
        industry TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (industry, rid)
      ) WITHOUT ROWID;
      CREATE INDEX scores_rank ON scores (industry, score DESC, rid);
      CREATE INDEX scores_rid ON scores (rid);
      CREATE TABLE locations (
        rid INTEGER NOT NULL REFERENCES profiles (rid) ON DELETE CASCADE,
        country TEXT, region_code TEXT, region TEXT, region_zh TEXT, city TEXT, city_zh TEXT
      );
      CREATE INDEX locations_rid ON locations (rid);
      CREATE TABLE skills (
        rid INTEGER NOT NULL REFERENCES profiles (rid) ON DELETE CASCADE,
        label TEXT NOT NULL,
        key TEXT NOT NULL
      );
      CREATE INDEX skills_key ON skills (key, rid);
      CREATE INDEX skills_rid ON skills (rid);
      CREATE TABLE evidence (
        rid INTEGER NOT NULL REFERENCES profiles (rid) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        mention_id TEXT NOT NULL
      );
      CREATE INDEX evidence_rid ON evidence (rid);
      CREATE INDEX evidence_source ON evidence (source_id);
      CREATE VIRTUAL TABLE fts USING fts5 (name, title, org, skill, body, tokenize = 'trigram remove_diacritics 1');
    `,
  },
  {
    // v2: evidence per source kind (for stats), two-character terms from an index (fts_short),
    // and the ingest's own state in the same file, so a
    // batch's records, mentions, profiles and checkpoint commit in one transaction. From v2 on,
    // documents live in `profile_docs` (deflated JSON, doc-codec.ts; v1 text docs still read), so
    // the `profiles` rows that filters and sorts touch by the thousand stay a few dozen bytes.
    version: 2,
    sql: `
      ALTER TABLE evidence ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'unknown';
      UPDATE evidence SET source_kind = coalesce((
        SELECT json_extract(e.value, '$.sourceKind')
        FROM profiles p, json_each(p.doc, '$.evidence') e
        WHERE p.rid = evidence.rid
          AND json_extract(e.value, '$.sourceId') = evidence.source_id
          AND json_extract(e.value, '$.mentionId') = evidence.mention_id
      ), 'unknown');
      CREATE INDEX evidence_kind ON evidence (source_kind);
      CREATE TABLE profile_docs (
        rid INTEGER PRIMARY KEY REFERENCES profiles (rid) ON DELETE CASCADE,
        doc BLOB NOT NULL
      );
      INSERT INTO profile_docs (rid, doc) SELECT rid, doc FROM profiles;
      ALTER TABLE profiles DROP COLUMN doc;
      CREATE INDEX locations_country ON locations (country, rid);
      -- Two-character terms (CJK bigrams, two-letter words): filled by fillShortTerms below.
      CREATE VIRTUAL TABLE fts_short USING fts5 (
        name, title, org, skill, body,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 1'
      );

      -- Every source record the ingest has committed, whatever its outcome: a rerun skips them.
      CREATE TABLE ingest_records (
        source_id TEXT PRIMARY KEY,
        checksum TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('parsed', 'skipped', 'rejected')),
        committed_at TEXT NOT NULL
      ) WITHOUT ROWID;
      -- The people each record mentions, as parsed, so a profile can be rebuilt when a later record adds to it.
      CREATE TABLE mentions (
        mid INTEGER PRIMARY KEY,
        mention_id TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX mentions_source ON mentions (source_id);
      CREATE INDEX mentions_profile ON mentions (profile_id);
      CREATE TABLE mention_keys (
        key TEXT NOT NULL,
        mid INTEGER NOT NULL REFERENCES mentions (mid) ON DELETE CASCADE,
        PRIMARY KEY (key, mid)
      ) WITHOUT ROWID;
      CREATE INDEX mention_keys_mid ON mention_keys (mid);
      -- Input files read to their end: a rerun skips them without reading them again.
      CREATE TABLE ingest_inputs (
        fingerprint TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        records INTEGER NOT NULL,
        finished_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
    run: fillShortTerms,
  },
  {
    version: 3,
    sql: `
      -- Merge keys of erased people, hashed (indexer/erasure-keys.ts): a new mention sharing one
      -- is dropped, so an erased person does not come back with the next record about them.
      CREATE TABLE erasures (
        key_hash TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL,
        erased_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Indexes the two-character terms of every stored profile (a file written before `fts_short`). */
function fillShortTerms(db: Database.Database): void {
  const insert = db.prepare(
    'INSERT INTO fts_short (rowid, name, title, org, skill, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const row of db.prepare('SELECT rid, doc FROM profile_docs').all() as Array<{
    rid: number;
    doc: StoredDoc;
  }>) {
    const s = shortColumns(searchColumns(parseDoc<TalentProfile>(row.doc)));
    insert.run(row.rid, s.name, s.title, s.org, s.skill, s.body);
  }
}

/** Raised when a file was written by a newer schema than this build understands. */
export class IndexSchemaError extends Error {
  override readonly name = 'IndexSchemaError';
}

function currentVersion(db: Database.Database): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/**
 * For a read-only connection, which cannot migrate: the file must be at {@link SCHEMA_VERSION}
 * (the process that writes it, or the one that opened it read-write first, migrates it).
 */
export function requireCurrentSchema(db: Database.Database, file: string): void {
  const version = currentVersion(db);
  if (version !== SCHEMA_VERSION)
    throw new IndexSchemaError(
      `${file} is at index schema version ${version}, but a read-only connection needs version ${SCHEMA_VERSION}; open it read-write once (talent-brain serve or ingest) to migrate it`,
    );
}

/** Brings the file to {@link SCHEMA_VERSION}, or refuses it when it is newer. */
export function migrate(db: Database.Database, file: string): void {
  const version = currentVersion(db);
  if (!Number.isInteger(version) || version > SCHEMA_VERSION)
    throw new IndexSchemaError(
      `${file} was written with index schema version ${version}, but this build of talent-brain reads versions up to ${SCHEMA_VERSION}; upgrade talent-brain, or rebuild the index into another data directory`,
    );
  const pending = MIGRATIONS.filter((m) => m.version > version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      m.run?.(db);
    }
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(SCHEMA_VERSION));
  })();
}
