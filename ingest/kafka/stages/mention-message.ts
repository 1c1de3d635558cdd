import type { DocumentInfo, PersonMention } from '../../../processors/model/mention.js';
import type { StagedMention } from '../state-store/partition-store.js';

/**
 * A message of the mentions topic: the mentions one source record holds for one owner, with what
 * the resolve stage needs of the record (its checksum, to skip it when it comes again unchanged).
 * A record whose people have several owners is one message per owner, each keyed by its owner.
 */
export interface MentionMessage {
  schemaVersion: 1;
  kind?: 'records';
  sourceId: string;
  checksum: string;
  fetchedAt: string;
  document: DocumentInfo;
  mentions: PersonMention[];
  /**
   * Every partition this version of the record went to. The record's *home* partition
   * (recordHome) always gets a message, empty when none of its people are owned there: it keeps
   * the list, and a new version that no longer goes to a partition retracts its old mentions there.
   */
  partitions?: number[];
}

/**
 * The cross-owner join (docs/distributed.md) talks to a partition through its own mentions topic,
 * so that what it says is ordered with the partition's records:
 * - `move`: the bridge registry found `key` held here and in the smaller partition `to` as well:
 *   the connected part holding it moves there;
 * - `moved`: a part arriving from another partition, its stored mentions with their origins and
 *   the profile ids they had there (which the receiver removes from the index);
 * - `retract`: a new version of a record came to its origin partition, whose old mentions had
 *   moved here: they are dropped (the new ones follow, or stay where they belong now).
 *
 * And erasure (the erasure topic, which the parse stage hands to every partition):
 * - `erase`: the partition holding the profile's mentions drops them and the profile, and keeps
 *   the person's merge keys hashed;
 * - `erased-keys`: those hashes, for every other partition, so a later mention with one of the
 *   keys is dropped wherever it lands.
 */
export type ControlMessage =
  | { schemaVersion: 1; kind: 'move'; key: string; to: number }
  | { schemaVersion: 1; kind: 'moved'; from: number; mentions: StagedMention[] }
  | {
      schemaVersion: 1;
      kind: 'retract';
      sourceId: string;
      origin: number;
      /** Only if the origin still has this version of the record (a newer one replaced it already). */
      checksum?: string;
    }
  | { schemaVersion: 1; kind: 'erase'; profileId: string }
  | { schemaVersion: 1; kind: 'erased-keys'; hashes: string[] };

export type MentionsTopicMessage = MentionMessage | ControlMessage;

export function encodeMentionMessage(m: Omit<MentionMessage, 'schemaVersion'>): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 1, ...m }));
}

type Unversioned<T> = T extends unknown ? Omit<T, 'schemaVersion'> : never;

export function encodeControlMessage(m: Unversioned<ControlMessage>): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 1, ...m }));
}

export function decodeMentionMessage(value: Buffer): MentionsTopicMessage {
  const m = JSON.parse(value.toString('utf8')) as Partial<MentionMessage> | Partial<ControlMessage>;
  if (m.schemaVersion !== 1)
    throw new Error(`not a mention message (schemaVersion ${String(m.schemaVersion)})`);
  const kind = m.kind ?? 'records';
  const valid =
    kind === 'records'
      ? typeof (m as Partial<MentionMessage>).sourceId === 'string' &&
        Array.isArray((m as Partial<MentionMessage>).mentions)
      : kind === 'move'
        ? typeof (m as { key?: unknown }).key === 'string' && typeof (m as { to?: unknown }).to === 'number'
        : kind === 'moved'
          ? Array.isArray((m as { mentions?: unknown }).mentions)
          : kind === 'retract'
            ? typeof (m as { sourceId?: unknown }).sourceId === 'string'
            : kind === 'erase'
              ? typeof (m as { profileId?: unknown }).profileId === 'string'
              : kind === 'erased-keys' && Array.isArray((m as { hashes?: unknown }).hashes);
  if (!valid) throw new Error(`not a mention message (kind ${String(kind)})`);
  return m as MentionsTopicMessage;
}
