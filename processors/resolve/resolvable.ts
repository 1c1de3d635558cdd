import type { PersonMention } from '../model/mention.js';
import { foldLatin } from '../normalize/fold.js';
import { normalizePlace } from '../normalize/place.js';
import { normalizeCik, normalizeEmail, normalizeOrcid } from '../profile/mention-keys.js';
import { nameBlockKeys } from './blocking-keys.js';
import { nameForm, nameForms, type NameForm } from './name-form.js';
import { formalGiven } from './nicknames.js';
import { orgFact, type OrgFact } from './organizations.js';

/** A place reduced to comparable codes: ISO country, ISO subdivision, folded city. */
export interface PlaceFact {
  country?: string;
  region?: string;
  city?: string;
}

/**
 * What resolution knows about one mention: plain, serializable data computed once from the
 * parser's `PersonMention` (`toResolvable`). Blocking keys, pairwise evidence and clustering read
 * only this, so the same mention always resolves the same way wherever it is stored.
 */
export interface ResolvableMention {
  /** The mention id (`<sourceId>#<n>`); clusters list these. */
  id: string;
  /** The source record: two mentions of one document are two people. */
  source: string;
  /** The name as written, then the other forms the source gives. */
  names: NameForm[];
  orcid?: string;
  /** OpenAlex author id (`A5023888391`) and Semantic Scholar author id: strong keys like the ORCID. */
  openalexId?: string;
  s2Id?: string;
  cik?: string;
  emails: string[];
  /** Domains of the e-mail addresses, webmail and example domains left out. */
  emailDomains: string[];
  /** Employers, patent assignees and filing issuers. */
  organizations: OrgFact[];
  /** Schools (kept apart from employers: sharing a school says less). */
  schools: OrgFact[];
  places: PlaceFact[];
  /** Blocking keys of the co-inventors on this mention's patents. */
  coInventors: string[];
  /** Patent publication ids (`US11477944`). */
  patents: string[];
  /** Works authored (`doi:10.7717/peerj.4375`, else the source's work id); absent in mentions stored before publications. */
  works?: string[];
  /** Blocking keys of the co-authors of those works: co-authors play the part co-inventors play for patents. */
  coAuthors?: string[];
  /** CPC and IPC subclasses (`H01L`). */
  fields: string[];
  /** SIC codes of the filers this person appears with. */
  sic: string[];
  /** Earliest and latest year the mention dates (positions, patents, filings). */
  years?: [number, number];
  /** Folded job titles and professional titles. */
  titles: string[];
  /** Folded skills, at most 30. */
  skills: string[];
}

const WEBMAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mail.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'gmx.de',
  'web.de',
  'yandex.ru',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'sohu.com',
  'foxmail.com',
  'example.com',
  'example.org',
]);

/** Mailboxes of a function, not a person: shared by everyone who writes from them. */
const ROLE_MAILBOX =
  /^(info|contact|office|admin|hr|jobs|careers|support|hello|team|press|media|noreply|no-reply|webmaster|sales|enquiries|inquiries|lab|group)@/;

/** The person's e-mail addresses that identify them: normalized, role mailboxes left out. */
function personalEmails(raw: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const text of raw ?? []) {
    const email = normalizeEmail(text);
    if (email !== undefined && !ROLE_MAILBOX.test(email)) out.add(email);
  }
  return [...out].sort();
}

function yearOfText(text: string | undefined): number | undefined {
  const m = text?.match(/(?:^|\D)((?:19|20)\d{2})(?:\D|$)/);
  return m ? Number(m[1]) : undefined;
}

/** `H01L 21/768`, `G06F16/22` → `H01L`. */
function subclass(code: string): string | undefined {
  const m = code
    .replace(/\s+/g, '')
    .toUpperCase()
    .match(/^([A-H]\d{2}[A-Z])/);
  return m?.[1];
}

function placeFact(raw: Parameters<typeof normalizePlace>[0]): PlaceFact | undefined {
  const place = normalizePlace(raw);
  if (place === undefined) return undefined;
  const fact: PlaceFact = {};
  if (place.country) fact.country = place.country;
  if (place.regionCode) fact.region = place.regionCode;
  if (place.city) fact.city = foldLatin(place.city);
  return Object.keys(fact).length > 0 ? fact : undefined;
}

function pushOrg(list: OrgFact[], fact: Readonly<OrgFact> | undefined): void {
  if (fact === undefined) return;
  const at = list.findIndex((o) => o.key === fact.key);
  if (at < 0) list.push(fact);
  // The same organisation named again with its CIK: keep the fact that has it (facts are shared, never changed).
  else if ((list[at] as OrgFact).cik === undefined && fact.cik !== undefined) list[at] = fact;
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Reduces a parsed mention to what resolution compares. Deterministic; the order of facts is sorted. */
export function toResolvable(mention: PersonMention): ResolvableMention {
  const names = nameForms(mention.name, mention.otherNames ?? []);
  const emails = personalEmails(mention.emails);
  const organizations: OrgFact[] = [];
  const schools: OrgFact[] = [];
  const places: PlaceFact[] = [];
  const years: number[] = [];
  const titles = new Set<string>();
  const fields = new Set<string>();
  const sic = new Set<string>();
  const coInventors = new Set<string>();
  const patents = new Set<string>();
  const noteYear = (text: string | undefined): void => {
    const y = yearOfText(text);
    if (y !== undefined) years.push(y);
  };
  const noteTitle = (text: string | undefined): void => {
    const t = text === undefined ? '' : foldLatin(text);
    if (t.length > 1) titles.add(t);
  };

  for (const a of mention.affiliations) {
    pushOrg(organizations, orgFact(a.organization, normalizeCik(a.organizationIds?.secCik)));
    noteYear(a.startDate);
    noteYear(a.endDate);
    noteTitle(a.title);
    if (a.sic) sic.add(a.sic);
    const place = placeFact(a.location);
    if (place) places.push(place);
  }
  for (const e of mention.education) pushOrg(schools, orgFact(e.institution));
  const ownKeys = new Set(names.flatMap(nameBlockKeys));
  for (const p of mention.patents) {
    patents.add(`${p.country}${p.number}`.toUpperCase());
    for (const assignee of p.assignees) pushOrg(organizations, orgFact(assignee));
    for (const code of [...p.cpc, ...p.ipc]) {
      const s = subclass(code);
      if (s) fields.add(s);
    }
    noteYear(p.publicationDate);
    noteYear(p.filingDate);
    for (const inventor of p.inventors) {
      if (inventor === mention.name.full) continue;
      const form = nameForm({ full: inventor });
      if (form === undefined) continue;
      const keys = nameBlockKeys(form);
      // The mention's own name written another way is not a co-inventor.
      if (keys.some((k) => ownKeys.has(k))) continue;
      for (const k of coInventorKeys(form)) coInventors.add(k);
    }
  }
  const works = new Set<string>();
  const coAuthors = new Set<string>();
  for (const p of mention.publications ?? []) {
    works.add(p.doi !== undefined ? `doi:${p.doi}` : p.id);
    if (p.year !== undefined) years.push(p.year);
    for (const author of p.authors) {
      if (author === mention.name.full) continue;
      const form = nameForm({ full: author });
      if (form === undefined) continue;
      if (nameBlockKeys(form).some((k) => ownKeys.has(k))) continue;
      for (const k of coInventorKeys(form)) coAuthors.add(k);
    }
  }
  for (const role of mention.filingRoles) {
    pushOrg(organizations, orgFact(role.issuer, normalizeCik(role.issuerCik)));
    noteYear(role.date);
    noteTitle(role.title);
    if (role.sic) sic.add(role.sic);
  }
  for (const t of mention.professionalTitles) noteTitle(t);
  const home = placeFact(mention.location);
  if (home) places.unshift(home);

  const resolvable: ResolvableMention = {
    id: mention.mentionId,
    // A page of works (an OpenAlex /works answer) is one record but many documents: the same
    // person on two of its works may merge; two authors of one work may not.
    source:
      mention.sourceKind === 'publication' && mention.publications?.length === 1
        ? `${mention.sourceId}#${mention.publications[0]?.id ?? ''}`
        : mention.sourceId,
    names,
    emails,
    emailDomains: sortedUnique(emails.map((e) => e.slice(e.indexOf('@') + 1)).filter((d) => !WEBMAIL.has(d))),
    organizations: organizations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    schools: schools.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    places: dedupePlaces(places),
    coInventors: sortedUnique(coInventors),
    patents: sortedUnique(patents),
    fields: sortedUnique(fields),
    sic: sortedUnique(sic),
    titles: sortedUnique(titles),
    skills: sortedUnique(mention.skills.map((s) => foldLatin(s)).filter((s) => s.length > 1)).slice(0, 30),
  };
  const orcid = normalizeOrcid(mention.orcid);
  if (orcid) resolvable.orcid = orcid;
  if (mention.openalexId) resolvable.openalexId = mention.openalexId.toUpperCase();
  if (mention.semanticScholarId) resolvable.s2Id = mention.semanticScholarId;
  if (works.size > 0) resolvable.works = sortedUnique(works);
  if (coAuthors.size > 0) resolvable.coAuthors = sortedUnique(coAuthors);
  const cik = normalizeCik(mention.secCik);
  if (cik) resolvable.cik = cik;
  if (years.length > 0) resolvable.years = [Math.min(...years), Math.max(...years)];
  return resolvable;
}

/**
 * A co-inventor's key: finer than a name block — the whole first given name (`jones|john`), so
 * two different J. Joneses on two people's patents are not "a shared co-inventor". Pinyin
 * readings are whole names already; an initial-only name keeps its block.
 */
function coInventorKeys(form: NameForm): string[] {
  const first = form.given[0];
  if (form.readings.length > 0 || first === undefined || first.length === 1) return nameBlockKeys(form);
  const families = form.familyTail === undefined ? [form.family] : [form.family, form.familyTail];
  return families.map((family) => `name:${family}|${formalGiven(first)}`);
}

function dedupePlaces(places: readonly PlaceFact[]): PlaceFact[] {
  const seen = new Map<string, PlaceFact>();
  for (const p of places) seen.set(`${p.country ?? ''}|${p.region ?? ''}|${p.city ?? ''}`, p);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}
