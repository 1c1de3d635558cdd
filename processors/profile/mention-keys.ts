import type { PersonMention } from '../model/mention.js';
import { normalizePersonName, looseNameKey, type NormalizedName } from '../normalize/person-name.js';
import { organizationKey } from '../normalize/organization.js';

/** The keys a mention can merge on in this stage: strong identifiers, then name + organisation. */
export interface MentionKeys {
  name: NormalizedName;
  /** `orcid:…`, `cik:…`, `email:…`: decisive on their own. */
  strong: string[];
  /** `nameorg:<name key>|<organisation key>`: merge only when no strong identifier conflicts. */
  nameOrg: string[];
  orcid?: string;
  secCik?: string;
}

const ORCID = /(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/i;

export function normalizeOrcid(text: string | undefined): string | undefined {
  return text?.match(ORCID)?.[1]?.toUpperCase();
}

/** CIKs are written with and without leading zeros (`0001318605`, `1318605`). */
export function normalizeCik(text: string | undefined): string | undefined {
  const digits = text?.replace(/\D/g, '');
  return digits === undefined || digits === '' ? undefined : digits.replace(/^0+/, '') || '0';
}

export function normalizeEmail(text: string): string | undefined {
  const email = text
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(email) ? email : undefined;
}

export function mentionKeys(mention: PersonMention): MentionKeys {
  const name = normalizePersonName(mention.name);
  const strong: string[] = [];
  const orcid = normalizeOrcid(mention.orcid);
  if (orcid) strong.push(`orcid:${orcid}`);
  if (mention.openalexId) strong.push(`openalex:${mention.openalexId.toUpperCase()}`);
  if (mention.semanticScholarId) strong.push(`s2:${mention.semanticScholarId}`);
  const secCik = normalizeCik(mention.secCik);
  if (secCik) strong.push(`cik:${secCik}`);
  for (const raw of mention.emails ?? []) {
    const email = normalizeEmail(raw);
    if (email) strong.push(`email:${email}`);
  }
  const nameKey = looseNameKey(name);
  const organizations = new Set<string>();
  for (const affiliation of mention.affiliations)
    organizations.add(organizationKey(affiliation.organization));
  for (const patent of mention.patents)
    for (const assignee of patent.assignees) organizations.add(organizationKey(assignee));
  const nameOrg =
    nameKey.length > 1
      ? [...organizations].filter((o) => o.length > 0).map((org) => `nameorg:${nameKey}|${org}`)
      : [];
  const keys: MentionKeys = { name, strong, nameOrg };
  if (orcid) keys.orcid = orcid;
  if (secCik) keys.secCik = secCik;
  return keys;
}
