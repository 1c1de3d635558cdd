import type { ScoringConfig } from '../../config/scoring.js';
import type {
  IndustryScore,
  ProfileAffiliation,
  ProfilePublication,
  ScoreContribution,
  TalentProfile,
} from '../model/profile.js';
import { yearOf } from '../normalize/date.js';
import { activeOrganizationRegistry } from '../normalize/org-registry.js';
import type { UnscoredProfile } from '../profile/build-profiles.js';
import type { IndustryMatcher } from './industry-matcher.js';
import { employerWeight, weightSuffix, WHOLE, type EmployerWeight } from './employer-weight.js';
import { personRoles, type PersonRoles, type RoleClassifier } from './role-function.js';
import { tierFacts } from './tier-facts.js';
import { compileTierRules, decideTier } from './tier.js';

export interface ScoringContext {
  matcher: IndustryMatcher;
  config: ScoringConfig;
  /** Reads titles into role functions (config/role-functions.yaml). */
  roles: RoleClassifier;
  /** Year recency is measured from; fixed by `scoring.referenceDate` for reproducible scores. */
  referenceYear: number;
}

const INVESTOR_TITLE = /(10\s?%|ten percent|ten-percent)\s*(owner|holder)|beneficial owner|\binvestor\b/i;

type FieldKind = keyof ScoringConfig['relevance']['keywordPoints'];

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** An industry's topic and venue names, lower-cased, per matcher (built once). */
const subjectSets = new WeakMap<IndustryMatcher, Map<string, { topics: Set<string>; venues: Set<string> }>>();

function subjectsOf(matcher: IndustryMatcher): Map<string, { topics: Set<string>; venues: Set<string> }> {
  let sets = subjectSets.get(matcher);
  if (sets === undefined) {
    sets = new Map(
      matcher.industries.map((i) => [
        i.id,
        {
          topics: new Set((i.topics ?? []).map((t) => t.toLowerCase())),
          venues: new Set((i.venues ?? []).map((v) => v.toLowerCase())),
        },
      ]),
    );
    subjectSets.set(matcher, sets);
  }
  return sets;
}

/**
 * The works that place a person in each industry, and what matched: a configured topic or venue,
 * else an industry keyword in the work's title, keywords or topics. Each work counts once per industry.
 */
function workHits(
  profile: UnscoredProfile,
  matcher: IndustryMatcher,
): Map<string, { works: ProfilePublication[]; subjects: Map<string, number> }> {
  const hits = new Map<string, { works: ProfilePublication[]; subjects: Map<string, number> }>();
  const subjects = subjectsOf(matcher);
  for (const work of profile.publications ?? []) {
    const matched = new Map<string, string[]>();
    for (const [industry, sets] of subjects) {
      const terms = [
        ...work.topics.filter((t) => sets.topics.has(t.toLowerCase())),
        ...(work.venue !== undefined && sets.venues.has(work.venue.toLowerCase()) ? [work.venue] : []),
      ];
      if (terms.length > 0) matched.set(industry, terms);
    }
    const text = [work.title, ...work.keywords, ...work.topics].join('\n');
    for (const [industry, terms] of matcher.keywordHits(text))
      if (!matched.has(industry)) matched.set(industry, terms);
    for (const [industry, terms] of matched) {
      const entry = hits.get(industry) ?? { works: [], subjects: new Map<string, number>() };
      entry.works.push(work);
      for (const t of terms) entry.subjects.set(t, (entry.subjects.get(t) ?? 0) + 1);
      hits.set(industry, entry);
    }
  }
  return hits;
}

/** Scholarly impact: the h-index when a source gives one, else citations of the person's works. */
function scholarImpact(profile: UnscoredProfile, config: ScoringConfig): { points: number; label: string } {
  const h = profile.scholarMetrics?.hIndex;
  if (h !== undefined && h > 0)
    return {
      points: Math.min(config.impact.maxScholarPoints, h * config.impact.pointsPerHIndex),
      label: `h-index ${h}`,
    };
  const citations =
    profile.scholarMetrics?.citedByCount ??
    (profile.publications ?? []).reduce((sum, w) => sum + (w.citedByCount ?? 0), 0);
  if (citations <= 0) return { points: 0, label: '' };
  return {
    points: Math.min(config.impact.maxScholarPoints, citations / config.impact.citationsPerPoint),
    label: `${citations} citations`,
  };
}

/** A text of the profile, the kind of field it is, and (employer names) the weight of the post there. */
type FieldText = [FieldKind, string, EmployerWeight];

function fieldTexts(profile: UnscoredProfile, roles: PersonRoles, config: ScoringConfig): FieldText[] {
  const texts: FieldText[] = [];
  for (const t of profile.titles) texts.push(['title', t, WHOLE]);
  // One language per skill: its English and Chinese labels are the same skill and must not count twice.
  for (const s of profile.skills) texts.push(['skill', s.label, WHOLE]);
  for (const e of profile.education) if (e.area) texts.push(['education', e.area, WHOLE]);
  for (const p of profile.patents) texts.push(['patent', `${p.title}\n${p.abstract ?? ''}`, WHOLE]);
  // A party or state organ is no industry employer: its name says nothing about an industry.
  for (const a of employers(profile))
    texts.push([
      a.current ? 'currentEmployer' : 'affiliation',
      [a.organization, a.department].filter(Boolean).join(' '),
      employerWeight(roles.postOf(a), config),
    ]);
  if (profile.summary) texts.push(['summary', profile.summary, WHOLE]);
  return texts;
}

/** Affiliations that can give employer context: not party or state organs. */
const employers = (profile: UnscoredProfile): ProfileAffiliation[] =>
  profile.affiliations.filter((a) => a.kind === undefined);

const EMPLOYER_KINDS: ReadonlySet<FieldKind> = new Set(['currentEmployer', 'affiliation']);

const FIELD_WORDS: Record<FieldKind, string> = {
  title: 'titles',
  skill: 'skills',
  education: 'studies',
  patent: 'patent texts',
  currentEmployer: 'current employer',
  affiliation: 'past employers',
  summary: 'bio',
};

/**
 * Scores one profile in every configured industry. Pure and deterministic: the same profile,
 * config and reference year give the same scores and the same explanation, line for line.
 * Each industry's score is the sum of its explanation's points (capped at 100).
 */
export function scoreProfile(profile: UnscoredProfile, ctx: ScoringContext): TalentProfile {
  const { config, matcher } = ctx;
  const rel = config.relevance;
  const roles = personRoles(profile, ctx.roles);
  const registry = activeOrganizationRegistry();
  const tier = decideTier(profile, compiledRules(config), config, tierFacts(profile, roles, ctx));

  // Keyword hits: each keyword counts once per industry, in the field (and post) worth most.
  const worth = (kind: FieldKind, weight: EmployerWeight): number => rel.keywordPoints[kind] * weight.factor;
  const keywordBest = new Map<string, Map<string, { kind: FieldKind; weight: EmployerWeight }>>();
  for (const [kind, text, weight] of fieldTexts(profile, roles, config)) {
    for (const [industry, terms] of matcher.keywordHits(text)) {
      const perTerm =
        keywordBest.get(industry) ?? new Map<string, { kind: FieldKind; weight: EmployerWeight }>();
      for (const term of terms) {
        const previous = perTerm.get(term);
        if (previous === undefined || worth(kind, weight) > worth(previous.kind, previous.weight))
          perTerm.set(term, { kind, weight });
      }
      keywordBest.set(industry, perTerm);
    }
  }
  const classHits = new Map<string, Array<{ patent: string; code: string }>>();
  for (const patent of profile.patents)
    for (const [industry, code] of matcher.classHits(patent.cpc, patent.ipc))
      classHits.set(industry, [...(classHits.get(industry) ?? []), { patent: patent.id, code }]);

  const patentPoints = Math.min(
    config.impact.maxPatentPoints,
    profile.patents.length * config.impact.pointsPerPatent,
  );
  const works = workHits(profile, matcher);
  const scholar = scholarImpact(profile, config);
  const isOfficer = profile.filingRoles.some((r) => r.role === 'officer');
  const isDirector = profile.filingRoles.some((r) => r.role === 'director');
  const impactRaw = Math.min(
    config.impact.maxImpactPoints,
    patentPoints +
      scholar.points +
      (isOfficer ? config.impact.officerPoints : 0) +
      (isDirector ? config.impact.directorPoints : 0),
  );
  const latestYear = latestActivityYear(profile, ctx.referenceYear);
  const recencyRaw =
    latestYear === undefined
      ? 0
      : config.recency.maxPoints *
        Math.max(
          0,
          Math.min(
            1,
            (config.recency.zeroYears - (ctx.referenceYear - latestYear)) /
              (config.recency.zeroYears - config.recency.fullYears),
          ),
        );

  const roleSics = profile.filingRoles.map((r) => ({
    sic: r.sic ?? registry?.company(r.issuerCik, r.issuer)?.sic,
    label: `${r.role} at ${r.issuer}`,
    weight: employerWeight(roles.postAtIssuer(r.issuer), config),
  }));
  // Employers: filers found by name only (a person's employer carries no CIK).
  const affiliationSics = employers(profile).map((a) => ({
    sic: a.sic ?? registry?.company(undefined, a.organization)?.sic,
    label: `works at ${a.organization}`,
    weight: employerWeight(roles.postOf(a), config),
  }));

  const industries: IndustryScore[] = [];
  const scores: Record<string, number> = {};
  for (const industry of matcher.industries) {
    const contributions: ScoreContribution[] = [];
    /** Employer-context lines, capped together at maxEmployerPoints after the loop. */
    const context: ScoreContribution[] = [];
    // Keywords: grouped by field kind and, for employer names, by the weight of the post there.
    const perTerm = keywordBest.get(industry.id);
    if (perTerm && perTerm.size > 0) {
      const groups = new Map<string, { kind: FieldKind; weight: EmployerWeight; terms: string[] }>();
      for (const [term, hit] of perTerm) {
        const key = `${hit.kind}|${hit.weight.factor}|${hit.weight.note}`;
        const group = groups.get(key) ?? { ...hit, terms: [] };
        group.terms.push(term);
        groups.set(key, group);
      }
      let budget = rel.maxKeywordPoints;
      for (const { kind, weight, terms } of [...groups.values()].sort(
        (a, b) => worth(b.kind, b.weight) - worth(a.kind, a.weight),
      )) {
        const points = round1(Math.min(budget, terms.length * worth(kind, weight)));
        if (points <= 0) continue;
        budget -= points;
        (EMPLOYER_KINDS.has(kind) ? context : contributions).push({
          points,
          reason: `${terms.length} keyword${terms.length > 1 ? 's' : ''} in ${FIELD_WORDS[kind]}: ${terms.slice(0, 5).join(', ')}${weightSuffix(weight)}`,
        });
      }
    }
    // Patent classes.
    const classes = classHits.get(industry.id);
    if (classes && classes.length > 0) {
      const points = Math.min(rel.maxClassPoints, classes.length * rel.classPointsPerPatent);
      const codes = [...new Set(classes.map((c) => c.code.split('/')[0]?.trim()))].slice(0, 3).join(', ');
      contributions.push({
        points,
        reason: `${classes.length} patent${classes.length > 1 ? 's' : ''} classed in ${codes}`,
        sources: classes.map((c) => c.patent),
      });
    }
    // Publications: "4 works on perovskite solar cells, 310 citations".
    const published = works.get(industry.id);
    if (published && published.works.length > 0) {
      const n = published.works.length;
      const points = Math.min(rel.maxWorkPoints, n * rel.pointsPerWork);
      const subjects = [...published.subjects]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 3)
        .map(([t]) => t);
      const citations = published.works.reduce((sum, w) => sum + (w.citedByCount ?? 0), 0);
      contributions.push({
        points,
        reason: `${n} work${n > 1 ? 's' : ''} on ${subjects.join(', ')}${citations > 0 ? `, ${citations} citations` : ''}`,
        sources: [...new Set(published.works.map((w) => w.sourceId))],
      });
    }
    // SIC of companies the person holds a filing role at, or works for; a filer the source gives
    // no SIC for takes the one of the organisation registry (EDGAR submissions JSON).
    const sicRole = bestBy(
      [
        ...roleSics.filter((r) => matcher.industriesOfSic(r.sic).includes(industry.id)),
        ...affiliationSics.filter((a) => matcher.industriesOfSic(a.sic).includes(industry.id)),
      ],
      (r) => r.weight.factor,
    );
    if (sicRole) {
      context.push({
        points: round1(rel.sicRolePoints * sicRole.weight.factor),
        reason: `${sicRole.label} (SIC ${sicRole.sic})${weightSuffix(sicRole.weight)}`,
      });
    }
    // Anchor employers. Holding 10% of a company is an investment, not employment: it does not count here.
    const anchor = bestBy(
      employers(profile)
        .filter((a) => !INVESTOR_TITLE.test(a.title ?? ''))
        .filter((a) => matcher.isAnchorEmployer(industry.id, a.organizationKey))
        .map((a) => {
          const weight = employerWeight(roles.postOf(a), config);
          const base = a.current ? rel.anchorEmployerPoints.current : rel.anchorEmployerPoints.past;
          return { a, weight, points: round1(base * weight.factor) };
        }),
      (x) => x.points,
    );
    if (anchor) {
      context.push({
        points: anchor.points,
        reason: `${anchor.a.current ? 'works at' : 'worked at'} ${anchor.a.organization}, an anchor employer${weightSuffix(anchor.weight)}`,
        sources: anchor.a.sources,
      });
    }
    const contextSum = context.reduce((sum, c) => sum + c.points, 0);
    contributions.push(...context.filter((c) => c.points > 0));
    if (contextSum > rel.maxEmployerPoints)
      contributions.push({
        points: round1(rel.maxEmployerPoints - contextSum),
        reason: `employer context capped at ${rel.maxEmployerPoints}`,
      });

    const relevanceSum = round1(contributions.reduce((sum, c) => sum + c.points, 0));
    const relevance = Math.min(rel.maxRelevancePoints, relevanceSum);
    if (relevance < rel.minRelevancePoints) {
      scores[industry.id] = 0;
      // Kept with its lines, so a reader sees what was found and why it does not count.
      if (contributions.length > 0)
        industries.push({
          industry: industry.id,
          score: 0,
          relevancePoints: relevance,
          contributions: [
            ...contributions,
            { points: -relevance, reason: `below ${rel.minRelevancePoints} relevance points: not counted` },
          ],
        });
      continue;
    }
    if (relevanceSum > relevance)
      contributions.push({
        points: round1(relevance - relevanceSum),
        reason: `relevance capped at ${rel.maxRelevancePoints}`,
      });
    const scale = Math.sqrt(relevance / rel.maxRelevancePoints);
    const share = `× relevance factor ${Math.round(scale * 100)}%`;
    const tierPoints = round1(config.tier.points[tier.tier] * scale);
    if (tierPoints > 0)
      contributions.push({ points: tierPoints, reason: `tier ${tier.tier} (${tier.because}) ${share}` });
    const impactPoints = round1(impactRaw * scale);
    if (impactPoints > 0) {
      const parts = [
        profile.patents.length > 0
          ? `${profile.patents.length} patent${profile.patents.length > 1 ? 's' : ''}`
          : '',
        scholar.label,
        isOfficer ? 'public-company officer' : '',
        isDirector ? 'public-company director' : '',
      ].filter(Boolean);
      contributions.push({ points: impactPoints, reason: `impact: ${parts.join(', ')} ${share}` });
    }
    const recencyPoints = round1(recencyRaw * scale);
    if (recencyPoints > 0)
      contributions.push({ points: recencyPoints, reason: `recent activity (${latestYear}) ${share}` });
    const scarcityPoints = round1(config.scarcity.maxPoints * industry.scarcity * scale);
    if (scarcityPoints > 0)
      contributions.push({
        points: scarcityPoints,
        reason: `scarcity of ${industry.id} talent ${industry.scarcity} ${share}`,
      });

    const score = Math.min(100, Math.round(contributions.reduce((sum, c) => sum + c.points, 0)));
    scores[industry.id] = score;
    industries.push({ industry: industry.id, score, relevancePoints: relevance, contributions });
  }

  industries.sort((a, b) => b.score - a.score || a.industry.localeCompare(b.industry));
  const topIndustries = industries
    .filter((i) => i.score > 0)
    .map((i) => ({ industry: i.industry, score: i.score }));
  const priorityScore = topIndustries[0]?.score ?? 0;
  return {
    ...profile,
    scores,
    topIndustries,
    tier: tier.tier,
    priorityScore,
    reason: reasonLine(tier.tier, industries[0]),
    explanation: {
      tier,
      industries,
      notes: [
        `reference year ${ctx.referenceYear}; latest dated activity ${latestYear ?? 'unknown'}`,
        `score = relevance (≤ ${rel.maxRelevancePoints}) + (tier + impact + recency + scarcity) × √(relevance / ${rel.maxRelevancePoints}); industries below ${rel.minRelevancePoints} relevance points score 0`,
      ],
    },
  };
}

/** The item with the highest value; the first of equals (input order is deterministic). */
function bestBy<T>(items: readonly T[], value: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || value(item) > value(best)) best = item;
  return best;
}

const ruleCache = new WeakMap<ScoringConfig, ReturnType<typeof compileTierRules>>();
function compiledRules(config: ScoringConfig): ReturnType<typeof compileTierRules> {
  let rules = ruleCache.get(config);
  if (!rules) {
    rules = compileTierRules(config);
    ruleCache.set(config, rules);
  }
  return rules;
}

function latestActivityYear(profile: UnscoredProfile, referenceYear: number): number | undefined {
  const years: number[] = [];
  if (profile.affiliations.some((a) => a.current)) years.push(referenceYear);
  for (const a of profile.affiliations) {
    const y = yearOf(a.endDate) ?? yearOf(a.startDate);
    if (y !== undefined) years.push(y);
  }
  for (const p of profile.patents) if (p.date) years.push(yearOf(p.date) as number);
  for (const w of profile.publications ?? []) if (w.year !== undefined) years.push(w.year);
  for (const r of profile.filingRoles) if (r.date) years.push(yearOf(r.date) as number);
  for (const e of profile.education) if (e.endDate) years.push(yearOf(e.endDate) as number);
  const valid = years.filter((y) => Number.isFinite(y) && y <= referenceYear);
  return valid.length === 0 ? undefined : Math.max(...valid);
}

function reasonLine(tier: string, top: IndustryScore | undefined): string {
  if (!top || top.score === 0) return `Tier ${tier} · no priority-industry match`;
  const lines = [...top.contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map((c) => c.reason);
  return `Tier ${tier} · ${top.industry} ${top.score}: ${lines.join('; ')}`;
}
