import { foldLatin, hasHan, isAllCaps, titleCaseWord } from './fold.js';

/**
 * Legal-form words folded away from organisation keys, so `Tesla Motors, Inc.`, `TESLA MOTORS INC`
 * and `Tesla Motors Incorporated` share one key. Order matters only for readability.
 */
const LEGAL_SUFFIXES = [
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'company',
  'co',
  'limited',
  'ltd',
  'llc',
  'l l c',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'se',
  'sa',
  'sas',
  'sarl',
  'spa',
  's p a',
  'srl',
  'nv',
  'n v',
  'bv',
  'b v',
  'ab',
  'as',
  'asa',
  'oy',
  'kk',
  'k k',
  'pte',
  'pty',
  'sdn bhd',
  'bhd',
  'the',
  'holdings',
  'holding',
  'group',
];
const LEGAL_SUFFIX_RE = new RegExp(
  `(?:\\s(?:${LEGAL_SUFFIXES.map((s) => s.replace(/ /g, '\\s')).join('|')}))+$`,
);
const LEGAL_PREFIX_RE = /^the\s/;
/** Chinese legal forms, longest first: 股份有限公司 must win over 有限公司. */
const HAN_LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '股份公司',
  '集团',
  '公司',
];

/**
 * The organisation registry's canonical key of a written key (吉林大学, `jilin university` and
 * `jlu` → one key), installed by processors/normalize/org-registry.ts when a registry is loaded.
 */
let canonicalOf: ((key: string) => string | undefined) | undefined;

export function setOrganizationCanonicalizer(fn: ((key: string) => string | undefined) | undefined): void {
  canonicalOf = fn;
}

/**
 * A canonical key for an organisation name: folded, legal forms removed (`tesla motors`,
 * `长春光机`); with an organisation registry loaded, every name, alias, acronym and label of one
 * registered organisation gives its canonical name's key.
 */
export function organizationKey(name: string): string {
  const key = writtenOrganizationKey(name);
  return canonicalOf?.(key) ?? key;
}

/** {@link organizationKey} without the registry: the key of the name as written. */
export function writtenOrganizationKey(name: string): string {
  const trimmed = name.replace(/[\s\u3000]+/g, ' ').trim();
  if (hasHan(trimmed)) {
    let key = trimmed.replace(/[\s（）()【】[\]“”"'，,。.]/g, '');
    for (const suffix of HAN_LEGAL_SUFFIXES) {
      if (key.endsWith(suffix) && key.length > suffix.length + 1) {
        key = key.slice(0, -suffix.length);
        break;
      }
    }
    return key;
  }
  // "/MA" style state tags in EDGAR conformed names ("VERTEX PHARMACEUTICALS INC / MA").
  const folded = foldLatin(trimmed.replace(/\s\/\s?[A-Z]{2}\/?$/, '').replace(/&/g, ' and '));
  const key = folded.replace(LEGAL_SUFFIX_RE, '').replace(LEGAL_PREFIX_RE, '').trim();
  return key.length > 0 ? key : folded;
}

/** A readable display form: EDGAR's all-capitals conformed names become title case, acronyms kept. */
export function organizationDisplay(name: string): string {
  const trimmed = name
    .replace(/\s+/g, ' ')
    .replace(/\s\/\s?[A-Z]{2}\/?$/, '')
    .trim();
  if (!isAllCaps(trimmed) || hasHan(trimmed)) return trimmed;
  return trimmed
    .split(' ')
    .map((w) => (w.length <= 3 && !/^(INC|CO|THE|AND|OF)\.?,?$/.test(w) ? w : titleCaseWord(w)))
    .join(' ');
}
