import type { Industry } from '../config/industries.js';
import type { Rng } from './prng.js';

/**
 * What the generator takes from one configured priority industry: the keywords that belong to it
 * alone (so a person built from them scores in that industry, not a neighbour that shares a word,
 * e.g. "lidar" in automotive and optoelectronics or 轨道 in 轨道交通), and its CPC prefixes.
 * Everything comes from config/industries.yaml, so another region's file yields other people.
 */
export interface IndustryKit {
  id: string;
  nameEn: string;
  nameZh: string;
  /** Distinctive English keywords of one or two words. */
  en: string[];
  /** Distinctive Chinese keywords. */
  zh: string[];
  cpc: string[];
  sic: string | undefined;
}

function distinctive(words: readonly string[], others: readonly string[], maxWords: number): string[] {
  return words.filter((w) => {
    const lw = w.toLowerCase();
    if (w.split(' ').length > maxWords || w.length < 2) return false;
    return !others.some((o) => {
      const lo = o.toLowerCase();
      return lo.includes(lw) || lw.includes(lo);
    });
  });
}

export function industryKits(industries: readonly Industry[]): IndustryKit[] {
  return industries.map((industry) => {
    const others = industries.filter((o) => o.id !== industry.id);
    const otherEn = others.flatMap((o) => o.keywords.en);
    const otherZh = others.flatMap((o) => o.keywords.zh);
    // Short acronyms (ai, gan, led) are whole-word keywords the scorer matches, but they read badly in
    // names and collide with common words; prefer real words of four letters or more.
    const en = distinctive(industry.keywords.en, otherEn, 2).filter((w) => w.length >= 4);
    const zh = distinctive(industry.keywords.zh, otherZh, 1);
    return {
      id: industry.id,
      nameEn: industry.name.en,
      nameZh: industry.name.zh,
      en: en.length > 0 ? en : industry.keywords.en.slice(0, 1),
      zh: zh.length > 0 ? zh : industry.keywords.zh.slice(0, 1),
      cpc: industry.cpc,
      sic: industry.sic[0],
    };
  });
}

export function titleCase(text: string): string {
  return text.replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

const SUBCLASS_LETTERS = ['B', 'C', 'F', 'G', 'K', 'L', 'M', 'N'];

/**
 * A full CPC symbol under one of the industry's prefixes ("H01L" → "H01L 21/768", "B60" →
 * "B60L 3/02"), as [section, class, subclass, main group, subgroup].
 */
export function cpcUnder(prefix: string, rng: Rng): [string, string, string, string, string] {
  const m = /^([A-H])(\d{2})([A-Z])?(?:\s?(\d{1,4})(?:\/(\d{1,6}))?)?$/.exec(prefix);
  if (m === null) return ['G', '06', 'F', '3', '01'];
  const subclass = m[3] ?? rng.pick(SUBCLASS_LETTERS);
  const group = m[4] ?? String(rng.int(1, 60));
  const sub =
    m[5] !== undefined
      ? `${m[5]}${rng.chance(0.5) ? rng.digits(1) : ''}`
      : rng.pick(['00', '02', '04', '10', '12', '20', '28', '35', '48']) +
        (rng.chance(0.4) ? rng.digits(1) : '');
  return [m[1] as string, m[2] as string, subclass, group, sub];
}
