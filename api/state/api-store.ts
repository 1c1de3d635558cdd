import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ensurePrivateDir } from '../../lib/private-files.js';
import { openStateDatabase } from './state-database.js';
import type { Role } from '../access/roles.js';

/**
 * The query service's own state, in `<dataDir>/api.db` (SQLite), apart from the index: API keys
 * created on this machine (hashes only), the audit log, and saved searches with the matches their
 * last run saw. Kept out of the index so it is the same whichever backend holds the profiles, and
 * so a reindex or a rebuilt index never loses it.
 */
const API_STATE_FILE = 'api.db';

const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
  CREATE TABLE api_keys (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    request_id TEXT,
    ip TEXT
  );
  CREATE INDEX audit_log_target ON audit_log (target);
  CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_run_at TEXT NOT NULL,
    last_total INTEGER NOT NULL
  );
  CREATE INDEX saved_searches_owner ON saved_searches (owner, created_at);
  CREATE TABLE saved_search_matches (
    search_id TEXT NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    profile_id TEXT NOT NULL,
    PRIMARY KEY (search_id, profile_id)
  ) WITHOUT ROWID;
  CREATE INDEX saved_search_matches_profile ON saved_search_matches (profile_id);
`;

export interface StoredKey {
  name: string;
  role: Role;
  createdAt: string;
}

/**
 * Every read of a person's data by a caller is audited: with contacts (`profile.read-contacts`),
 * masked (`profile.read`), and the resolution view (`profile.read-resolution`).
 */
export type AuditAction =
  'profile.read-contacts' | 'profile.read' | 'profile.read-resolution' | 'profile.erase';
export type AuditOutcome = 'ok' | 'requested' | 'erased' | 'not-found' | 'failed';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: Role;
  action: AuditAction;
  /** The profile id. */
  target: string;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  requestId?: string;
  ip?: string;
}

export interface SavedSearchRow {
  id: string;
  owner: string;
  name: string;
  /** The search's parameters as the API takes them (see search-params.ts). */
  query: Record<string, unknown>;
  createdAt: string;
  lastRunAt: string;
  lastTotal: number;
}

interface SavedSearchDbRow {
  id: string;
  owner: string;
  name: string;
  query: string;
  created_at: string;
  last_run_at: string;
  last_total: number;
}

const savedSearchOf = (r: SavedSearchDbRow): SavedSearchRow => ({
  id: r.id,
  owner: r.owner,
  name: r.name,
  query: JSON.parse(r.query) as Record<string, unknown>,
  createdAt: r.created_at,
  lastRunAt: r.last_run_at,
  lastTotal: r.last_total,
});

export class ApiStore {
  private readonly db: Database.Database;

  private constructor(readonly file: string) {
    this.db = openStateDatabase(file, { name: 'API state', version: SCHEMA_VERSION, create: SCHEMA_V1 });
  }

  /** Opens (creating if needed) `<dataDir>/api.db`. */
  static open(dataDir: string): ApiStore {
    ensurePrivateDir(dataDir);
    return new ApiStore(join(dataDir, API_STATE_FILE));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- API keys -------------------------------------------------------------------------------

  /** Adds or replaces the key of `name` (replacing revokes the old key at once). */
  putKey(key: { name: string; role: Role; hash: string }, now = new Date()): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (name, role, hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, hash = excluded.hash, created_at = excluded.created_at`,
      )
      .run(key.name, key.role, key.hash, now.toISOString());
  }

  keyByHash(hash: string): { name: string; role: Role } | undefined {
    return this.db
      .prepare<[string], { name: string; role: Role }>('SELECT name, role FROM api_keys WHERE hash = ?')
      .get(hash);
  }

  listKeys(): StoredKey[] {
    return this.db
      .prepare<[], StoredKey>('SELECT name, role, created_at AS createdAt FROM api_keys ORDER BY name')
      .all();
  }

  /** True when the key existed. */
  deleteKey(name: string): boolean {
    return this.db.prepare('DELETE FROM api_keys WHERE name = ?').run(name).changes > 0;
  }

  // --- audit log -----------------------------------------------------------------------------

  appendAudit(entry: Omit<AuditEntry, 'seq' | 'at'>, now = new Date()): number {
    const result = this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, role, action, target, outcome, detail, request_id, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        now.toISOString(),
        entry.actor,
        entry.role,
        entry.action,
        entry.target,
        entry.outcome,
        JSON.stringify(entry.detail),
        entry.requestId ?? null,
        entry.ip ?? null,
      );
    return Number(result.lastInsertRowid);
  }

  /** The outcome of an entry written before the action it records (an erasure). */
  settleAudit(seq: number, outcome: AuditOutcome, detail: Record<string, unknown>): void {
    this.db
      .prepare('UPDATE audit_log SET outcome = ?, detail = ? WHERE seq = ?')
      .run(outcome, JSON.stringify(detail), seq);
  }

  /** Newest first. */
  audit(options: { limit: number; target?: string; action?: AuditAction }): AuditEntry[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (options.target !== undefined) {
      where.push('target = ?');
      params.push(options.target);
    }
    if (options.action !== undefined) {
      where.push('action = ?');
      params.push(options.action);
    }
    const rows = this.db
      .prepare<
        Array<string | number>,
        {
          seq: number;
          at: string;
          actor: string;
          role: Role;
          action: AuditAction;
          target: string;
          outcome: AuditOutcome;
          detail: string;
          request_id: string | null;
          ip: string | null;
        }
      >(
        `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...params, options.limit);
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      role: r.role,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ...(r.request_id !== null ? { requestId: r.request_id } : {}),
      ...(r.ip !== null ? { ip: r.ip } : {}),
    }));
  }

  // --- saved searches ------------------------------------------------------------------------

  createSavedSearch(
    search: { id: string; owner: string; name: string; query: Record<string, unknown> },
    run: { at: string; total: number; matchIds: readonly string[] },
  ): SavedSearchRow {
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO saved_searches (id, owner, name, query, created_at, last_run_at, last_total) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(search.id, search.owner, search.name, JSON.stringify(search.query), run.at, run.at, run.total);
      this.addMatches(search.id, run.matchIds);
    })();
    return this.savedSearch(search.id) as SavedSearchRow;
  }

  savedSearch(id: string): SavedSearchRow | undefined {
    const row = this.db
      .prepare<[string], SavedSearchDbRow>('SELECT * FROM saved_searches WHERE id = ?')
      .get(id);
    return row ? savedSearchOf(row) : undefined;
  }

  savedSearchesOf(owner: string): SavedSearchRow[] {
    return this.db
      .prepare<[string], SavedSearchDbRow>(
        'SELECT * FROM saved_searches WHERE owner = ? ORDER BY created_at, id',
      )
      .all(owner)
      .map(savedSearchOf);
  }

  deleteSavedSearch(id: string): boolean {
    return this.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
  }

  /** Of `ids`, those the search's earlier runs had not seen. */
  unseenMatches(searchId: string, ids: readonly string[]): string[] {
    if (ids.length === 0) return [];
    const seen = new Set<string>();
    const stmt = this.db.prepare<[string, string], { profile_id: string }>(
      'SELECT profile_id FROM saved_search_matches WHERE search_id = ? AND profile_id = ?',
    );
    for (const id of ids) if (stmt.get(searchId, id)) seen.add(id);
    return ids.filter((id) => !seen.has(id));
  }

  /** Records a run: its time and total, and the matches it saw (added to those seen before). */
  recordRun(searchId: string, run: { at: string; total: number; matchIds: readonly string[] }): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE saved_searches SET last_run_at = ?, last_total = ? WHERE id = ?')
        .run(run.at, run.total, searchId);
      this.addMatches(searchId, run.matchIds);
    })();
  }

  /** Erasure: the person's id leaves every saved search's record of matches. */
  forgetProfile(profileId: string): void {
    this.db.prepare('DELETE FROM saved_search_matches WHERE profile_id = ?').run(profileId);
    // The rows are zeroed in the file (secure_delete); the WAL's older copies go with a checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private addMatches(searchId: string, ids: readonly string[]): void {
    const stmt = this.db.prepare(
      'INSERT OR IGNORE INTO saved_search_matches (search_id, profile_id) VALUES (?, ?)',
    );
    for (const id of ids) stmt.run(searchId, id);
  }
}
