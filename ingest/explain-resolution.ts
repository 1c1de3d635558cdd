import type { IngestState, StoredMention } from '../indexer/ingest-state.js';
import type { ProfileMerge, TalentProfile } from '../processors/model/profile.js';
import {
  blockingKeys,
  compareMentions,
  DEFAULT_THRESHOLD,
  describeEvidence,
  isNameKey,
  resolveMentions,
  toResolvable,
  type PairEvidence,
  type ResolvableMention,
  type ResolveOptions,
} from '../processors/resolve/index.js';

/** One mention of the person, as the evidence shows it. */
export interface ExplainedMention {
  mentionId: string;
  sourceId: string;
  sourceKind: string;
  role: string;
  /** The name as the source wrote it. */
  name: string;
  organizations: string[];
}

/**
 * A stored mention compared with the person's (a name block and an anchor key in common) but kept
 * apart, and why.
 */
export interface NearMiss {
  mentionId: string;
  sourceId: string;
  name: string;
  /** The profile the mention belongs to now. */
  profileId: string;
  /** Its best pair with one of the person's mentions. */
  closestMention: string;
  /** The pair's score; null when the two cannot be one person. */
  score: number | null;
  /** What the pair has for it (`same organisation …`), or `the name only`. */
  evidence: string;
  /** Why that is not enough: a cannot-link, a score under the threshold, no anchor. */
  why: string;
}

export interface ResolutionExplanation {
  profileId: string;
  displayName: string;
  threshold: number;
  mentions: ExplainedMention[];
  /** The merges that made the profile, in order, as stored with it. */
  merges: ProfileMerge[];
  /**
   * The person re-resolved now from the stored mentions of their connected part (what
   * `resolve --rebuild` would do): whether it gives the same mentions as the stored profile.
   */
  check: {
    partMentions: number;
    sameAsStored: boolean;
    /** The re-resolved person's mention ids when they differ from the profile's. */
    resolvedMentionIds?: string[];
  };
  /** At most `nearMisses` (default 10) mentions kept apart, closest first. */
  nearMisses: NearMiss[];
}

/**
 * Why a profile holds the mentions it holds: the stored merges with their reasons, a fresh
 * re-resolution from the stored evidence to show they still hold, and the nearest mentions that
 * were not merged with the reason they stayed apart — what a recruiter asks when a person looks
 * split or wrongly joined.
 */
export async function explainResolution(
  profile: TalentProfile,
  state: IngestState,
  options: ResolveOptions & { nearMisses?: number } = {},
): Promise<ResolutionExplanation> {
  const sources = [...new Set(profile.evidence.map((e) => e.sourceId))];
  const part = await state.connectedMentions([], sources);
  const byId = new Map(part.map((m) => [m.mentionId, m]));
  const resolvable = new Map<string, ResolvableMention>(
    part.map((m) => [m.mentionId, toResolvable(m.mention)]),
  );
  const own = profile.evidence.map((e) => e.mentionId);
  const ownSet = new Set(own);

  const clusters = resolveMentions([...resolvable.values()], options);
  const resolved = clusters.find((c) => c.mentionIds.some((id) => ownSet.has(id)));
  const resolvedIds = resolved?.mentionIds ?? [];
  const sameAsStored = resolvedIds.length === ownSet.size && resolvedIds.every((id) => ownSet.has(id));

  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const ownKeys = new Set(
    own.flatMap((id) => {
      const r = resolvable.get(id);
      return r ? blockingKeys(r).filter(isNameKey) : [];
    }),
  );
  const misses: NearMiss[] = [];
  for (const m of part) {
    if (ownSet.has(m.mentionId)) continue;
    const other = resolvable.get(m.mentionId) as ResolvableMention;
    if (!blockingKeys(other).some((k) => ownKeys.has(k))) continue;
    let best: PairEvidence | undefined;
    for (const id of own) {
      const mine = resolvable.get(id);
      if (!mine) continue;
      const e = compareMentions(mine, other);
      if (best === undefined || e.score > best.score) best = e;
    }
    if (best === undefined) continue;
    misses.push({
      mentionId: m.mentionId,
      sourceId: m.sourceId,
      name: m.mention.name.full,
      profileId: m.profileId,
      closestMention: best.a === m.mentionId ? best.b : best.a,
      score: Number.isFinite(best.score) ? Math.round(best.score * 100) / 100 : null,
      evidence: best.cannotLink !== undefined ? '' : describeEvidence(best) || 'the name only',
      why: resolvedIds.includes(m.mentionId)
        ? 'joins this person when re-resolved now: the profile was built under other rules or settings; run `talent-brain resolve --rebuild`'
        : whyApart(best, threshold),
    });
  }
  misses.sort(
    (x, y) => (y.score ?? -Infinity) - (x.score ?? -Infinity) || (x.mentionId < y.mentionId ? -1 : 1),
  );

  const explanation: ResolutionExplanation = {
    profileId: profile.id,
    displayName: profile.displayName,
    threshold,
    mentions: own.map((id) => describeMention(id, byId.get(id), profile)),
    merges: profile.merges ?? [],
    check: { partMentions: part.length, sameAsStored },
    nearMisses: misses.slice(0, options.nearMisses ?? 10),
  };
  if (!sameAsStored) explanation.check.resolvedMentionIds = resolvedIds;
  return explanation;
}

function whyApart(e: PairEvidence, threshold: number): string {
  if (e.cannotLink !== undefined) return `cannot be one person: ${e.cannotLink}`;
  if (e.score < threshold)
    return `score ${Math.round(e.score * 100) / 100} is under the threshold ${threshold}`;
  if (!e.anchored)
    return 'nothing ties the name to this person (no shared organisation, co-inventor, patent or e-mail domain)';
  return 'kept apart by evidence against the merge elsewhere in the two groups (another country, field or decades apart)';
}

function describeMention(
  id: string,
  stored: StoredMention | undefined,
  profile: TalentProfile,
): ExplainedMention {
  const evidence = profile.evidence.find((e) => e.mentionId === id);
  const mention = stored?.mention;
  return {
    mentionId: id,
    sourceId: evidence?.sourceId ?? stored?.sourceId ?? '',
    sourceKind: evidence?.sourceKind ?? mention?.sourceKind ?? '',
    role: evidence?.role ?? mention?.role ?? '',
    name: mention?.name.full ?? '',
    organizations: [
      ...new Set([
        ...(mention?.affiliations.map((a) => a.organization) ?? []),
        ...(mention?.patents.flatMap((p) => p.assignees) ?? []),
      ]),
    ],
  };
}
