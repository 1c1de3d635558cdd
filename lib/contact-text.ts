/**
 * Contact details found by their shape in any text: e-mail addresses (also written `name (at) host
 * (dot) com` or `name#host.cn`), phone numbers (international, Chinese mobiles and landlines, North
 * American), postal addresses (Chinese street addresses, English street lines, P.O. boxes, a value
 * after 地址/Address), birth dates, and whatever follows a contact label (邮箱, 电话, 手机, Tel…).
 *
 * One module decides what a contact looks like, for every place that must not show or index one:
 * the masking of what analysts see (api/access/mask-contacts.ts) and the searchable text of both
 * index backends (indexer/embedded/search-text.ts). Masking by content, not by field name: a
 * résumé puts an e-mail in its headline or a phone in a job title as often as in the contact block.
 *
 * The shapes are chosen so dates, patent and publication numbers, ISBNs, DOIs, ORCIDs and amounts
 * do not take them (test/unit/lib/contact-text.test.ts; the rate on the real corpus is measured
 * by bench/privacy/contact-false-positives.ts).
 */

export const MASK = '[hidden]';

export type ContactKind = 'emails' | 'phones' | 'address' | 'birthDate';

interface Shape {
  kind: ContactKind;
  pattern: RegExp;
  /** The capture group to replace (the value after a label); the whole match when absent. */
  group?: number;
}

const HAN = '\\p{Script=Han}';
const OPEN = '[\\(\\[\\{<（【]';
const CLOSE = '[\\)\\]\\}>）】]';
const LOCAL = '[\\w.+-]+';
const LABEL_END = '\\s*[:：]\\s*';
/** Where the value after a label stops: a line, a clause or a list separator. */
const VALUE = '[^\\n;；，,。|]';

const SHAPES: Shape[] = [
  // E-mail addresses, full-width ＠ included.
  { kind: 'emails', pattern: /[\w.+-]+\s?[@＠]\s?[\w-]+(\.[\w-]+)+/gu },
  // Obfuscated: name (at) host (dot) com, name [at] host.com, name at host dot com.
  {
    kind: 'emails',
    pattern: new RegExp(
      `${LOCAL}\\s*${OPEN}\\s*(?:at|AT|At|@)\\s*${CLOSE}\\s*[\\w-]+(?:\\s*(?:${OPEN}\\s*(?:dot|DOT|Dot|\\.)\\s*${CLOSE}|\\.)\\s*[\\w-]+)+`,
      'gu',
    ),
  },
  {
    kind: 'emails',
    pattern: /\b[\w.+-]+\s+(?:at|AT)\s+[\w-]+(?:\s+(?:dot|DOT)\s+[\w-]+)+\b/gu,
  },
  // name#host.cn: Chinese academic pages hide the @ this way.
  { kind: 'emails', pattern: /[A-Za-z][\w.+-]*#[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gu },
  // A value after an e-mail label (邮箱：…, E-mail: …) that looks like an address at all.
  {
    kind: 'emails',
    pattern: new RegExp(
      `(?:电子邮箱|电子邮件|邮箱|邮件|E-?mail|e-?mail|EMAIL)${LABEL_END}(${VALUE}*?(?:[@＠#]|\\bat\\b|\\bdot\\b|\\.[A-Za-z]{2,})${VALUE}{0,40})`,
      'gu',
    ),
    group: 1,
  },
  // Phone numbers, in shapes dates, patent numbers and amounts do not take.
  // International: +86 431 8517 6000, +86-138-1234-5678, +8613812345678.
  { kind: 'phones', pattern: /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,4}){2,4}(?!\d)/gu },
  // An area code in parentheses: (555) 010-2030, (0431)85176000, （010）6275 1234. A Chinese one
  // starts with 0, a North American one with 2-9: a year or an issue number in a citation,
  // (1979)1653-1660, (25) 3301-3308, takes neither.
  { kind: 'phones', pattern: /[(（](?:0\d{2,3}|[2-9]\d{2})[)）]\s?\d{3,4}[\s.-]?\d{4}(?!\d)/gu },
  // 555-010-2030, 138-1234-5678, 138 1234 5678, 400-123-4567.
  // Not inside a longer token: a UUID (6e53fd99-b646-4327-9580-ac06…) or a version string.
  { kind: 'phones', pattern: /(?<![\w,.\-/])\d{3}[\s.-]\d{3,4}[\s.-]\d{4}(?![\w,]|[.-]\w)/gu },
  // Chinese mobiles: 13912345678. Not part of an identifier (FR1…, authorID=1…) and not a round
  // amount (15000000000 in a financial statement, or a JSON number: "val": 15312345678).
  { kind: 'phones', pattern: /(?<![\w.\-/=]|":\s?)1[3-9]\d{9}(?![\w.\-/])(?<!0{5})/gu },
  // Chinese landlines: 0431-85176000, 010-6275 1234. An area code never starts with 00, and a
  // fourth group makes an identifier (ISNI 0000 0001 2345 6789), as does a letter (a UUID).
  { kind: 'phones', pattern: /(?<![\w.\-/])0[1-9]\d{1,2}[\s-]\d{3,4}\s?\d{4}(?![\w.\-/]|\s\d)/gu },
  // A value after a phone label that holds digits enough to be a number (QQ too).
  {
    kind: 'phones',
    pattern: new RegExp(
      `(?:联系电话|办公电话|电话|手机号码|手机|移动电话|座机|传真|Tel(?:ephone)?|TEL|Phone|PHONE|Mobile|Cell|Fax|FAX|QQ)\\.?${LABEL_END}([+(（]?\\d[\\d\\s()（）+\\-.]{3,24}\\d)`,
      'gu',
    ),
    group: 1,
  },
  // Postal addresses. A value after an address label, then the shapes that need no label: a
  // Chinese street address down to its number (长春市东南湖大路3888号); the city alone is a
  // location and stays. English street lines and P.O. boxes.
  {
    kind: 'address',
    pattern: new RegExp(
      `(?:通讯地址|通信地址|联系地址|家庭住址|家庭地址|住址|地址|(?:Mailing |Postal |Home |Office )?Address|ADDRESS)${LABEL_END}(${VALUE}{2,100})`,
      'gu',
    ),
    group: 1,
  },
  { kind: 'address', pattern: /(?:邮编|邮政编码)\s*[:：]?\s*\d{6}(?!\d)/gu },
  {
    kind: 'address',
    pattern: new RegExp(
      `(?:(?![省市区县])[${HAN}\\d]){1,10}?(?:路|街|大道|大街|巷|弄|胡同)\\s*[\\d０-９一二三四五六七八九十百]+\\s*号(?:院|楼)?(?:\\s*[\\d\\-]+\\s*(?:号楼|栋|幢|单元|层|楼|室))*`,
      'gu',
    ),
  },
  {
    kind: 'address',
    pattern:
      /\b\d{1,5}(?:-\d{1,5})?\s+(?:[NSEW]\.?\s+)?(?:[A-Z][A-Za-z'.-]+\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Parkway|Pkwy|Court|Ct|Place|Pl|Square|Sq|Terrace|Highway|Hwy)\b\.?(?:,?\s+(?:Suite|Ste|Apt|Unit|Floor|Fl|Room|Rm)\.?\s*#?\w+)?/gu,
  },
  { kind: 'address', pattern: /\bP\.?\s?O\.?\s+Box\s+\d+/giu },
  // Birth dates. Chinese: 1965年8月出生, 生于1965年, 出生年月：1973年11月.
  {
    kind: 'birthDate',
    pattern:
      /(出生年月[:：]?\s*|出生于\s*|生于\s*)?\d{4}\s*年(\s*\d{1,2}\s*月)?(\s*\d{1,2}\s*日)?\s*(出生|生人|生)(?![产活物])/gu,
  },
  {
    kind: 'birthDate',
    pattern:
      /(出生年月[:：]?\s*|出生日期[:：]?\s*|出生于\s*|生于\s*)\d{4}\s*[年.\-/]?(\s*\d{1,2}\s*月?)?(\s*\d{1,2}\s*日?)?/gu,
  },
  // English: born on/in <date>, date of birth.
  { kind: 'birthDate', pattern: /\b(born|date of birth|DOB)\b[:\s]+(on\s+|in\s+)?[\w ,./-]{4,24}?\d{4}/giu },
];

/** Full-width forms (１３９, ＠, ：) are matched as their ASCII forms. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/u;

export interface ScrubResult {
  text: string;
  /** The kinds of contact detail found (empty when the text is unchanged). */
  kinds: Set<ContactKind>;
}

/** One contact detail found: its kind and the text it took. */
export interface ContactMatch {
  kind: ContactKind;
  text: string;
}

function scrubOnce(text: string, kinds: Set<ContactKind>, mask: string, found?: ContactMatch[]): string {
  let out = text;
  for (const { kind, pattern, group } of SHAPES) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const whole = args[0] as string;
      if (group === undefined) {
        kinds.add(kind);
        found?.push({ kind, text: whole });
        return mask;
      }
      const value = args[group] as string | undefined;
      if (value === undefined || value.trim() === '' || value.trim() === mask.trim()) return whole;
      kinds.add(kind);
      found?.push({ kind, text: value });
      const at = whole.lastIndexOf(value);
      return `${whole.slice(0, at)}${mask}${whole.slice(at + value.length)}`;
    });
  }
  return out;
}

/**
 * The text with each contact detail replaced by `mask` ({@link MASK} by default), and which kinds
 * it held.
 */
export function scrubContactText(text: string, mask = MASK): ScrubResult {
  const kinds = new Set<ContactKind>();
  const out = scrubOnce(text, kinds, mask);
  if (kinds.size > 0 || !FULL_WIDTH.test(text)) return { text: out, kinds };
  // Only when the full-width form hides something is the text shown in its folded form.
  const folded = scrubOnce(text.normalize('NFKC'), kinds, mask);
  return kinds.size > 0 ? { text: folded, kinds } : { text, kinds };
}

/** Each contact detail of the text, in the order the shapes take them (for measurements). */
export function contactMatches(text: string): ContactMatch[] {
  const found: ContactMatch[] = [];
  scrubOnce(text, new Set(), MASK, found);
  return found;
}

/** Free text with anything shaped like a contact detail replaced by {@link MASK}. */
export function scrubContacts(text: string): string {
  return scrubContactText(text).text;
}

/**
 * The text without its contact details, for a search index: nobody finds a person by typing part
 * of their e-mail or phone (the contact fields are kept for the roles that may see them, not
 * indexed as text). The gap is a space, so the words on either side stay apart.
 */
export function stripContacts(text: string): string {
  return scrubContactText(text, ' ').text;
}

/** Whether the text holds anything shaped like a contact detail. */
export function holdsContact(text: string): boolean {
  return scrubContactText(text).kinds.size > 0;
}
