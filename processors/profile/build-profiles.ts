import { createHash } from 'node:crypto';
import type { DocumentInfo, PersonMention } from '../model/mention.js';
import {
  PROFILE_SCHEMA_VERSION,
  type ProfileAffiliation,
  type ProfileEducation,
  type ProfilePatent,
  type ProfilePublication,
  type SourceEvidence,
  type TalentProfile,
} from '../model/profile.js';
import { isOngoing, toIsoDate } from '../normalize/date.js';
import { degreeLevel } from '../normalize/degree.js';
import { seniorityRank, titleSeniority, type Seniority } from '../normalize/job-title.js';
import { affiliationKindOf, isAnaphoricOrganization } from '../normalize/org-hygiene.js';
import { organizationDisplay, organizationKey } from '../normalize/organization.js';
import { countryCode, normalizePlace, type NormalizedPlace } from '../normalize/place.js';
import type { SkillVocabulary } from '../normalize/skill.js';
import {
  resolvableOf,
  resolveMentions,
  type ResolveOptions,
  type ResolvedCluster,
} from '../resolve/index.js';
import { mentionKeys, normalizeCik, normalizeEmail, type MentionKeys } from './mention-keys.js';

/** A parsed source record: what the profile builder needs of the envelope and the parser's output. */
export interface ParsedRecord {
  sourceId: string;
  fetchedAt: string;
  document: DocumentInfo;
  mentions: PersonMention[];
}

/** A profile before scoring; the scorer fills scores, tier, reason and explanation. */
export type UnscoredProfile = Omit<
  TalentProfile,
  'scores' | 'topIndustries' | 'tier' | 'priorityScore' | 'reason' | 'explanation'
>;

interface Item {
  mention: PersonMention;
  keys: MentionKeys;
  record: ParsedRecord;
}

const KEY_PRIORITY = ['orcid:', 'openalex:', 's2:', 'cik:', 'email:', 'nameorg:'];

function pushUnique<T>(list: T[], value: T | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

function hashId(key: string): string {
  return `tp-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/** The keys a profile id may come from, strongest first, each kind sorted. */
function idCandidates(items: readonly Item[]): string[] {
  const keys = [...new Set(items.flatMap((item) => [...item.keys.strong, ...item.keys.nameOrg]))];
  return KEY_PRIORITY.flatMap((prefix) => keys.filter((k) => k.startsWith(prefix)).sort());
}

/**
 * Profile ids: a hash of the person's strongest, then smallest, key that no other person of the
 * same records holds (two namesakes at one employer both carry `nameorg:wei zhang|huawei`), else
 * of their smallest mention id. Which people hold a key is decided by the mentions that share it,
 * all of which every rebuild of that key's people loads; so the same mentions give the same ids
 * whatever the order or batching.
 */
function profileIds(groups: readonly Item[][]): string[] {
  const candidates = groups.map(idCandidates);
  const holders = new Map<string, number>();
  for (const list of candidates) for (const key of list) holders.set(key, (holders.get(key) ?? 0) + 1);
  return groups.map((items, i) => {
    const unique = (candidates[i] as string[]).find((k) => holders.get(k) === 1);
    if (unique !== undefined) return hashId(unique);
    const mentionIdsSorted = items.map((item) => item.mention.mentionId).sort();
    return hashId(`mention:${mentionIdsSorted[0] ?? ''}`);
  });
}

/** A person as resolution grouped them: the cluster and the builder's items of its mentions. */
interface ResolvedGroup {
  items: Item[];
  cluster: ResolvedCluster;
}

/**
 * Groups mentions into people (processors/resolve: strong identifiers, then name blocks scored on
 * organisations, co-inventors, places, fields and years) and builds one profile per person, with
 * the merges that made it. The grouping depends only on the set of mentions, never their order.
 */
export function buildProfiles(
  records: readonly ParsedRecord[],
  skills: SkillVocabulary,
  resolution: ResolveOptions = {},
): UnscoredProfile[] {
  const byId = new Map<string, Item>();
  for (const record of records)
    for (const mention of record.mentions)
      // A record given twice (a replay inside one batch) adds nothing the first did not.
      if (!byId.has(mention.mentionId))
        byId.set(mention.mentionId, { mention, keys: mentionKeys(mention), record });
  const clusters = resolveMentions(
    [...byId.values()].map((item) => resolvableOf(item.mention)),
    resolution,
  );
  const groups: ResolvedGroup[] = clusters.map((cluster) => ({
    cluster,
    items: cluster.mentionIds.map((id) => byId.get(id) as Item),
  }));
  const ids = profileIds(groups.map((g) => g.items));
  return groups.map((group, i) => buildProfile(group, ids[i] as string, skills));
}

const ROLE_PREFERENCE = [
  'resume-subject',
  'profile-subject',
  'reporting-owner',
  'officer',
  'director',
  'director-nominee',
  'author',
  'inventor',
  'editor',
  'group-member',
];

function buildProfile(
  { items, cluster }: ResolvedGroup,
  id: string,
  vocabulary: SkillVocabulary,
): UnscoredProfile {
  const ordered = [...items].sort(
    (a, b) =>
      ROLE_PREFERENCE.indexOf(a.mention.role) - ROLE_PREFERENCE.indexOf(b.mention.role) ||
      a.mention.mentionId.localeCompare(b.mention.mentionId),
  );
  const lead = ordered[0] as Item;
  const names: string[] = [];
  const nameKeys: string[] = [];
  const honorifics: string[] = [];
  const emails: string[] = [];
  const phones: string[] = [];
  const urls: string[] = [];
  const secCiks: string[] = [];
  let orcid: string | undefined;
  const affiliations = new Map<string, ProfileAffiliation>();
  const education = new Map<string, ProfileEducation>();
  const locations = new Map<string, NormalizedPlace>();
  const titles: string[] = [];
  const skills = new Map<string, { id?: string; label: string; zh?: string }>();
  const patents = new Map<string, ProfilePatent>();
  const publications = new Map<string, ProfilePublication>();
  const scholarMetrics: NonNullable<TalentProfile['scholarMetrics']> = {};
  const filingRoles: TalentProfile['filingRoles'] = [];
  const evidence: SourceEvidence[] = [];
  let gender: string | undefined;
  let birthDate: string | undefined;
  let nationality: string | undefined;
  let summary: string | undefined;
  let seniority: Seniority | undefined;
  const seen: string[] = [];

  const noteSeniority = (title: string | undefined): void => {
    const level = titleSeniority(title);
    if (level !== undefined && (seniority === undefined || seniorityRank[level] > seniorityRank[seniority]))
      seniority = level;
  };

  for (const { mention, keys, record } of ordered) {
    const sourceId = mention.sourceId;
    pushUnique(names, keys.name.display);
    pushUnique(names, mention.name.full.replace(/\s+/g, ' ').trim());
    pushUnique(names, keys.name.latin);
    for (const other of mention.otherNames ?? []) pushUnique(names, other.trim());
    pushUnique(nameKeys, keys.name.key);
    pushUnique(nameKeys, keys.name.pinyinKey);
    for (const h of keys.name.honorifics) pushUnique(honorifics, h);
    for (const raw of mention.emails ?? []) pushUnique(emails, normalizeEmail(raw));
    for (const raw of mention.phones ?? []) pushUnique(phones, raw.trim());
    for (const raw of mention.urls ?? []) pushUnique(urls, raw.trim());
    pushUnique(secCiks, normalizeCik(mention.secCik));
    orcid ??= keys.orcid;
    gender ??= normalizeGender(mention.gender);
    birthDate ??= toIsoDate(mention.birthDate) ?? mention.birthDate;
    nationality ??= countryCode(mention.nationality);
    if (mention.summary && (summary === undefined || summary.length < mention.summary.length))
      summary = mention.summary.trim();
    pushUnique(seen, record.fetchedAt);

    const place = normalizePlace(mention.location);
    if (place) locations.set(place.label, place);

    for (const a of mention.affiliations) {
      // "the Company", 本公司: a back-reference no parser could resolve names no organisation; the
      // title still says what the person does.
      if (isAnaphoricOrganization(a.organization)) {
        pushUnique(titles, a.title?.trim());
        noteSeniority(a.title);
        continue;
      }
      const key = `${organizationKey(a.organization)}|${(a.title ?? '').toLowerCase()}`;
      const existing = affiliations.get(key);
      const current =
        a.current === true ||
        (a.endDate === undefined && a.current !== false && a.startDate !== undefined) ||
        isOngoing(a.endDate);
      if (existing) {
        pushUnique(existing.sources, sourceId);
        existing.current ||= current;
        existing.sic ??= a.sic;
      } else affiliations.set(key, affiliationOf(a, current, sourceId));
      pushUnique(titles, a.title?.trim());
      noteSeniority(a.title);
      const affPlace = normalizePlace(a.location);
      if (affPlace) locations.set(affPlace.label, affPlace);
    }
    for (const e of mention.education) {
      const key = `${organizationKey(e.institution)}|${degreeLevel(e.degree) ?? ''}|${(e.area ?? '').toLowerCase()}`;
      const existing = education.get(key);
      if (existing) pushUnique(existing.sources, sourceId);
      else education.set(key, educationOf(e, sourceId));
    }
    for (const t of mention.professionalTitles) {
      pushUnique(titles, t.trim());
      noteSeniority(t);
    }
    for (const raw of mention.skills)
      for (const skill of vocabulary.normalize(raw)) skills.set(skill.id ?? skill.label.toLowerCase(), skill);
    for (const p of mention.patents) {
      const id = `${p.country}${p.number}${p.kind ?? ''}`;
      if (!patents.has(id)) patents.set(id, patentOf(p, id, mention.name.full, sourceId));
    }
    for (const p of mention.publications ?? []) {
      const id = p.doi !== undefined ? `doi:${p.doi}` : p.id;
      const known = publications.get(id);
      // The same work from two sources: keep the richer subjects and the higher citation count.
      const merged: ProfilePublication = known ?? { id, title: p.title, topics: [], keywords: [], sourceId };
      if (p.doi !== undefined) merged.doi = p.doi;
      if (merged.title === '') merged.title = p.title;
      if (p.year !== undefined) merged.year ??= p.year;
      if (p.venue !== undefined) merged.venue ??= p.venue;
      for (const t of p.topics) pushUnique(merged.topics, t);
      for (const k of p.keywords) pushUnique(merged.keywords, k);
      if (p.citedByCount !== undefined)
        merged.citedByCount = Math.max(merged.citedByCount ?? 0, p.citedByCount);
      publications.set(id, merged);
    }
    for (const [key, value] of Object.entries(mention.scholarMetrics ?? {}) as Array<
      [keyof typeof scholarMetrics, number | undefined]
    >)
      if (value !== undefined) scholarMetrics[key] = Math.max(scholarMetrics[key] ?? 0, value);
    for (const role of mention.filingRoles) {
      const entry: TalentProfile['filingRoles'][number] = { ...role, sourceId };
      const date = toIsoDate(role.date);
      if (date) entry.date = date;
      else delete entry.date;
      filingRoles.push(entry);
      pushUnique(titles, role.title?.trim());
      noteSeniority(role.title);
      if (role.role === 'director' || role.role === 'director-nominee') noteSeniority('Director');
    }
    evidence.push({
      sourceId,
      sourceKind: mention.sourceKind,
      format: mention.format,
      mentionId: mention.mentionId,
      role: mention.role,
      document: record.document,
      fetchedAt: record.fetchedAt,
      facts: mention.evidence,
    });
  }

  seen.sort();
  dropDegreesWithoutSchool(education);
  const profile: UnscoredProfile = {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    id,
    displayName: lead.keys.name.display,
    names,
    nameKeys,
    honorifics,
    emails,
    phones,
    urls,
    identifiers: orcid ? { orcid, secCiks } : { secCiks },
    affiliations: [...affiliations.values()],
    locations: [...locations.values()],
    education: [...education.values()],
    titles,
    skills: [...skills.values()],
    patents: [...patents.values()],
    ...(publications.size > 0 ? { publications: [...publications.values()] } : {}),
    ...(Object.keys(scholarMetrics).length > 0 ? { scholarMetrics } : {}),
    filingRoles,
    evidence,
    firstSeen: seen[0] as string,
    lastSeen: seen[seen.length - 1] as string,
  };
  if (cluster.merges.length > 0)
    profile.merges = cluster.merges.map((m) => ({ ...m, reasons: [...m.reasons] }));
  if (gender) profile.gender = gender;
  if (birthDate) profile.birthDate = birthDate;
  if (nationality) profile.nationality = nationality;
  if (summary) profile.summary = summary;
  if (seniority) profile.seniority = seniority;
  return profile;
}

type MentionOf<K extends 'affiliations' | 'education' | 'patents'> = Item['mention'][K][number];

/** A profile's affiliation from the first mention naming it (later ones add their sources). */
function affiliationOf(a: MentionOf<'affiliations'>, current: boolean, sourceId: string): ProfileAffiliation {
  const affiliation: ProfileAffiliation = {
    organization: organizationDisplay(a.organization),
    organizationKey: organizationKey(a.organization),
    current,
    sources: [sourceId],
  };
  if (a.title) affiliation.title = a.title.trim();
  const level = titleSeniority(a.title);
  if (level) affiliation.seniority = level;
  if (a.department) affiliation.department = a.department.trim();
  const start = toIsoDate(a.startDate);
  if (start) affiliation.startDate = start;
  const end = isOngoing(a.endDate) ? undefined : toIsoDate(a.endDate);
  if (end) affiliation.endDate = end;
  if (a.sic) affiliation.sic = a.sic;
  const kind = a.kind ?? affiliationKindOf(a.organization);
  if (kind) affiliation.kind = kind;
  return affiliation;
}

/** A profile's education entry from the first mention naming it. */
function educationOf(e: MentionOf<'education'>, sourceId: string): ProfileEducation {
  const entry: ProfileEducation = { institution: e.institution.trim(), sources: [sourceId] };
  if (e.area) entry.area = e.area.trim();
  if (e.degree) entry.degree = e.degree.trim();
  const level = degreeLevel(e.degree);
  if (level) entry.degreeLevel = level;
  const start = toIsoDate(e.startDate);
  if (start) entry.startDate = start;
  const end = toIsoDate(e.endDate);
  if (end) entry.endDate = end;
  return entry;
}

/** A profile's patent; the co-inventors are the inventors but the person (`fullName`). */
function patentOf(p: MentionOf<'patents'>, id: string, fullName: string, sourceId: string): ProfilePatent {
  const patent: ProfilePatent = {
    id,
    title: p.title,
    docType: p.docType,
    cpc: p.cpc,
    ipc: p.ipc,
    assignees: p.assignees,
    coInventors: p.inventors.filter((n) => n !== fullName),
    sourceId,
  };
  const date = toIsoDate(p.publicationDate);
  if (date) patent.date = date;
  if (p.citationCount !== undefined) patent.citationCount = p.citationCount;
  if (p.abstract) patent.abstract = p.abstract;
  return patent;
}

/** A degree stated without its school ("博士研究生学历") adds nothing once the school's entry of that level is known. */
function dropDegreesWithoutSchool(education: Map<string, ProfileEducation>): void {
  for (const [key, entry] of education)
    if (
      entry.institution === '' &&
      [...education.values()].some(
        (e) => e !== entry && e.institution !== '' && e.degreeLevel === entry.degreeLevel,
      )
    )
      education.delete(key);
}

function normalizeGender(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (t === '男' || t === 'male' || t === 'm' || t === 'man') return 'male';
  if (t === '女' || t === 'female' || t === 'f' || t === 'woman') return 'female';
  return t === '' ? undefined : t;
}
