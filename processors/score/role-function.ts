import type { RoleFunctionId, RoleFunctionVocabulary } from '../../config/role-functions.js';
import type { ProfileAffiliation } from '../model/profile.js';
import { organizationKey } from '../normalize/organization.js';
import type { UnscoredProfile } from '../profile/build-profiles.js';

/**
 * What a post is about, as the scorer weighs it: a vocabulary function, with academic posts split by
 * their field, and `unknown` when nothing says (a title-less employer line).
 */
export type RoleKind =
  Exclude<RoleFunctionId, 'academic'> | 'academicStem' | 'academicNonStem' | 'academic' | 'unknown';

export const ROLE_KINDS: readonly RoleKind[] = [
  'board',
  'legal',
  'finance',
  'admin',
  'sales',
  'executive',
  'academicStem',
  'academicNonStem',
  'academic',
  'technical',
  'engineering',
  'unknown',
];

const KIND_LABELS: Record<RoleKind, string> = {
  board: 'board-only',
  legal: 'legal / company secretary',
  finance: 'finance',
  admin: 'HR / administration / party',
  sales: 'sales / marketing / procurement',
  executive: 'executive leadership',
  academicStem: 'academic (STEM)',
  academicNonStem: 'academic (non-STEM)',
  academic: 'academic (field unknown)',
  technical: 'technical / R&D',
  engineering: 'engineering / production management',
  unknown: 'function unknown',
};

export const roleKindLabel = (kind: RoleKind): string => KIND_LABELS[kind];

/** Where a title is cut into parts that each name one function ("EVP, GC and Secretary"). */
const TITLE_PARTS = /\s*(?:[,，、;；/|&＆]|\band\b|兼|及|暨)\s*/iu;

interface CompiledFunction {
  id: RoleFunctionId;
  patterns: RegExp[];
  generic: RegExp[];
}

/** The vocabulary compiled once: reads titles into role kinds. Pure; results cached per title. */
export class RoleClassifier {
  private readonly functions: CompiledFunction[];
  private readonly nonStem: RegExp[];
  private readonly stem: RegExp[];
  private readonly titleCache = new Map<string, Array<{ id: RoleFunctionId; part: string }>>();

  constructor(vocabulary: RoleFunctionVocabulary) {
    const compile = (ps: readonly string[]): RegExp[] => ps.map((p) => new RegExp(p, 'iu'));
    this.functions = vocabulary.functions.map((f) => ({
      id: f.id,
      patterns: compile(f.patterns),
      generic: compile(f.generic),
    }));
    this.nonStem = compile(vocabulary.academicFields.nonStem);
    this.stem = compile(vocabulary.academicFields.stem);
  }

  /**
   * The functions a title names, one per part. Parts that only say rank (vice president, 副总经理,
   * director) count only when no part of the title names a function.
   */
  titleFunctions(title: string): Array<{ id: RoleFunctionId; part: string }> {
    const cached = this.titleCache.get(title);
    if (cached) return cached;
    const strong: Array<{ id: RoleFunctionId; part: string }> = [];
    const generic: Array<{ id: RoleFunctionId; part: string }> = [];
    for (const raw of title.split(TITLE_PARTS)) {
      const part = raw.trim();
      if (part === '') continue;
      const hit = this.functions.find((f) => f.patterns.some((p) => p.test(part)));
      if (hit) {
        strong.push({ id: hit.id, part });
        continue;
      }
      const weak = this.functions.find((f) => f.generic.some((p) => p.test(part)));
      if (weak) generic.push({ id: weak.id, part });
    }
    const out = strong.length > 0 ? strong : generic;
    if (this.titleCache.size > 4096) this.titleCache.clear();
    this.titleCache.set(title, out);
    return out;
  }

  /** An academic post's field: the part's own words first, then its department and school, then the person's studies. */
  academicKind(part: string, contexts: readonly string[]): RoleKind {
    for (const text of [part, ...contexts]) {
      if (this.nonStem.some((p) => p.test(text))) return 'academicNonStem';
      if (this.stem.some((p) => p.test(text))) return 'academicStem';
    }
    return 'academic';
  }
}

/** One post of the person and the role kinds read from it. */
export interface PostRole {
  kinds: RoleKind[];
  /** The title (or filing role) the kinds were read from; absent when none was. */
  title?: string;
}

/** The person's role functions: per affiliation, per filing issuer, and over all their posts. */
export interface PersonRoles {
  /** Every kind read from any post; `technical` is added for an inventor or author. */
  kinds: Set<RoleKind>;
  /** Why `technical` was added without a title saying so. */
  inferred?: string;
  postOf(affiliation: ProfileAffiliation): PostRole;
  postAtIssuer(issuer: string): PostRole;
}

const FILING_ROLE_TITLES: Record<string, RoleKind | undefined> = {
  director: 'board',
  'director-nominee': 'board',
  'ten-percent-owner': 'board',
};

/** Reads the person's posts into role kinds. */
export function personRoles(profile: UnscoredProfile, classifier: RoleClassifier): PersonRoles {
  const studies = profile.education.map((e) => e.area ?? '').filter((a) => a !== '');
  const kindsOfTitle = (title: string, contexts: readonly string[]): RoleKind[] => {
    const kinds: RoleKind[] = [];
    for (const { id, part } of classifier.titleFunctions(title)) {
      const kind: RoleKind = id === 'academic' ? classifier.academicKind(part, contexts) : id;
      if (!kinds.includes(kind)) kinds.push(kind);
    }
    return kinds;
  };
  const issuerRoles = new Map<string, PostRole>();
  for (const role of profile.filingRoles) {
    const key = organizationKey(role.issuer);
    const post = issuerRoles.get(key) ?? { kinds: [] };
    const fromTitle = role.title ? kindsOfTitle(role.title, [role.issuer, ...studies]) : [];
    const fromRole = FILING_ROLE_TITLES[role.role];
    const kinds = fromTitle.length > 0 ? fromTitle : fromRole ? [fromRole] : [];
    for (const k of kinds) if (!post.kinds.includes(k)) post.kinds.push(k);
    if (kinds.length > 0 && post.title === undefined) post.title = role.title ?? role.role;
    issuerRoles.set(key, post);
  }
  const affiliationRoles = new Map<ProfileAffiliation, PostRole>();
  for (const a of profile.affiliations) {
    const contexts = [a.department ?? '', a.organization, ...studies].filter((c) => c !== '');
    // A post at a party or state organ is a party / government post, whatever its title.
    const kinds: RoleKind[] =
      a.kind !== undefined ? ['admin'] : a.title ? kindsOfTitle(a.title, contexts) : [];
    const post: PostRole =
      kinds.length > 0
        ? { kinds, title: a.title ?? a.organization }
        : (issuerRoles.get(a.organizationKey) ?? { kinds: [] });
    affiliationRoles.set(a, post);
  }
  const kinds = new Set<RoleKind>();
  for (const post of [...affiliationRoles.values(), ...issuerRoles.values()])
    for (const k of post.kinds) kinds.add(k);
  for (const t of profile.titles) for (const k of kindsOfTitle(t, studies)) kinds.add(k);
  let inferred: string | undefined;
  const works = profile.publications?.length ?? 0;
  if (!kinds.has('technical') && (profile.patents.length > 0 || works > 0)) {
    kinds.add('technical');
    inferred =
      profile.patents.length > 0
        ? `inventor on ${profile.patents.length} patent${profile.patents.length > 1 ? 's' : ''}`
        : `author of ${works} work${works > 1 ? 's' : ''}`;
  }
  const overall: PostRole = { kinds: kinds.size > 0 ? [...kinds] : ['unknown'] };
  return {
    kinds,
    ...(inferred !== undefined ? { inferred } : {}),
    postOf: (a) => {
      const post = affiliationRoles.get(a);
      return post && post.kinds.length > 0 ? post : overall;
    },
    postAtIssuer: (issuer) => {
      const post = issuerRoles.get(organizationKey(issuer));
      return post && post.kinds.length > 0 ? post : overall;
    },
  };
}
