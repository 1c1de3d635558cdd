import type Database from 'better-sqlite3';

/**
 * Schema of the embedded index, versioned: `meta.schema_version` holds the version a file was
 * written with; opening runs the migrations above it, and refuses a file from a newer build.
 *
 * Full text: one FTS5 table with the `trigram` tokenizer, plus an `instr` scan of the same columns
 * for terms of one or two characters (which trigrams cannot match). Chosen by the figures of
 * `bench/chinese-recall.ts` (bench/results/chinese-recall.json; 20 Chinese queries over 369 profiles
 * of the real corpus and 15 made-up ones, relevant = the profile's text contains the query):
 *   - Intl.Segmenter words into unicode61: recall 0.962 (光电 7/8, 教授 11/16, 电子 6/8, 通信 4/5),
 *     because a query word inside a longer segmented word is lost (教授 in 副教授, 电子 in 微电子);
 *   - trigram + instr: recall 1.0 at the same precision, a faster build (no segmentation pass), at
 *     about twice the index size (0.78 MB vs 0.36 MB there) — a price worth a recruiter's misses.
 * The trigram cost in English is substring matching (`art` finds `start`), accepted for the same reason.
 */
export const SCHEMA_VERSION = 1;

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
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
];

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
    for (const m of pending) db.exec(m.sql);
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ).run(String(SCHEMA_VERSION));
  })();
}
