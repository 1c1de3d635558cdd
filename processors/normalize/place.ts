import { pinyin } from 'pinyin-pro';
import type { RawPlace } from '../model/mention.js';
import { foldLatin, hasHan, titleCaseWord } from './fold.js';
import { chineseCities, chineseProvinces, countryAliases, usStates } from './place-data.js';

export interface NormalizedPlace {
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** ISO 3166-2 subdivision code (`US-CA`, `CN-JL`) when known. */
  regionCode?: string;
  /** Region name in English and, for China, in Han characters. */
  region?: string;
  regionZh?: string;
  /** City in English (pinyin for Chinese cities) and, for China, in Han characters. */
  city?: string;
  cityZh?: string;
  /** One readable line: `Changchun 长春, Jilin 吉林, CN`. */
  label: string;
}

const countryIndex = new Map<string, string>();
const NOT_ISO = new Set(['UK', 'EU', 'EZ', 'UN', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'ZZ', 'CQ']);
// Withdrawn codes ICU still names after today's country ("France" → FX, "Serbia" → YU): the name
// must map to the current code, or a filing's "FRANCE" and a patent's "FR" disagree on a country.
// Old documents (1980s patents) still carry some of these codes: each reads as its successor.
const WITHDRAWN = new Map([
  ['AN', 'CW'],
  ['BU', 'MM'],
  ['CS', ''],
  ['DD', 'DE'],
  ['DY', 'BJ'],
  ['FX', 'FR'],
  ['HV', 'BF'],
  ['NH', 'VU'],
  ['RH', 'ZW'],
  ['SU', 'RU'],
  ['TP', 'TL'],
  ['VD', 'VN'],
  ['YD', 'YE'],
  ['YU', 'RS'],
  ['ZR', 'CD'],
]);
const displayEn = new Intl.DisplayNames(['en'], { type: 'region' });
const displayZh = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    // ICU also names reserved and grouping codes (UK, EU, UN, EZ, QO, X*): not countries of ISO 3166-1.
    if (NOT_ISO.has(code) || WITHDRAWN.has(code) || code.startsWith('X') || code.startsWith('Q')) continue;
    const en = displayEn.of(code);
    if (en === undefined || en === code) continue;
    countryIndex.set(foldLatin(code), code);
    countryIndex.set(foldLatin(en), code);
    const zh = displayZh.of(code);
    if (zh !== undefined && zh !== code) countryIndex.set(zh, code);
  }
}
for (const [old, successor] of WITHDRAWN) if (successor !== '') countryIndex.set(foldLatin(old), successor);
for (const [code, ...aliases] of countryAliases)
  for (const alias of aliases) countryIndex.set(hasHan(alias) ? alias : foldLatin(alias), code);

const provinceByZh = new Map(chineseProvinces.map(([code, zh, en]) => [zh, { code, zh, en }]));
const provinceByEn = new Map(chineseProvinces.map(([code, zh, en]) => [foldLatin(en), { code, zh, en }]));
const cityByZh = new Map(chineseCities.map(([zh, en, province]) => [zh, { zh, en, province }]));
const cityByEn = new Map(chineseCities.map(([zh, en, province]) => [foldLatin(en), { zh, en, province }]));
const stateByCode = new Map(usStates.map(([code, name]) => [code, name]));
const stateByName = new Map(usStates.map(([code, name]) => [foldLatin(name), code]));

/** `中国国籍` / `美国籍` / `Chinese` / `CHN` / `China` → ISO alpha-2, or undefined. */
export function countryCode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (hasHan(t)) {
    const bare = t.replace(/(国籍|籍)$/u, '').replace(/^(具有|拥有)/u, '');
    return (
      countryIndex.get(bare) ??
      countryIndex.get(`${bare}国`) ??
      (cityByZh.has(bare) || provinceByZh.has(bare) ? 'CN' : undefined)
    );
  }
  return countryIndex.get(foldLatin(t));
}

function stripHanAdmin(text: string): string {
  return text.length > 2
    ? text.replace(
        /(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区|地区|朝鲜族自治州|自治州|县|区)$/u,
        '',
      )
    : text;
}

function romanize(zh: string): string {
  return pinyin(zh, { toneType: 'none', type: 'array' })
    .join('')
    .replace(/ü/g, 'u')
    .replace(/^./, (c) => c.toUpperCase());
}

/**
 * Normalizes a place: country to ISO alpha-2, US states to their codes, Chinese provinces and
 * prefecture cities to both scripts (`长春` ↔ `Changchun`), so a recruiter filtering on "Changchun"
 * finds a résumé that says 长春市.
 */
export function normalizePlace(raw: RawPlace | undefined): NormalizedPlace | undefined {
  if (raw === undefined) return undefined;
  const place: Omit<NormalizedPlace, 'label'> = {};
  const country = countryCode(raw.country);
  if (country !== undefined) place.country = country;

  const region = raw.region?.trim();
  if (region) {
    const upper = region.toUpperCase();
    const bare = stripHanAdmin(region);
    const province =
      provinceByZh.get(bare) ?? provinceByEn.get(foldLatin(region.replace(/\s+province$/i, '')));
    if ((place.country === undefined || place.country === 'US') && stateByCode.has(upper)) {
      Object.assign(place, { country: 'US', regionCode: `US-${upper}`, region: stateByCode.get(upper) });
    } else if (
      (place.country === undefined || place.country === 'US') &&
      stateByName.has(foldLatin(region))
    ) {
      const code = stateByName.get(foldLatin(region)) as string;
      Object.assign(place, { country: 'US', regionCode: `US-${code}`, region: stateByCode.get(code) });
    } else if (province && (place.country === undefined || place.country === 'CN')) {
      Object.assign(place, {
        country: 'CN',
        regionCode: `CN-${province.code}`,
        region: province.en,
        regionZh: province.zh,
      });
    } else {
      place.region = region;
    }
  }

  const cityText = raw.city?.trim();
  if (cityText) {
    if (hasHan(cityText)) {
      const bare = stripHanAdmin(cityText);
      const known = cityByZh.get(bare);
      place.cityZh = bare;
      place.city = known?.en ?? romanize(bare);
      if (known) attachProvince(place, known.province);
      else place.country ??= 'CN';
    } else {
      const known =
        place.country === undefined || place.country === 'CN' ? cityByEn.get(foldLatin(cityText)) : undefined;
      place.city = /^[\p{Lu}\s.'-]+$/u.test(cityText)
        ? cityText.split(/\s+/).map(titleCaseWord).join(' ')
        : cityText;
      if (known) {
        place.cityZh = known.zh;
        attachProvince(place, known.province);
      }
    }
  }
  if (place.country === undefined && place.city === undefined && place.region === undefined) return undefined;
  return { ...place, label: placeLabel(place) };
}

function attachProvince(place: Omit<NormalizedPlace, 'label'>, provinceCode: string): void {
  const province = chineseProvinces.find(([code]) => code === provinceCode);
  place.country ??= 'CN';
  if (province && place.regionCode === undefined) {
    place.regionCode = `CN-${province[0]}`;
    place.region = province[2];
    place.regionZh = province[1];
  }
}

function placeLabel(place: Omit<NormalizedPlace, 'label'>): string {
  const city = [place.city, place.cityZh].filter(Boolean).join(' ');
  const region = [place.region, place.regionZh].filter(Boolean).join(' ');
  return [city, region, place.country].filter((p) => p !== undefined && p !== '').join(', ');
}
