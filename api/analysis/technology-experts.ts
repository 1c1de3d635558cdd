import type { Technology } from '../../config/technologies.js';
import type { SearchFilters, TalentIndex } from '../../indexer/contract.js';
import type { TalentProfile, Tier } from '../../processors/model/profile.js';
import { classCovers, parseClassCode, type ClassCode } from '../../processors/score/class-code.js';

/**
 * Expert lists per technology (config/technologies.yaml): the people whose evidence matches a
 * technology, ranked, each with the evidence that links them, and how many of tier A and B are
 * located inside the region against outside.
 *
 * Who matches: the profiles scoring in the technology's industry whose text (patent titles and
 * abstracts, summary, skills, titles, organisations) holds one of its keywords, in either
 * language — one query of the index, so both backends find the same people and the counts cover
 * every match. Then the best-scored of them in the industry (at most CANDIDATES) are read whole and
 * linked: their patents in the technology's CPC/IPC classes or naming a keyword, their works in its
 * topics or naming a keyword, their filings, their skills; and ranked by that evidence.
 */

/** Profiles read whole per list: the industry's best-scored keyword matches. */
const CANDIDATES = 200;

export interface TechnologyCounts {
  /** Every profile matching the technology. */
  total: number;
  /** Tier A and B, located in the region (a location there) and elsewhere. */
  tierA: { inside: number; outside: number };
  tierB: { inside: number; outside: number };
}

export interface LinkedPatent {
  id: string;
  title: string;
  /** The technology's classes the patent is in. */
  classes: string[];
  /** The keywords its title or abstract names. */
  keywords: string[];
}

export interface LinkedWork {
  id: string;
  doi?: string;
  title: string;
  year?: number;
  topics: string[];
  keywords: string[];
}

export interface LinkedFiling {
  issuer: string;
  form: string;
  accession?: string;
  title?: string;
}

export interface TechnologyExpert {
  id: string;
  displayName: string;
  tier: Tier;
  affiliation?: string;
  /** `Changchun 长春, Jilin 吉林, CN` of the first location, when any. */
  location?: string;
  /** Located in the region. */
  inside: boolean;
  /** The person's score in the technology's industry. */
  industryScore: number;
  /** Evidence points: 3 per patent in a class (+1 naming a keyword), 2 per patent naming one, 2 per work, 1 per skill or summary naming one. */
  evidenceScore: number;
  patents: LinkedPatent[];
  works: LinkedWork[];
  filings: LinkedFiling[];
  /** Skills and summary words naming a keyword. */
  mentions: string[];
}

export interface TechnologySummary {
  id: string;
  name: { en: string; zh: string };
  industry: string;
  keywords: { en: string[]; zh: string[] };
  cpc: string[];
  ipc: string[];
  topics: string[];
  region: string;
  counts: TechnologyCounts;
}

export interface TechnologyExperts extends TechnologySummary {
  experts: TechnologyExpert[];
  /** Profiles read and linked (the best-scored matches, at most {@link CANDIDATES}). */
  examined: number;
}

/** The index query of a technology: its keywords, OR'ed, each quoted. */
export function technologyQueryText(t: Technology): string {
  return [...t.keywords.en, ...t.keywords.zh].map((k) => `"${k.replace(/"/g, ' ')}"`).join(' OR ');
}

function baseFilters(t: Technology): SearchFilters {
  return { industries: [t.industry], minScore: 1 };
}

export async function technologyCounts(
  index: TalentIndex,
  t: Technology,
  region: string,
): Promise<TechnologyCounts> {
  const text = technologyQueryText(t);
  const [all, inside] = await Promise.all([
    index.aggregate({ text, filters: baseFilters(t) }, ['tier']),
    index.aggregate({ text, filters: { ...baseFilters(t), regions: [region] } }, ['tier']),
  ]);
  const count = (buckets: typeof all.tier, tier: Tier): number =>
    buckets?.find((b) => b.value === tier)?.count ?? 0;
  const total = (all.tier ?? []).reduce((n, b) => n + b.count, 0);
  const side = (tier: Tier) => ({
    inside: count(inside.tier, tier),
    outside: count(all.tier, tier) - count(inside.tier, tier),
  });
  return { total, tierA: side('A'), tierB: side('B') };
}

export function technologySummary(
  t: Technology,
  region: string,
  counts: TechnologyCounts,
): TechnologySummary {
  return {
    id: t.id,
    name: t.name,
    industry: t.industry,
    keywords: t.keywords,
    cpc: t.cpc,
    ipc: t.ipc,
    topics: t.topics,
    region,
    counts,
  };
}

export async function technologyExperts(
  index: TalentIndex,
  t: Technology,
  options: { region: string; limit: number },
): Promise<TechnologyExperts> {
  const [counts, found] = await Promise.all([
    technologyCounts(index, t, options.region),
    index.search({
      text: technologyQueryText(t),
      filters: baseFilters(t),
      sort: `score:${t.industry}`,
      limit: CANDIDATES,
    }),
  ]);
  const profiles = (await Promise.all(found.hits.map((h) => index.get(h.id)))).filter(
    (p): p is TalentProfile => p !== undefined,
  );
  const matcher = technologyMatcher(t);
  const experts = profiles
    .map((p) => linkExpert(p, t, matcher, options.region))
    .filter((e) => e.evidenceScore > 0)
    .sort(
      (a, b) =>
        b.evidenceScore - a.evidenceScore ||
        b.industryScore - a.industryScore ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, options.limit);
  return { ...technologySummary(t, options.region, counts), experts, examined: profiles.length };
}

interface Matcher {
  keywordsIn(text: string | undefined): string[];
  classesOf(codes: readonly string[]): string[];
  topicsOf(topics: readonly string[]): string[];
}

/** Case-insensitive keyword, class-prefix and topic matching of one technology. */
export function technologyMatcher(t: Technology): Matcher {
  const keywords = [...t.keywords.en, ...t.keywords.zh];
  const latin = keywords.map((k) => ({
    k,
    re: new RegExp(`(^|[^\\p{L}\\p{N}])${escape(k)}($|[^\\p{L}\\p{N}])`, 'iu'),
  }));
  const prefixes = [...new Set([...t.cpc, ...t.ipc])]
    .map((p) => ({ text: p, code: parseClassCode(p) }))
    .filter((p): p is { text: string; code: ClassCode } => p.code !== undefined);
  const topics = new Set(t.topics.map((x) => x.toLowerCase()));
  return {
    keywordsIn(text) {
      if (!text) return [];
      // Han keywords match as substrings (Chinese has no spaces); Latin ones as whole words.
      return latin
        .filter(({ k, re }) => (/\p{Script=Han}/u.test(k) ? text.includes(k) : re.test(text)))
        .map(({ k }) => k);
    },
    classesOf(codes) {
      const out = new Set<string>();
      for (const c of codes) {
        const code = parseClassCode(c);
        if (!code) continue;
        for (const p of prefixes) if (classCovers(p.code, code)) out.add(p.text);
      }
      return [...out];
    },
    topicsOf(list) {
      return list.filter((x) => topics.has(x.toLowerCase()));
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function linkExpert(p: TalentProfile, t: Technology, m: Matcher, region: string): TechnologyExpert {
  let points = 0;
  const patents: LinkedPatent[] = [];
  for (const pt of p.patents) {
    const classes = m.classesOf([...pt.cpc, ...pt.ipc]);
    const keywords = [...new Set([...m.keywordsIn(pt.title), ...m.keywordsIn(pt.abstract)])];
    if (classes.length === 0 && keywords.length === 0) continue;
    points += classes.length > 0 ? 3 + (keywords.length > 0 ? 1 : 0) : 2;
    patents.push({ id: pt.id, title: pt.title, classes, keywords });
  }
  const works: LinkedWork[] = [];
  for (const w of p.publications ?? []) {
    const topics = m.topicsOf([...w.topics]);
    const keywords = [...new Set([...m.keywordsIn(w.title), ...w.keywords.flatMap((k) => m.keywordsIn(k))])];
    if (topics.length === 0 && keywords.length === 0) continue;
    points += 2;
    works.push({
      id: w.id,
      ...(w.doi !== undefined ? { doi: w.doi } : {}),
      title: w.title,
      ...(w.year !== undefined ? { year: w.year } : {}),
      topics,
      keywords,
    });
  }
  const filings: LinkedFiling[] = p.filingRoles
    .filter((r) => m.keywordsIn(`${r.issuer} ${r.title ?? ''}`).length > 0)
    .map((r) => ({
      issuer: r.issuer,
      form: r.form,
      ...(r.accession !== undefined ? { accession: r.accession } : {}),
      ...(r.title !== undefined ? { title: r.title } : {}),
    }));
  points += filings.length;
  const mentions = [
    ...new Set([
      ...p.skills.flatMap((s) => [...m.keywordsIn(s.label), ...m.keywordsIn(s.zh)]),
      ...m.keywordsIn(p.summary),
      ...p.titles.flatMap((x) => m.keywordsIn(x)),
    ]),
  ];
  points += mentions.length;
  const a = p.affiliations.find((x) => x.current) ?? p.affiliations[0];
  const location = p.locations[0]?.label;
  return {
    id: p.id,
    displayName: p.displayName,
    tier: p.tier,
    ...(a ? { affiliation: a.title ? `${a.title}, ${a.organization}` : a.organization } : {}),
    ...(location !== undefined ? { location } : {}),
    inside: p.locations.some((l) => l.regionCode === region),
    industryScore: p.scores[t.industry] ?? 0,
    evidenceScore: points,
    patents,
    works,
    filings,
    mentions,
  };
}
