/**
 * Name and place pools of the synthetic people. Chinese names come as Han + toneless pinyin pairs
 * so the same person can be written 王建华 in a Chinese résumé and "Jianhua Wang" on a US patent.
 */

/** `王:Wang 李:Li …` → [['王', 'Wang'], ['李', 'Li'], …] (kept compact: these lists are long). */
function hanPinyin(list: string): ReadonlyArray<readonly [string, string]> {
  return list
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]);
}

/** Common Chinese surnames: [Han, pinyin]. */
export const zhSurnames: ReadonlyArray<readonly [string, string]> = hanPinyin(
  '王:Wang 李:Li 张:Zhang 刘:Liu 陈:Chen 杨:Yang 赵:Zhao 黄:Huang 周:Zhou 吴:Wu 徐:Xu 孙:Sun 胡:Hu 朱:Zhu ' +
    '高:Gao 林:Lin 何:He 郭:Guo 马:Ma 罗:Luo 梁:Liang 宋:Song 郑:Zheng 谢:Xie 韩:Han 唐:Tang 冯:Feng 于:Yu ' +
    '董:Dong 任:Ren 程:Cheng 曹:Cao 袁:Yuan 邓:Deng 许:Xu 汪:Wang 沈:Shen 曾:Zeng 彭:Peng 吕:Lyu 苏:Su 卢:Lu ' +
    '蒋:Jiang 蔡:Cai 贾:Jia 丁:Ding 魏:Wei 薛:Xue 叶:Ye 石:Shi 姜:Jiang 范:Fan 金:Jin 白:Bai ',
);

/** Characters of given names: [Han, pinyin]. */
export const zhGivenChars: ReadonlyArray<readonly [string, string]> = hanPinyin(
  '伟:wei 芳:fang 娜:na 敏:min 静:jing 强:qiang 磊:lei 洋:yang 艳:yan 勇:yong 军:jun 杰:jie 涛:tao 明:ming ' +
    '超:chao 秀:xiu 霞:xia 平:ping 刚:gang 桂:gui 建:jian 华:hua 国:guo 志:zhi 海:hai 文:wen 宇:yu 晓:xiao ' +
    '鹏:peng 辉:hui 斌:bin 宏:hong 俊:jun 峰:feng 亮:liang 健:jian 春:chun 东:dong 新:xin 立:li 卫:wei ' +
    '振:zhen 德:de 玉:yu 红:hong 丽:li 成:cheng 林:lin 光:guang 永:yong 思:si 博:bo 雪:xue 佳:jia 凯:kai ' +
    '彬:bin 琳:lin 嘉:jia 子:zi 一:yi ',
);

/** Given-name characters read as female in biographies (used to pick 男/女 plausibly). */
export const zhFemaleChars: ReadonlySet<string> = new Set('芳娜敏静艳秀霞桂玉红丽雪琳');

export const westernGiven: readonly string[] = (
  'James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|' +
  'Richard|Susan|Thomas|Jessica|Daniel|Sarah|Matthew|Karen|Anthony|Nancy|Mark|Lisa|Steven|' +
  'Margaret|Andrew|Emily|Kevin|Laura|Lukas|Anna|Jonas|Sophie|Pierre|Claire|Marco|Giulia|Jan|' +
  'Eva|Henrik|Ingrid|Pablo|Lucia|Tomas|Marta|Olivier|Camille|Stefan|Julia'
).split('|');

export const westernFamily: readonly string[] = (
  'Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|' +
  'Martin|Jackson|Thompson|White|Harris|Clark|Lewis|Walker|Hall|Allen|Young|King|Wright|' +
  'Scott|Green|Baker|Adams|Nelson|Müller|Schmidt|Schneider|Fischer|Weber|Dubois|Laurent|' +
  'Rossi|Bianchi|Jansen|de Vries|Larsen|Nilsson|García|Fernández|Novak|Kowalski|Bergström|' +
  'Costa|Meyer'
).split('|');

export type Region = 'changchun' | 'jilin' | 'cn-other' | 'us' | 'eu';

export interface City {
  region: Region;
  en: string;
  zh?: string;
  /** Province (CN) or state (US) code as a patent address writes it. */
  state?: string;
  /** Chinese province for biographies (吉林省). */
  provinceZh?: string;
  country: string;
  /** City prefix of company names. */
  brand: string;
  brandZh?: string;
  /** A university of the city: [English, Chinese]. */
  university: readonly [string, string?];
}

export const cities: readonly City[] = [
  {
    region: 'changchun',
    en: 'Changchun',
    zh: '长春',
    provinceZh: '吉林省',
    country: 'CN',
    brand: 'Changchun',
    brandZh: '长春',
    university: ['Jilin University', '吉林大学'],
  },
  {
    region: 'jilin',
    en: 'Jilin',
    zh: '吉林',
    provinceZh: '吉林省',
    country: 'CN',
    brand: 'Jilin',
    brandZh: '吉林',
    university: ['Northeast Electric Power University', '东北电力大学'],
  },
  {
    region: 'jilin',
    en: 'Siping',
    zh: '四平',
    provinceZh: '吉林省',
    country: 'CN',
    brand: 'Siping',
    brandZh: '四平',
    university: ['Jilin Normal University', '吉林师范大学'],
  },
  {
    region: 'jilin',
    en: 'Yanji',
    zh: '延吉',
    provinceZh: '吉林省',
    country: 'CN',
    brand: 'Yanbian',
    brandZh: '延边',
    university: ['Yanbian University', '延边大学'],
  },
  {
    region: 'cn-other',
    en: 'Beijing',
    zh: '北京',
    provinceZh: '北京市',
    country: 'CN',
    brand: 'Beijing',
    brandZh: '北京',
    university: ['Tsinghua University', '清华大学'],
  },
  {
    region: 'cn-other',
    en: 'Shanghai',
    zh: '上海',
    provinceZh: '上海市',
    country: 'CN',
    brand: 'Shanghai',
    brandZh: '上海',
    university: ['Shanghai Jiao Tong University', '上海交通大学'],
  },
  {
    region: 'cn-other',
    en: 'Shenzhen',
    zh: '深圳',
    provinceZh: '广东省',
    country: 'CN',
    brand: 'Shenzhen',
    brandZh: '深圳',
    university: ['Southern University of Science and Technology', '南方科技大学'],
  },
  {
    region: 'cn-other',
    en: 'Hangzhou',
    zh: '杭州',
    provinceZh: '浙江省',
    country: 'CN',
    brand: 'Hangzhou',
    brandZh: '杭州',
    university: ['Zhejiang University', '浙江大学'],
  },
  {
    region: 'cn-other',
    en: 'Shenyang',
    zh: '沈阳',
    provinceZh: '辽宁省',
    country: 'CN',
    brand: 'Shenyang',
    brandZh: '沈阳',
    university: ['Northeastern University', '东北大学'],
  },
  {
    region: 'cn-other',
    en: 'Harbin',
    zh: '哈尔滨',
    provinceZh: '黑龙江省',
    country: 'CN',
    brand: 'Harbin',
    brandZh: '哈尔滨',
    university: ['Harbin Institute of Technology', '哈尔滨工业大学'],
  },
  {
    region: 'cn-other',
    en: 'Wuhan',
    zh: '武汉',
    provinceZh: '湖北省',
    country: 'CN',
    brand: 'Wuhan',
    brandZh: '武汉',
    university: ['Huazhong University of Science and Technology', '华中科技大学'],
  },
  {
    region: 'us',
    en: 'San Jose',
    state: 'CA',
    country: 'US',
    brand: 'Silicon Valley',
    university: ['San Jose State University'],
  },
  {
    region: 'us',
    en: 'Austin',
    state: 'TX',
    country: 'US',
    brand: 'Lone Star',
    university: ['University of Texas at Austin'],
  },
  {
    region: 'us',
    en: 'Boston',
    state: 'MA',
    country: 'US',
    brand: 'Bay State',
    university: ['Massachusetts Institute of Technology'],
  },
  {
    region: 'us',
    en: 'Detroit',
    state: 'MI',
    country: 'US',
    brand: 'Great Lakes',
    university: ['Wayne State University'],
  },
  {
    region: 'us',
    en: 'Seattle',
    state: 'WA',
    country: 'US',
    brand: 'Cascade',
    university: ['University of Washington'],
  },
  {
    region: 'eu',
    en: 'Munich',
    country: 'DE',
    brand: 'Bavaria',
    university: ['Technical University of Munich'],
  },
  {
    region: 'eu',
    en: 'Eindhoven',
    country: 'NL',
    brand: 'Brabant',
    university: ['Eindhoven University of Technology'],
  },
  { region: 'eu', en: 'Toulouse', country: 'FR', brand: 'Occitan', university: ['University of Toulouse'] },
  { region: 'eu', en: 'Turin', country: 'IT', brand: 'Piedmont', university: ['Politecnico di Torino'] },
];

/** Region mix: many in Changchun and Jilin, then other Chinese cities, the US and Europe. */
export const regionWeights: ReadonlyArray<readonly [Region, number]> = [
  ['changchun', 30],
  ['jilin', 10],
  ['cn-other', 30],
  ['us', 20],
  ['eu', 10],
];
