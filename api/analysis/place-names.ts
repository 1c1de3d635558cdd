import { chineseCities, chineseProvinces, usStates } from '../../processors/normalize/place-data.js';

/**
 * Names of the places a talent map shows, in both scripts where the gazetteer has them. Country
 * names are left to the browser (Intl.DisplayNames knows every ISO code in either language).
 */

export interface PlaceName {
  en: string;
  zh?: string;
}

const provinceByCode = new Map(chineseProvinces.map(([code, zh, en]) => [`CN-${code}`, { en, zh }]));
const stateByCode = new Map(usStates.map(([code, name]) => [`US-${code}`, { en: name }]));
const cityByName = new Map<string, { en: string; zh: string; region: string }>();
for (const [zh, en, province] of chineseCities) {
  const city = { en, zh, region: `CN-${province}` };
  cityByName.set(en, city);
  cityByName.set(zh, city);
}

/** The name of an ISO 3166-2 code (`CN-JL` → Jilin 吉林), else the code itself. */
export function regionName(code: string): PlaceName {
  return provinceByCode.get(code) ?? stateByCode.get(code) ?? { en: code };
}

/** A city as the index names it (English, else Han) with its other script when known. */
export function cityName(value: string): PlaceName {
  const known = cityByName.get(value);
  return known ? { en: known.en, zh: known.zh } : { en: value };
}

/**
 * The region the gazetteer puts a city in, when it knows the city. A profile located in two
 * regions lists both regions' cities; this tells which of them belong to the region on the map.
 */
export function regionOfCity(value: string): string | undefined {
  return cityByName.get(value)?.region;
}

/** Every province-level code of China, for the tile grid (so empty provinces still show). */
export const CHINA_PROVINCE_CODES: readonly string[] = chineseProvinces.map(([code]) => `CN-${code}`);
