import type { ProfileMerge } from '../model/profile.js';
import { UnionFind } from '../profile/union-find.js';
import { blockingKeys, isNameKey, isStrongKey, strongKeys } from './blocking-keys.js';
import { compareNameForms, formKey, type NameForm } from './name-form.js';
import {
  compareMentions,
  DEFAULT_PAIR_WEIGHTS,
  describeEvidence,
  type PairEvidence,
  type PairWeights,
} from './pairwise.js';
import type { ResolvableMention } from './resolvable.js';

/** Score a pair needs to merge; chosen on the development split of bench/resolution (see its README). */
export const DEFAULT_THRESHOLD = 3;
/**
 * Merges without an anchor are off by default: the same full name in the same city, field and
 * years at two employers is often two people when the name is common ("Wei Zhang", Shenzhen,
 * H04L), and the evaluation set has no such namesakes to measure it on (bench/resolution/README.md).
 */
export const DEFAULT_UNANCHORED_THRESHOLD = Number.POSITIVE_INFINITY;

const FULL_NAME_LEVELS = new Set(['han', 'exact', 'full', 'pinyin']);

/** Whether a scored pair may merge under the options (before cluster-level checks). */
function mergeable(e: PairEvidence, threshold: number, requireAnchor: boolean, unanchored: number): boolean {
  if (e.cannotLink !== undefined || e.score < threshold) return false;
  if (e.anchored || !requireAnchor) return true;
  return (
    e.score >= unanchored && e.against === 0 && e.nameLevel !== undefined && FULL_NAME_LEVELS.has(e.nameLevel)
  );
}

export interface ResolveOptions {
  /** Minimum pair score for a merge (default `DEFAULT_THRESHOLD`). */
  threshold?: number;
  /** Merge only pairs with an anchor (organisation, co-inventor, patent, e-mail domain); default true. */
  requireAnchor?: boolean;
  /**
   * With `requireAnchor`, a pair without an anchor may still merge when its score reaches this,
   * its given names agree in full (not by initials) and nothing speaks against it: the same name
   * in the same city, field and years at a new employer. Default `DEFAULT_UNANCHORED_THRESHOLD`
   * (off).
   */
  unanchoredThreshold?: number;
  /**
   * `single`: a cluster joins another through its best pair (default). `average`: only when the
   * mean score over all their cross pairs reaches the threshold too (fewer chains, less recall).
   */
  linkage?: 'single' | 'average';
  /**
   * Two clusters never merge when any pair across them has this much evidence against it (the sum
   * of negative weights: another country, an unrelated field, decades apart). Stops a chain
   * through a mention that states little ("A. Smith, Acme") from joining two people who each
   * state a lot. Default -2.5: two independent disagreements.
   */
  contradiction?: number;
  weights?: Readonly<PairWeights>;
}

/** One merge of two clusters, with the pair that justified it (kept in the profile as `merges`). */
export type MergeStep = ProfileMerge;

export interface ResolvedCluster {
  /**
   * A stable key for the person: the first strong key (ORCID, then CIK, then e-mail, each the
   * smallest) or `mention:<smallest mention id>`. A profile id can be a hash of it.
   */
  key: string;
  /** Mention ids, sorted. */
  mentionIds: string[];
  /** The merges that made the cluster, in the order they happened. */
  merges: MergeStep[];
}

interface Signature {
  orcids: Set<string>;
  ciks: Set<string>;
  sources: Set<string>;
  names: Map<string, NameForm>;
  members: number[];
}

const byId = (a: ResolvableMention, b: ResolvableMention): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The connected parts of the blocking-key graph: mentions sharing any key, transitively. Each part
 * is resolved on its own, so resolving a set of parts together or apart gives the same clusters —
 * which is what lets the ingest load one part from the store and rebuild just its people.
 */
export function connectedParts(
  mentions: readonly ResolvableMention[],
  keysOf: (m: ResolvableMention) => readonly string[] = blockingKeys,
): ResolvableMention[][] {
  const sorted = [...mentions].sort(byId);
  const sets = new UnionFind(sorted.length);
  const firstByKey = new Map<string, number>();
  sorted.forEach((m, i) => {
    for (const key of keysOf(m)) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else sets.union(first, i);
    }
  });
  const parts = new Map<number, ResolvableMention[]>();
  sorted.forEach((m, i) => {
    const root = sets.find(i);
    const part = parts.get(root);
    if (part) part.push(m);
    else parts.set(root, [m]);
  });
  return [...parts.values()];
}

/**
 * Groups mentions into people. Deterministic in the *set* of mentions: inputs are sorted by id,
 * keys and candidate pairs are visited in sorted order, and ties break on ids, so any order of
 * the same mentions gives the same clusters and the same merge reasons.
 *
 * 1. Strong identifiers (ORCID, SEC CIK, e-mail) merge first, unless the two sides carry
 *    different ORCIDs or CIKs, or come from one document.
 * 2. Within each name block, pairs are scored (`compareMentions`) and merged best first while
 *    the score reaches the threshold (with an anchor, by default) and no cannot-link separates
 *    the two clusters: different ORCIDs or CIKs, a shared document, any two incompatible name
 *    forms ("Katherine" and "Kevin" never end up together through "K. Adams"), or a pair across
 *    them with too much evidence against it (`contradiction`).
 */
export function resolveMentions(
  mentions: readonly ResolvableMention[],
  options: ResolveOptions = {},
): ResolvedCluster[] {
  const sorted = [...mentions].sort(byId);
  for (let i = 1; i < sorted.length; i++)
    if ((sorted[i] as ResolvableMention).id === (sorted[i - 1] as ResolvableMention).id)
      throw new Error(`mention ${(sorted[i] as ResolvableMention).id} given twice: ids must be unique`);
  const clusters: ResolvedCluster[] = [];
  // blockingKeys is computed once per mention: the parts and the blocks within them share it.
  for (const part of connectedParts(sorted, blockingKeys)) {
    if (part.length === 1) {
      const only = part[0] as ResolvableMention;
      clusters.push({ key: clusterKey(part), mentionIds: [only.id], merges: [] });
    } else clusters.push(...resolvePart(part, part.map(blockingKeys), options));
  }
  return clusters.sort((a, b) => ((a.mentionIds[0] as string) < (b.mentionIds[0] as string) ? -1 : 1));
}

const KEY_ORDER = ['orcid:', 'openalex:', 's2:', 'cik:', 'email:'];

function clusterKey(members: readonly ResolvableMention[]): string {
  const keys = members.flatMap(strongKeys);
  for (const prefix of KEY_ORDER) {
    const first = keys.filter((k) => k.startsWith(prefix)).sort()[0];
    if (first !== undefined) return first;
  }
  return `mention:${members.map((m) => m.id).sort()[0] ?? ''}`;
}

/**
 * What the cluster-level checks need of a scored pair. Full evidence (with its reason texts) is
 * kept only for pairs that may merge; every other pair keeps this, so memory stays small.
 */
interface PairSummary {
  against: number;
  cannot: boolean;
  must: boolean;
  score: number;
}

function summaryOf(e: PairEvidence): PairSummary {
  return {
    against: e.against,
    cannot: e.cannotLink !== undefined,
    must: e.mustLink !== undefined,
    score: e.score,
  };
}

function resolvePart(
  part: readonly ResolvableMention[],
  keys: readonly (readonly string[])[],
  options: ResolveOptions,
): ResolvedCluster[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const requireAnchor = options.requireAnchor ?? true;
  const unanchored = options.unanchoredThreshold ?? DEFAULT_UNANCHORED_THRESHOLD;
  const linkage = options.linkage ?? 'single';
  const weights = options.weights ?? DEFAULT_PAIR_WEIGHTS;
  const contradiction = options.contradiction ?? -2.5;
  const n = part.length;
  const sets = new UnionFind(n);
  const signatures: Signature[] = part.map((m, i) => ({
    orcids: new Set(m.orcid ? [m.orcid] : []),
    ciks: new Set(m.cik ? [m.cik] : []),
    sources: new Set([m.source]),
    names: new Map(m.names.map((f) => [formKey(f), f])),
    members: [i],
  }));
  const steps: MergeStep[] = [];
  const formConflict = nameFormConflicts();

  const idConflict = (x: Signature, y: Signature): boolean =>
    disjointNonEmpty(x.orcids, y.orcids) ||
    disjointNonEmpty(x.ciks, y.ciks) ||
    intersects(x.sources, y.sources);
  const nameConflict = (x: Signature, y: Signature): boolean => {
    for (const [kx, fx] of x.names)
      for (const [ky, fy] of y.names) if (formConflict(kx, fx, ky, fy)) return true;
    return false;
  };
  const join = (i: number, j: number, step: MergeStep): void => {
    const [ri, rj] = [sets.find(i), sets.find(j)];
    const root = sets.union(i, j);
    const [keep, drop] = root === ri ? [ri, rj] : [rj, ri];
    const a = signatures[keep] as Signature;
    const b = signatures[drop] as Signature;
    for (const v of b.orcids) a.orcids.add(v);
    for (const v of b.ciks) a.ciks.add(v);
    for (const v of b.sources) a.sources.add(v);
    for (const [k, f] of b.names) a.names.set(k, f);
    a.members.push(...b.members);
    steps.push(step);
  };

  // 1. Strong identifiers, key by key in sorted order.
  const holders = keyHolders(keys);
  const sortedKeys = [...holders.keys()].sort();
  for (const key of sortedKeys) {
    if (!isStrongKey(key)) continue;
    const list = holders.get(key) as number[];
    for (let k = 1; k < list.length; k++) {
      const [i, j] = [list[0] as number, list[k] as number];
      const [ri, rj] = [sets.find(i), sets.find(j)];
      if (ri === rj || idConflict(signatures[ri] as Signature, signatures[rj] as Signature)) continue;
      const summary = strongSummary(key);
      join(i, j, {
        left: (part[i] as ResolvableMention).id,
        right: (part[j] as ResolvableMention).id,
        kind: 'strong',
        summary,
        reasons: [summary],
      });
    }
  }

  // 2. Candidate pairs: mentions sharing a name block joined with an anchor key (blocking-keys.ts),
  //    as i * n + j codes, sorted and de-duplicated (a pair may share several keys).
  const sortedCodes = candidateCodes(holders, sortedKeys, n);

  // Pairs whose names cannot agree are never scored: in a block like `smith|j` most are John
  // against James. Their cannot-link is still seen at cluster level through the name forms.
  const summaries = new Map<number, PairSummary>();
  const scored: PairEvidence[] = [];
  const formKeys = part.map((m) => m.names.map(formKey));
  const formsCompatible = (i: number, j: number): boolean => {
    const a = (part[i] as ResolvableMention).names;
    const b = (part[j] as ResolvableMention).names;
    const ka = formKeys[i] as string[];
    const kb = formKeys[j] as string[];
    for (let x = 0; x < a.length; x++)
      for (let y = 0; y < b.length; y++)
        if (!formConflict(ka[x] as string, a[x] as NameForm, kb[y] as string, b[y] as NameForm)) return true;
    return false;
  };
  let previous = -1;
  for (const code of sortedCodes) {
    if (code === previous) continue;
    previous = code;
    const i = Math.floor(code / n);
    const j = code % n;
    const a = part[i] as ResolvableMention;
    const b = part[j] as ResolvableMention;
    if (a.source === b.source || !formsCompatible(i, j)) continue;
    const e = compareMentions(a, b, weights);
    summaries.set(code, summaryOf(e));
    if (mergeable(e, threshold, requireAnchor, unanchored)) scored.push(e);
  }
  scored.sort(
    (x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
  );

  /** The summary of any pair of the part, scored on demand for the cluster-level checks. */
  const summaryFor = (i: number, j: number): PairSummary => {
    const code = Math.min(i, j) * n + Math.max(i, j);
    let s = summaries.get(code);
    if (s === undefined) {
      s = summaryOf(compareMentions(part[i] as ResolvableMention, part[j] as ResolvableMention, weights));
      summaries.set(code, s);
    }
    return s;
  };

  // 3. Best pairs first.
  const index = new Map(part.map((m, i) => [m.id, i]));
  for (const e of scored) {
    const i = index.get(e.a) as number;
    const j = index.get(e.b) as number;
    const [ri, rj] = [sets.find(i), sets.find(j)];
    if (ri === rj) continue;
    const si = signatures[ri] as Signature;
    const sj = signatures[rj] as Signature;
    if (idConflict(si, sj) || nameConflict(si, sj)) continue;
    // A merge on weak evidence (a related organisation, or no anchor) must not meet any evidence
    // against it in the two clusters; a strongly anchored one only a real contradiction.
    const weak = e.weakAnchor || !e.anchored;
    if (contradicts(si.members, sj.members, summaryFor, weak ? 0 : contradiction, weak)) continue;
    if (linkage === 'average' && averageScore(si.members, sj.members, summaryFor) < threshold) continue;
    join(i, j, {
      left: e.a,
      right: e.b,
      kind: 'evidence',
      score: Math.round(e.score * 100) / 100,
      summary: describeEvidence(e),
      reasons: e.reasons.map((r) => `${r.text} (${r.weight >= 0 ? '+' : ''}${r.weight})`),
    });
  }

  return clustersOf(part, sets, steps, index);
}

/** Name forms that cannot be one person's, compared once per pair of distinct forms (cached by small ids). */
function nameFormConflicts(): (kx: string, fx: NameForm, ky: string, fy: NameForm) => boolean {
  const formIds = new Map<string, number>();
  const formId = (key: string): number => {
    let id = formIds.get(key);
    if (id === undefined) {
      id = formIds.size;
      formIds.set(key, id);
    }
    return id;
  };
  const conflicts = new Map<number, boolean>();
  const FORM_SPACE = 1 << 20;
  return (kx, fx, ky, fy) => {
    const [x, y] = [formId(kx), formId(ky)];
    if (x === y) return false;
    const cacheKey = x < y ? x * FORM_SPACE + y : y * FORM_SPACE + x;
    let conflict = conflicts.get(cacheKey);
    if (conflict === undefined) {
      conflict = compareNameForms(fx, fy).level === 'incompatible';
      conflicts.set(cacheKey, conflict);
    }
    return conflict;
  };
}

/** For each key, the positions of the mentions holding it. */
function keyHolders(keys: readonly (readonly string[])[]): Map<string, number[]> {
  const holders = new Map<string, number[]>();
  keys.forEach((list, i) => {
    for (const key of list) {
      const h = holders.get(key);
      if (h) h.push(i);
      else holders.set(key, [i]);
    }
  });
  return holders;
}

/** Pairs of mentions sharing a name block, as sorted `i * n + j` codes (repeats kept: one per shared key). */
function candidateCodes(
  holders: ReadonlyMap<string, number[]>,
  sortedKeys: readonly string[],
  n: number,
): Float64Array {
  const codes: number[] = [];
  for (const key of sortedKeys) {
    if (!isNameKey(key)) continue;
    const list = holders.get(key) as number[];
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) codes.push((list[x] as number) * n + (list[y] as number));
  }
  return Float64Array.from(codes).sort();
}

/** The clusters the union-find ended with, each with the merge steps that made it. */
function clustersOf(
  part: readonly ResolvableMention[],
  sets: UnionFind,
  steps: readonly MergeStep[],
  index: ReadonlyMap<string, number>,
): ResolvedCluster[] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < part.length; i++) {
    const root = sets.find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }
  const stepsByRoot = new Map<number, MergeStep[]>();
  for (const step of steps) {
    const root = sets.find(index.get(step.left) as number);
    const list = stepsByRoot.get(root);
    if (list) list.push(step);
    else stepsByRoot.set(root, [step]);
  }
  return [...groups.entries()].map(([root, members]) => {
    const ms = members.map((i) => part[i] as ResolvableMention);
    return { key: clusterKey(ms), mentionIds: ms.map((m) => m.id), merges: stepsByRoot.get(root) ?? [] };
  });
}

/** Some pair across the two clusters cannot link, or has evidence against it at `limit` (below it when `strict`). */
function contradicts(
  x: readonly number[],
  y: readonly number[],
  summaryFor: (i: number, j: number) => PairSummary,
  limit: number,
  strict: boolean,
): boolean {
  if (x.length === 1 && y.length === 1) return false; // the pair itself was scored already
  for (const i of x)
    for (const j of y) {
      const s = summaryFor(i, j);
      if (s.must) continue;
      if (s.cannot || (strict ? s.against < limit : s.against <= limit)) return true;
    }
  return false;
}

function averageScore(
  x: readonly number[],
  y: readonly number[],
  summaryFor: (i: number, j: number) => PairSummary,
): number {
  let sum = 0;
  for (const i of x)
    for (const j of y) {
      const s = summaryFor(i, j);
      if (s.cannot) return -Infinity;
      sum += s.must ? Math.max(s.score, 10) : s.score;
    }
  return sum / (x.length * y.length);
}

function strongSummary(key: string): string {
  const colon = key.indexOf(':');
  const value = key.slice(colon + 1);
  switch (key.slice(0, colon)) {
    case 'orcid':
      return `same ORCID ${value}`;
    case 'cik':
      return `same SEC CIK ${value}`;
    case 'openalex':
      return `same OpenAlex author ${value}`;
    case 's2':
      return `same Semantic Scholar author ${value}`;
    default:
      // The address itself stays out: merge reasons are shown to roles that may not see contacts.
      return 'same e-mail address';
  }
}

function disjointNonEmpty(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const v of a) if (b.has(v)) return false;
  return true;
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const v of small) if (large.has(v)) return true;
  return false;
}
