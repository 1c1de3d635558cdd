import type {
  Evidence,
  MentionRole,
  PersonMention,
  RawAffiliation,
  RawEducation,
  RawName,
  RawPlace,
} from '../model/mention.js';

/**
 * A person as the page extractors assemble them, before ids are assigned. Extractors only ever
 * add to a draft (through the helpers below), which keeps duplicates out when the same fact is
 * found twice (a contact block and a bio sentence).
 */
export interface PersonDraft {
  role: MentionRole;
  name: RawName;
  otherNames: string[];
  emails: string[];
  phones: string[];
  urls: string[];
  orcid?: string;
  location?: RawPlace;
  summary: string[];
  affiliations: RawAffiliation[];
  education: RawEducation[];
  professionalTitles: string[];
  skills: string[];
  evidence: Evidence[];
}

export function newDraft(role: MentionRole, name: RawName, evidence: Evidence): PersonDraft {
  return {
    role,
    name,
    otherNames: [],
    emails: [],
    phones: [],
    urls: [],
    summary: [],
    affiliations: [],
    education: [],
    professionalTitles: [],
    skills: [],
    evidence: [evidence],
  };
}

/** Appends strings not yet present (case-insensitive), keeping first-seen order. */
export function addUnique(list: string[], ...values: Array<string | undefined>): void {
  for (const value of values) {
    const v = value?.trim();
    if (v === undefined || v === '') continue;
    if (!list.some((x) => x.toLowerCase() === v.toLowerCase())) list.push(v);
  }
}

const orgKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

export function addAffiliation(draft: PersonDraft, affiliation: RawAffiliation): void {
  const key = orgKey(affiliation.organization);
  // "…MD Anderson" and "…MD Anderson Cancer Center" on one page are one employer.
  const same = draft.affiliations.find((a) => {
    const other = orgKey(a.organization);
    const sameOrg =
      other === key ||
      (Math.min(other.length, key.length) >= 12 && (other.startsWith(key) || key.startsWith(other)));
    return (
      sameOrg && (a.title === undefined || affiliation.title === undefined || a.title === affiliation.title)
    );
  });
  if (same === undefined) {
    draft.affiliations.push(affiliation);
    draft.evidence.push(affiliation.evidence);
    return;
  }
  // Fill gaps only; the first sighting (usually the contact block) wins on conflicts, except
  // that the fuller form of the organisation's name is kept.
  if (affiliation.organization.length > same.organization.length)
    same.organization = affiliation.organization;
  same.title ??= affiliation.title;
  same.department ??= affiliation.department;
  same.startDate ??= affiliation.startDate;
  same.endDate ??= affiliation.endDate;
  same.current ??= affiliation.current;
}

export function addEducation(draft: PersonDraft, education: RawEducation): void {
  const key = orgKey(education.institution);
  const same = draft.education.find(
    (e) =>
      orgKey(e.institution) === key &&
      (e.degree === undefined || education.degree === undefined || e.degree === education.degree),
  );
  if (same === undefined) {
    draft.education.push(education);
    draft.evidence.push(education.evidence);
    return;
  }
  same.degree ??= education.degree;
  same.area ??= education.area;
  same.startDate ??= education.startDate;
  same.endDate ??= education.endDate;
}

export function toMention(draft: PersonDraft, sourceId: string, index: number): PersonMention {
  const mention: PersonMention = {
    mentionId: `${sourceId}#${index}`,
    sourceId,
    sourceKind: 'profile-page',
    format: 'profile-html',
    role: draft.role,
    name: draft.name,
    affiliations: draft.affiliations,
    education: draft.education,
    professionalTitles: draft.professionalTitles,
    skills: draft.skills,
    patents: [],
    filingRoles: [],
    evidence: draft.evidence,
  };
  if (draft.otherNames.length > 0) mention.otherNames = draft.otherNames;
  if (draft.emails.length > 0) mention.emails = draft.emails;
  if (draft.phones.length > 0) mention.phones = draft.phones;
  if (draft.urls.length > 0) mention.urls = draft.urls;
  if (draft.orcid !== undefined) mention.orcid = draft.orcid;
  if (draft.location !== undefined) mention.location = draft.location;
  if (draft.summary.length > 0) mention.summary = draft.summary.join('\n');
  return mention;
}
