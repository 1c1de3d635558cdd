import type { HomeRegion } from '../../config/regions.js';
import type { TalentIndex } from '../../indexer/contract.js';
import { foldText } from '../../indexer/embedded/search-text.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { chineseCities, chineseProvinces } from '../../processors/normalize/place-data.js';
import { regionNamesOf } from '../understand/open-understander.js';

/** One reason a person is tied to a region, with the documents that say so. */
export interface TieEvidence {
  kind: 'studied' | 'worked' | 'patent-assignee' | 'co-inventor' | 'filing';
  /** The region's organisation or person the tie goes through. */
  via: string;
  /** One readable line: "studied at 吉林大学 2004–2008 (resume r:1a2b)". */
  detail: string;
  points: number;
  sources: string[];
}

/** A person's ties to a region: evidence, a 0–100 score and its explanation. */
export interface RegionTie {
  region: string;
  score: number;
  /** The evidence lines joined, strongest first: what a recruiter reads. */
  summary: string;
  evidence: TieEvidence[];
}

/** What the region's people and organisations are, read from the index (refreshed, not per search). */
interface RegionData {
  /** Organisations named by several people located in the region. */
  organizations: string[];
  /** Folded names of people located in the region, for co-inventor ties. */
  names: Set<string>;
  at: number;
}

const POINTS = { studied: 35, worked: 30, 'patent-assignee': 10, 'co-inventor': 10, filing: 20 } as const;
/** Per kind, the most points the repeated ties of one kind add (three patents, not thirty). */
const CAP = { studied: 35, worked: 40, 'patent-assignee': 30, 'co-inventor': 30, filing: 20 } as const;
const DATA_TTL_MS = 10 * 60_000;
/** People located in the region read to learn its organisations and names (a sample, best first). */
const SAMPLE_PEOPLE = 400;
const MIN_PEOPLE_PER_ORG = 2;
const MAX_DATA_ORGS = 60;

/**
 * Regional ties (引才): who outside a region has studied or worked at its universities and
 * employers, has patents assigned to them or co-invented with people located there, or files with
 * an issuer there. The region's organisations are the configured ones (config/regions.yaml), every
 * organisation named after one of its places (长春…, Jilin …), and those the data shows several
 * people located in the region working at.
 */
export class RegionTies {
  private readonly data = new Map<string, Promise<RegionData>>();
  readonly names: (code: string) => { en: string; zh: string };

  constructor(
    private readonly regions: readonly HomeRegion[],
    readonly home: string,
    private readonly index: TalentIndex,
  ) {
    this.names = regionNamesOf(regions);
  }

  /** Whether ties to this region can be read: a configured region or a Chinese province. */
  knows(code: string): boolean {
    return this.regions.some((r) => r.code === code) || chineseProvinces.some(([c]) => `CN-${c}` === code);
  }

  /**
   * Every form of the configured organisations among `names` (吉林大学 → also Jilin University),
   * the others as given: a filter on a school matches it in either script.
   */
  withAliases(names: readonly string[]): string[] {
    const all = this.regions.flatMap((r) => [...r.universities, ...r.employers]);
    return [
      ...new Set(
        names.flatMap((name) => {
          const folded = foldText(name);
          return all.find((forms) => forms.some((f) => foldText(f) === folded)) ?? [name];
        }),
      ),
    ];
  }

  /** The organisation terms a search for people tied to the region matches (`tieOrganizations`). */
  async organizations(code: string): Promise<string[]> {
    const data = await this.regionData(code);
    return [...new Set([...this.configuredForms(code), ...this.placeNames(code), ...data.organizations])];
  }

  /** The person's ties to the region, or undefined when they have none. */
  async tiesOf(profile: TalentProfile, code: string): Promise<RegionTie | undefined> {
    const terms = (await this.organizations(code)).map(foldText).filter((t) => t !== '');
    const data = await this.regionData(code);
    return explainTies(profile, code, terms, data.names);
  }

  private configuredForms(code: string): string[] {
    const region = this.regions.find((r) => r.code === code);
    return region ? [...region.universities.flat(), ...region.employers.flat()] : [];
  }

  /** The region's province and city names in both scripts: an organisation named after them is there. */
  private placeNames(code: string): string[] {
    const province = chineseProvinces.find(([c]) => `CN-${c}` === code);
    const configured = this.regions.find((r) => r.code === code);
    const names = configured ? configured.cities.filter((c) => !/ City$/u.test(c)) : [];
    if (province) {
      names.push(province[1], province[2]);
      for (const [zh, en, p] of chineseCities) if (p === province[0]) names.push(zh, en);
    }
    // Very short Latin names (Ji'an) match inside other words; Han names of two characters do not.
    return [...new Set(names)].filter((n) => /\p{Script=Han}/u.test(n) || n.length >= 5);
  }

  private regionData(code: string): Promise<RegionData> {
    const cached = this.data.get(code);
    if (cached) {
      // Stale data is still served while the next read runs, so no search waits on a refresh.
      void cached.then((d) => {
        if (Date.now() - d.at > DATA_TTL_MS && this.data.get(code) === cached)
          this.data.set(code, this.readRegionData(code, d));
      });
      return cached;
    }
    const reading = this.readRegionData(code);
    this.data.set(code, reading);
    // A failed read is not kept: the next search tries again.
    reading.catch(() => this.data.delete(code));
    return reading;
  }

  private async readRegionData(code: string, previous?: RegionData): Promise<RegionData> {
    try {
      const orgCounts = new Map<string, { name: string; people: number }>();
      const names = new Set<string>();
      let cursor: string | undefined;
      let read = 0;
      while (read < SAMPLE_PEOPLE) {
        const page = await this.index.search({
          filters: { regions: [code] },
          sort: 'priority',
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const hit of page.hits) {
          const p = await this.index.get(hit.id);
          if (!p) continue;
          for (const n of [p.displayName, ...p.names]) names.add(foldText(n));
          const orgs = new Set(p.affiliations.filter((a) => a.current).map((a) => a.organization));
          for (const org of orgs) {
            const key = foldText(org);
            const entry = orgCounts.get(key) ?? { name: org, people: 0 };
            entry.people++;
            orgCounts.set(key, entry);
          }
        }
        read += page.hits.length;
        if (!page.nextCursor || page.hits.length === 0) break;
        cursor = page.nextCursor;
      }
      const organizations = [...orgCounts.values()]
        .filter((o) => o.people >= MIN_PEOPLE_PER_ORG && [...o.name].length >= 3)
        .sort((a, b) => b.people - a.people)
        .slice(0, MAX_DATA_ORGS)
        .map((o) => o.name);
      return { organizations, names, at: Date.now() };
    } catch (error) {
      if (previous) return previous;
      throw error;
    }
  }
}

const years = (start?: string, end?: string): string => {
  const s = start?.slice(0, 4);
  const e = end?.slice(0, 4);
  if (s && e) return ` ${s}–${e}`;
  if (s) return ` since ${s}`;
  if (e) return ` until ${e}`;
  return '';
};

function sourceLabel(profile: TalentProfile, sourceIds: readonly string[]): string {
  const kinds = sourceIds.map((id) => {
    const e = profile.evidence.find((x) => x.sourceId === id);
    return e ? `${e.sourceKind} ${e.document.title || id}` : id;
  });
  return kinds.length > 0 ? ` (${[...new Set(kinds)].slice(0, 2).join('; ')})` : '';
}

/**
 * The ties of one profile to a region, given the region's organisation terms (folded) and the
 * folded names of people located there. Pure: the same profile and terms give the same answer.
 */
export function explainTies(
  profile: TalentProfile,
  region: string,
  terms: readonly string[],
  localNames: ReadonlySet<string>,
): RegionTie | undefined {
  const matchOf = (org: string | undefined): string | undefined => {
    if (!org) return undefined;
    const folded = foldText(org);
    return terms.find((t) => folded.includes(t)) ? org : undefined;
  };
  const evidence: TieEvidence[] = [];
  for (const e of profile.education) {
    if (!matchOf(e.institution)) continue;
    const what = [e.degree, e.area].filter(Boolean).join(', ');
    evidence.push({
      kind: 'studied',
      via: e.institution,
      detail: `studied at ${e.institution}${what ? ` (${what})` : ''}${years(e.startDate, e.endDate)}${sourceLabel(profile, e.sources)}`,
      points: POINTS.studied,
      sources: e.sources,
    });
  }
  for (const a of profile.affiliations) {
    if (!matchOf(a.organization) && !matchOf(a.department)) continue;
    evidence.push({
      kind: 'worked',
      via: a.organization,
      detail: `${a.current ? 'works' : 'worked'} at ${a.organization}${a.title ? ` as ${a.title}` : ''}${years(a.startDate, a.endDate)}${sourceLabel(profile, a.sources)}`,
      points: POINTS.worked,
      sources: a.sources,
    });
  }
  for (const r of profile.filingRoles) {
    if (!matchOf(r.issuer)) continue;
    evidence.push({
      kind: 'filing',
      via: r.issuer,
      detail: `Form ${r.form} with ${r.issuer}${r.date ? ` (${r.date.slice(0, 10)})` : ''}`,
      points: POINTS.filing,
      sources: [r.sourceId],
    });
  }
  const coInventors = new Map<string, string[]>();
  for (const pt of profile.patents) {
    const assignee = pt.assignees.find((x) => matchOf(x));
    if (assignee)
      evidence.push({
        kind: 'patent-assignee',
        via: assignee,
        detail: `patent ${pt.id} assigned to ${assignee}${pt.date ? ` (${pt.date.slice(0, 4)})` : ''}`,
        points: POINTS['patent-assignee'],
        sources: [pt.sourceId],
      });
    for (const name of pt.coInventors)
      if (localNames.has(foldText(name))) coInventors.set(name, [...(coInventors.get(name) ?? []), pt.id]);
  }
  for (const [name, patents] of coInventors)
    evidence.push({
      kind: 'co-inventor',
      via: name,
      detail: `${patents.length} patent${patents.length > 1 ? 's' : ''} (${patents.slice(0, 3).join(', ')}) with ${name}, located in the region`,
      points: POINTS['co-inventor'],
      sources: profile.patents.filter((p) => patents.includes(p.id)).map((p) => p.sourceId),
    });
  if (evidence.length === 0) return undefined;
  const perKind = new Map<TieEvidence['kind'], number>();
  for (const e of evidence) perKind.set(e.kind, Math.min(CAP[e.kind], (perKind.get(e.kind) ?? 0) + e.points));
  const score = Math.min(
    100,
    [...perKind.values()].reduce((a, b) => a + b, 0),
  );
  evidence.sort((a, b) => b.points - a.points);
  return { region, score, summary: evidence.map((e) => e.detail).join('; '), evidence };
}
