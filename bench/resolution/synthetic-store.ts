/**
 * What an embedded ingest left in its data directory, read back for evaluation: the stored
 * mentions (`mentions` table, indexer/embedded/ingest-state.ts) and the profiles' evidence, which
 * say which profile each mention ended in.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseDoc, type StoredDoc } from '../../indexer/embedded/doc-codec.js';
import { INDEX_FILE } from '../../indexer/embedded/index.js';
import type { DocumentInfo, PersonMention } from '../../processors/model/mention.js';
import type { ProfileMerge, TalentProfile } from '../../processors/model/profile.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';

export interface StoredMentionRow {
  mentionId: string;
  sourceId: string;
  /** The profile the mentions table files the mention under. */
  profileId: string;
  fetchedAt: string;
  document: DocumentInfo;
  mention: PersonMention;
}

interface Row {
  mention_id: string;
  source_id: string;
  profile_id: string;
  record: StoredDoc;
}

export function readStoredMentions(dataDir: string): StoredMentionRow[] {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  try {
    const out: StoredMentionRow[] = [];
    for (const r of db
      .prepare('SELECT mention_id, source_id, profile_id, record FROM mentions ORDER BY mid')
      .iterate() as IterableIterator<Row>) {
      const stored = parseDoc<{ fetchedAt: string; document: DocumentInfo; mention: PersonMention }>(
        r.record,
      );
      out.push({
        mentionId: r.mention_id,
        sourceId: r.source_id,
        profileId: r.profile_id,
        fetchedAt: stored.fetchedAt,
        document: stored.document,
        mention: stored.mention,
      });
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * Profile id per mention id, from each profile's evidence; the merges that made each profile; and
 * how many profiles the index holds.
 */
export function profileOwners(dataDir: string): {
  owner: Map<string, string>;
  merges: Map<string, ProfileMerge[]>;
  profiles: number;
} {
  const db = new Database(join(dataDir, INDEX_FILE), { readonly: true });
  try {
    const owner = new Map<string, string>();
    const merges = new Map<string, ProfileMerge[]>();
    let profiles = 0;
    for (const r of db
      .prepare('SELECT p.id AS id, d.doc AS doc FROM profiles p JOIN profile_docs d ON d.rid = p.rid')
      .iterate() as IterableIterator<{ id: string; doc: StoredDoc }>) {
      profiles++;
      const profile = parseDoc<TalentProfile>(r.doc);
      for (const e of profile.evidence) owner.set(e.mentionId, r.id);
      if (profile.merges !== undefined && profile.merges.length > 0) merges.set(r.id, profile.merges);
    }
    return { owner, merges, profiles };
  } finally {
    db.close();
  }
}

/** The parsed records the stored mentions came from, as the profile builder takes them. */
export function parsedRecords(rows: readonly StoredMentionRow[]): ParsedRecord[] {
  const bySource = new Map<string, ParsedRecord>();
  for (const r of rows) {
    const record = bySource.get(r.sourceId);
    if (record) record.mentions.push(r.mention);
    else
      bySource.set(r.sourceId, {
        sourceId: r.sourceId,
        fetchedAt: r.fetchedAt,
        document: r.document,
        mentions: [r.mention],
      });
  }
  return [...bySource.values()];
}
