/**
 * The population of the streaming resolution bench (streaming.ts): people generated one at a
 * time from their id, so a million of them never have to be held at once, and any person's
 * mentions can be made again later (to stream new mentions of them).
 *
 * The distributions are those of throughput.ts (40 % Chinese names over the 56 common surnames
 * with their skew and one or two common given characters; Western names long-tailed over ~20,000
 * family and ~2,000 given names; employers long-tailed; 1–6 mentions per person across résumés,
 * patents and Form 4s), drawn with the same helpers (population-draws.ts). Name variants come
 * from name-variants.ts, as in the labelled set.
 *
 * Every source id names its true person (`pre:p<id>:<n>`, `upd:p<id>:<n>`, `new:p<id>:<n>`), so
 * quality can be read off mention ids without a truth table.
 */
import { createHash } from 'node:crypto';
import {
  cities,
  westernFamily,
  westernGiven,
  zhGivenChars,
  zhSurnames,
  type City,
} from '../../synthetic/name-data.js';
import type { Evidence, PersonMention, RawName } from '../../processors/model/mention.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import {
  chineseInitialsVariant,
  chineseParts,
  formatVariant,
  hiddenMiddle,
  initialsVariant,
  Rng,
  scriptVariant,
  spellingVariant,
  westernParts,
} from './name-variants.js';
import { FIELDS, LongTail, ORG_SUFFIXES, syntheticWords } from './population-draws.js';

const FETCHED_AT = '2026-01-01T00:00:00.000Z';

export interface Person {
  id: number;
  chinese: boolean;
  han?: string;
  given: string;
  family: string;
  /** Given name first, as a US patent writes it. */
  latin: string;
  org: number;
  city: City;
  field: string;
  year: number;
  email?: string;
  cik?: string;
  /** The one middle name other sources show when the first gives none (name-variants.ts). */
  hidden: string;
  /** Mentions the person has in the preload. */
  mentions: number;
}

/** How a streamed mention of a preloaded person differs from the preloaded ones. */
export const VARIANT_CLASSES = [
  'same-form',
  'name-format',
  'initials',
  'spelling',
  'han',
  'script',
  'chinese-initials',
  'employer-change',
  'strong-id',
] as const;
export type VariantClass = (typeof VARIANT_CLASSES)[number];

type Kind = 'resume' | 'patent' | 'filing';

interface MentionFacts {
  name: RawName;
  org: string;
  former?: string;
  year: number;
  city?: City;
  email?: string;
  cik?: string;
  field: string;
  coInventors?: string[];
}

const MIX = 0x9e3779b1;

/** The true person of a mention or source id made here, or undefined for any other id. */
export function truePerson(id: string): number | undefined {
  const m = /^(?:pre|upd|new):p(\d+):/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Whether a mention or source id is one of the preload's. */
export function isPreloaded(id: string): boolean {
  return id.startsWith('pre:');
}

export class Population {
  /** People of the preload: ids 0 … size − 1. Streamed new people have ids from `size` on. */
  readonly size: number;
  readonly seed: number;
  readonly orgCount: number;
  private readonly families: string[];
  private readonly givens: string[];
  private readonly familyTail: LongTail;
  private readonly givenTail: LongTail;
  private readonly surnameTail: LongTail;
  private readonly charTail: LongTail;
  private readonly orgTail: LongTail;
  /** Preloaded people by employer (ids ascending within one), for co-inventors. */
  private readonly rosterStart: Int32Array;
  private readonly roster: Int32Array;

  constructor(options: { size: number; seed: number }) {
    this.size = options.size;
    this.seed = options.seed;
    this.families = syntheticWords(20_000, this.seed + 1, westernFamily);
    this.givens = syntheticWords(2_000, this.seed + 2, westernGiven);
    this.familyTail = new LongTail(this.families.length, 10);
    this.givenTail = new LongTail(this.givens.length, 5);
    this.surnameTail = new LongTail(zhSurnames.length, 3);
    this.charTail = new LongTail(zhGivenChars.length, 5);
    // throughput.ts: one employer per 20 mentions (about 10 people). Capped where orgName stays distinct.
    this.orgCount = Math.min(
      this.families.length * ORG_SUFFIXES.length,
      Math.max(1_000, Math.round(this.size / 10)),
    );
    this.orgTail = new LongTail(this.orgCount, 20);

    const orgOf = new Int32Array(this.size);
    const counts = new Int32Array(this.orgCount + 1);
    for (let id = 0; id < this.size; id++) {
      const org = this.person(id).org;
      orgOf[id] = org;
      counts[org + 1] = (counts[org + 1] as number) + 1;
    }
    for (let o = 0; o < this.orgCount; o++) counts[o + 1] = (counts[o + 1] as number) + (counts[o] as number);
    this.rosterStart = counts;
    this.roster = new Int32Array(this.size);
    const fill = counts.slice(0, this.orgCount);
    for (let id = 0; id < this.size; id++) {
      const org = orgOf[id] as number;
      this.roster[fill[org] as number] = id;
      fill[org] = (fill[org] as number) + 1;
    }
  }

  /** Distinct for every index below `orgCount`: two employers never share a name by accident. */
  orgName(i: number): string {
    const f = this.families[(i * 7919) % this.families.length] ?? 'Acme';
    return `${f} ${ORG_SUFFIXES[Math.floor(i / this.families.length) % ORG_SUFFIXES.length]} Inc.`;
  }

  private rng(id: number, stream: number): Rng {
    return new Rng((Math.imul(id + 1, MIX) ^ Math.imul(this.seed + stream, 0x85ebca6b)) >>> 0);
  }

  person(id: number): Person {
    const rng = this.rng(id, 0);
    const chinese = rng.chance(0.4);
    let given: string;
    let family: string;
    let han: string | undefined;
    if (chinese) {
      const [fh, fp] = zhSurnames[this.surnameTail.draw(rng)] as readonly [string, string];
      const chars = Array.from(
        { length: rng.chance(0.7) ? 2 : 1 },
        () => zhGivenChars[this.charTail.draw(rng)] as readonly [string, string],
      );
      han = `${fh}${chars.map(([h]) => h).join('')}`;
      const pinyin = chars.map(([, py]) => py).join('');
      given = pinyin.charAt(0).toUpperCase() + pinyin.slice(1);
      family = fp;
    } else {
      given = this.givens[this.givenTail.draw(rng)] as string;
      family = this.families[this.familyTail.draw(rng)] as string;
    }
    const org = this.orgTail.draw(rng);
    const p: Person = {
      id,
      chinese,
      given,
      family,
      latin: `${given} ${family}`,
      org,
      city: cities[rng.int(0, cities.length - 1)] as City,
      field: FIELDS[rng.int(0, FIELDS.length - 1)] as string,
      year: rng.int(2000, 2022),
      hidden: hiddenMiddle(rng),
      mentions: 1 + Math.min(5, Math.floor(-Math.log(1 - rng.next()) * 1.2)),
    };
    if (han !== undefined) p.han = han;
    if (rng.chance(0.3)) p.email = `${given}.${family}.${id}@mail${org}.example.net`.toLowerCase();
    if (rng.chance(0.05)) p.cik = String(1_000_000 + id);
    return p;
  }

  /**
   * Colleagues at the person's employer who sign a patent with them: preloaded people listed just
   * before them there (as throughput.ts takes the employer's latest inventors).
   */
  private colleagues(p: Person, rng: Rng): string[] {
    if (p.org >= this.orgCount) return [];
    const start = this.rosterStart[p.org] as number;
    const end = this.rosterStart[p.org + 1] as number;
    let at = start;
    while (at < end && (this.roster[at] as number) < p.id) at++;
    const before: number[] = [];
    for (let i = at - 1; i >= start && before.length < 8; i--) before.push(this.roster[i] as number);
    return rng.sample(before, 2).map((id) => this.person(id).latin);
  }

  private baseName(p: Person, kind: Kind): RawName {
    if (kind === 'resume' && p.han) return { full: p.han };
    if (kind === 'filing')
      return { full: `${p.family.toUpperCase()} ${p.given.toUpperCase()}`, order: 'surname-first' };
    return { full: p.latin };
  }

  /** A variant of the name as another source writes it (undefined when none applies). */
  private variantName(p: Person, cls: VariantClass, rng: Rng): RawName | undefined {
    if (p.chinese) {
      const parts = chineseParts({ full: p.han ?? p.latin });
      if (!parts) return undefined;
      if (cls === 'script') return scriptVariant(parts, rng);
      if (cls === 'chinese-initials') return chineseInitialsVariant(parts, rng);
      if (cls === 'han') return { full: p.han ?? p.latin };
      return undefined;
    }
    const parts = westernParts({ full: p.latin, order: 'given-first' });
    if (!parts) return undefined;
    if (cls === 'name-format') return formatVariant(parts, rng);
    if (cls === 'initials') return initialsVariant(parts, p.hidden, rng);
    if (cls === 'spelling') return spellingVariant(parts, rng);
    return undefined;
  }

  private record(sourceId: string, kind: Kind, f: MentionFacts): ParsedRecord {
    const evidence: Evidence = { sourceId, path: 'bench' };
    const mention: PersonMention = {
      mentionId: `${sourceId}#0`,
      sourceId,
      sourceKind: kind === 'patent' ? 'patent' : kind === 'filing' ? 'filing' : 'resume',
      format:
        kind === 'patent'
          ? 'uspto-xml'
          : kind === 'filing'
            ? 'sec-ownership-xml'
            : /[\u4e00-\u9fff]/.test(f.name.full)
              ? 'zh-resume-text'
              : 'json-resume',
      role: kind === 'patent' ? 'inventor' : kind === 'filing' ? 'officer' : 'resume-subject',
      name: f.name,
      affiliations: [],
      education: [],
      professionalTitles: [],
      skills: [],
      patents: [],
      filingRoles: [],
      evidence: [evidence],
    };
    if (f.city) mention.location = { city: f.city.en, country: f.city.country };
    if (f.email && kind === 'resume') mention.emails = [f.email];
    if (f.cik && kind === 'filing') mention.secCik = f.cik;
    if (kind === 'patent') {
      mention.patents.push({
        // Unique per source id: a patent is never shared by two mentions by accident.
        number: String(parseInt(createHash('sha1').update(sourceId).digest('hex').slice(0, 12), 16)),
        country: 'US',
        docType: 'grant',
        title: 'Device',
        publicationDate: `${f.year}-06-01`,
        cpc: [`${f.field} 1/00`],
        ipc: [],
        assignees: [f.org],
        applicants: [],
        inventors: [f.name.full, ...(f.coInventors ?? [])],
      });
      mention.affiliations.push({ organization: f.org, startDate: `${f.year}-01`, evidence });
    } else if (kind === 'filing') {
      mention.filingRoles.push({ issuer: f.org, role: 'officer', form: '4', date: `${f.year}-06-30` });
      mention.affiliations.push({ organization: f.org, startDate: `${f.year}-01`, current: true, evidence });
    } else {
      mention.affiliations.push({ organization: f.org, startDate: `${f.year}-01`, current: true, evidence });
      if (f.former)
        mention.affiliations.push({
          organization: f.former,
          startDate: `${f.year - 6}-03`,
          endDate: `${f.year}-01`,
          evidence,
        });
    }
    return {
      sourceId,
      fetchedAt: FETCHED_AT,
      document: { sourceId, format: mention.format, title: `bench ${sourceId}` },
      mentions: [mention],
    };
  }

  /**
   * A person's mentions as the preload holds them (`pre:`), or a new person's as the stream
   * brings them (`new:`): the kinds and name forms of throughput.ts, and in three of ten later
   * mentions a name variant another source would write.
   */
  records(id: number, tag: 'pre' | 'new' = 'pre'): ParsedRecord[] {
    const p = this.person(id);
    const rng = this.rng(id, 1);
    const out: ParsedRecord[] = [];
    for (let k = 0; k < p.mentions; k++) {
      const kind: Kind = p.cik && rng.chance(0.5) ? 'filing' : rng.chance(0.5) ? 'patent' : 'resume';
      let name = this.baseName(p, kind);
      if (k > 0 && rng.chance(0.3)) {
        const cls: VariantClass = p.chinese
          ? 'script'
          : rng.pick(['name-format', 'initials', 'spelling'] as const);
        name = this.variantName(p, cls, rng) ?? name;
      }
      const facts: MentionFacts = {
        name,
        org: this.orgName(p.org),
        year: p.year + k,
        city: p.city,
        field: p.field,
        ...(p.email ? { email: p.email } : {}),
        ...(p.cik ? { cik: p.cik } : {}),
      };
      if (kind === 'patent') facts.coInventors = this.colleagues(p, rng);
      out.push(this.record(`${tag}:p${id}:${k}`, kind, facts));
    }
    return out;
  }

  /**
   * A new mention of preloaded person `id`, as a later source writes it: a name variant at the
   * same employer, or a move to another employer with something carried over (the old employer on
   * a résumé, a former co-inventor on a patent), or a strong identifier under another name form.
   */
  update(id: number, n: number): { record: ParsedRecord; cls: VariantClass } {
    const p = this.person(id);
    const rng = this.rng(id, 2 + n);
    const weights: ReadonlyArray<readonly [VariantClass, number]> = p.chinese
      ? [
          ['same-form', 0.1],
          ['han', 0.1],
          ['script', 0.35],
          ['chinese-initials', 0.05],
          ['employer-change', 0.25],
          ['strong-id', 0.15],
        ]
      : [
          ['same-form', 0.15],
          ['name-format', 0.2],
          ['initials', 0.2],
          ['spelling', 0.15],
          ['employer-change', 0.2],
          ['strong-id', 0.1],
        ];
    let cls = rng.weighted(weights);
    // Only an identifier some preloaded mention shows can carry a mention over (e-mails are on
    // résumés, CIKs on filings).
    const preloaded = this.records(id).flatMap((r) => r.mentions);
    const shown = {
      email: preloaded.some((m) => (m.emails ?? []).length > 0),
      cik: preloaded.some((m) => m.secCik !== undefined),
    };
    if (cls === 'strong-id' && !shown.email && !shown.cik) cls = p.chinese ? 'script' : 'name-format';
    const sourceId = `upd:p${id}:${n}`;
    const year = p.year + p.mentions + rng.int(0, 3);
    const org = this.orgName(p.org);
    const base: MentionFacts = { name: { full: p.latin }, org, year, field: p.field };
    if (rng.chance(0.7)) base.city = p.city;

    if (cls === 'employer-change' || cls === 'strong-id') {
      let other = this.orgTail.draw(rng);
      if (other === p.org) other = (other + 1) % this.orgCount;
      const newOrg = this.orgName(other);
      if (cls === 'strong-id') {
        const name = (p.chinese
          ? this.variantName(p, 'script', rng)
          : this.variantName(p, 'name-format', rng)) ?? {
          full: p.latin,
        };
        const kind: Kind = shown.cik && (!shown.email || rng.chance(0.5)) ? 'filing' : 'resume';
        return {
          cls,
          record: this.record(sourceId, kind, {
            ...base,
            name,
            org: newOrg,
            ...(kind === 'filing' ? { cik: p.cik } : { email: p.email }),
          }),
        };
      }
      // A former co-inventor, when the preload has a patent of theirs with one.
      const former = preloaded
        .flatMap((m) => m.patents.flatMap((pt) => pt.inventors.slice(1)))
        .filter((name) => name !== p.latin);
      if (former.length > 0 && rng.chance(0.5))
        return {
          cls,
          record: this.record(sourceId, 'patent', {
            ...base,
            org: newOrg,
            coInventors: [rng.pick(former)],
          }),
        };
      return {
        cls,
        record: this.record(sourceId, 'resume', {
          ...base,
          name: { full: p.han ?? p.latin },
          org: newOrg,
          former: org,
        }),
      };
    }

    const name =
      cls === 'same-form' ? { full: p.latin } : (this.variantName(p, cls, rng) ?? { full: p.latin });
    const kind: Kind =
      cls === 'han' || cls === 'spelling'
        ? 'resume'
        : cls === 'name-format'
          ? rng.chance(0.5)
            ? 'filing'
            : 'patent'
          : cls === 'initials' || cls === 'chinese-initials'
            ? 'patent'
            : rng.chance(0.5)
              ? 'patent'
              : 'resume';
    const facts: MentionFacts = { ...base, name };
    if (kind === 'patent') facts.coInventors = this.colleagues(p, rng);
    return { cls, record: this.record(sourceId, kind, facts) };
  }
}
