import type Database from 'better-sqlite3';
import type { TalentProfile } from '../../processors/model/profile.js';
import { decodeDoc, encodeDoc, type StoredDoc } from './doc-codec.js';
import { foldText, indexedSkills, searchColumns, shortColumns } from './search-text.js';

/**
 * Writes one profile into the row, filter, facet and full-text tables. Callers hold the
 * transaction; the document is stored whole (`doc`) and every other table is derived from it.
 */
export class ProfileWriter {
  private readonly findRow;
  private readonly insert;
  private readonly update;
  private readonly clear;
  private readonly removeRow;
  private readonly addScore;
  private readonly addPlace;
  private readonly addSkill;
  private readonly addEvidence;
  private readonly addText;
  private readonly addShort;
  private readonly putDoc;

  constructor(db: Database.Database) {
    this.findRow = db.prepare<[string], { rid: number; doc: StoredDoc }>(
      'SELECT p.rid AS rid, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid WHERE p.id = ?',
    );
    this.insert = db.prepare<[string, string, string, number, string, number], { rid: number }>(
      'INSERT INTO profiles (id, display_name, tier, priority, last_seen, evidence_count) VALUES (?, ?, ?, ?, ?, ?) RETURNING rid',
    );
    this.update = db.prepare(
      'UPDATE profiles SET display_name = ?, tier = ?, priority = ?, last_seen = ?, evidence_count = ? WHERE rid = ?',
    );
    this.clear = ['scores', 'locations', 'skills', 'evidence', 'fts', 'fts_short'].map((t) =>
      db.prepare(`DELETE FROM ${t} WHERE ${t.startsWith('fts') ? 'rowid' : 'rid'} = ?`),
    );
    this.removeRow = db.prepare('DELETE FROM profiles WHERE rid = ?');
    this.putDoc = db.prepare('INSERT OR REPLACE INTO profile_docs (rid, doc) VALUES (?, ?)');
    this.addScore = db.prepare('INSERT INTO scores (rid, industry, score) VALUES (?, ?, ?)');
    this.addPlace = db.prepare(
      'INSERT INTO locations (rid, country, region_code, region, region_zh, city, city_zh) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.addSkill = db.prepare('INSERT INTO skills (rid, label, key) VALUES (?, ?, ?)');
    this.addEvidence = db.prepare(
      'INSERT INTO evidence (rid, source_id, mention_id, source_kind) VALUES (?, ?, ?, ?)',
    );
    this.addShort = db.prepare(
      'INSERT INTO fts_short (rowid, name, title, org, skill, body) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.addText = db.prepare(
      'INSERT INTO fts (rowid, name, title, org, skill, body) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  find(id: string): { rid: number; doc: StoredDoc } | undefined {
    return this.findRow.get(id);
  }

  /**
   * Inserts the profile, or overwrites the stored row with it (derived rows rebuilt). A profile
   * identical to the stored one is left alone: an ingest rebuilds every profile a batch touches,
   * and most come out unchanged, while rewriting the full-text row is the costliest part of a write.
   */
  write(p: TalentProfile, existing?: { rid: number; doc: StoredDoc }): void {
    const doc = JSON.stringify(p);
    if (existing !== undefined && decodeDoc(existing.doc) === doc) return;
    let rid = existing?.rid;
    const row = [p.displayName, p.tier, p.priorityScore, p.lastSeen, p.evidence.length] as const;
    if (rid === undefined) {
      rid = (this.insert.get(p.id, ...row) as { rid: number }).rid;
    } else {
      this.update.run(...row, rid);
      for (const c of this.clear) c.run(rid);
    }
    this.putDoc.run(rid, encodeDoc(doc));
    // Only scores above zero: every filter, sort and facet reads a missing row as 0.
    for (const [industry, score] of Object.entries(p.scores))
      if (score > 0) this.addScore.run(rid, industry, score);
    for (const l of p.locations)
      this.addPlace.run(
        rid,
        l.country ?? null,
        l.regionCode ?? null,
        l.region ?? null,
        l.regionZh ?? null,
        l.city ?? null,
        l.cityZh ?? null,
      );
    for (const s of indexedSkills(p)) {
      const keys = new Set([s.label, s.zh, s.id].filter((k): k is string => !!k).map(foldText));
      for (const key of keys) this.addSkill.run(rid, s.label, key);
    }
    for (const e of p.evidence) this.addEvidence.run(rid, e.sourceId, e.mentionId, e.sourceKind);
    const t = searchColumns(p);
    this.addText.run(rid, t.name, t.title, t.org, t.skill, t.body);
    const short = shortColumns(t);
    this.addShort.run(rid, short.name, short.title, short.org, short.skill, short.body);
  }

  /** Removes the profile and its derived rows; true when it existed. */
  remove(id: string): boolean {
    const row = this.findRow.get(id);
    if (!row) return false;
    this.clear[4]?.run(row.rid);
    this.clear[5]?.run(row.rid);
    // scores, locations, skills, evidence and the document go with it (ON DELETE CASCADE).
    this.removeRow.run(row.rid);
    return true;
  }
}
