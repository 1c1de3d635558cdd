import type { UnscoredProfile } from '../profile/build-profiles.js';
import { activeOrganizationRegistry } from '../normalize/org-registry.js';
import { organizationKey } from '../normalize/organization.js';
import { roleKindLabel, type PersonRoles } from './role-function.js';
import type { ScoringContext } from './score-profile.js';
import type { LeaderPost, TierFacts } from './tier.js';

/**
 * The leader's post (tier A) and the role-function cap, read from the person's posts: a leader title
 * at an anchor employer of an industry, or at a filer whose SIC code belongs to one.
 */
export function tierFacts(profile: UnscoredProfile, roles: PersonRoles, ctx: ScoringContext): TierFacts {
  const { matcher, config } = ctx;
  const registry = activeOrganizationRegistry();
  const facts: TierFacts = {
    leaderPost: (titles) => {
      const leads = (title: string | undefined): title is string =>
        title !== undefined && titles.some((t) => t.test(title));
      const firm = (orgKey: string, sic: string | undefined): string | undefined => {
        const anchorOf = matcher.industries.find((i) => matcher.isAnchorEmployer(i.id, orgKey));
        if (anchorOf) return `an anchor employer in ${anchorOf.id}`;
        const bySic = matcher.industriesOfSic(sic);
        return bySic.length > 0 ? `SIC ${sic}, ${bySic.join(', ')}` : undefined;
      };
      for (const a of profile.affiliations) {
        if (!leads(a.title)) continue;
        const why = firm(a.organizationKey, a.sic ?? registry?.company(undefined, a.organization)?.sic);
        if (why) return { title: a.title, organization: a.organization, why } satisfies LeaderPost;
      }
      for (const r of profile.filingRoles) {
        if (r.role !== 'officer' && r.role !== 'director') continue;
        if (!leads(r.title)) continue;
        const why = firm(organizationKey(r.issuer), r.sic ?? registry?.company(r.issuerCik, r.issuer)?.sic);
        if (why) return { title: r.title, organization: r.issuer, why };
      }
      return undefined;
    },
  };
  const rf = config.roleFunctions;
  const capped = new Set(rf.cappedKinds);
  const kinds = [...roles.kinds];
  const ownEvidence = profile.patents.length > 0 || (profile.publications?.length ?? 0) > 0;
  if (kinds.length > 0 && kinds.every((k) => capped.has(k)) && !ownEvidence)
    facts.cap = {
      maxTier: rf.maxTier,
      because: `${kinds.map(roleKindLabel).join(', ')} functions only, no patent or work of their own`,
    };
  return facts;
}
