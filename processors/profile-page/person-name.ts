/**
 * Is this string a person's name? Lab and faculty pages are full of short capitalised phrases
 * ("Google Scholar", "Media Computing Lab", "Graduate Students") that look like names to a naive
 * rule, and a false member is worse than a missed one, so the test is deliberately strict.
 */

/** Words that never occur in a person's name but often in capitalised page phrases. */
const NON_NAME_WORDS = new Set(
  `about academy address advisor ai alumni analytics and applied assistant associate at award awards best bio biography blog
  building campus center centre code college computer computing conference contact copyright course courses cse curriculum cv
  data dblp department dept email engineering experience experiences faculty for full gate github google grants group hall home
  homepage honors in index institute intelligence interests introduction journal lab laboratory lecturer learning linkedin list
  machine master members news of office on open orcid overview page paper people phd postdoc postdoctoral presentations
  professor profile project projects publications recent representative research researcher resume scholar school science
  selected semantic services software sponsors staff student students systems talks teaching team teams the twitter undergraduate
  university vision vitae welcome with website cvpr iccv eccv neurips ieee acm our your my products product solutions company shop store
  login sign blog events careers jobs menu search privacy policy terms cookies`.split(/\s+/),
);

const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'di',
  'del',
  'della',
  'la',
  'le',
  'du',
  'dos',
  'bin',
  'al',
  'el',
  'ibn',
]);

/** Capitalised word, hyphenated given names (Deng-Ping, Ming-Ming), apostrophes (O'Neil), or an initial. */
const NAME_TOKEN =
  /^(?:\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*|\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{Ll}]+\p{Lu}[\p{Ll}]+)$/u;

/** Common Chinese surnames (single and compound); a Han string must start with one to count as a name. */
const SURNAMES_1 =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由';
const SURNAMES_2 = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
];
const HAN_NAME = /^[\u4e00-\u9fff]{2,4}$/;
/** Characters that make a Han string an organisation, a title or a label rather than a name. */
const HAN_NON_NAME =
  /大学|学院|研究|实验|教授|老师|学生|同学|主页|团队|课题|中心|公司|博士|硕士|导师|简介|招生|成员|首页|联系|论文|项目|科研|教学|新闻|讲师|院士|主任|所长|系|组/;

const HONORIFIC = /^(?:(?:Dr|Prof|Professor|Mr|Ms|Mrs|Mx|Sir)\.?\s+)+/i;
const DEGREE_SUFFIX = /,?\s+(?:Ph\.?\s?D\.?|M\.?D\.?|M\.?Sc?\.?|B\.?Sc?\.?|MBA|FRS|FIEEE)\.?$/;

/** Removes honorifics and trailing degrees ("Dr. Arun Kumar", "Jane Roe, PhD") without touching the name itself. */
export function stripHonorifics(text: string): string {
  return text.replace(HONORIFIC, '').replace(DEGREE_SUFFIX, '').trim();
}

export function isHanName(text: string): boolean {
  if (!HAN_NAME.test(text) || HAN_NON_NAME.test(text)) return false;
  return SURNAMES_1.includes(text.charAt(0)) || SURNAMES_2.includes(text.slice(0, 2));
}

export function isLatinName(text: string): boolean {
  if (text.length < 4 || text.length > 48) return false;
  const tokens = text.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  for (const token of tokens) {
    if (NON_NAME_WORDS.has(token.toLowerCase().replace(/[.'’]+$/, ''))) return false;
    if (PARTICLES.has(token)) continue;
    if (!NAME_TOKEN.test(token)) return false;
  }
  // At least two real words ("J. R. R." alone is not a name); the last word is not an initial.
  const last = tokens[tokens.length - 1] ?? '';
  return tokens.filter((t) => !/^\p{Lu}\.$/u.test(t)).length >= 2 && !/^\p{Lu}\.$/u.test(last);
}

export function isPersonName(text: string): boolean {
  const t = text.trim();
  return isHanName(t) || isLatinName(t);
}

/**
 * Splits a bilingual heading ("Deng-Ping Fan 范登平", "李明 Ming Li") into its Latin and Han
 * names; either may be missing.
 */
export function splitBilingual(text: string): { latin?: string; han?: string } {
  const han = text.match(/[\u4e00-\u9fff]{2,4}/g)?.find((h) => isHanName(h));
  const latin = text
    .replace(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g, ' ')
    .replace(/[()（）|/,·]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const out: { latin?: string; han?: string } = {};
  if (latin !== '') out.latin = latin;
  if (han !== undefined) out.han = han;
  return out;
}
