import type { SearchHit, TalentIndex } from '../../indexer/contract.js';
import { foldText } from '../../indexer/embedded/search-text.js';
import type { TalentProfile } from '../../processors/model/profile.js';

/** What a similar person shares with the profile, each part with what it holds. */
export interface SimilarPerson {
  hit: SearchHit;
  /** 0–1: the weighted overlap of skills, patent classes, topics, titles, employers and industries. */
  similarity: number;
  shared: {
    skills: string[];
    cpc: string[];
    topics: string[];
    titles: string[];
    employers: string[];
    industries: string[];
  };
  /** "shares skills Zemax, lens design; CPC G02B; employer 长春光机所". */
  explanation: string;
}

const MAX_TERMS_PER_KIND = 6;
const CANDIDATES = 60;
const WEIGHTS = { skills: 3, cpc: 3, topics: 2, titles: 1, employers: 2, industries: 1 } as const;

/** The parts of a profile people are compared on, folded. */
function features(p: TalentProfile): Record<keyof SimilarPerson['shared'], Map<string, string>> {
  const keyed = (values: Array<string | undefined>): Map<string, string> => {
    const map = new Map<string, string>();
    for (const v of values) if (v && v.trim() !== '' && !map.has(foldText(v))) map.set(foldText(v), v);
    return map;
  };
  return {
    skills: keyed(p.skills.map((s) => s.label)),
    // Patent classes at subclass level (H01L): a shared group (H01L 21/768) is too narrow to meet.
    cpc: keyed(p.patents.flatMap((pt) => pt.cpc.map((c) => c.replace(/\s+/g, '').slice(0, 4)))),
    topics: keyed((p.publications ?? []).flatMap((w) => w.topics)),
    titles: keyed([...p.titles, ...p.affiliations.map((a) => a.title)]),
    employers: keyed([
      ...p.affiliations.map((a) => a.organization),
      ...p.patents.flatMap((pt) => pt.assignees),
    ]),
    industries: keyed(p.topIndustries.filter((i) => i.score > 0).map((i) => i.industry)),
  };
}

const quote = (text: string): string => `"${text.replaceAll('"', ' ')}"`;

/**
 * "More like this" over the contract, so both backends answer it the same way: the profile's
 * skills, titles and employers become one OR query over the fields that hold them (`skill:`,
 * `title:`, `org:`), its patent and publication words add plain terms, and the candidates the
 * index ranks first are ranked again by what they share with the profile (skills, CPC subclasses,
 * topics, titles, employers, industries; weighted overlap), each with the list of what it shares.
 */
export async function similarPeople(
  index: TalentIndex,
  profile: TalentProfile,
  limit: number,
): Promise<SimilarPerson[]> {
  const mine = features(profile);
  const terms = [
    ...[...mine.skills.values()].slice(0, MAX_TERMS_PER_KIND).map((s) => `skill:${quote(s)}`),
    ...[...mine.titles.values()].slice(0, 3).map((t) => `title:${quote(t)}`),
    ...[...mine.employers.values()].slice(0, 4).map((o) => `org:${quote(o)}`),
    ...[...mine.topics.values()].slice(0, 4).map(quote),
    ...profile.patents.slice(0, 3).map((pt) => quote(pt.title)),
  ];
  if (terms.length === 0) return [];
  const result = await index.search({ text: terms.join(' OR '), limit: CANDIDATES });
  const out: SimilarPerson[] = [];
  for (const hit of result.hits) {
    if (hit.id === profile.id) continue;
    const other = await index.get(hit.id);
    if (!other) continue;
    const theirs = features(other);
    const shared = {} as SimilarPerson['shared'];
    let score = 0;
    let weight = 0;
    for (const kind of Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>) {
      const both = [...mine[kind].entries()].filter(([k]) => theirs[kind].has(k)).map(([, v]) => v);
      shared[kind] = both;
      const union = new Set([...mine[kind].keys(), ...theirs[kind].keys()]).size;
      if (mine[kind].size > 0) {
        weight += WEIGHTS[kind];
        if (union > 0) score += WEIGHTS[kind] * (both.length / union);
      }
    }
    const similarity = weight === 0 ? 0 : Math.round((score / weight) * 1000) / 1000;
    if (similarity === 0) continue;
    out.push({ hit, similarity, shared, explanation: explain(shared) });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.hit.id.localeCompare(b.hit.id)).slice(0, limit);
}

function explain(shared: SimilarPerson['shared']): string {
  const parts: string[] = [];
  const list = (values: string[]): string => values.slice(0, 4).join(', ') + (values.length > 4 ? '…' : '');
  if (shared.skills.length > 0) parts.push(`shares skills ${list(shared.skills)}`);
  if (shared.cpc.length > 0) parts.push(`patent classes ${list(shared.cpc)}`);
  if (shared.topics.length > 0) parts.push(`topics ${list(shared.topics)}`);
  if (shared.titles.length > 0) parts.push(`titles ${list(shared.titles)}`);
  if (shared.employers.length > 0) parts.push(`employers ${list(shared.employers)}`);
  if (shared.industries.length > 0) parts.push(`industries ${list(shared.industries)}`);
  return parts.join('; ');
}
