import type { Company } from './companies.js';
import type { IndustryKit } from './industry-kit.js';
import {
  regionWeights,
  westernFamily,
  westernGiven,
  zhFemaleChars,
  zhGivenChars,
  zhSurnames,
  type Region,
} from './name-data.js';
import type { Tier } from '../processors/model/profile.js';
import type { Rng } from './prng.js';

/** A made-up person's intended tier: the tiers the scorer assigns. */
export type SynthTier = Tier;
export type ResumeFormat = 'json-resume' | 'zh-resume-text';

/** One generated person: a stable identity every source they appear in agrees on. */
export interface SynthPerson {
  id: string;
  industry: string;
  tier: SynthTier;
  region: Region;
  chinese: boolean;
  /** Han name (Chinese people): family + given. */
  han?: { family: string; given: string };
  /** Latin name: pinyin for Chinese people. */
  given: string;
  family: string;
  gender: 'male' | 'female';
  birthYear: number;
  birthMonth: number;
  email: string;
  company: Company;
  /** Job title in English and Chinese. */
  titleEn: string;
  titleZh: string;
  /** Professional title or honour (研究员, 高级工程师, 中国工程院院士), when any. */
  honourZh?: string;
  honourEn?: string;
  degree: 'phd' | 'master' | 'bachelor';
  school: { en: string; zh?: string };
  majorEn: string;
  majorZh: string;
  skillsEn: string[];
  skillsZh: string[];
  /** Year the current job began; earlier jobs are not modelled beyond one previous post. */
  since: number;
  resume?: ResumeFormat;
  /** Patents this person leads (co-inventors are added from colleagues). */
  leadPatents: number;
  form4Filings: number;
  /** SEC reporting-owner CIK, stable across all of this person's Form 4s. */
  rptOwnerCik?: string;
}

const tierWeights: ReadonlyArray<readonly [SynthTier, number]> = [
  ['A', 2],
  ['B', 8],
  ['C', 22],
  ['D', 55],
  ['E', 13],
];

interface Post {
  en: string;
  zh: string;
  honourZh?: string;
  honourEn?: string;
}

/** Job titles by tier and kind of employer; `W` is replaced by the employer's industry word. */
function postFor(tier: SynthTier, company: Company, chinese: boolean, rng: Rng): Post {
  const academic = company.kind !== 'company';
  switch (tier) {
    case 'A':
      return chinese
        ? {
            en: 'Chief Scientist',
            zh: '首席科学家',
            honourZh: rng.pick(['中国工程院院士', '中国科学院院士']),
            honourEn: 'Academician of the Chinese Academy of Engineering',
          }
        : {
            en: 'Chief Scientist',
            zh: '首席科学家',
            honourEn: 'Member of the National Academy of Engineering',
            honourZh: '美国国家工程院院士',
          };
    case 'B':
      if (academic)
        return company.kind === 'institute'
          ? { en: 'Research Professor', zh: '研究员', honourZh: '研究员' }
          : { en: 'Professor', zh: '教授', honourZh: '教授' };
      return rng.pick([
        { en: 'Chief Technology Officer', zh: '首席技术官' },
        { en: 'Chief Executive Officer', zh: '总经理' },
        { en: 'President', zh: '董事长' },
      ]);
    case 'C':
      if (academic) return { en: 'Associate Professor', zh: '副教授', honourZh: '副教授' };
      return rng.pick([
        { en: 'Senior W Engineer', zh: '高级工程师', honourZh: '高级工程师' },
        { en: 'Vice President, W', zh: '副总经理', honourZh: '高级工程师' },
        { en: 'Director of W R&D', zh: '研发总监', honourZh: '高级工程师' },
      ]);
    case 'D':
      return academic
        ? { en: 'W Researcher', zh: '助理研究员' }
        : rng.pick([
            { en: 'W Engineer', zh: '工程师', honourZh: '工程师' },
            { en: 'R&D Manager, W', zh: '研发经理' },
          ]);
    default:
      return rng.pick([
        { en: 'W Technician', zh: '技术员' },
        { en: 'Assistant W Engineer', zh: '助理工程师' },
      ]);
  }
}

function latinKey(given: string, family: string): string {
  return `${given} ${family}`.toLowerCase();
}

function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Builds `count` people. A name never repeats within one employer, so "same name + same
 * organisation" in the sources always means the same person; across employers names may repeat
 * (as they do in life), which is what resolution has to cope with.
 */
export function buildPeople(
  count: number,
  kits: readonly IndustryKit[],
  companies: readonly Company[],
  rng: Rng,
): SynthPerson[] {
  const byIndustryRegion = new Map<string, Company[]>();
  for (const c of companies) {
    const k = `${c.industry}|${c.city.region}`;
    const list = byIndustryRegion.get(k) ?? [];
    list.push(c);
    byIndustryRegion.set(k, list);
  }
  const taken = new Set<string>();
  const people: SynthPerson[] = [];
  let cikSeq = rng.int(1_000_000, 1_500_000);
  for (let n = 0; n < count; n++) {
    const kit = rng.pick(kits);
    const region = rng.weighted(regionWeights);
    const pool =
      byIndustryRegion.get(`${kit.id}|${region}`) ?? companies.filter((c) => c.industry === kit.id);
    const company = rng.pick(pool);
    const chinese = company.city.country === 'CN' || rng.chance(0.15);
    const tier = rng.weighted(tierWeights);
    let given: string;
    let family: string;
    let han: SynthPerson['han'];
    let gender: SynthPerson['gender'];
    for (let attempt = 0; ; attempt++) {
      if (chinese) {
        const [fh, fp] = rng.pick(zhSurnames);
        const chars = rng.sample(zhGivenChars, rng.chance(0.7) ? 2 : 1);
        const gh = chars.map(([h]) => h).join('');
        const gp = chars.map(([, p]) => p).join('');
        given = gp.charAt(0).toUpperCase() + gp.slice(1);
        family = fp;
        han = { family: fh, given: gh };
        gender = chars.some(([h]) => zhFemaleChars.has(h)) ? 'female' : 'male';
      } else {
        given = rng.pick(westernGiven);
        family = rng.pick(westernFamily);
        gender = westernGiven.indexOf(given) % 2 === 1 ? 'female' : 'male';
      }
      const keys = [`${latinKey(given, family)}|${company.nameEn}`];
      if (han !== undefined) keys.push(`${han.family}${han.given}|${company.nameZh ?? company.nameEn}`);
      if (attempt < 50 && keys.some((k) => taken.has(k))) continue;
      for (const k of keys) taken.add(k);
      break;
    }
    const post = postFor(tier, company, chinese, rng);
    const fill = (s: string): string =>
      s.replace(
        'W',
        company.wordEn.replace(/\b([a-z])/g, (c) => c.toUpperCase()),
      );
    const degree: SynthPerson['degree'] =
      tier === 'A' || tier === 'B'
        ? 'phd'
        : tier === 'C'
          ? rng.pick(['phd', 'master'] as const)
          : tier === 'D'
            ? rng.pick(['master', 'bachelor'] as const)
            : 'bachelor';
    const school =
      chinese && company.city.country === 'CN'
        ? (([zh, en]) => ({ zh, en }))(
            rng.pick([
              ['吉林大学', 'Jilin University'],
              ['长春理工大学', 'Changchun University of Science and Technology'],
              ['哈尔滨工业大学', 'Harbin Institute of Technology'],
              ['清华大学', 'Tsinghua University'],
              ['浙江大学', 'Zhejiang University'],
            ] as const),
          )
        : {
            en: rng.pick([
              'Stanford University',
              'University of Michigan',
              'Technical University of Munich',
              'Delft University of Technology',
              'Purdue University',
            ]),
          };
    const kitWords = rng.sample(kit.en, 3);
    const person: SynthPerson = {
      id: `p${String(n + 1).padStart(6, '0')}`,
      industry: kit.id,
      tier,
      region: company.city.region,
      chinese,
      given,
      family,
      gender,
      birthYear:
        tier === 'A' ? rng.int(1950, 1965) : tier === 'B' ? rng.int(1960, 1980) : rng.int(1970, 1998),
      birthMonth: rng.int(1, 12),
      email: `${asciiFold(given)}.${asciiFold(family)}@${company.domain}`,
      company,
      titleEn: fill(post.en),
      titleZh: post.zh,
      degree,
      school,
      majorEn: kitWords[0] ?? company.wordEn,
      majorZh: rng.pick(kit.zh),
      skillsEn: kitWords,
      skillsZh: rng.sample(kit.zh, 2),
      since: rng.int(2005, 2023),
      leadPatents: 0,
      form4Filings: 0,
    };
    if (han !== undefined) person.han = han;
    if (post.honourZh !== undefined) person.honourZh = post.honourZh;
    if (post.honourEn !== undefined) person.honourEn = post.honourEn;
    planSources(person, rng);
    if (person.form4Filings > 0) person.rptOwnerCik = String(cikSeq++).padStart(10, '0');
    people.push(person);
  }
  return people;
}

/** Which sources a person appears in: 1–3 of résumé, patents (as inventor), Form 4 (as insider). */
function planSources(p: SynthPerson, rng: Rng): void {
  const insider =
    p.company.isPublic &&
    (p.tier === 'A' || p.tier === 'B' || (p.tier === 'C' && !/Engineer$/.test(p.titleEn)));
  if (insider && rng.chance(0.7)) p.form4Filings = rng.int(1, 3);
  const patentChance = p.tier === 'E' ? 0.15 : p.company.kind === 'company' && p.tier === 'B' ? 0.4 : 0.55;
  if (rng.chance(patentChance))
    p.leadPatents = { A: rng.int(8, 14), B: rng.int(3, 8), C: rng.int(1, 4), D: rng.int(1, 2), E: 1 }[p.tier];
  if (rng.chance(0.7) || (p.leadPatents === 0 && p.form4Filings === 0))
    p.resume =
      p.chinese && p.company.nameZh !== undefined && rng.chance(0.65) ? 'zh-resume-text' : 'json-resume';
}
