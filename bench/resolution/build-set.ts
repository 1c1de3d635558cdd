import type { FormatName, SourceKind } from '../../lib/envelope.js';
import type {
  Evidence,
  MentionRole,
  PersonMention,
  RawAffiliation,
  RawName,
  RawPatent,
  RawPlace,
} from '../../processors/model/mention.js';
import { hasHan, isHanName } from '../../processors/normalize/fold.js';
import { organizationKey } from '../../processors/normalize/organization.js';
import { normalizePlace } from '../../processors/normalize/place.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { toTraditional } from '../../processors/resolve/han-variants.js';
import { hanSyllables } from '../../processors/resolve/pinyin.js';
import type { CorpusMention } from './corpus-people.js';
import {
  chineseInitialsVariant,
  chineseParts,
  formatVariant,
  hiddenMiddle,
  initialsVariant,
  isHanVariant,
  Rng,
  scriptVariant,
  spellingVariant,
  westernParts,
} from './name-variants.js';

/**
 * What kind of variation a mention carries relative to its person's corpus mention; a pair is
 * classed by the harder of its two mentions (order below, easiest first).
 */
export const MENTION_CLASSES = [
  'corpus',
  'strong-id',
  'name-format',
  'initials',
  'spelling',
  'script',
  'employer-change',
  'employer-change-weak',
  'hard-negative-same-org',
  'hard-negative-related-org',
  'hard-negative',
] as const;
export type MentionClass = (typeof MENTION_CLASSES)[number];

export type Split = 'dev' | 'test';

export interface LabelledMention {
  mention: PersonMention;
  record: ParsedRecord;
  /** The true person. */
  personId: string;
  class: MentionClass;
  /** Held-out split, by a hash of the corpus person the mention was made from. */
  split: Split;
  /** What was varied, for reading errors ("initials: K. L. Adams"). */
  note: string;
}

export interface LabelledSet {
  mentions: LabelledMention[];
  /** Corpus people, and those that received generated variants (they have an anchor to vary around). */
  corpusPeople: number;
  variedPeople: number;
  hardNegativePeople: number;
}

/** FNV-1a, 32 bits: a stable hash for splits and per-person random streams. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 30 % of people (by hash of their id) are held out; the threshold is chosen on the rest. */
export function splitOf(personId: string): Split {
  return fnv1a(personId) % 10 < 3 ? 'test' : 'dev';
}

const ROLE_PREFERENCE: readonly MentionRole[] = [
  'resume-subject',
  'profile-subject',
  'inventor',
  'reporting-owner',
  'officer',
  'director',
  'director-nominee',
  'group-member',
];

interface Anchor {
  organization: string;
  title?: string;
}

const GENERIC_ORG = new Set([
  '公司',
  '本公司',
  '该公司',
  '集团',
  '集团公司',
  '研究所',
  '研究院',
  '本行',
  '银行',
  '学院',
  '大学',
  '工厂',
  '分公司',
  '子公司',
  'freelance',
]);

function usableOrg(name: string): boolean {
  const key = organizationKey(name);
  return key.length >= 2 && !GENERIC_ORG.has(key);
}

/** The organisation other sources would name the person with: first employer, assignee or issuer. */
function anchorOf(m: PersonMention): Anchor | undefined {
  for (const a of m.affiliations)
    if (usableOrg(a.organization))
      return a.title ? { organization: a.organization, title: a.title } : { organization: a.organization };
  for (const p of m.patents) for (const a of p.assignees) if (usableOrg(a)) return { organization: a };
  for (const r of m.filingRoles)
    if (usableOrg(r.issuer))
      return r.title ? { organization: r.issuer, title: r.title } : { organization: r.issuer };
  return undefined;
}

function latestYear(m: PersonMention): number {
  const years: number[] = [];
  const note = (t: string | undefined): void => {
    const y = t?.match(/(19|20)\d{2}/)?.[0];
    if (y) years.push(Number(y));
  };
  for (const a of m.affiliations) {
    note(a.startDate);
    note(a.endDate);
  }
  for (const p of m.patents) note(p.publicationDate);
  for (const r of m.filingRoles) note(r.date);
  return years.length > 0 ? Math.min(Math.max(...years), 2025) : 2018;
}

const KIND: Readonly<
  Record<'resume' | 'patent' | 'filing', { format: FormatName; sourceKind: SourceKind; role: MentionRole }>
> = {
  resume: { format: 'json-resume', sourceKind: 'resume', role: 'resume-subject' },
  patent: { format: 'uspto-xml', sourceKind: 'patent', role: 'inventor' },
  filing: { format: 'sec-ownership-xml', sourceKind: 'filing', role: 'officer' },
};

function kindOf(m: PersonMention): 'resume' | 'patent' | 'filing' {
  if (m.role === 'inventor') return 'patent';
  if (m.sourceKind === 'filing') return 'filing';
  return 'resume';
}

interface Facts {
  name: RawName;
  organization?: string;
  /** A former employer (résumé history). */
  formerOrganization?: string;
  title?: string;
  year: number;
  location?: RawPlace;
  email?: string;
  cik?: string;
  /** Patents: co-inventors, classes, or the very patent (a second copy of one grant). */
  coInventors?: string[];
  cpc?: string[];
  samePatent?: RawPatent;
}

/** A mention as the parser of `kind` would emit it, from the facts a variant keeps. */
function makeMention(
  sourceId: string,
  kind: 'resume' | 'patent' | 'filing',
  f: Facts,
  rng: Rng,
): PersonMention {
  const evidence: Evidence = { sourceId, path: 'bench' };
  const k = KIND[kind];
  const mention: PersonMention = {
    mentionId: `${sourceId}#0`,
    sourceId,
    sourceKind: k.sourceKind,
    format: k.format,
    role: k.role,
    name: f.name,
    affiliations: [],
    education: [],
    professionalTitles: [],
    skills: [],
    patents: [],
    filingRoles: [],
    evidence: [evidence],
  };
  if (f.location) mention.location = f.location;
  if (f.email) mention.emails = [f.email];
  if (f.cik) mention.secCik = f.cik;
  if (kind === 'patent') {
    const patent: RawPatent = f.samePatent ?? {
      number: String(rng.int(9_000_000, 11_999_999)),
      country: 'US',
      kind: 'B2',
      docType: 'grant',
      title: 'Apparatus and method',
      publicationDate: `${f.year}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      cpc: f.cpc ?? [],
      ipc: [],
      assignees: f.organization ? [f.organization] : [],
      applicants: [],
      inventors: [f.name.full, ...(f.coInventors ?? [])],
    };
    mention.patents.push(patent);
    if (f.organization) mention.affiliations.push({ organization: f.organization, evidence });
  } else if (kind === 'filing') {
    if (f.organization) {
      mention.filingRoles.push({
        issuer: f.organization,
        role: 'officer',
        form: '4',
        date: `${f.year}-06-30`,
        ...(f.title ? { title: f.title } : {}),
      });
      mention.affiliations.push({
        organization: f.organization,
        current: true,
        evidence,
        ...(f.title ? { title: f.title } : {}),
      });
    }
  } else {
    const affiliations: RawAffiliation[] = [];
    if (f.organization)
      affiliations.push({
        organization: f.organization,
        startDate: `${f.year - 2}-01`,
        current: true,
        evidence,
        ...(f.title ? { title: f.title } : {}),
      });
    if (f.formerOrganization)
      affiliations.push({
        organization: f.formerOrganization,
        startDate: `${f.year - 8}-03`,
        endDate: `${f.year - 2}-01`,
        evidence,
        ...(f.title ? { title: f.title } : {}),
      });
    mention.affiliations = affiliations;
  }
  return mention;
}

/** "Changchun Optics" style English name of a Chinese organisation: pinyin of its distinctive part, generic words translated. */
function romanizedOrganization(han: string): string {
  let key = organizationKey(han);
  const generic: Array<[string, string]> = [
    ['大学', 'University'],
    ['研究所', 'Institute'],
    ['研究院', 'Research Institute'],
    ['科技', 'Technology'],
    ['技术', 'Technology'],
    ['电子', 'Electronics'],
    ['股份', ''],
    ['集团', 'Group'],
  ];
  let tail = 'Co., Ltd.';
  for (const [zh, en] of generic)
    if (key.endsWith(zh) && key.length > zh.length) {
      key = key.slice(0, -zh.length);
      tail = en === 'University' || en.endsWith('Institute') ? en : `${en} Co., Ltd.`.trim();
      break;
    }
  const syllables = hanSyllables(key);
  const words: string[] = [];
  for (let i = 0; i < syllables.length; i += 2) words.push(syllables.slice(i, i + 2).join(''));
  return `${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')} ${tail}`.trim();
}

/** Distinct tokens of an organisation key (for picking an unrelated employer). */
function orgTokens(name: string): Set<string> {
  const key = organizationKey(name);
  return new Set(hasHan(key) ? [...key] : key.split(' ').filter((t) => t.length > 2));
}

function unrelated(a: string, b: string): boolean {
  const ta = orgTokens(a);
  for (const t of orgTokens(b)) if (ta.has(t)) return false;
  return organizationKey(a) !== organizationKey(b);
}

interface Pools {
  latinOrgs: string[];
  hanOrgs: string[];
  places: RawPlace[];
  cpc: string[];
  inventors: string[];
}

function buildPools(bases: readonly PersonMention[]): Pools {
  const latinOrgs = new Set<string>();
  const hanOrgs = new Set<string>();
  const places = new Map<string, RawPlace>();
  const cpc = new Set<string>();
  const inventors = new Set<string>();
  for (const m of bases) {
    const anchor = anchorOf(m);
    if (anchor) (hasHan(anchor.organization) ? hanOrgs : latinOrgs).add(anchor.organization);
    const place = normalizePlace(m.location);
    if (m.location && place?.country) places.set(place.label, m.location);
    for (const p of m.patents) {
      for (const c of p.cpc) cpc.add(c);
      for (const i of p.inventors) if (!isHanName(i)) inventors.add(i);
    }
  }
  const sorted = (s: Iterable<string>): string[] => [...s].sort();
  return {
    latinOrgs: sorted(latinOrgs),
    hanOrgs: sorted(hanOrgs),
    places: [...places.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p),
    cpc: sorted(cpc),
    inventors: sorted(inventors),
  };
}

function otherOrg(pool: readonly string[], than: string | undefined | readonly string[], rng: Rng): string {
  const avoid = than === undefined ? [] : typeof than === 'string' ? [than] : than;
  for (let attempt = 0; attempt < 50; attempt++) {
    const org = rng.pick(pool);
    if (avoid.every((a) => unrelated(org, a))) return org;
  }
  return `${rng.pick(['Northwind', 'Bluefield', 'Kestrel', 'Ardent'])} ${rng.pick(['Analytics', 'Devices', 'Materials'])} Inc.`;
}

function otherPlace(pool: readonly RawPlace[], than: RawPlace | undefined, rng: Rng): RawPlace {
  const country = normalizePlace(than)?.country;
  for (let attempt = 0; attempt < 50; attempt++) {
    const place = rng.pick(pool);
    if (normalizePlace(place)?.country !== country) return place;
  }
  return { city: 'Lyon', country: 'FR' };
}

function otherField(pool: readonly string[], than: readonly string[], rng: Rng): string[] {
  const sections = new Set(than.map((c) => c.trim().charAt(0).toUpperCase()));
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = rng.pick(pool);
    if (!sections.has(code.trim().charAt(0).toUpperCase())) return [code];
  }
  return ['A01H 6/00'];
}

/**
 * Builds the labelled set: the corpus's people as parsed, plus generated mentions of the same
 * people varied the ways sources vary (see README), plus other people with the same names.
 * Deterministic: one random stream per person, seeded from the person id and `seed`.
 */
export function buildLabelledSet(corpus: readonly CorpusMention[], seed = 7): LabelledSet {
  const people = new Map<string, CorpusMention[]>();
  for (const c of corpus) {
    const list = people.get(c.personId);
    if (list) list.push(c);
    else people.set(c.personId, [c]);
  }
  const baseOf = (list: readonly CorpusMention[]): CorpusMention =>
    [...list].sort(
      (a, b) =>
        ROLE_PREFERENCE.indexOf(a.mention.role) - ROLE_PREFERENCE.indexOf(b.mention.role) ||
        (a.mention.mentionId < b.mention.mentionId ? -1 : 1),
    )[0] as CorpusMention;
  const personIds = [...people.keys()].sort();
  const pools = buildPools(personIds.map((id) => baseOf(people.get(id) as CorpusMention[]).mention));

  const out: LabelledMention[] = [];
  for (const c of corpus)
    out.push({
      mention: c.mention,
      record: c.record,
      personId: c.personId,
      class: 'corpus',
      split: splitOf(c.personId),
      note: `corpus ${c.file}`,
    });

  let varied = 0;
  let negatives = 0;
  for (const personId of personIds) {
    const list = people.get(personId) as CorpusMention[];
    const base = baseOf(list).mention;
    const rng = new Rng(fnv1a(personId) ^ seed);
    const split = splitOf(personId);
    const tag = fnv1a(`${personId}|${seed}`).toString(36);
    let n = 0;
    // Every employer this person is given, so a namesake is never placed at one of them by chance.
    const personOrgs: string[] = [];
    const add = (
      cls: MentionClass,
      kind: 'resume' | 'patent' | 'filing',
      facts: Facts,
      note: string,
      who = personId,
    ): void => {
      if (who === personId)
        for (const o of [facts.organization, facts.formerOrganization]) if (o) personOrgs.push(o);
      const sourceId = `bench:${tag}:${++n}`;
      const mention = makeMention(sourceId, kind, facts, rng);
      out.push({
        mention,
        record: {
          sourceId,
          fetchedAt: '2026-01-01T00:00:00.000Z',
          document: { sourceId, format: mention.format, title: note },
          mentions: [mention],
        },
        personId: who,
        class: cls,
        split,
        note: `${cls}: ${note}`,
      });
    };

    const anchor = anchorOf(base);
    const kind = kindOf(base);
    const year = latestYear(base);
    const basePatent = base.patents[0];
    const coInventors = basePatent ? basePatent.inventors.filter((i) => i !== base.name.full) : [];
    const western = westernParts(base.name);
    const chinese = chineseParts(base.name);
    const han = isHanName(base.name.full);
    const orgPool = han ? pools.hanOrgs : pools.latinOrgs;
    const hidden = hiddenMiddle(rng);
    const cpc = basePatent?.cpc.slice(0, 2) ?? [];
    const location = base.location;
    // Someone from elsewhere in the corpus, never this person or their own co-inventors.
    // Names used once are not used again for this person and their namesakes, so a namesake never
    // shares a co-inventor with the person by accident.
    const own = new Set([base.name.full, ...coInventors]);
    const stranger = (): string => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const name = rng.pick(pools.inventors);
        if (!own.has(name)) {
          own.add(name);
          return name;
        }
      }
      return 'Quentin Example';
    };
    // What the corpus mention states, so a namesake's differences can be seen in the documents.
    const observable = {
      place: normalizePlace(location)?.country !== undefined,
      field: cpc.length > 0,
      time:
        base.affiliations.some((a) => a.startDate || a.endDate) ||
        base.patents.length > 0 ||
        base.filingRoles.some((r) => r.date),
    };

    /** Facts tying a variant to the person without naming it the same way: employer, co-inventors or the same patent. */
    const anchorFacts = (name: RawName): Facts | undefined => {
      const facts: Facts = { name, year: year + rng.int(-1, 1) };
      if (anchor) facts.organization = anchor.organization;
      if (anchor?.title && rng.chance(0.5)) facts.title = anchor.title;
      if (location && rng.chance(0.6)) facts.location = location;
      if (kind === 'patent') {
        if (coInventors.length > 0)
          facts.coInventors = [
            ...rng.sample(coInventors, rng.int(1, Math.min(2, coInventors.length))),
            stranger(),
          ];
        if (cpc.length > 0) facts.cpc = cpc;
        if (!anchor && coInventors.length === 0 && basePatent)
          facts.samePatent = { ...basePatent, inventors: [name.full] };
        return facts;
      }
      return anchor ? facts : undefined;
    };
    const hasAnchor = anchorFacts(base.name) !== undefined;

    if (hasAnchor) {
      varied++;
      const names: Array<[MentionClass, RawName, string]> = [];
      if (western) {
        const f = formatVariant(western, rng);
        names.push(['name-format', f, f.full]);
        // A Chinese name has no Western middle name: its initials are the syllables'.
        const i = chinese ? chineseInitialsVariant(chinese, rng) : initialsVariant(western, hidden, rng);
        names.push(['initials', i, i.full]);
        const s = spellingVariant(western, rng);
        names.push(['spelling', s, s.full]);
      }
      if (chinese) {
        const first = scriptVariant(chinese, rng);
        names.push(['script', first, first.full]);
        const second = scriptVariant(chinese, rng);
        if (second.full !== first.full) names.push(['script', second, second.full]);
      }
      for (const [cls, name, note] of names) {
        const facts = anchorFacts(name) as Facts;
        // A Latin rendering of a Chinese name appears in an English source: its employer is romanized.
        if (
          cls === 'script' &&
          han &&
          !isHanVariant(name) &&
          facts.organization &&
          hasHan(facts.organization)
        )
          facts.organization = romanizedOrganization(facts.organization);
        if (cls === 'script' && isHanVariant(name) && facts.organization && hasHan(facts.organization))
          facts.organization = toTraditional(facts.organization);
        add(cls, kind, facts, note);
      }

      // Employer change: a new employer, and something carried over from the old one.
      const newOrg = otherOrg(orgPool, anchor?.organization, rng);
      if (kind === 'patent' && coInventors.length > 0) {
        add(
          'employer-change',
          'patent',
          {
            name: base.name,
            organization: newOrg,
            year: year + rng.int(1, 4),
            coInventors: [rng.pick(coInventors), stranger()],
            cpc,
          },
          `moved to ${newOrg}, kept a co-inventor`,
        );
      } else if (anchor) {
        add(
          'employer-change',
          'resume',
          {
            name:
              rng.chance(0.5) || chinese
                ? base.name
                : western
                  ? initialsVariant(western, hidden, rng)
                  : base.name,
            organization: newOrg,
            formerOrganization: anchor.organization,
            year: year + rng.int(1, 4),
            ...(anchor.title ? { title: anchor.title } : {}),
            ...(location && rng.chance(0.5) ? { location } : {}),
          },
          `moved to ${newOrg}; résumé lists ${anchor.organization}`,
        );
      }
      // Only where there is context to carry over (a place or a patent field): with nothing but
      // the name, the new mention would say nothing about whose it is.
      if ((observable.place || observable.field) && rng.chance(0.15))
        add(
          'employer-change-weak',
          kind,
          {
            name: base.name,
            organization: otherOrg(orgPool, anchor?.organization, rng),
            year: year + rng.int(1, 3),
            ...(anchor?.title ? { title: anchor.title } : {}),
            ...(location ? { location } : {}),
            ...(cpc.length > 0 ? { cpc } : {}),
          },
          'new employer, only place, field and time carried over',
        );

      // Strong identifiers: the same CIK or e-mail under another name form and another employer.
      const strongName = western
        ? formatVariant(western, rng)
        : chinese
          ? scriptVariant(chinese, rng)
          : base.name;
      if (base.secCik)
        add(
          'strong-id',
          'filing',
          {
            name: strongName,
            cik: base.secCik,
            organization: otherOrg(orgPool, anchor?.organization, rng),
            year: year + rng.int(-3, 3),
            title: 'Director',
          },
          `same CIK as ${strongName.full}`,
        );
      const email = base.emails?.[0];
      if (email)
        add(
          'strong-id',
          'resume',
          {
            name: strongName,
            email,
            organization: otherOrg(orgPool, anchor?.organization, rng),
            year: year + rng.int(0, 3),
          },
          `same e-mail as ${strongName.full}`,
        );
    }

    // Other people with the same name.
    if (rng.chance(hasAnchor ? 0.5 : 0.3)) {
      negatives++;
      const other = `${personId}~namesake`;
      // Differences the documents can show (a difference in something the corpus mention does not
      // state could not be seen by anyone); with none, the namesake differs in employer only.
      const visible = (['place', 'field', 'time'] as const).filter((d) => observable[d]);
      const differs = rng.sample(visible, rng.int(1, 2));
      const facts: Facts = {
        name: rng.chance(0.7) ? base.name : western ? formatVariant(western, rng) : base.name,
        organization: otherOrg(orgPool, [...personOrgs, ...(anchor ? [anchor.organization] : [])], rng),
        year: differs.includes('time') ? year - 25 : year + rng.int(-2, 2),
      };
      if (differs.includes('place') || !location) facts.location = otherPlace(pools.places, location, rng);
      else facts.location = location;
      const negativeKind = kind === 'filing' ? 'filing' : kind;
      if (negativeKind === 'patent') {
        facts.cpc = differs.includes('field') ? otherField(pools.cpc, cpc, rng) : cpc;
        facts.coInventors = [stranger()];
      } else if (differs.includes('field'))
        facts.title = rng.pick(['Sales Manager', 'Chef', 'Attorney', 'Pastor', '会计']);
      else if (anchor?.title) facts.title = anchor.title;
      add(
        'hard-negative',
        negativeKind,
        facts,
        `namesake: other employer ${facts.organization ?? ''}${differs.length > 0 ? `, differs in ${differs.join(' + ')}` : ''}`,
        other,
      );
      if (rng.chance(0.3))
        add(
          'hard-negative',
          'resume',
          { ...facts, name: base.name },
          `namesake's résumé at ${facts.organization ?? ''}`,
          other,
        );
    }
    // A namesake at the very same employer, only where two differences are visible.
    const visibleCount = Object.values(observable).filter(Boolean).length;
    if (hasAnchor && anchor && visibleCount >= 2 && rng.chance(0.25)) {
      negatives++;
      const other = `${personId}~namesake-same-org`;
      const facts: Facts = {
        name: base.name,
        organization: anchor.organization,
        year: year - 25,
        location: otherPlace(pools.places, location, rng),
        title: rng.pick(['Sales Manager', 'Facilities Coordinator', 'Accountant']),
      };
      if (kind === 'patent') {
        facts.cpc = otherField(pools.cpc, cpc, rng);
        facts.coInventors = [stranger()];
      }
      add(
        'hard-negative-same-org',
        kind === 'filing' ? 'resume' : kind,
        facts,
        `namesake at the same employer ${anchor.organization}, 25 years earlier, elsewhere, other field`,
        other,
      );
    }
    // A namesake at a related organisation (a subsidiary, a lab, a school of the university) in
    // another country, sometimes in another field too. (In the same city, a sister organisation
    // and the same name would more likely be the same person: no credible label.)
    const apart = (['place', 'field'] as const).filter((d) => observable[d]);
    if (hasAnchor && anchor && observable.place && rng.chance(0.2)) {
      negatives++;
      const other = `${personId}~namesake-related-org`;
      const organization = hasHan(anchor.organization)
        ? `${organizationKey(anchor.organization)}${rng.pick(['研究院', '化学学院', '深圳分公司'])}`
        : `${anchor.organization.replace(/,?\s*(Inc\.?|Corp\.?|Corporation|LLC|Ltd\.?|Co\.,? Ltd\.?)$/i, '')} ${rng.pick(['Research', 'Labs', 'Ventures', 'Foundation'])}`;
      const facts: Facts = { name: base.name, organization, year: year + rng.int(-3, 3) };
      const differs = observable.field && rng.chance(0.5) ? apart : ['place'];
      facts.location = differs.includes('place') ? otherPlace(pools.places, location, rng) : location;
      if (kind === 'patent') {
        facts.cpc = differs.includes('field') ? otherField(pools.cpc, cpc, rng) : cpc;
        facts.coInventors = [stranger()];
      }
      add(
        'hard-negative-related-org',
        kind === 'filing' ? 'resume' : kind,
        facts,
        `namesake at related ${organization}, differs in ${differs.join(' + ')}`,
        other,
      );
    }
  }
  return {
    mentions: out,
    corpusPeople: personIds.length,
    variedPeople: varied,
    hardNegativePeople: negatives,
  };
}

/** The class of a pair: the harder of its two mentions' classes. */
export function pairClass(a: MentionClass, b: MentionClass): MentionClass {
  return MENTION_CLASSES.indexOf(a) >= MENTION_CLASSES.indexOf(b) ? a : b;
}
