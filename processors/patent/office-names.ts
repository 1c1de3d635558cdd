import { cleanText } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';
import { chineseProvinces } from '../normalize/place-data.js';

/**
 * Small text helpers shared by the patent offices' readers: telling an organisation from a person
 * in a bare name field, lifting academic titles out of names, splitting "50374 Erftstadt" into
 * postcode and city.
 */

/**
 * Words that make a party an organisation. Offices put companies, universities and individuals in
 * the same name element; only a person can be an inventor's colleague, only an organisation an
 * employer. Abbreviated DOCDB forms (`UNIV`, `CO`, `KK`) are included.
 */
const ORG_WORDS =
  /\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|lp|plc|gmbh|mbh|ag|kg|kgaa|sa|s\.a|sas|sarl|spa|s\.p\.a|srl|bv|b\.v|nv|n\.v|ab|as|a\/s|oy|oyj|kk|k\.k|kabushiki|kaisha|univ|university|universit[a-zé]*|universidad[a-z]*|institut[a-z]*|inst|college|school|hospital|foundation|fondation|stiftung|centre|center|council|trust|laborator[a-z]*|labs?|gesellschaft|ges|societe|soc|society|association|assoc|industr[a-z]*|technolog[a-z]*|tech|systems|group|holdings?|pharma[a-z]*|research|ministry|government|state|republic|agency|office|academy|akademie|cnrs|commissariat|bank|partners|partnership|enterprises?)\b\.?/i;
const ORG_HAN =
  /(公司|集团|大学|学院|研究院|研究所|研究中心|医院|株式会社|有限会社|合同会社|財団|法人|中心|工厂|厂|局|部|委员会|实验室|事務所|事务所)/u;

export function looksLikeOrganization(name: string): boolean {
  return ORG_WORDS.test(name) || ORG_HAN.test(name);
}

/**
 * A Japanese department or division written as one token: 研究開発部, 知的財産部, 特許課, 企画室,
 * 中央研究所, 技術センター. 部 and 室 end common surnames too (阿部, 服部, 長谷部, 氷室), so a short
 * token ending in them counts only with a department word before the suffix; 課 (section) ends no
 * name.
 */
const JA_DEPARTMENT =
  /^(?:[^\s]{3,}部|(?:本|学|事業|技術|開発|研究|営業|総務|製造|設計|企画|管理|生産|法務|経理|人事|特許|知財)部|[^\s]+課|[^\s]{2,}室|[^\s]*(?:研究所|研究室|研究院|センター|本部|事業部|事業所|工場|製作所|支社|支店|営業所|株式会社|有限会社|合同会社)[^\s]*)$/u;
/** Japanese organisation words that ORG_HAN (shared with Chinese) lacks. */
const JA_ORG =
  /(センター|機構|協会|組合|財団|社団|病院|医院|銀行|高等専門学校|工業|産業|電機|製薬|商事|庁|省)/u;

export function isJapaneseDepartment(token: string): boolean {
  return JA_DEPARTMENT.test(token);
}

/**
 * An organisation in a JPO name field. Unlike {@link looksLikeOrganization}, a bare 部 is not
 * enough (阿部 太郎 is a person): a token must read as a department, or the text carry a company
 * or institution word.
 */
export function isJapaneseOrganization(text: string): boolean {
  const tokens = cleanText(text).split(' ');
  return (
    ORG_WORDS.test(text) ||
    JA_ORG.test(text) ||
    ORG_HAN.test(text.replace(/部/gu, '')) ||
    tokens.some((t) => isJapaneseDepartment(t))
  );
}

/**
 * The person in a JPO name field, without the company, department or division written beside
 * the name ("研究開発部 山田 太郎" → "山田 太郎"); undefined when no person is left (the field names
 * only a department).
 */
export function japanesePersonText(written: string): string | undefined {
  const tokens = cleanText(written)
    .split(' ')
    .filter(
      (t) =>
        t !== '' &&
        !isJapaneseDepartment(t) &&
        !(t.length > 2 && looksLikeOrganization(t.replace(/部/gu, ''))),
    );
  return tokens.length === 0 ? undefined : tokens.join(' ');
}

/** Korea as addresses and residence fields write it: 韩国, 韓国, 大韓民国, 大韩民国, KR, Korea. */
const KOREA = /(?:韩国|韓国|大韓民国|大韩民国|^KR$|\bKorea\b|\bKOREA\b)/u;

export function isKoreanPlace(...texts: Array<string | undefined>): boolean {
  return texts.some((t) => t !== undefined && KOREA.test(t.trim()));
}

/** Academic titles written into name fields (`KNAPP DIPL.-PHYS. DR. HEINRICH`, `Prof. Dr.-Ing.`). */
const TITLE_TOKEN = /^(?:dipl|dr|prof|ing|habil|phil|rer|nat|med|techn|mag|univ)(?:[.-]+(?:[a-z]+)?)*\.?$/i;

/** Splits academic titles out of a name: `KNAPP DIPL-PHYS DR HEINRICH` → name `KNAPP HEINRICH`, titles `DIPL-PHYS`, `DR`. */
export function liftTitles(name: string): { name: string; titles: string[] } {
  const titles: string[] = [];
  const kept: string[] = [];
  for (const token of cleanText(name).split(' ')) {
    const bare = token.replace(/,$/, '');
    if (TITLE_TOKEN.test(bare) && bare.length > 1) {
      titles.push(bare);
      if (token.endsWith(',')) kept.push(',');
    } else kept.push(token);
  }
  const joined = kept.join(' ').replace(/\s+,/g, ',').replace(/,\s*,/g, ',').trim();
  return { name: joined.replace(/^,\s*|,\s*$/g, ''), titles };
}

/**
 * A European city line as offices print it: "50374 Erftstadt", "D-80336 München", "Tokyo 100-8405",
 * "Beaconsfield, Québec H9W 4J1", "Ichihara-shi,\nChiba 290-8566".
 */
export function splitCityLine(line: string): Pick<RawPlace, 'city' | 'region' | 'postalCode'> {
  let text = cleanText(line);
  let postalCode: string | undefined;
  const leading = /^((?:[A-Z]{1,2}-)?\d[\d -]{2,8}\d)\s+(.+)$/.exec(text);
  const trailing =
    /^(.+?)[\s,]+((?:\d{3}-\d{4})|(?:\d{4,6})|(?:[A-Z]\d[A-Z] ?\d[A-Z]\d)|(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}))$/.exec(
      text,
    );
  if (leading !== null) {
    postalCode = leading[1];
    text = leading[2] as string;
  } else if (trailing !== null) {
    postalCode = trailing[2];
    text = trailing[1] as string;
  }
  const out: Pick<RawPlace, 'city' | 'region' | 'postalCode'> = {};
  const comma = text.indexOf(',');
  if (comma > 0) {
    out.city = text.slice(0, comma).trim();
    const region = text.slice(comma + 1).trim();
    if (region !== '') out.region = region;
  } else if (text !== '') out.city = text;
  if (postalCode !== undefined) out.postalCode = postalCode.trim();
  return out;
}

const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'];
const PROVINCE_NAMES = new Set(chineseProvinces.map(([, zh]) => zh));

/**
 * A Chinese postal address as CNIPA writes it ("650231 云南省昆明市五华区红锦路367号…") → postcode,
 * province (`云南省`; a municipality such as 北京市 is its own province) and city (`昆明市`); the
 * rest is the street. A foreign address ("韩国京畿道…") yields its country and the text as the street.
 */
/** Countries a CNIPA address may open with, in Chinese (and Japanese) script. */
const FOREIGN_COUNTRIES: ReadonlyArray<[RegExp, string]> = [
  [/^(?:大韩民国|大韓民国|韩国|韓国)/u, 'KR'],
  [/^日本/u, 'JP'],
  [/^美国/u, 'US'],
  [/^德国/u, 'DE'],
  [/^法国/u, 'FR'],
  [/^英国/u, 'GB'],
  [/^瑞士/u, 'CH'],
  [/^瑞典/u, 'SE'],
  [/^荷兰/u, 'NL'],
  [/^意大利/u, 'IT'],
  [/^加拿大/u, 'CA'],
  [/^新加坡/u, 'SG'],
  [/^澳大利亚/u, 'AU'],
];

export function chineseAddress(text: string): RawPlace {
  let rest = cleanText(text).replace(/^中国/, '');
  const place: RawPlace = {};
  const foreign = FOREIGN_COUNTRIES.find(([pattern]) => pattern.test(rest));
  if (foreign !== undefined) return { country: foreign[1], street: rest };
  const post = /^(\d{6})\s*/.exec(rest);
  if (post !== null) {
    place.postalCode = post[1] as string;
    rest = rest.slice(post[0].length);
  }
  const municipality = MUNICIPALITIES.find((m) => rest.startsWith(m));
  if (municipality !== undefined) {
    place.region = `${municipality}市`;
    place.city = `${municipality}市`;
    rest = rest.slice(municipality.length).replace(/^市/, '');
  } else {
    const province =
      /^(内蒙古|广西|西藏|宁夏|新疆)(?:[^省市]*?自治区)?/.exec(rest) ??
      /^([\u4e00-\u9fff]{2,3}?)省/.exec(rest);
    if (province !== null && PROVINCE_NAMES.has(province[1] as string)) {
      place.region = province[0];
      rest = rest.slice(province[0].length);
    }
    const city = /^([\u4e00-\u9fff]{2,6}?(?:市|自治州|地区|盟))/.exec(rest);
    if (city !== null && place.region !== undefined) {
      place.city = city[1] as string;
      rest = rest.slice(city[0].length);
    }
  }
  if (place.region !== undefined) place.country = 'CN';
  if (rest.trim() !== '' && (place.region !== undefined || post !== null)) place.street = rest.trim();
  return place;
}

/** A company name with the department written after it cut off: 株式会社日立製作所中央研究所 → 株式会社日立製作所. */
function withoutDepartment(text: string): string {
  const m =
    /^(.+(?:株式会社|有限会社|合同会社|製作所|大学))(.{1,12}?(?:部|課|室|研究所|研究室|センター|工場|本部))$/u.exec(
      text,
    );
  return m === null ? text : (m[1] as string);
}

const JP_PREFECTURE = /^(東京都|北海道|京都府|大阪府|[\u4e00-\u9fff]{2,3}県)/u;

/**
 * A Japanese address as the JPO gazette writes an inventor's ("東京都台東区台東１丁目５番１号  凸版印刷株式会社内")
 * → prefecture (region), city or ward, and the company the person is "care of" (`…内`, "inside").
 */
export function japaneseAddress(text: string): { place?: RawPlace; careOf?: string } {
  const parts = text
    .split(/[\s\u3000]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: { place?: RawPlace; careOf?: string } = {};
  const address = parts[0] ?? '';
  if (isKoreanPlace(address)) {
    out.place = { country: 'KR', street: parts.join(' ') };
    return out;
  }
  const prefecture = JP_PREFECTURE.exec(address);
  if (prefecture !== null) {
    const place: RawPlace = { region: prefecture[1] as string, country: 'JP' };
    const city = /^(.+?[市区町村])/u.exec(address.slice(prefecture[0].length));
    if (city !== null) place.city = city[1] as string;
    place.street = address;
    out.place = place;
  }
  // "凸版印刷株式会社内", or "日本水産株式会社  情報システム部内": the company is the part naming one.
  const rest = parts.slice(1);
  if (rest.length > 0 && /内$/u.test(rest[rest.length - 1] as string)) {
    const company = rest.map((p) => p.replace(/内$/u, '')).find((p) => isJapaneseOrganization(p));
    // "日本水産株式会社情報システム部内": the employer is the company, not its department.
    if (company !== undefined) out.careOf = withoutDepartment(company);
  }
  return out;
}
