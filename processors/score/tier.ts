import type { ScoringConfig } from '../../config/scoring.js';
import { TIERS, type Tier } from '../model/profile.js';
import { degreeRank, type DegreeLevel } from '../normalize/degree.js';
import type { UnscoredProfile } from '../profile/build-profiles.js';

export interface TierDecision {
  tier: Tier;
  rule: string;
  because: string;
}

interface CompiledRule {
  tier: Tier;
  label: string;
  patterns: RegExp[];
  minPatents?: number;
  minDegree?: DegreeLevel;
  publicCompanyRoles?: Array<'officer' | 'director'>;
  leaderTitles?: RegExp[];
}

/** A leader's post at a major firm of an industry, found by the scorer (it knows the industries). */
export interface LeaderPost {
  title: string;
  organization: string;
  /** Why the firm counts: "an anchor employer in automotive", "SIC 3674, semiconductors". */
  why: string;
}

/** What decides the tier besides titles and counts: leadership of a major firm, and the role-function cap. */
export interface TierFacts {
  /** Finds a leader's post among the person's posts whose title one of the patterns matches. */
  leaderPost?: (titles: readonly RegExp[]) => LeaderPost | undefined;
  /** Set when every function of the person is a capped one and no own evidence lifts it. */
  cap?: { maxTier: Tier; because: string };
}

export function compileTierRules(config: ScoringConfig): CompiledRule[] {
  return (['A', 'B', 'C', 'D'] as const).map((tier) => {
    const rule = config.tiers[tier];
    const compiled: CompiledRule = {
      tier,
      label: rule.label,
      patterns: rule.patterns.map((p) => new RegExp(p, 'iu')),
    };
    if (rule.minPatents !== undefined) compiled.minPatents = rule.minPatents;
    if (rule.minDegree !== undefined) compiled.minDegree = rule.minDegree;
    if (rule.publicCompanyRoles !== undefined) compiled.publicCompanyRoles = rule.publicCompanyRoles;
    if (rule.leaderTitles !== undefined)
      compiled.leaderTitles = rule.leaderTitles.map((p) => new RegExp(p, 'iu'));
    return compiled;
  });
}

/**
 * The documented tier rule: rules are checked from A down and the first that matches decides.
 * A matches academicians and national-level award holders by their titles and honours, and the
 * leaders of major firms of an industry; B, C, D also accept patent counts, public-company roles
 * and degrees as configured in `config/scoring.yaml`. A person whose functions are all business or
 * board-only ones, with no evidence of their own, gets at most the configured cap.
 */
export function decideTier(
  profile: UnscoredProfile,
  rules: CompiledRule[],
  config: ScoringConfig,
  facts: TierFacts = {},
): TierDecision {
  const decision = firstMatchingRule(profile, rules, config, facts);
  const cap = facts.cap;
  if (cap === undefined || TIERS.indexOf(decision.tier) >= TIERS.indexOf(cap.maxTier)) return decision;
  const capped = config.tiers[cap.maxTier];
  return {
    tier: cap.maxTier,
    rule: capped.label,
    because: `${decision.because}; capped at ${cap.maxTier}: ${cap.because}`,
  };
}

function firstMatchingRule(
  profile: UnscoredProfile,
  rules: CompiledRule[],
  config: ScoringConfig,
  facts: TierFacts,
): TierDecision {
  const texts = [...profile.titles, ...profile.honorifics];
  const bestDegree = profile.education.reduce<DegreeLevel | undefined>(
    (best, e) =>
      e.degreeLevel && (!best || degreeRank[e.degreeLevel] > degreeRank[best]) ? e.degreeLevel : best,
    undefined,
  );
  for (const rule of rules) {
    for (const pattern of rule.patterns) {
      const hit = texts.find((t) => pattern.test(t));
      if (hit !== undefined) return { tier: rule.tier, rule: rule.label, because: `title "${hit}"` };
    }
    if (rule.leaderTitles !== undefined && facts.leaderPost !== undefined) {
      const post = facts.leaderPost(rule.leaderTitles);
      if (post)
        return {
          tier: rule.tier,
          rule: rule.label,
          because: `${post.title} of ${post.organization} (${post.why})`,
        };
    }
    if (rule.minPatents !== undefined && profile.patents.length >= rule.minPatents)
      return {
        tier: rule.tier,
        rule: rule.label,
        because: `${profile.patents.length} patent${profile.patents.length === 1 ? '' : 's'} (≥ ${rule.minPatents})`,
      };
    if (rule.publicCompanyRoles) {
      const role = profile.filingRoles.find((r) =>
        rule.publicCompanyRoles?.includes(r.role as 'officer' | 'director'),
      );
      if (role)
        return {
          tier: rule.tier,
          rule: rule.label,
          because: `${role.role} of ${role.issuer}${role.title ? ` (${role.title})` : ''}`,
        };
    }
    if (
      rule.minDegree !== undefined &&
      bestDegree !== undefined &&
      degreeRank[bestDegree] >= degreeRank[rule.minDegree]
    )
      return { tier: rule.tier, rule: rule.label, because: `${bestDegree} degree` };
  }
  return {
    tier: 'E',
    rule: config.tiers.E.label,
    because: 'no senior title, patent, public-company role or graduate degree on record',
  };
}
