import type { Industry } from '../../config/industries.js';
import { hasHan } from '../normalize/fold.js';
import { organizationKey } from '../normalize/organization.js';
import { TermMatcher } from '../normalize/term-matcher.js';
import { classCovers, parseClassCode, type ClassCode } from './class-code.js';

const RECENT_TEXTS = 512;

/** The configured industries compiled once for fast matching; shared by every profile scored. */
export class IndustryMatcher {
  readonly industries: readonly Industry[];
  private readonly keywords: TermMatcher<string>;
  private readonly cpc = new Map<string, ClassCode[]>();
  private readonly ipc = new Map<string, ClassCode[]>();
  private readonly sic = new Map<string, string[]>();
  /** Latin anchor-employer keys per industry, for exact and word-prefix lookups. */
  private readonly employerKeys = new Map<string, Set<string>>();
  /** Han anchor-employer keys per industry, matched as substrings (Chinese names have no word breaks). */
  private readonly hanEmployers = new Map<string, string[]>();

  constructor(industries: readonly Industry[]) {
    this.industries = industries;
    const terms: Array<[string, string]> = [];
    for (const industry of industries) {
      for (const k of [...industry.keywords.en, ...industry.keywords.zh]) terms.push([k, industry.id]);
      this.cpc.set(
        industry.id,
        industry.cpc.map(parseClassCode).filter((c): c is ClassCode => c !== undefined),
      );
      this.ipc.set(
        industry.id,
        industry.ipc.map(parseClassCode).filter((c): c is ClassCode => c !== undefined),
      );
      for (const code of industry.sic) this.sic.set(code, [...(this.sic.get(code) ?? []), industry.id]);
      const keys = industry.employers.map(organizationKey).filter((k) => k.length > 0);
      this.employerKeys.set(industry.id, new Set(keys));
      this.hanEmployers.set(
        industry.id,
        keys.filter((k) => hasHan(k) && k.length >= 3),
      );
    }
    this.keywords = new TermMatcher(terms);
  }

  /**
   * Recent texts and their hits. Co-inventors of one patent share its title and abstract, and the
   * people of one filing share its employer: each such text is matched once, not once per person.
   */
  private readonly recentHits = new Map<string, Map<string, string[]>>();

  /** Industry id → distinct keywords of that industry found in the text. */
  keywordHits(text: string): Map<string, string[]> {
    const cached = this.recentHits.get(text);
    if (cached) return cached;
    const hits = this.computeKeywordHits(text);
    if (this.recentHits.size >= RECENT_TEXTS)
      this.recentHits.delete(this.recentHits.keys().next().value as string);
    this.recentHits.set(text, hits);
    return hits;
  }

  private computeKeywordHits(text: string): Map<string, string[]> {
    const hits = new Map<string, string[]>();
    for (const { term, value } of this.keywords.matches(text))
      hits.set(value, [...(hits.get(value) ?? []), term]);
    return hits;
  }

  /** Industries whose CPC (or IPC) prefixes cover any of the codes, with the first covering code. */
  classHits(cpc: readonly string[], ipc: readonly string[]): Map<string, string> {
    const hits = new Map<string, string>();
    const check = (codes: readonly string[], table: Map<string, ClassCode[]>): void => {
      for (const text of codes) {
        const code = parseClassCode(text);
        if (!code) continue;
        for (const [industry, prefixes] of table)
          if (!hits.has(industry) && prefixes.some((p) => classCovers(p, code)))
            hits.set(industry, text.replace(/\s+/g, ' ').trim());
      }
    };
    check(cpc, this.cpc);
    check(ipc, this.ipc);
    return hits;
  }

  industriesOfSic(sic: string | undefined): string[] {
    return sic === undefined ? [] : (this.sic.get(sic.trim()) ?? []);
  }

  /** True when an organisation key is one of the industry's anchor employers (or a unit of one). */
  isAnchorEmployer(industryId: string, orgKey: string): boolean {
    const keys = this.employerKeys.get(industryId);
    if (!keys) return false;
    if (keys.has(orgKey)) return true;
    // "tesla motors" is a unit of anchor "tesla": try each leading run of words.
    let space = orgKey.indexOf(' ');
    while (space > 0) {
      if (keys.has(orgKey.slice(0, space))) return true;
      space = orgKey.indexOf(' ', space + 1);
    }
    if (hasHan(orgKey))
      for (const anchor of this.hanEmployers.get(industryId) ?? []) if (orgKey.includes(anchor)) return true;
    return false;
  }
}
