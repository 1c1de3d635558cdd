import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ensurePrivateDir } from '../../lib/private-files.js';
import { openStateDatabase } from '../state/state-database.js';

/**
 * Talent pools (projects) in `<dataDir>/pools.db` (SQLite), apart from the index and from api.db:
 * named pools of a key (or shared with every recruiter), their members with a stage, tags and
 * notes, and an audit entry for every change. An erased person leaves every pool: membership,
 * tags, notes, and their id in older audit entries; one entry per pool records the erasure
 * without naming the person.
 */
const POOLS_FILE = 'pools.db';
const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
  CREATE TABLE pools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    owner TEXT NOT NULL,
    shared INTEGER NOT NULL,
    stages TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX pools_owner ON pools (owner);
  CREATE TABLE pool_members (
    pool_id TEXT NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
    profile_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pool_id, profile_id)
  ) WITHOUT ROWID;
  CREATE INDEX pool_members_profile ON pool_members (profile_id);
  CREATE TABLE pool_tags (
    pool_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (pool_id, profile_id, tag),
    FOREIGN KEY (pool_id, profile_id) REFERENCES pool_members (pool_id, profile_id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE TABLE pool_notes (
    id INTEGER PRIMARY KEY,
    pool_id TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL,
    FOREIGN KEY (pool_id, profile_id) REFERENCES pool_members (pool_id, profile_id) ON DELETE CASCADE
  );
  CREATE INDEX pool_notes_member ON pool_notes (pool_id, profile_id);
  CREATE TABLE pool_audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    pool_id TEXT NOT NULL,
    profile_id TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX pool_audit_pool ON pool_audit (pool_id, seq);
  CREATE INDEX pool_audit_profile ON pool_audit (profile_id);
`;

export interface Pool {
  id: string;
  name: string;
  owner: string;
  shared: boolean;
  /** The stages a member moves through, in order (the first is where a new member starts). */
  stages: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PoolNote {
  id: number;
  author: string;
  at: string;
  text: string;
}

export interface PoolMember {
  profileId: string;
  stage: string;
  tags: string[];
  addedBy: string;
  addedAt: string;
  updatedAt: string;
  notes: PoolNote[];
}

export type PoolAuditAction =
  | 'pool.create'
  | 'pool.update'
  | 'pool.delete'
  | 'member.add'
  | 'member.stage'
  | 'member.tags'
  | 'member.note'
  | 'member.remove'
  | 'member.erased'
  | 'pool.export';

export interface PoolAuditEntry {
  seq: number;
  at: string;
  actor: string;
  poolId: string;
  /** Absent for pool-level changes, and for every entry about a person erased since. */
  profileId?: string;
  action: PoolAuditAction;
  detail: Record<string, unknown>;
}

interface PoolRow {
  id: string;
  name: string;
  owner: string;
  shared: number;
  stages: string;
  created_at: string;
  updated_at: string;
}

const poolOf = (r: PoolRow): Pool => ({
  id: r.id,
  name: r.name,
  owner: r.owner,
  shared: r.shared === 1,
  stages: JSON.parse(r.stages) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class PoolStore {
  private readonly db: Database.Database;

  private constructor(readonly file: string) {
    this.db = openStateDatabase(file, { name: 'pools', version: SCHEMA_VERSION, create: SCHEMA_V1 });
  }

  /** Opens (creating if needed) `<dataDir>/pools.db`. */
  static open(dataDir: string): PoolStore {
    ensurePrivateDir(dataDir);
    return new PoolStore(join(dataDir, POOLS_FILE));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- pools ------------------------------------------------------------------------------------

  createPool(pool: Omit<Pool, 'createdAt' | 'updatedAt'>, now = new Date()): Pool {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO pools (id, name, owner, shared, stages, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(pool.id, pool.name, pool.owner, pool.shared ? 1 : 0, JSON.stringify(pool.stages), at, at);
      this.audit(pool.owner, pool.id, undefined, 'pool.create', { name: pool.name, shared: pool.shared }, at);
    })();
    return this.pool(pool.id) as Pool;
  }

  pool(id: string): Pool | undefined {
    const row = this.db.prepare<[string], PoolRow>('SELECT * FROM pools WHERE id = ?').get(id);
    return row ? poolOf(row) : undefined;
  }

  /** The key's own pools and every shared pool, newest first, with members per stage. */
  poolsVisibleTo(owner: string): Array<Pool & { members: number; byStage: Record<string, number> }> {
    const rows = this.db
      .prepare<[string], PoolRow>(
        'SELECT * FROM pools WHERE owner = ? OR shared = 1 ORDER BY created_at DESC, id',
      )
      .all(owner);
    const counts = this.db.prepare<[string], { stage: string; n: number }>(
      'SELECT stage, count(*) AS n FROM pool_members WHERE pool_id = ? GROUP BY stage',
    );
    return rows.map((r) => {
      const byStage = Object.fromEntries(counts.all(r.id).map((c) => [c.stage, c.n]));
      const members = Object.values(byStage).reduce((a, b) => a + b, 0);
      return { ...poolOf(r), members, byStage };
    });
  }

  updatePool(
    actor: string,
    id: string,
    change: { name?: string; shared?: boolean; stages?: string[] },
    now = new Date(),
  ): Pool {
    const at = now.toISOString();
    this.db.transaction(() => {
      const current = this.pool(id);
      if (!current) return;
      const next = { ...current, ...change };
      this.db
        .prepare('UPDATE pools SET name = ?, shared = ?, stages = ?, updated_at = ? WHERE id = ?')
        .run(next.name, next.shared ? 1 : 0, JSON.stringify(next.stages), at, id);
      this.audit(actor, id, undefined, 'pool.update', change, at);
    })();
    return this.pool(id) as Pool;
  }

  deletePool(actor: string, id: string, now = new Date()): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pools WHERE id = ?').run(id);
      this.audit(actor, id, undefined, 'pool.delete', {}, now.toISOString());
    })();
  }

  // --- members ----------------------------------------------------------------------------------

  members(poolId: string): PoolMember[] {
    const rows = this.db
      .prepare<
        [string],
        { profile_id: string; stage: string; added_by: string; added_at: string; updated_at: string }
      >('SELECT * FROM pool_members WHERE pool_id = ? ORDER BY added_at, profile_id')
      .all(poolId);
    return rows.map((r) => this.memberOf(poolId, r));
  }

  member(poolId: string, profileId: string): PoolMember | undefined {
    const row = this.db
      .prepare<
        [string, string],
        { profile_id: string; stage: string; added_by: string; added_at: string; updated_at: string }
      >('SELECT * FROM pool_members WHERE pool_id = ? AND profile_id = ?')
      .get(poolId, profileId);
    return row ? this.memberOf(poolId, row) : undefined;
  }

  private memberOf(
    poolId: string,
    r: { profile_id: string; stage: string; added_by: string; added_at: string; updated_at: string },
  ): PoolMember {
    const tags = this.db
      .prepare<[string, string], { tag: string }>(
        'SELECT tag FROM pool_tags WHERE pool_id = ? AND profile_id = ? ORDER BY tag',
      )
      .all(poolId, r.profile_id)
      .map((t) => t.tag);
    const notes = this.db
      .prepare<[string, string], PoolNote>(
        'SELECT id, author, at, text FROM pool_notes WHERE pool_id = ? AND profile_id = ? ORDER BY id',
      )
      .all(poolId, r.profile_id);
    return {
      profileId: r.profile_id,
      stage: r.stage,
      tags,
      addedBy: r.added_by,
      addedAt: r.added_at,
      updatedAt: r.updated_at,
      notes,
    };
  }

  /** Adds a person (false when already a member: nothing changes then). */
  addMember(
    actor: string,
    poolId: string,
    member: { profileId: string; stage: string; tags: readonly string[]; note?: string },
    now = new Date(),
  ): boolean {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const added = this.db
        .prepare(
          'INSERT OR IGNORE INTO pool_members (pool_id, profile_id, stage, added_by, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(poolId, member.profileId, member.stage, actor, at, at).changes;
      if (added === 0) return false;
      this.writeTags(poolId, member.profileId, member.tags);
      this.audit(
        actor,
        poolId,
        member.profileId,
        'member.add',
        { stage: member.stage, tags: member.tags },
        at,
      );
      if (member.note !== undefined) this.insertNote(actor, poolId, member.profileId, member.note, at);
      this.touch(poolId, at);
      return true;
    })();
  }

  moveMember(actor: string, poolId: string, profileId: string, stage: string, now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      const from = this.member(poolId, profileId)?.stage;
      if (from === stage) return;
      this.db
        .prepare('UPDATE pool_members SET stage = ?, updated_at = ? WHERE pool_id = ? AND profile_id = ?')
        .run(stage, at, poolId, profileId);
      this.audit(actor, poolId, profileId, 'member.stage', { from, to: stage }, at);
      this.touch(poolId, at);
    })();
  }

  setTags(actor: string, poolId: string, profileId: string, tags: readonly string[], now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      const before = this.member(poolId, profileId)?.tags ?? [];
      this.writeTags(poolId, profileId, tags);
      this.db
        .prepare('UPDATE pool_members SET updated_at = ? WHERE pool_id = ? AND profile_id = ?')
        .run(at, poolId, profileId);
      this.audit(
        actor,
        poolId,
        profileId,
        'member.tags',
        { from: before, to: [...new Set(tags)].sort() },
        at,
      );
      this.touch(poolId, at);
    })();
  }

  addNote(actor: string, poolId: string, profileId: string, text: string, now = new Date()): PoolNote {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const note = this.insertNote(actor, poolId, profileId, text, at);
      this.touch(poolId, at);
      return note;
    })();
  }

  removeMember(actor: string, poolId: string, profileId: string, now = new Date()): boolean {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const removed = this.db
        .prepare('DELETE FROM pool_members WHERE pool_id = ? AND profile_id = ?')
        .run(poolId, profileId).changes;
      if (removed > 0) {
        this.audit(actor, poolId, profileId, 'member.remove', {}, at);
        this.touch(poolId, at);
      }
      return removed > 0;
    })();
  }

  /** A CSV export of the pool, audited. */
  recordExport(actor: string, poolId: string, members: number, now = new Date()): void {
    this.audit(actor, poolId, undefined, 'pool.export', { members }, now.toISOString());
  }

  /**
   * Erasure: the person leaves every pool — membership, tags, notes — and older audit entries
   * forget their id and what they said about them; each pool they were in gets one entry saying a
   * member was erased (with the erasure's audit number), naming nobody. Returns the pools.
   */
  forgetProfile(profileId: string, erasureAuditSeq: number, now = new Date()): string[] {
    const at = now.toISOString();
    const pools = this.db.transaction(() => {
      const ids = this.db
        .prepare<[string], { pool_id: string }>('SELECT pool_id FROM pool_members WHERE profile_id = ?')
        .all(profileId)
        .map((r) => r.pool_id);
      this.db.prepare('DELETE FROM pool_notes WHERE profile_id = ?').run(profileId);
      this.db.prepare('DELETE FROM pool_tags WHERE profile_id = ?').run(profileId);
      this.db.prepare('DELETE FROM pool_members WHERE profile_id = ?').run(profileId);
      this.db
        .prepare('UPDATE pool_audit SET profile_id = NULL, detail = \'{"erased":true}\' WHERE profile_id = ?')
        .run(profileId);
      for (const pool of ids)
        this.audit('erasure', pool, undefined, 'member.erased', { erasureAuditSeq }, at);
      return ids;
    })();
    // The rows are zeroed in the file (secure_delete); the WAL's older copies go with a checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return pools;
  }

  auditOf(poolId: string, limit: number): PoolAuditEntry[] {
    return this.db
      .prepare<
        [string, number],
        {
          seq: number;
          at: string;
          actor: string;
          pool_id: string;
          profile_id: string | null;
          action: PoolAuditAction;
          detail: string;
        }
      >('SELECT * FROM pool_audit WHERE pool_id = ? ORDER BY seq DESC LIMIT ?')
      .all(poolId, limit)
      .map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        poolId: r.pool_id,
        ...(r.profile_id !== null ? { profileId: r.profile_id } : {}),
        action: r.action,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
  }

  private insertNote(actor: string, poolId: string, profileId: string, text: string, at: string): PoolNote {
    const id = Number(
      this.db
        .prepare('INSERT INTO pool_notes (pool_id, profile_id, author, at, text) VALUES (?, ?, ?, ?, ?)')
        .run(poolId, profileId, actor, at, text).lastInsertRowid,
    );
    // The note's text is in the pool, not in the audit: erasure then has one place to clear.
    this.audit(actor, poolId, profileId, 'member.note', { noteId: id, length: text.length }, at);
    return { id, author: actor, at, text };
  }

  private writeTags(poolId: string, profileId: string, tags: readonly string[]): void {
    this.db.prepare('DELETE FROM pool_tags WHERE pool_id = ? AND profile_id = ?').run(poolId, profileId);
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO pool_tags (pool_id, profile_id, tag) VALUES (?, ?, ?)',
    );
    for (const tag of tags) insert.run(poolId, profileId, tag);
  }

  private touch(poolId: string, at: string): void {
    this.db.prepare('UPDATE pools SET updated_at = ? WHERE id = ?').run(at, poolId);
  }

  private audit(
    actor: string,
    poolId: string,
    profileId: string | undefined,
    action: PoolAuditAction,
    detail: Record<string, unknown>,
    at: string,
  ): void {
    this.db
      .prepare(
        'INSERT INTO pool_audit (at, actor, pool_id, profile_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(at, actor, poolId, profileId ?? null, action, JSON.stringify(detail));
  }
}
