import { compareNameLists, type NameMatchLevel } from './name-form.js';
import { relatedOrganization, sameOrganization, type OrgFact } from './organizations.js';
import type { PlaceFact, ResolvableMention } from './resolvable.js';

/**
 * How much each kind of evidence adds to (or takes from) a pair's score. Additive, in rough
 * log-odds units: a name agreement alone (≤ 2.5) never reaches the default threshold; a name plus
 * one anchor (an organisation, a co-inventor, a patent, an e-mail domain) does.
 */
export interface PairWeights {
  sharedPatent: number;
  /** First shared co-inventor; each further one adds `extraCoInventor`, up to `coInventorCap` in all. */
  coInventor: number;
  extraCoInventor: number;
  coInventorCap: number;
  sameOrganization: number;
  /** Each further shared organisation, up to two. */
  extraOrganization: number;
  relatedOrganization: number;
  emailDomain: number;
  sameSchool: number;
  sameCity: number;
  sameRegion: number;
  /** Both places known, no country in common. */
  otherCountry: number;
  sameField: number;
  /** Both have patent classes, none in common, not even the section. */
  otherField: number;
  sameSic: number;
  /** Spans that overlap or lie at most two years apart. */
  overlappingYears: number;
  /** Years apart (the gap between the two spans): ≥ 12 and ≥ 20. */
  distantYears: number;
  veryDistantYears: number;
  sameTitle: number;
  sharedSkills: number;
}

export const DEFAULT_PAIR_WEIGHTS: Readonly<PairWeights> = {
  sharedPatent: 6,
  coInventor: 2.5,
  extraCoInventor: 1.5,
  coInventorCap: 4,
  sameOrganization: 2.5,
  extraOrganization: 1,
  relatedOrganization: 1.5,
  emailDomain: 2,
  sameSchool: 1,
  sameCity: 1,
  sameRegion: 0.5,
  otherCountry: -1.5,
  sameField: 1,
  otherField: -1,
  sameSic: 0.5,
  overlappingYears: 0.5,
  distantYears: -0.5,
  veryDistantYears: -1.5,
  sameTitle: 0.5,
  sharedSkills: 0.5,
};

export type ReasonCode =
  | 'name'
  | 'shared-patent'
  | 'co-inventor'
  | 'shared-work'
  | 'co-author'
  | 'same-organization'
  | 'related-organization'
  | 'email-domain'
  | 'same-school'
  | 'place'
  | 'other-country'
  | 'field'
  | 'other-field'
  | 'sic'
  | 'years'
  | 'title'
  | 'skills';

/** Evidence beyond name, place, field and time: what ties a name to one particular person. */
const ANCHORS: ReadonlySet<ReasonCode> = new Set([
  'shared-patent',
  'co-inventor',
  'shared-work',
  'co-author',
  'same-organization',
  'related-organization',
  'email-domain',
]);

export interface Reason {
  code: ReasonCode;
  weight: number;
  text: string;
}

export interface PairEvidence {
  /** The two mention ids, smaller first. */
  a: string;
  b: string;
  /** Sum of the reasons' weights; -Infinity when the pair cannot link. */
  score: number;
  /** At least one anchor reason (organisation, co-inventor, patent, e-mail domain). */
  anchored: boolean;
  /** Anchored by a related organisation only (no shared organisation, co-inventor, patent or domain). */
  weakAnchor: boolean;
  /** Sum of the negative weights (other country, unrelated field, years apart): how much speaks against. */
  against: number;
  /** How the names agree (`exact`, `initial`, `script` …); absent when the pair cannot link. */
  nameLevel?: NameMatchLevel;
  /** A shared strong identifier: the pair is one person whatever else differs. */
  mustLink?: string;
  /** Why the two cannot be one person (different ORCID or CIK, one document, incompatible names). */
  cannotLink?: string;
  reasons: Reason[];
}

function orgsEvidence(a: readonly OrgFact[], b: readonly OrgFact[], w: PairWeights, reasons: Reason[]): void {
  const same: string[] = [];
  for (const x of a) if (b.some((y) => sameOrganization(x, y))) same.push(x.key);
  if (same.length > 0) {
    const extra = Math.min(same.length - 1, 2) * w.extraOrganization;
    const text =
      same.length === 1
        ? `same organisation ${same[0]}`
        : `${same.length} shared organisations (${same.join(', ')})`;
    reasons.push({ code: 'same-organization', weight: w.sameOrganization + extra, text });
    return;
  }
  for (const x of a)
    for (const y of b)
      if (relatedOrganization(x, y)) {
        reasons.push({
          code: 'related-organization',
          weight: w.relatedOrganization,
          text: `related organisations ${x.key} / ${y.key}`,
        });
        return;
      }
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

function placesEvidence(
  a: readonly PlaceFact[],
  b: readonly PlaceFact[],
  w: PairWeights,
  reasons: Reason[],
): void {
  if (a.length === 0 || b.length === 0) return;
  const countriesA = a.flatMap((p) => (p.country ? [p.country] : []));
  const countriesB = b.flatMap((p) => (p.country ? [p.country] : []));
  if (countriesA.length > 0 && countriesB.length > 0 && intersect(countriesA, countriesB).length === 0) {
    reasons.push({
      code: 'other-country',
      weight: w.otherCountry,
      text: `different countries (${countriesA[0]} / ${countriesB[0]})`,
    });
    return;
  }
  const compatibleCountry = (x: PlaceFact, y: PlaceFact): boolean =>
    !x.country || !y.country || x.country === y.country;
  for (const x of a)
    for (const y of b)
      if (x.city && x.city === y.city && compatibleCountry(x, y)) {
        reasons.push({ code: 'place', weight: w.sameCity, text: `same city ${x.city}` });
        return;
      }
  for (const x of a)
    for (const y of b)
      if (x.region && x.region === y.region) {
        reasons.push({ code: 'place', weight: w.sameRegion, text: `same region ${x.region}` });
        return;
      }
}

function yearsEvidence(a: ResolvableMention, b: ResolvableMention, w: PairWeights, reasons: Reason[]): void {
  if (a.years === undefined || b.years === undefined) return;
  const gap = Math.max(a.years[0], b.years[0]) - Math.min(a.years[1], b.years[1]);
  if (gap <= 0) reasons.push({ code: 'years', weight: w.overlappingYears, text: 'overlapping years' });
  else if (gap <= 2)
    reasons.push({
      code: 'years',
      weight: w.overlappingYears,
      text: `within ${gap} year${gap > 1 ? 's' : ''}`,
    });
  else if (gap >= 20) reasons.push({ code: 'years', weight: w.veryDistantYears, text: `${gap} years apart` });
  else if (gap >= 12) reasons.push({ code: 'years', weight: w.distantYears, text: `${gap} years apart` });
}

/** Titles too common to say anything about who holds them. */
const GENERIC_TITLES = new Set([
  'director',
  'officer',
  'member',
  '10 owner',
  'see remarks',
  'other',
  'engineer',
  'inventor',
]);

/**
 * The evidence that two mentions are one person, with a readable reason per item. Symmetric:
 * the result does not depend on which mention comes first.
 */
export function compareMentions(
  first: ResolvableMention,
  second: ResolvableMention,
  weights: Readonly<PairWeights> = DEFAULT_PAIR_WEIGHTS,
): PairEvidence {
  const [a, b] = first.id <= second.id ? [first, second] : [second, first];
  const evidence: PairEvidence = {
    a: a.id,
    b: b.id,
    score: 0,
    anchored: false,
    weakAnchor: false,
    against: 0,
    reasons: [],
  };
  const cannot = (why: string): PairEvidence => ({ ...evidence, score: -Infinity, cannotLink: why });

  // One document names each person once: two mentions of it are two people, whatever they share
  // (a lab page may give every member the lab's address).
  if (a.source === b.source) return cannot('same document');
  if (a.orcid && b.orcid && a.orcid !== b.orcid) return cannot(`different ORCIDs (${a.orcid} / ${b.orcid})`);
  if (a.cik && b.cik && a.cik !== b.cik) return cannot(`different SEC CIKs (${a.cik} / ${b.cik})`);
  if (a.orcid && a.orcid === b.orcid) evidence.mustLink = `same ORCID ${a.orcid}`;
  else if (a.cik && a.cik === b.cik) evidence.mustLink = `same SEC CIK ${a.cik}`;
  // OpenAlex and Semantic Scholar ids join when equal; different ids do not separate people, since
  // both services sometimes split one author into several ids.
  else if (a.openalexId && a.openalexId === b.openalexId)
    evidence.mustLink = `same OpenAlex author ${a.openalexId}`;
  else if (a.s2Id && a.s2Id === b.s2Id) evidence.mustLink = `same Semantic Scholar author ${a.s2Id}`;
  else {
    // The address itself stays out of the reason: reasons are shown to roles that may not see it.
    if (intersect(a.emails, b.emails).length > 0) evidence.mustLink = 'same e-mail address';
  }

  const name = compareNameLists(a.names, b.names);
  if (name.level === 'incompatible' && evidence.mustLink === undefined) return cannot(name.reason);
  const reasons = evidence.reasons;
  if (name.level !== 'incompatible') {
    reasons.push({ code: 'name', weight: name.weight, text: name.reason });
    evidence.nameLevel = name.level;
  }

  const patents = intersect(a.patents, b.patents);
  if (patents.length > 0)
    reasons.push({ code: 'shared-patent', weight: weights.sharedPatent, text: `same patent ${patents[0]}` });
  else {
    const co = intersect(a.coInventors, b.coInventors).length;
    if (co > 0) {
      const weight = Math.min(weights.coInventor + (co - 1) * weights.extraCoInventor, weights.coInventorCap);
      reasons.push({
        code: 'co-inventor',
        weight,
        text: co === 1 ? 'a shared co-inventor' : `${co} shared co-inventors`,
      });
    }
  }
  const works = intersect(a.works ?? [], b.works ?? []);
  if (works.length > 0)
    reasons.push({ code: 'shared-work', weight: weights.sharedPatent, text: `same work ${works[0]}` });
  else {
    const co = intersect(a.coAuthors ?? [], b.coAuthors ?? []).length;
    if (co > 0)
      reasons.push({
        code: 'co-author',
        weight: Math.min(weights.coInventor + (co - 1) * weights.extraCoInventor, weights.coInventorCap),
        text: co === 1 ? 'a shared co-author' : `${co} shared co-authors`,
      });
  }
  orgsEvidence(a.organizations, b.organizations, weights, reasons);
  const domain = intersect(a.emailDomains, b.emailDomains)[0];
  if (domain !== undefined)
    reasons.push({ code: 'email-domain', weight: weights.emailDomain, text: `same e-mail domain ${domain}` });
  if (a.schools.some((x) => b.schools.some((y) => sameOrganization(x, y))))
    reasons.push({ code: 'same-school', weight: weights.sameSchool, text: 'same school' });
  placesEvidence(a.places, b.places, weights, reasons);
  if (a.fields.length > 0 && b.fields.length > 0) {
    const shared = intersect(a.fields, b.fields);
    if (shared.length > 0)
      reasons.push({ code: 'field', weight: weights.sameField, text: `same patent class ${shared[0]}` });
    else if (
      intersect(
        a.fields.map((f) => f.charAt(0)),
        b.fields.map((f) => f.charAt(0)),
      ).length === 0
    )
      reasons.push({ code: 'other-field', weight: weights.otherField, text: 'unrelated patent classes' });
  }
  const sic = intersect(a.sic, b.sic)[0];
  if (sic !== undefined) reasons.push({ code: 'sic', weight: weights.sameSic, text: `same SIC ${sic}` });
  yearsEvidence(a, b, weights, reasons);
  const title = intersect(a.titles, b.titles).find((t) => !GENERIC_TITLES.has(t));
  if (title !== undefined)
    reasons.push({ code: 'title', weight: weights.sameTitle, text: `same title ${title}` });
  if (intersect(a.skills, b.skills).length >= 2)
    reasons.push({ code: 'skills', weight: weights.sharedSkills, text: 'shared skills' });

  evidence.score = reasons.reduce((s, r) => s + r.weight, 0);
  evidence.against = reasons.reduce((s, r) => s + Math.min(r.weight, 0), 0);
  // A related organisation (a subsidiary, a lab of the university) ties a name to a person only
  // when nothing speaks against it; the other anchors stand on their own.
  const strong = reasons.some((r) => ANCHORS.has(r.code) && r.code !== 'related-organization');
  const related = reasons.some((r) => r.code === 'related-organization') && evidence.against === 0;
  evidence.anchored = strong || related;
  evidence.weakAnchor = !strong && related;
  return evidence;
}

/** One line for a merge: "same SEC CIK 1494730", "2 shared co-inventors + same organisation samsung electronics". */
export function describeEvidence(evidence: PairEvidence): string {
  if (evidence.mustLink !== undefined) return evidence.mustLink;
  if (evidence.cannotLink !== undefined) return `cannot link: ${evidence.cannotLink}`;
  return evidence.reasons
    .filter((r) => r.weight > 0 && r.code !== 'name')
    .map((r) => r.text)
    .join(' + ');
}
