import { foldLatin, hasHan } from '../normalize/fold.js';
import { organizationKey } from '../normalize/organization.js';
import { chineseCities, chineseProvinces, countryAliases, usStates } from '../normalize/place-data.js';
import { toSimplified } from './han-variants.js';
import { hanSyllables } from './pinyin.js';

/** An organisation as resolution compares it: its key and the parts of its name that tell it apart. */
export interface OrgFact {
  /** `organizationKey` of the name (traditional characters folded). */
  key: string;
  /** Distinctive folded tokens (generic words and place names left out); Han names: none. */
  tokens: string[];
  /** Han names: toneless pinyin per character, to meet the romanized name ("Huawei" ⊂ 华为技术). */
  syllables?: string[];
  /**
   * The distinctive part romanized: Han names without their generic ending in pinyin (吉林大学 →
   * `jilin`), Latin names without generic words (Jilin University → `jilin`).
   */
  core?: string;
  /** SEC CIK of the organisation, when the source gives it. */
  cik?: string;
  /** Places the name holds, folded English (`changchun`; 长春 → `changchun`). */
  places: string[];
  /** The kind of body the name says it is (大学 / University → `university`), when it says. */
  kind?: OrgKind;
}

type OrgKind = 'university' | 'college' | 'institute' | 'academy' | 'bank' | 'hospital' | 'lab' | 'company';

const LATIN_KINDS: ReadonlyArray<readonly [OrgKind, readonly string[]]> = [
  ['university', ['university', 'universities', 'daxue']],
  ['college', ['college', 'xueyuan']],
  ['academy', ['academy', 'kexueyuan']],
  ['institute', ['institute', 'institution', 'yanjiusuo', 'yanjiuyuan']],
  ['bank', ['bank']],
  ['hospital', ['hospital']],
  ['lab', ['laboratory', 'laboratories', 'lab', 'labs', 'shiyanshi']],
  [
    'company',
    [
      'co',
      'ltd',
      'inc',
      'corp',
      'corporation',
      'company',
      'group',
      'holdings',
      'llc',
      'gmbh',
      'ag',
      'sa',
      'plc',
      'nv',
      'bv',
      'gongsi',
      'jituan',
    ],
  ],
];
const HAN_KINDS: ReadonlyArray<readonly [OrgKind, readonly string[]]> = [
  ['university', ['大学']],
  ['academy', ['科学院']],
  ['college', ['学院']],
  ['institute', ['研究所', '研究院']],
  ['bank', ['银行']],
  ['hospital', ['医院']],
  ['lab', ['实验室']],
  ['company', ['公司', '集团', '股份', '控股', '厂']],
];

/** Han place names and their folded English, longest first (黑龙江 before 龙江). */
const HAN_PLACES: ReadonlyArray<readonly [string, string]> = [
  ...chineseProvinces.map(([, zh, en]) => [zh, foldLatin(en)] as const),
  ...chineseCities.map(([zh, en]) => [zh, foldLatin(en)] as const),
].sort((a, b) => b[0].length - a[0].length);

function hanPlaces(key: string): string[] {
  const found = new Set<string>();
  let rest = key;
  for (const [zh, en] of HAN_PLACES)
    if (rest.includes(zh)) {
      found.add(en);
      rest = rest.split(zh).join('\u0000');
    }
  return [...found].sort();
}

function latinKind(words: readonly string[]): OrgKind | undefined {
  for (const [kind, names] of LATIN_KINDS) if (words.some((w) => names.includes(w))) return kind;
  return undefined;
}

function hanKind(key: string): OrgKind | undefined {
  for (const [kind, endings] of HAN_KINDS) if (endings.some((e) => key.includes(e))) return kind;
  return undefined;
}

/** Words that name a kind of organisation, not a particular one. */
const GENERIC = new Set(
  (
    'university universities college school institute institution department dept center centre ' +
    'laboratory laboratories lab labs research technology technologies tech systems international ' +
    'global group company corporation national academy sciences science engineering hospital ' +
    'foundation bank capital management partners services solutions industries industrial products ' +
    'of the and for at in on de la le des du y e et und fur a an state states united new general ' +
    'american america north south east west china chinese usa us first medical health electronics ' +
    'electric energy holdings holding trust fund ventures venture investment investments associates ' +
    'consulting software network networks data digital media communications co ltd inc corp llc ' +
    // Romanized generic words of Chinese names (大学, 学院, 研究所, 科技, 技术, 有限, 公司, 集团 …).
    'daxue xueyuan yanjiusuo yanjiuyuan kexueyuan keji jishu dianzi youxian gufen gongsi jituan ' +
    'zhongguo zhongxin shiyanshi'
  ).split(' '),
);

/** Place names: "Jilin University" and "Jilin Electric Power" share a place, not an employer. */
const PLACES: ReadonlySet<string> = new Set(
  [
    ...chineseCities.map(([, en]) => en),
    ...chineseProvinces.map(([, , en]) => en),
    ...usStates.map(([, name]) => name),
    ...countryAliases.flatMap(([, ...aliases]) => aliases),
  ]
    .filter((name) => !hasHan(name))
    .flatMap((name) => foldLatin(name).split(' '))
    .filter((t) => t.length > 2),
);

/** Organisation keys that stand for "the company" in a Chinese biography (公司 / 副总经理), not a name. */
const GENERIC_HAN = new Set([
  '公司',
  '本公司',
  '该公司',
  '集团',
  '本集团',
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
  '总公司',
  '控股',
  '股份',
  '事务所',
]);
/** Generic endings of Chinese organisation names, stripped to find the part an English name romanizes. */
const HAN_GENERIC_ENDINGS = [
  '有限公司',
  '有限',
  '公司',
  '集团',
  '股份',
  '控股',
  '大学',
  '学院',
  '研究所',
  '研究院',
  '科学院',
  '实验室',
  '中心',
  '科技',
  '技术',
  '电子',
  '实业',
  '工业',
  '银行',
];

/** A Han name without its generic endings (华为技术有限公司 → 华为). */
function hanStem(key: string): string {
  let core = key;
  for (let changed = true; changed;) {
    changed = false;
    for (const ending of HAN_GENERIC_ENDINGS)
      if (core.endsWith(ending) && core.length > ending.length) {
        core = core.slice(0, -ending.length);
        changed = true;
      }
  }
  return core;
}

function hanCore(key: string): string {
  return hanSyllables(hanStem(key)).join('');
}

/** A Han fragment that names a place or a kind of body, not an organisation (长春, 中国, 公司). */
function genericHanPart(part: string): boolean {
  return (
    part === '中国' ||
    HAN_PLACES.some(([zh]) => zh === part) ||
    GENERIC_HAN.has(part) ||
    HAN_GENERIC_ENDINGS.includes(part)
  );
}

const GENERIC_LATIN = new Set([
  'freelance',
  'self employed',
  'self',
  'independent',
  'consultant',
  'various',
  'private',
]);

/**
 * Organisation names repeat across mentions (an employer, an assignee): their facts are cached so
 * equal names share one frozen object. Bounded: the cache starts over when it is full.
 */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, OrgFact | null>();

/** The organisation facts of one name (shared and frozen); undefined for generic names that identify nothing. */
export function orgFact(name: string, cik?: string): Readonly<OrgFact> | undefined {
  const cacheKey = cik === undefined ? name : `${name}\u0000${cik}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit ?? undefined;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const fact = computeOrgFact(name, cik);
  cache.set(cacheKey, fact === undefined ? null : Object.freeze(fact));
  return fact;
}

function computeOrgFact(name: string, cik?: string): OrgFact | undefined {
  const key = organizationKey(hasHan(name) ? toSimplified(name) : name);
  if (key.length < 2) return undefined;
  if (hasHan(key)) {
    if (GENERIC_HAN.has(key)) return undefined;
    const fact: OrgFact = {
      key,
      tokens: [],
      syllables: hanSyllables(key),
      core: hanCore(key),
      places: hanPlaces(key),
    };
    const kind = hanKind(key);
    if (kind) fact.kind = kind;
    if (cik) fact.cik = cik;
    return fact;
  }
  if (GENERIC_LATIN.has(key)) return undefined;
  const words = key.split(' ');
  const tokens = [...new Set(words.filter((t) => t.length > 1 && !GENERIC.has(t)))];
  const fact: OrgFact = {
    key,
    tokens,
    core: tokens.join(''),
    places: [...new Set(words.filter((w) => PLACES.has(w)))].sort(),
  };
  const kind = latinKind(words);
  if (kind) fact.kind = kind;
  if (cik) fact.cik = cik;
  return fact;
}

/**
 * Same organisation: same key, same SEC CIK, or one name in two scripts — the Han name without
 * its generic ending romanizes to the Latin name's distinctive words (吉林大学 / Jilin University,
 * 华为技术有限公司 / Huawei Technologies Co., Ltd.).
 */
export function sameOrganization(a: OrgFact, b: OrgFact): boolean {
  if (a.key === b.key || (a.cik !== undefined && a.cik === b.cik)) return true;
  if ((a.syllables === undefined) === (b.syllables === undefined)) return false;
  if (a.core === undefined || a.core.length < 4 || a.core !== b.core) return false;
  // A core that is only a place (吉林大学 → `jilin`) names the place, not the body: Jilin
  // University is 吉林大学, Jilin Software Group is not. The two must say they are the same kind.
  return !PLACES.has(a.core) || (a.kind !== undefined && a.kind === b.kind);
}

/** Both names hold places, and none in common: Changchun Chemical is not Hangzhou Chemical. */
function otherPlaces(a: OrgFact, b: OrgFact): boolean {
  return a.places.length > 0 && b.places.length > 0 && !a.places.some((p) => b.places.includes(p));
}

/** A Latin token found in a Han name's pinyin, starting on a syllable ("huawei" in hua·wei·ji·shu). */
function inSyllables(token: string, syllables: readonly string[]): boolean {
  for (let i = 0; i < syllables.length; i++) {
    let joined = '';
    for (let j = i; j < syllables.length && joined.length < token.length; j++) joined += syllables[j];
    if (joined === token) return true;
  }
  return false;
}

/**
 * Related organisations: one name's distinctive words contained in the other's ("UCSD" /
 * "University of California, San Diego (UCSD)", "Microsoft" / "Microsoft NERD AI"), a Han name
 * beginning or ending with the other (吉林大学 / 吉林大学化学学院), or a romanized word found in a Han name's
 * pinyin ("Huawei Device" / 华为技术). Place names alone never relate two organisations, and
 * two names in different places are not related (Changchun Chemical / Hangzhou Chemical).
 */
export function relatedOrganization(a: OrgFact, b: OrgFact): boolean {
  if (otherPlaces(a, b)) return false;
  if (a.syllables !== undefined && b.syllables !== undefined) {
    const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
    // One begins the other (吉林大学 / 吉林大学化学学院), or ends it once generic endings are off
    // (长春光机所 / 中国科学院长春光机所); never on a place or a generic word alone.
    if (short.length >= 2 && long.startsWith(short) && !genericHanPart(short)) return true;
    const [s1, s2] = [hanStem(short), hanStem(long)];
    return s1.length >= 2 && s2.endsWith(s1) && !genericHanPart(s1);
  }
  if (a.syllables !== undefined || b.syllables !== undefined) {
    const [han, latin] = a.syllables !== undefined ? [a, b] : [b, a];
    const distinctive = latin.tokens.filter((t) => t.length >= 4 && !PLACES.has(t));
    return distinctive.some((t) => inSyllables(t, han.syllables as string[]));
  }
  const ta = a.tokens.filter((t) => !PLACES.has(t));
  const tb = b.tokens.filter((t) => !PLACES.has(t));
  if (ta.length === 0 || tb.length === 0) return false;
  // Containment only: a shared leading word alone ("Delta Air Lines" / "Delta Dental") is not enough.
  const [small, large] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  return small.every((t) => large.includes(t));
}

/**
 * Keys two organisations share whenever `sameOrganization` or `relatedOrganization` can hold for
 * them (and a few more): the key, the CIK, the romanized core, the distinctive Latin words, the
 * prefixes of a Han name (吉林大学 ⊂ 吉林大学化学学院) and runs of its pinyin syllables that a Latin
 * word may spell (华为技术 → `huawei`). Resolution compares only mentions that share a name block
 * *and* one of these, so a common name never makes one large block.
 */
export function orgAnchorKeys(fact: OrgFact): string[] {
  const keys = [`org:${fact.key}`];
  if (fact.cik !== undefined) keys.push(`orgcik:${fact.cik}`);
  if (fact.core !== undefined && fact.core.length >= 4) keys.push(`orgcore:${fact.core}`);
  for (const t of fact.tokens) if (!PLACES.has(t)) keys.push(`orgword:${t}`);
  if (fact.syllables !== undefined) {
    for (let n = 2; n <= fact.key.length; n++) {
      const prefix = fact.key.slice(0, n);
      if (!genericHanPart(prefix)) keys.push(`orghan:${prefix}`);
    }
    const stem = hanStem(fact.key);
    for (let n = 2; n <= stem.length; n++) {
      const suffix = stem.slice(-n);
      if (!genericHanPart(suffix)) keys.push(`orghanend:${suffix}`);
    }
    const syllables = fact.syllables;
    for (let i = 0; i < syllables.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(syllables.length, i + 4); j++) {
        joined += syllables[j];
        if (joined.length >= 4 && !PLACES.has(joined)) keys.push(`orgword:${joined}`);
      }
    }
  }
  return keys;
}
