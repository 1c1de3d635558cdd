import type { ReplaceBatch } from '../indexer/contract.js';
import type { IngestState, StoredMention } from '../indexer/ingest-state.js';
import type { TalentProfile } from '../processors/model/profile.js';
import type { ProfileFactory } from '../processors/profile-factory.js';
import type { ParsedRecord } from '../processors/profile/build-profiles.js';
import { storedMentionKeys } from '../processors/resolve/index.js';

export interface ResolvedBatch {
  /** The batch's mentions, with the profile each belongs to. */
  mentions: StoredMention[];
  /** Stored mentions whose profile changed in the rebuild. */
  moved: Array<{ mentionId: string; profileId: string }>;
  /**
   * Stored mentions filed under keys other than today's (stored before a change of the blocking
   * keys): they are in `mentions` again with their new keys. `resolve --rebuild` walks the store
   * until none is left.
   */
  rekeyed: number;
  /** Every mention the rebuilt profiles were built from, and the keys that reached them. */
  basis: { mentionIds: Set<string>; keys: string[] };
  profiles: ReplaceBatch;
}

function keysOf(record: ParsedRecord): string[][] {
  return record.mentions.map(storedMentionKeys);
}

/**
 * Turns a batch of parsed records into whole profiles. Every stored mention that shares a key with
 * the batch (transitively) is loaded, and the profiles of that connected part are rebuilt from all
 * their mentions, in a fixed order. So a person's profile is a function of their mentions only:
 * the same whatever the batching, the arrival order, or how often a batch is replayed.
 *
 * `replacing` are records of the batch that were ingested before with other content: their old
 * mentions are dropped from the rebuild.
 */
export async function resolveBatch(
  records: readonly ParsedRecord[],
  replacing: ReadonlySet<string>,
  state: IngestState,
  factory: ProfileFactory,
  /** More keys whose connected parts are rebuilt too (a re-check after a concurrent writer). */
  extraKeys: readonly string[] = [],
  /** Stored records whose people are rebuilt too (mentions with no merge key: the rescore). */
  extraSources: readonly string[] = [],
): Promise<ResolvedBatch> {
  const batchKeys = records.map(keysOf);
  const batchSources = new Set(records.map((r) => r.sourceId));
  const allKeys = [...new Set([...batchKeys.flat(2), ...extraKeys])];
  const stored = await state.connectedMentions(allKeys, [...replacing, ...extraSources]);
  const previousOwner = new Map(stored.map((m) => [m.mentionId, m.profileId]));
  const kept = stored.filter((m) => !batchSources.has(m.sourceId) && !replacing.has(m.sourceId));

  // Rebuild input: stored mentions regrouped into their records, then the batch's records.
  const bySource = new Map<string, ParsedRecord>();
  const keysByMention = new Map<string, string[]>();
  const storedWith = new Map<string, StoredMention>();
  for (const m of kept) {
    storedWith.set(m.mentionId, m);
    let record = bySource.get(m.sourceId);
    if (!record) {
      record = { sourceId: m.sourceId, fetchedAt: m.fetchedAt, document: m.document, mentions: [] };
      bySource.set(m.sourceId, record);
    }
    record.mentions.push(m.mention);
    keysByMention.set(m.mentionId, m.keys);
  }
  records.forEach((record, i) => {
    bySource.set(record.sourceId, record);
    record.mentions.forEach((m, j) => keysByMention.set(m.mentionId, batchKeys[i]?.[j] ?? []));
  });
  const ordered = [...bySource.values()]
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0))
    .map((r) => ({
      ...r,
      mentions: [...r.mentions].sort((a, b) =>
        a.mentionId < b.mentionId ? -1 : a.mentionId > b.mentionId ? 1 : 0,
      ),
    }));

  const profiles = factory.profiles(ordered);
  const owner = new Map<string, TalentProfile>();
  for (const p of profiles) for (const e of p.evidence) owner.set(e.mentionId, p);

  const mentions: StoredMention[] = [];
  const moved: ResolvedBatch['moved'] = [];
  let rekeyed = 0;
  for (const record of ordered)
    for (const mention of record.mentions) {
      const profile = owner.get(mention.mentionId);
      if (!profile) continue; // a mention the builder dropped (no usable name): nothing to rebuild from it
      const stored = storedWith.get(mention.mentionId);
      if (stored) {
        // Stored already: only its profile may have changed — or, after an upgrade, its keys.
        const keys = storedMentionKeys(mention);
        if (!sameKeys(keys, stored.keys)) {
          rekeyed++;
          mentions.push({ ...stored, profileId: profile.id, keys });
        } else if (previousOwner.get(mention.mentionId) !== profile.id)
          moved.push({ mentionId: mention.mentionId, profileId: profile.id });
        continue;
      }
      mentions.push({
        mentionId: mention.mentionId,
        sourceId: record.sourceId,
        profileId: profile.id,
        keys: keysByMention.get(mention.mentionId) ?? [],
        fetchedAt: record.fetchedAt,
        document: record.document,
        mention,
      });
    }

  const newIds = new Set(profiles.map((p) => p.id));
  const remove = [...new Set(previousOwner.values())].filter((id) => !newIds.has(id));
  const mentionIds = new Set(ordered.flatMap((r) => r.mentions.map((m) => m.mentionId)));
  return {
    mentions,
    moved,
    rekeyed,
    profiles: { put: profiles, remove },
    basis: { mentionIds, keys: allKeys },
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((k) => set.has(k));
}
