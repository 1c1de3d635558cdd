import { pinyin } from 'pinyin-pro';
import { compoundSurnames, singleSurnames } from '../normalize/chinese-surnames.js';

/**
 * Toneless Hanyu Pinyin syllables (ü written u, so `lü` and `lu` share a form: sources write
 * 吕 as Lü, Lu, Lv and Lyu). Interjection and particle readings that never occur in names (m, ng,
 * o, yo, lo, ei, den, dia, kei, zei, nou, fo) are left out: they would let Western names such as
 * "Yoo" pass as pinyin.
 */
const SYLLABLES: ReadonlySet<string> = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang ' +
    'cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan ' +
    'chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de deng di dian diao ' +
    'die ding diu dong dou du duan dui dun duo e en eng er fa fan fang fei fen feng fou fu ga gai ' +
    'gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he ' +
    'hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing ' +
    'jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan kuang kui ' +
    'kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu ' +
    'luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na ' +
    'nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nu nuan nue nuo ou pa ' +
    'pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie ' +
    'qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa ' +
    'sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou shu shua shuai ' +
    'shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian ' +
    'tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang ' +
    'xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yong you yu yuan yue ' +
    'yun za zai zan zang zao ze zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu ' +
    'zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);
const LONGEST_SYLLABLE = 6;

/**
 * A folded Latin token as toneless pinyin: tone digits dropped (`zhang1`), and the ü spellings
 * `lv`, `lyu`, `nv`, `nyu` written `lu`/`nu`. Tone marks are already gone after `foldLatin`.
 */
export function plainPinyin(token: string): string {
  return token.replace(/[0-9]/g, '').replace(/^([ln])(?:yu|v)/, '$1u');
}

/**
 * True when a word splits into pinyin syllables (`jianhua` → jian·hua). Inside a word, a syllable
 * starting with a vowel must follow one ending in a vowel and be longer than one letter (Meiou is
 * mei·ou; Xi'an needs its apostrophe), so "Lee" (le·e) and "Yoo" are not pinyin.
 */
export function isPinyinWord(word: string): boolean {
  if (word.length === 0 || !/^[a-z]+$/.test(word)) return false;
  // reachable[i]: the first i letters split into syllables.
  const reachable = new Array<boolean>(word.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < word.length; i++) {
    if (!reachable[i]) continue;
    const inner = i > 0 && /[aeo]/.test(word.charAt(i));
    if (inner && !/[aeiouv]/.test(word.charAt(i - 1))) continue;
    for (let len = inner ? 2 : 1; len <= LONGEST_SYLLABLE && i + len <= word.length; len++)
      if (SYLLABLES.has(word.slice(i, i + len))) reachable[i + len] = true;
  }
  return reachable[word.length] === true;
}

function toneless(syllable: string): string {
  return syllable.replace(/ü/g, 'u').replace(/v/g, 'u');
}

/** Pinyin of Chinese surnames (`wang`, `ouyang`, `shan` for 单, `zeng` for 曾): which Latin tokens can be a family name. */
export const surnamePinyin: ReadonlySet<string> = new Set(
  [...singleSurnames, ...compoundSurnames].map((s) =>
    pinyin(s, { toneType: 'none', surname: 'head', type: 'array' }).map(toneless).join(''),
  ),
);

/** Toneless pinyin of a Han name split at the family name: 单雄信 → { family: 'shan', given: 'xiongxin' }. */
export function hanPinyin(han: string, familyLength: number): { family: string; given: string } {
  const syllables = pinyin(han, { toneType: 'none', surname: 'head', type: 'array' }).map(toneless);
  return {
    family: syllables.slice(0, familyLength).join(''),
    given: syllables.slice(familyLength).join(''),
  };
}

/** Per-character toneless pinyin of Han text (organisation names), for comparing with romanized forms. */
export function hanSyllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array' })
    .map(toneless)
    .filter((s) => /^[a-z]+$/.test(s));
}

/** True for one toneless pinyin syllable (`jian`), not for a word of several (`jianhua`). */
export function isPinyinSyllable(text: string): boolean {
  return SYLLABLES.has(text);
}
