/**
 * Person resolution: which mentions are one person. Built to replace the key merge of
 * `processors/profile/build-profiles.ts`; see bench/resolution/README.md for how it is measured.
 *
 *   toResolvable(mention)            → what resolution compares (plain data)
 *   blockingKeys(resolvable)         → the keys to store with the mention (strong + name blocks)
 *   compareMentions(a, b)            → pairwise evidence with reasons and weights
 *   resolveMentions(resolvables)     → clusters of mention ids, each merge with its reasons
 */
import type { PersonMention } from '../model/mention.js';
import { mentionKeys } from '../profile/mention-keys.js';
import { blockingKeys } from './blocking-keys.js';
import { resolveMentions, type ResolveOptions, type ResolvedCluster } from './cluster.js';
import { toResolvable, type ResolvableMention } from './resolvable.js';

export {
  blockingKeys,
  isNameKey,
  isStrongKey,
  nameBlockKeys,
  strongKeys,
  STRONG_KEY_PREFIXES,
} from './blocking-keys.js';
export {
  connectedParts,
  DEFAULT_THRESHOLD,
  DEFAULT_UNANCHORED_THRESHOLD,
  resolveMentions,
  type MergeStep,
  type ResolveOptions,
  type ResolvedCluster,
} from './cluster.js';
export { compareNameForms, nameForm, nameForms, type NameForm, type NameMatch } from './name-form.js';
export {
  compareMentions,
  DEFAULT_PAIR_WEIGHTS,
  describeEvidence,
  type PairEvidence,
  type PairWeights,
  type Reason,
} from './pairwise.js';
export { toResolvable, type ResolvableMention } from './resolvable.js';

/**
 * `toResolvable` once per parsed mention object: a rebuild needs it for the keys it stores and
 * again for the clustering of the same mentions.
 */
const resolvables = new WeakMap<PersonMention, ResolvableMention>();

export function resolvableOf(mention: PersonMention): ResolvableMention {
  let r = resolvables.get(mention);
  if (r === undefined) {
    r = toResolvable(mention);
    resolvables.set(mention, r);
  }
  return r;
}

/** The blocking keys of a parsed mention: what the ingest would store with it. */
export function mentionBlockingKeys(mention: PersonMention): readonly string[] {
  return blockingKeys(resolvableOf(mention));
}

/**
 * The keys the ingest stores with a mention: its blocking keys — so the stored mentions loaded
 * with a new one (the connected part of the key graph) are those the resolver would compare it
 * with — plus its `nameorg:` keys, which an erasure keeps (indexer/erasure-keys.ts).
 */
export function storedMentionKeys(mention: PersonMention): string[] {
  return [...new Set([...mentionBlockingKeys(mention), ...mentionKeys(mention).nameOrg])].sort();
}

/** Resolves parsed mentions directly (features computed on the way). */
export function resolvePersonMentions(
  mentions: readonly PersonMention[],
  options: ResolveOptions = {},
): ResolvedCluster[] {
  return resolveMentions(mentions.map(resolvableOf), options);
}
