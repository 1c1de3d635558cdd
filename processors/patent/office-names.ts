import { cleanText } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';

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
