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
function familyOf(nameKey: string): string {
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
