/**
 * What a clustering gets wrong against the generated truth, grouped so the groups can be read:
 * wrong merges by how the two people relate (namesakes at one employer, namesakes elsewhere,
 * different names), missed pairs by why the resolver kept them apart (never in one name block,
 * a cannot-link, no anchor, a score under the threshold), each with a few examples.
 */
import { blockingKeys } from '../../processors/resolve/blocking-keys.js';
import { DEFAULT_THRESHOLD, type ResolveOptions } from '../../processors/resolve/cluster.js';
import { compareMentions, describeEvidence, type PairEvidence } from '../../processors/resolve/pairwise.js';
import { toResolvable, type ResolvableMention } from '../../processors/resolve/resolvable.js';
import type { PersonMention } from '../../processors/model/mention.js';
import type { ProfileMerge } from '../../processors/model/profile.js';
import { formatPair, type TruthPerson } from './synthetic-truth.js';

/** One evaluated mention: the stored mention, its format and its true person. */
export interface EvalMention {
  mention: PersonMention;
  format: string;
  person: TruthPerson;
}

export interface MentionSketch {
  mentionId: string;
  format: string;
  name: string;
  organization?: string;
  truth: string;
}

export interface ErrorReport {
  falseMerges: {
    /** Predicted clusters holding more than one true person. */
    clusters: number;
    /** Wrong pairs (two people in one cluster), by how the two people relate. */
    pairsByKind: Record<string, number>;
    /** Merges that joined two true people, by their summary with the mentions' names left out. */
    wrongLinksBySummary: Record<string, number>;
    examples: Array<{
      size: number;
      people: number;
      members: MentionSketch[];
      /** The merges of the cluster that joined mentions of two true people, with their reasons. */
      wrongLinks: Array<{ left: string; right: string; summary: string; reasons: string[] }>;
    }>;
  };
  misses: {
    /** True people split over more than one predicted cluster. */
    people: number;
    /** Pairs of fragments of one person (a person in k clusters gives k(k-1)/2), by why they stayed apart. */
    fragmentPairsByReason: Record<string, number>;
    /** The same, split by the formats of the closest pair across the two fragments. */
    fragmentPairsByFormatPair: Record<string, Record<string, number>>;
    examples: Array<{
      formats: string;
      reason: string;
      evidence: string;
      left: MentionSketch;
      right: MentionSketch;
    }>;
  };
}

const MAX_EXAMPLES = 16;

function sketch(m: EvalMention): MentionSketch {
  const org = m.mention.affiliations[0]?.organization ?? m.mention.patents[0]?.assignees[0];
  return {
    mentionId: m.mention.mentionId,
    format: m.format,
    name: m.mention.name.full,
    ...(org !== undefined ? { organization: org } : {}),
    truth: `${m.person.id} ${m.person.name.latin}${m.person.name.han ? ` ${m.person.name.han}` : ''} @ ${m.person.employer.en}`,
  };
}

function groupBy(labels: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = groups.get(l);
    if (list) list.push(i);
    else groups.set(l, [i]);
  });
  return groups;
}

function relation(a: TruthPerson, b: TruthPerson): string {
  const sameName = a.name.latin.toLowerCase() === b.name.latin.toLowerCase();
  const sameEmployer = a.employer.en === b.employer.en;
  if (sameName && sameEmployer) return 'same name, same employer';
  if (sameName) return 'same name, other employer';
  if (sameEmployer) return 'other name, same employer';
  return 'other name, other employer';
}

/** Why the best pair across two fragments of one person did not merge them. */
function missReason(evidence: PairEvidence, sharesKey: boolean, threshold: number): string {
  if (!sharesKey) return 'no shared blocking key (never compared)';
  if (evidence.cannotLink !== undefined)
    return `cannot-link: ${evidence.cannotLink.replace(/\s*\(.*\)$/, '').replace(/[“"].*$/, '')}`;
  if (evidence.score < threshold)
    return evidence.anchored ? 'anchored, score under threshold' : 'no anchor, score under threshold';
  if (!evidence.anchored) return 'no anchor';
  return 'mergeable pair kept apart (cluster veto, linkage or sub-block)';
}

/**
 * `mergesOf(cluster)` gives the merges that built a predicted cluster, when the clustering records
 * them (the ingest's profiles do; the key merge does not).
 */
export function analyseErrors(
  mentions: readonly EvalMention[],
  predicted: readonly string[],
  options: ResolveOptions,
  mergesOf: (cluster: string) => readonly ProfileMerge[] = () => [],
): ErrorReport {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const truth = mentions.map((m) => m.person.id);

  const pairsByKind: Record<string, number> = {};
  const wrongLinksBySummary: Record<string, number> = {};
  const mergeExamples: ErrorReport['falseMerges']['examples'] = [];
  let wrongClusters = 0;
  for (const members of groupBy(predicted).values()) {
    const people = new Set(members.map((i) => truth[i]));
    if (people.size < 2) continue;
    wrongClusters++;
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const a = mentions[members[x] as number] as EvalMention;
        const b = mentions[members[y] as number] as EvalMention;
        if (a.person.id === b.person.id) continue;
        const kind = relation(a.person, b.person);
        pairsByKind[kind] = (pairsByKind[kind] ?? 0) + 1;
      }
    const personOf = new Map(members.map((i) => [(mentions[i] as EvalMention).mention.mentionId, truth[i]]));
    const wrongLinks = mergesOf(predicted[members[0] as number] as string)
      .filter((m) => personOf.get(m.left) !== personOf.get(m.right))
      .map((m) => ({ left: m.left, right: m.right, summary: m.summary, reasons: m.reasons }));
    for (const link of wrongLinks) {
      const summary = link.summary.replace(/\d+/g, 'N');
      wrongLinksBySummary[summary] = (wrongLinksBySummary[summary] ?? 0) + 1;
    }
    if (mergeExamples.length < MAX_EXAMPLES) {
      // A few mentions of each person, so every person of the cluster shows.
      const shown: number[] = [];
      for (const p of people) shown.push(...members.filter((i) => truth[i] === p).slice(0, 3));
      mergeExamples.push({
        size: members.length,
        people: people.size,
        members: shown.slice(0, 12).map((i) => sketch(mentions[i] as EvalMention)),
        wrongLinks,
      });
    }
  }

  const resolvable = new Map<number, ResolvableMention>();
  const resolvableOf = (i: number): ResolvableMention => {
    let r = resolvable.get(i);
    if (r === undefined) {
      r = toResolvable((mentions[i] as EvalMention).mention);
      resolvable.set(i, r);
    }
    return r;
  };
  const byReason: Record<string, number> = {};
  const byFormatPair: Record<string, Record<string, number>> = {};
  const missExamples: ErrorReport['misses']['examples'] = [];
  const examplesPerReason = new Map<string, number>();
  let splitPeople = 0;
  for (const members of groupBy(truth).values()) {
    const fragments = [...groupBy(members.map((i) => predicted[i] as string)).values()].map((f) =>
      f.map((k) => members[k] as number),
    );
    if (fragments.length < 2) continue;
    splitPeople++;
    for (let x = 0; x < fragments.length; x++)
      for (let y = x + 1; y < fragments.length; y++) {
        let best: { e: PairEvidence; i: number; j: number } | undefined;
        let sharesKey = false;
        for (const i of fragments[x] as number[])
          for (const j of fragments[y] as number[]) {
            const [a, b] = [resolvableOf(i), resolvableOf(j)];
            const keys = new Set(blockingKeys(a));
            if (blockingKeys(b).some((k) => keys.has(k))) sharesKey = true;
            const e = compareMentions(a, b);
            if (best === undefined || e.score > best.e.score) best = { e, i, j };
          }
        if (best === undefined) continue;
        const reason = missReason(best.e, sharesKey, threshold);
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        const formats = formatPair(
          (mentions[best.i] as EvalMention).format,
          (mentions[best.j] as EvalMention).format,
        );
        const counts = (byFormatPair[formats] ??= {});
        counts[reason] = (counts[reason] ?? 0) + 1;
        // A couple per kind of miss, so a rare kind is not crowded out by a common one.
        const kind = `${formats}: ${reason}`;
        const shown = examplesPerReason.get(kind) ?? 0;
        if (shown < 2 && missExamples.length < MAX_EXAMPLES) {
          examplesPerReason.set(kind, shown + 1);
          missExamples.push({
            formats,
            reason,
            evidence: `score ${best.e.score} (${describeEvidence(best.e)}): ${best.e.reasons.map((r) => `${r.text} ${r.weight}`).join('; ')}`,
            left: sketch(mentions[best.i] as EvalMention),
            right: sketch(mentions[best.j] as EvalMention),
          });
        }
      }
  }
  return {
    falseMerges: { clusters: wrongClusters, pairsByKind, wrongLinksBySummary, examples: mergeExamples },
    misses: {
      people: splitPeople,
      fragmentPairsByReason: byReason,
      fragmentPairsByFormatPair: byFormatPair,
      examples: missExamples,
    },
  };
}
