import type { Industry } from '../../config/industries.js';
import type { HomeRegion } from '../../config/regions.js';
import {
  chineseCities,
  chineseProvinces,
  countryAliases,
  usStates,
} from '../../processors/normalize/place-data.js';
import type { Seniority } from '../../processors/normalize/job-title.js';
import { countryCode } from '../../processors/normalize/place.js';
import type { Tier } from '../../processors/model/profile.js';

/** What a dictionary term reads as. */
export type TermMeaning =
  | { kind: 'region'; code: string; en: string; zh: string }
  | { kind: 'city'; en: string; zh: string; regionCode: string }
  | { kind: 'country'; code: string; en: string; zh: string }
  | { kind: 'industry'; id: string; en: string; zh: string; keyword: boolean }
  | { kind: 'tier'; tiers: Tier[] }
  | { kind: 'seniority'; level: Seniority }
  | { kind: 'patents'; has: boolean }
  | { kind: 'school'; name: string }
  | { kind: 'employer'; name: string }
  | { kind: 'stop' };

export interface VocabularyTerm {
  /** As written in a query; Latin terms match whole words, case-insensitive, Han terms anywhere. */
  form: string;
  meaning: TermMeaning;
  /** Lower first: organisations before places (吉林大学 is a school, not 吉林 + 大学), places before industries. */
  rank: number;
}

export const RANK = { organization: 0, marker: 1, place: 2, level: 3, industry: 4, stop: 9 } as const;

/**
 * Title words per seniority level, highest first. A level asked for matches its words and every
 * higher level's (`senior` also finds 教授 and directors): "at least" is what a recruiter means.
 */
export const SENIORITY_WORDS: ReadonlyArray<readonly [Seniority, readonly string[]]> = [
  [
    'executive',
    [
      '董事长',
      '总经理',
      '总裁',
      '首席',
      '创始人',
      'ceo',
      'cto',
      'cfo',
      'coo',
      'founder',
      'president',
      'chief',
    ],
  ],
  ['director', ['总监', '总工程师', '副总', '主任', 'director', 'vice president', 'head of', 'vp']],
  ['principal', ['教授', '研究员', '院士', '博导', 'professor', 'principal', 'distinguished', 'fellow']],
  [
    'senior',
    ['高级', '资深', '高工', '副教授', '副研究员', 'senior', 'staff', 'lead', 'associate professor'],
  ],
  [
    'professional',
    ['工程师', '研究人员', '讲师', 'engineer', 'scientist', 'researcher', 'lecturer', 'manager'],
  ],
  ['junior', ['初级', '助理', '实习', '博士后', 'junior', 'intern', 'assistant', 'postdoc']],
];

/** The title words of a level and every level above it: the `titles` filter of a seniority. */
export function titleWordsFrom(level: Seniority): string[] {
  const at = SENIORITY_WORDS.findIndex(([l]) => l === level);
  // Junior is asked for itself: "at least junior" would be everyone.
  if (level === 'junior') return [...(SENIORITY_WORDS[at]?.[1] ?? [])];
  return SENIORITY_WORDS.slice(0, at + 1).flatMap(([, words]) => words);
}

/** Words of a query that say the level (`高级` in 高级工程师 reads as `senior`; 工程师 stays text). */
const SENIORITY_TERMS: ReadonlyArray<readonly [string, Seniority]> = [
  ...[
    '董事长',
    '总经理',
    '总裁',
    '首席执行官',
    '首席技术官',
    '创始人',
    'ceo',
    'cto',
    'cfo',
    'coo',
    'founders',
    'founder',
    'executives',
    'executive',
    'c-level',
  ].map((f) => [f, 'executive'] as const),
  ...[
    '总监',
    '总工程师',
    '总工',
    '副总',
    'directors',
    'director',
    'vps',
    'vp',
    'vice presidents',
    'vice president',
    'heads of',
  ].map((f) => [f, 'director'] as const),
  ...[
    '教授',
    '研究员',
    '院士',
    '博导',
    '博士生导师',
    'professors',
    'professor',
    'principal',
    'distinguished',
    'chief scientist',
    'fellows',
    'fellow',
  ].map((f) => [f, 'principal'] as const),
  ...[
    '高级',
    '资深',
    '高工',
    '副教授',
    '副研究员',
    'senior',
    'sr',
    'staff',
    'lead',
    'associate professors',
    'associate professor',
  ].map((f) => [f, 'senior'] as const),
  ...[
    '初级',
    '实习',
    '实习生',
    '博士后',
    'junior',
    'interns',
    'intern',
    'postdocs',
    'postdoc',
    'entry-level',
  ].map((f) => [f, 'junior'] as const),
];

const PATENT_TERMS: ReadonlyArray<readonly [string, boolean]> = [
  ['有专利', true],
  ['拥有专利', true],
  ['专利持有人', true],
  ['发明专利', true],
  ['发明人', true],
  ['专利', true],
  ['无专利', false],
  ['没有专利', false],
  ['with patents', true],
  ['with a patent', true],
  ['holding patents', true],
  ['patent holders', true],
  ['patent holder', true],
  ['patented', true],
  ['inventors', true],
  ['inventor', true],
  ['patents', true],
  ['without patents', false],
  ['no patents', false],
];

const TIER_TERMS: ReadonlyArray<readonly [string, Tier[]]> = [
  ['顶尖人才', ['A']],
  ['顶尖', ['A']],
  ['顶级', ['A']],
  ['领军人才', ['A', 'B']],
  ['领军', ['A', 'B']],
  ['top-tier', ['A']],
  ['top tier', ['A']],
  ['world-class', ['A']],
  ['leading', ['A', 'B']],
  ...(['A', 'B', 'C', 'D', 'E'] as const).flatMap((t, i): Array<readonly [string, Tier[]]> => [
    // "B级以上", "tier B or above": that tier and every better one.
    ...[
      `${t}级以上`,
      `${t}级及以上`,
      `${t}类以上`,
      `tier ${t} or above`,
      `tier ${t} or better`,
      `tier ${t}+`,
    ].map((form) => [form, (['A', 'B', 'C', 'D', 'E'] as const).slice(0, i + 1)] as const),
    [`tier ${t}`, [t]],
    [`tier-${t}`, [t]],
    [`${t}-tier`, [t]],
    [`${t}级人才`, [t]],
    [`${t}类人才`, [t]],
    [`${t}级`, [t]],
    [`${t}类`, [t]],
  ]),
];

/** Filler of a request, dropped from the text left over ("找", "专家", "people", "with"). */
export const STOP_WORDS_ZH = [
  '寻找',
  '查找',
  '搜索',
  '找到',
  '找',
  '请',
  '帮我',
  '一下',
  '所有',
  '专家',
  '人才',
  '人员',
  '人士',
  '学者',
  '毕业生',
  '毕业于',
  '毕业',
  '出身',
  '工作的',
  '工作',
  '任职',
  '就职',
  '目前',
  '现在',
  '现任',
  '位于',
  '来自',
  '从事',
  '方面',
  '领域',
  '产业',
  '行业',
  '方向',
  '相关',
  '拥有',
  '具有',
  '有经验',
  '经验',
  '背景',
  '的人',
  '的',
  '在',
  '和',
  '与',
  '及',
  '或',
  '有',
  '人',
];
export const STOP_WORDS_EN = new Set(
  (
    'a an the in at on of for from with who whose which that are is be been has have having and or any all ' +
    'find show me list search get people person persons experts expert talent talents professionals specialists ' +
    'based located living work works working worked currently now someone candidates candidate graduates graduate ' +
    'graduated alumni alumnus studied study background field area some industry sector'
  ).split(' '),
);

const isLatin = (s: string): boolean => !/\p{Script=Han}/u.test(s);

/** Country names of ICU in both languages, and the aliases place-data keeps; demonyms left out. */
function countryTerms(): VocabularyTerm[] {
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  const zh = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
  const terms: VocabularyTerm[] = [];
  const add = (form: string, given: string): void => {
    // place.ts's reading of the name: withdrawn codes ICU still names (DD "Germany") become today's.
    const code = countryCode(form) ?? given;
    if (terms.some((t) => t.form === form)) return;
    const meaning = { kind: 'country', code, en: en.of(code) ?? code, zh: zh.of(code) ?? code } as const;
    terms.push({ form, meaning, rank: RANK.place });
  };
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (code.startsWith('X') || code.startsWith('Q') || ['UK', 'EU', 'EZ', 'UN', 'ZZ'].includes(code))
        continue;
      const e = en.of(code);
      const z = zh.of(code);
      // ICU names a withdrawn or reserved code by the code itself; two-letter forms are not names.
      if (e === undefined || e === code || e.length < 4) continue;
      add(e, code);
      if (z !== undefined && z !== code && [...z].length >= 2) add(z, code);
    }
  const demonym = /(an|ese|ish|ch)$/i;
  for (const [code, ...aliases] of countryAliases)
    for (const alias of aliases)
      if (alias.length >= 2 && !(isLatin(alias) && demonym.test(alias))) add(alias, code);
  return terms;
}

function placeTerms(): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  const provinceZh = new Set(chineseProvinces.map(([, zh]) => zh));
  for (const [code, zh, en] of chineseProvinces) {
    const meaning = { kind: 'region', code: `CN-${code}`, en, zh } as const;
    // 市 only for the four municipalities: 吉林市 is a city of 吉林省.
    const suffixed = ['BJ', 'TJ', 'SH', 'CQ'].includes(code) ? `${zh}市` : `${zh}省`;
    for (const form of [zh, suffixed, `${zh}省`, en, `${en} province`])
      terms.push({ form, meaning, rank: RANK.place });
  }
  for (const [zh, en, province] of chineseCities) {
    const meaning = { kind: 'city', en, zh, regionCode: `CN-${province}` } as const;
    // 吉林 alone is the province; the city is 吉林市 / Jilin City.
    const forms = provinceZh.has(zh) ? [`${zh}市`, `${en} City`] : [zh, `${zh}市`, en, `${en} City`];
    for (const form of forms) terms.push({ form, meaning, rank: RANK.place });
  }
  for (const [code, name] of usStates)
    terms.push({
      form: name,
      meaning: { kind: 'region', code: `US-${code}`, en: name, zh: name },
      rank: RANK.place,
    });
  return [...terms, ...countryTerms()];
}

/** Organisations of every configured region and the industries' anchor employers. */
function organizationTerms(
  regions: readonly HomeRegion[],
  industries: readonly Industry[],
): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  for (const region of regions) {
    for (const forms of region.universities)
      for (const form of forms)
        terms.push({ form, meaning: { kind: 'school', name: forms[0] as string }, rank: RANK.organization });
    for (const forms of region.employers)
      for (const form of forms)
        terms.push({
          form,
          meaning: { kind: 'employer', name: forms[0] as string },
          rank: RANK.organization,
        });
  }
  for (const industry of industries)
    for (const form of industry.employers)
      terms.push({ form, meaning: { kind: 'employer', name: form }, rank: RANK.organization });
  return terms;
}

function industryTerms(industries: readonly Industry[]): VocabularyTerm[] {
  const terms: VocabularyTerm[] = [];
  for (const industry of industries) {
    const named = {
      kind: 'industry',
      id: industry.id,
      en: industry.name.en,
      zh: industry.name.zh,
      keyword: false,
    } as const;
    const names = [
      industry.id,
      industry.name.zh,
      ...industry.name.en.split(/\s*(?:&|\/|,|\(|\))\s*/).filter((f) => f.length > 3),
    ];
    for (const form of names) terms.push({ form, meaning: named, rank: RANK.industry });
    // A keyword (激光, lidar) names the industry and stays a word to match: 激光 finds people who
    // work with lasers, not every optoelectronics profile.
    const keyword = { ...named, keyword: true };
    for (const form of [...industry.keywords.en, ...industry.keywords.zh])
      terms.push({ form, meaning: keyword, rank: RANK.industry });
  }
  return terms;
}

/** Every term a query can be read with, built once per service from the config's dictionaries. */
export function buildQueryVocabulary(
  industries: readonly Industry[],
  regions: readonly HomeRegion[],
): VocabularyTerm[] {
  return [
    ...organizationTerms(regions, industries),
    ...placeTerms(),
    ...TIER_TERMS.map(
      ([form, tiers]) => ({ form, meaning: { kind: 'tier', tiers }, rank: RANK.level }) as const,
    ),
    ...SENIORITY_TERMS.map(
      ([form, level]) => ({ form, meaning: { kind: 'seniority', level }, rank: RANK.level }) as const,
    ),
    ...PATENT_TERMS.map(
      ([form, has]) => ({ form, meaning: { kind: 'patents', has }, rank: RANK.level }) as const,
    ),
    ...industryTerms(industries),
  ];
}
