import { setTimeout as sleep } from 'node:timers/promises';
import type { SharedIngestState } from '../../indexer/ingest-state.js';
import { profileDigest } from '../../indexer/profile-digest.js';
import type { Logger } from '../../lib/logger.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import type { ProfileFactory } from '../../processors/profile-factory.js';
import { resolveBatch } from '../resolve-batch.js';

/** What a commit wrote for the people it rebuilt: checked against the index afterwards. */
export interface Settled {
  /** The mentions the rebuild saw and the keys that reached them. */
  basis: { mentionIds: ReadonlySet<string>; keys: readonly string[] };
  /** The profiles it put. */
  put: readonly TalentProfile[];
}

export interface SettleContext {
  state: SharedIngestState;
  factory: ProfileFactory;
  logger: Logger;
}

/** Re-checks after one commit before giving up (each round follows a rebuild after a race). */
const SETTLE_ROUNDS = 10;

/**
 * Several workers on one index rebuild people without a transaction: two can rebuild one person
 * from different views (one without the other's new mention, or with owners read before the
 * other's commit), and their writes interleave. So after its commit a worker checks the people
 * it rebuilt against the index as it is now:
 * - no stored mention reached from their keys is missing from its rebuild;
 * - every stored mention names the profile the rebuild put it in;
 * - the profiles holding those mentions are exactly the ones it put, with the content it put.
 *
 * Otherwise it rebuilds from the mentions as stored now, removes every other profile holding
 * them, and checks again. Every commit is followed by its writer's check, so the check that
 * starts last starts after every commit has finished: it sees the final state and repairs what
 * a race left (a profile nobody points to any more, a mention naming a stale profile, a stale
 * profile written over a fresh one).
 *
 * Returns the number of rebuilds it made.
 */
export async function settleRebuild(context: SettleContext, first: Settled): Promise<number> {
  const { state, factory, logger } = context;
  let current = first;
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    if (current.basis.keys.length === 0 && current.put.length === 0) return round;
    // Both reads at once: the holders of the mentions the rebuild saw are enough to decide; a
    // mention it did not see makes the check fail anyway, and the next round looks at its holders.
    const [stored, holding] = await Promise.all([
      state.connectedOwners(current.basis.keys),
      state.profilesHolding([...current.basis.mentionIds]),
    ]);
    const owner = new Map<string, string>();
    const digests = new Map<string, string>();
    for (const p of current.put) {
      digests.set(p.id, profileDigest(p));
      for (const e of p.evidence) owner.set(e.mentionId, p.id);
    }
    const consistent =
      stored.every(
        (m) => current.basis.mentionIds.has(m.mentionId) && owner.get(m.mentionId) === m.profileId,
      ) &&
      holding.size === digests.size &&
      [...digests].every(([id, digest]) => holding.get(id) === digest);
    if (consistent) return round;
    // Another writer's turn may still be in flight: a random pause keeps two from repeating a race.
    if (round > 0) await sleep(Math.random() * 50 * round);
    const again = await resolveBatch([], new Set(), state, factory, current.basis.keys);
    const putIds = new Set(again.profiles.put.map((p) => p.id));
    const strays = [...holding.keys()].filter((id) => !putIds.has(id));
    await state.commit({
      records: [],
      replacedSources: [],
      mentions: again.mentions, // stored mentions re-filed under today's keys, if any
      moved: again.moved,
      profiles: { put: again.profiles.put, remove: [...new Set([...again.profiles.remove, ...strays])] },
      finishedInputs: [],
    });
    current = { basis: again.basis, put: again.profiles.put };
  }
  // Not seen in practice; every mention is stored, so `talent-brain rescore` rebuilds these people.
  logger.error(
    { keys: current.basis.keys.slice(0, 20), rounds: SETTLE_ROUNDS },
    'worker.settle.unresolved: other writers kept changing these people; run `talent-brain rescore` once they are idle',
  );
  return SETTLE_ROUNDS;
}
