import { createHash } from 'node:crypto';
import { isNameKey } from '../../../processors/resolve/index.js';

/**
 * Ownership by partition: which partition of the mentions topic owns a stored mention, and which
 * of its keys another partition may hold too.
 *
 * The owner is the mention's *family block*: the smallest family part of its name blocks
 * (`name:<family>|<given>|<anchor>` → `family:<family>`). Nearly every key the resolver joins on
 * is a name block joined with an anchor, so nearly every pair of mentions that can be one person
 * shares a family block, and lands in one partition (the message key is the owner; Kafka's
 * partitioner does the rest). Without a name block the owner is the smallest strong key, and
 * without any key the source record itself (such a mention joins nothing).
 *
 * A key is *native* to its owner when it is a name block of the owner's family: only that family's
 * partition can hold it, unless a mention of another owner holds it as a *bridge* key. Bridge keys
 * are the rest: strong identifiers (a CIK shared by "Gates, William H." and "Bill Gates III" under
 * two families, an e-mail), `nameorg:` keys, and the name blocks of a mention's other families (a
 * pinyin name read family-first and family-last, a double-barrelled family name). Bridge keys are
 * what the cross-partition join of docs/distributed.md ("Cross-owner joins") registers: a key held
 * under two owners moves the younger owner's connected part to the smaller owner.
 */
export interface Ownership {
  /** The message key of the mention on the mentions topic: `family:…`, `strong:…` or `source:…`. */
  owner: string;
  /** The keys another owner may hold too, sorted. */
  bridgeKeys: string[];
}

/**
 * The block token of a name key: `name:smith|j|org:acme` → `smith`. A Chinese block keeps the
 * whole given name (`name:zheng|wei|…`), and a Latin pinyin name with a surname at either end is
 * read both ways round ("Wei Zheng" → `zheng|wei` and `wei|zheng`) while 郑伟 has one reading:
 * the token of a block with a whole given name is the smaller of its two parts, the same for both
 * readings, so the three land with one owner.
 */
export function familyOf(nameKey: string): string {
  const [family = '', given = ''] = nameKey.slice('name:'.length).split('|');
  return given.length > 1 && given < family ? given : family;
}

/** The owner of a mention stored under `keys` (storedMentionKeys), from record `sourceId`. */
export function ownershipOf(keys: readonly string[], sourceId: string): Ownership {
  let family: string | undefined;
  for (const k of keys) {
    if (!isNameKey(k)) continue;
    const f = familyOf(k);
    if (family === undefined || f < family) family = f;
  }
  if (family !== undefined) {
    const owner = `family:${family}`;
    return {
      owner,
      bridgeKeys: keys.filter((k) => !isNameKey(k) || familyOf(k) !== family).sort(),
    };
  }
  const sorted = [...keys].sort();
  const first = sorted[0];
  if (first !== undefined) return { owner: `strong:${first}`, bridgeKeys: sorted };
  return { owner: `source:${sourceId}`, bridgeKeys: [] };
}

/**
 * The partition of the mentions topic that owns `owner`: a stable hash, the same in every process
 * (the message's key stays the owner, for reading the topic).
 */
export function ownerPartition(owner: string, partitions: number): number {
  return createHash('sha256').update(owner).digest().readUInt32BE(0) % partitions;
}

/**
 * The partition where a key is *native*: a name block's family partition, where the parse stage
 * sends every mention owned by that family. Any other key (a CIK, an e-mail, `nameorg:`) is native
 * nowhere. A partition that stores a key not native to it registers the key on the bridge registry
 * (bridge-registry.ts), which counts the native partition as a holder without being told.
 */
export function nativePartition(key: string, partitions: number): number | undefined {
  return isNameKey(key) ? ownerPartition(`family:${familyOf(key)}`, partitions) : undefined;
}

/**
 * A record's home partition: the one that hears of every version of the record, and retracts the
 * old mentions from partitions a new version no longer goes to (its people changed owner).
 */
export function recordHome(sourceId: string, partitions: number): number {
  return ownerPartition(`source:${sourceId}`, partitions);
}
