import { evidenceAt } from '../common/evidence.js';
import type { RawPlace } from '../model/mention.js';
import { countryCode } from '../normalize/place.js';
import type { PageLine } from './html-lines.js';
import type { SegmentContext } from './line-facts.js';
import { addAffiliation, addUnique, type PersonDraft } from './person-draft.js';
import { emailsIn, orgKind, orgSegments } from './text-facts.js';

/**
 * The postal address block many faculty homepages put under the name instead of a title line:
 *
 *   Computer Vision Lab, ETH Zürich · Sternwartstrasse 7 · 8092 Zürich, Switzerland · Email: …(AT)…(DOT)…
 *   清华大学计算机科学与技术系 / 地址：北京市海淀区清华大学FIT楼 100084 / 邮箱：…
 *
 * Its parts come as separate lines (`<br>`) or on one line with `·`, `|` or `•` between them. The
 * block counts as an address only when it also holds a postal line (postcode + city, city +
 * country), an address label or a contact line, so a plain list of lab names is not taken for one.
 */

const MAX_BLOCK_LINES = 8;
const PART_SPLIT = /\s*[·•|｜]\s*|\s{3,}/;
const CONTACT =
  /^(?:e-?mail|mail|phone|tel(?:ephone)?|fax|office|room|邮箱|电子邮件|电子邮箱|电话|传真|办公室)\b\s*[:：]?/i;
const ADDRESS_LABEL =
  /^(?:address|postal\s+address|mailing\s+address|地址|通讯地址|通信地址|办公地址)\s*[:：]\s*/i;
const STREET =
  /\d+\s*\p{L}|\p{L}\s*\d+\b|\b(?:street|st\.|road|rd\.|avenue|ave\.?|boulevard|blvd|drive|lane|way|square|platz|stra(?:ss|ß)e|weg|gasse|allee|rue|via|calle|building|bldg|room|floor|p\.?\s?o\.?\s+box)\b|路|街|道|号|楼|室/iu;
/** `8092 Zürich, Switzerland`, `CH-8092 Zürich`, `Cambridge, MA 02139, USA`, `Beijing 100084, China`. */
const POSTCODE_CITY =
  /^(?:[A-Z]{1,2}-)?(\d{4,6})\s+(\p{Lu}[\p{L}' .-]{1,40}?)(?:,\s*(\p{L}[\p{L} .'-]{1,40}))?$/u;
const CITY_POSTCODE =
  /^(\p{Lu}[\p{L}' .-]{1,40}?),?\s+(?:[A-Z]{2}\s+)?(\d{4,6}(?:-\d{4})?)(?:,\s*(\p{L}[\p{L} .'-]{1,40}))?$/u;
const CITY_COUNTRY = /^(\p{Lu}[\p{L}' .-]{1,40}?),\s*(\p{L}[\p{L} .'-]{1,40})$/u;
/** 北京市海淀区…, 上海市…, 广东省深圳市…: the city of a Chinese address. */
const ZH_CITY = /^(?:中国)?(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?([\u4e00-\u9fff]{2,4}?市)/u;
/** 清华大学计算机科学与技术系 → 清华大学 + 计算机科学与技术系. */
const ZH_ORG_UNIT =
  /^([\u4e00-\u9fff]{2,14}?(?:大学|科学院|研究院|医院))([\u4e00-\u9fff]{2,24}(?:学院|学系|系|研究所|实验室|研究中心|中心|课题组))$/u;

interface Block {
  orgParts: string[];
  location: RawPlace;
  confirmed: boolean;
  snippet: string[];
  path: string;
}

function readPostal(part: string, location: RawPlace): boolean {
  const cleaned = part.replace(/[.;]$/, '').trim();
  const pc = POSTCODE_CITY.exec(cleaned) ?? CITY_POSTCODE.exec(cleaned);
  if (pc !== null) {
    const [postal, city] =
      /^\d/.test(pc[1] ?? '') || /^[A-Z]{1,2}-\d/.test(cleaned) ? [pc[1], pc[2]] : [pc[2], pc[1]];
    if (postal !== undefined) location.postalCode = postal;
    if (city !== undefined) location.city = city.trim();
    const country = pc[3]?.trim();
    if (country !== undefined && countryCode(country) !== undefined) location.country = country;
    return true;
  }
  const cc = CITY_COUNTRY.exec(cleaned);
  if (
    cc?.[2] !== undefined &&
    countryCode(cc[2]) !== undefined &&
    cc[1] !== undefined &&
    orgKind(cc[1]) === undefined
  ) {
    location.city = cc[1].trim();
    location.country = cc[2].trim();
    return true;
  }
  if (countryCode(cleaned) !== undefined && !/[\u4e00-\u9fff]/.test(cleaned)) {
    location.country = cleaned;
    return true;
  }
  return false;
}

function readChineseAddress(text: string, location: RawPlace): void {
  const city = ZH_CITY.exec(text)?.[1];
  if (city !== undefined) location.city = city;
  const postal = /\b(\d{6})\b/.exec(text)?.[1];
  if (postal !== undefined) location.postalCode = postal;
  const street = text.replace(/\s*\b\d{6}\b\s*/, ' ').trim();
  if (street !== '') location.street = street;
}

function readBlock(lines: readonly PageLine[], draft: PersonDraft): Block | undefined {
  const block: Block = { orgParts: [], location: {}, confirmed: false, snippet: [], path: '' };
  for (const line of lines) {
    if (line.text.length > 160) break;
    for (const raw of line.text.split(PART_SPLIT)) {
      const part = raw.trim();
      if (part === '') continue;
      const emails = emailsIn(part, line.links);
      if (CONTACT.test(part) || emails.length > 0) {
        addUnique(draft.emails, ...emails);
        block.confirmed = true;
        continue;
      }
      const label = ADDRESS_LABEL.exec(part);
      if (label !== null) {
        block.confirmed = true;
        const rest = part.slice(label[0].length);
        if (/[\u4e00-\u9fff]/.test(rest)) readChineseAddress(rest, block.location);
        else
          for (const p of rest.split(/\s*,\s*(?=\d)|;\s*/))
            if (!readPostal(p, block.location)) block.location.street ??= p;
        block.snippet.push(part);
        continue;
      }
      if (readPostal(part, block.location)) {
        block.confirmed = true;
        block.snippet.push(part);
        continue;
      }
      if (block.path === '') block.path = line.path;
      if (STREET.test(part) && orgKind(part) === undefined) {
        block.location.street ??= part;
        block.snippet.push(part);
        continue;
      }
      // Organisation parts come before the street and postal lines.
      if (block.location.street === undefined && block.location.city === undefined) {
        block.orgParts.push(part);
        block.snippet.push(part);
      }
    }
  }
  return block.confirmed && block.orgParts.length > 0 ? block : undefined;
}

/** A bare institution name (`ETH Zürich`, `EPFL`, `KAIST`): short, capitalised, no digits, not a place. */
function institutionLike(segment: string): boolean {
  return (
    segment.length >= 3 &&
    segment.length <= 60 &&
    !/\d|@|[:：]/.test(segment) &&
    /^[\p{Lu}\u4e00-\u9fff]/u.test(segment) &&
    countryCode(segment) === undefined &&
    segment.split(/\s+/).length <= 6
  );
}

function organisationOf(parts: readonly string[]): { organization: string; department?: string } | undefined {
  const segments = parts.flatMap((p) => {
    const zh = ZH_ORG_UNIT.exec(p);
    return zh?.[1] !== undefined && zh[2] !== undefined ? [zh[1], zh[2]] : orgSegments(p);
  });
  const top = segments.find((s) => orgKind(s) === 'top');
  const units = segments.filter((s) => orgKind(s) === 'unit');
  // The institution is the named top organisation, else the last bare name after the units.
  const organization =
    top ??
    [...segments].reverse().find((s) => orgKind(s) === undefined && institutionLike(s)) ??
    units[units.length - 1];
  if (organization === undefined) return undefined;
  const department = units.filter((u) => u !== organization).join(', ');
  return department === '' ? { organization } : { organization, department };
}

/**
 * Adds the address block's organisation (institution, lab or department, city, country) to a
 * subject that has no affiliation from a title line or a bio sentence.
 */
export function applyAddressBlock(
  draft: PersonDraft,
  lines: readonly PageLine[],
  ctx: Omit<SegmentContext, 'path'>,
): void {
  if (draft.affiliations.length > 0) return;
  const names = [draft.name.full, ...draft.otherNames].filter((n) => n !== '');
  const at = lines.findIndex((l) => names.some((n) => l.text.includes(n)));
  if (at < 0) return;
  const window: PageLine[] = [];
  for (const line of lines.slice(at + 1, at + 1 + MAX_BLOCK_LINES)) {
    if (line.headingLevel > 0) break;
    window.push(line);
  }
  const block = readBlock(window, draft);
  if (block === undefined) return;
  const org = organisationOf(block.orgParts);
  if (org === undefined) return;
  addAffiliation(draft, {
    ...org,
    current: true,
    ...(Object.keys(block.location).length > 0 ? { location: block.location } : {}),
    evidence: evidenceAt(
      ctx.sourceId,
      block.path === '' ? (window[0]?.path ?? '') : block.path,
      block.snippet.join(' · '),
    ),
  });
}
