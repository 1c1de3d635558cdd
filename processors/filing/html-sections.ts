import type { TextLine } from './html-text.js';

/**
 * Which part of the filing each line belongs to, from its headings. The section decides the
 * default role of the people listed there (an "Executive Officers" table lists officers).
 */
export type SectionKind =
  | 'executive-officers'
  | 'nominees'
  | 'directors'
  | 'directors-and-officers'
  | 'ownership'
  | 'item-5.02'
  | 'item-5.07'
  | 'item'
  | 'signatures'
  | 'other';

interface SectionRule {
  kind: SectionKind;
  re: RegExp;
}

const RULES: SectionRule[] = [
  { kind: 'item-5.02', re: /^item\s*5\.02\b/i },
  { kind: 'item-5.07', re: /^item\s*5\.07\b/i },
  { kind: 'directors-and-officers', re: /^item\s*6\.?\s*[-–—:.]?\s*directors,?\s+senior\s+management/i },
  {
    kind: 'directors-and-officers',
    re: /^item\s*10\.?\s*[-–—:.]?\s*directors,?\s+(?:and\s+)?executive\s+officers/i,
  },
  { kind: 'item', re: /^item\s*\d{1,2}[A-C]?(?:\.\d{2})?\b/i },
  { kind: 'signatures', re: /^signatures?\.?$|^by order of the board/i },
  {
    kind: 'ownership',
    re: /beneficial\s+(?:stock\s+)?ownership|security\s+ownership\s+of|stock\s+ownership\s+of\s+(?:certain|directors|management)|principal\s+(?:share|stock)holders/i,
  },
  {
    kind: 'directors-and-officers',
    re: /^(?:[A-Z]\.\s+)?directors\s+and\s+(?:senior\s+management|executive\s+officers|officers)\b/i,
  },
  {
    kind: 'executive-officers',
    re: /^(?:information\s+(?:about|regarding|concerning|with\s+respect\s+to)\s+(?:our\s+|the\s+)?)?(?:our\s+|the\s+)?(?:current\s+)?executive\s+officers(?:\s+of\s+(?:the\s+)?(?:registrant|company|corporation))?\s*(?:\(continued\))?:?$|^executive\s+officers\s+who\s+are\s+not\s+directors|^non-director\s+executive\s+officers/i,
  },
  {
    kind: 'nominees',
    re: /(?:^|\b)(?:proposal\s*(?:no\.?\s*)?\w+\s*[-–—:.]*\s*)?election\s+of\s+directors\b|^(?:director\s+)?nominees(?:\s+for\s+(?:election\s+(?:as\s+)?)?directors?)?\b|^director\s+nominees\b|^nominees\s+for\s+(?:the\s+)?board|^information\s+(?:about|regarding)\s+(?:the\s+)?(?:director\s+)?nominees/i,
  },
  {
    kind: 'directors',
    re: /^(?:our\s+)?board\s+of\s+directors$|^(?:information\s+(?:about|regarding)\s+)?(?:our\s+)?(?:continuing\s+)?directors(?:\s+continuing\s+in\s+office)?$|^(?:non-employee\s+)?director\s+compensation\b|^directors\s+whose\s+terms/i,
  },
];

/** A heading that does not name one of our sections but starts another part of the document. */
function isBreakingHeading(line: TextLine): boolean {
  const t = line.text;
  // Table header cells ("Name, Address and Age") are bold but do not start a new part.
  if (!line.heading || line.cell !== undefined || t.length > 100 || t.endsWith(':')) return false;
  if (/\b(?:directors?|nominees?|officers?|board|management|continued)\b/i.test(t)) return false;
  if (t.split(/\s+/).length < 2) return false;
  if (/^[\d\s.,$%()*-]+$/.test(t)) return false;
  // A bold person name in a bio list is not a section break.
  return !/^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,4}$/u.test(t) || t === t.toUpperCase();
}

export function sectionOfLines(lines: TextLine[]): SectionKind[] {
  const out: SectionKind[] = [];
  let current: SectionKind = 'other';
  for (const line of lines) {
    const t = line.text.replace(/^\d+\.?\s+(?=[A-Z])/, '');
    if (t.length <= 160) {
      const rule = RULES.find((r) => r.re.test(t));
      // Headings inside body sentences are not headings: only short or emphasised lines count.
      const inItem = current === 'item-5.02' || current === 'item-5.07';
      // Inside an 8-K item only the next item or the signatures end it ("Election of Directors" is the item's own title).
      // Inside tables only item headings count: "Executive Officers:" there labels a group of rows.
      const structural =
        rule !== undefined &&
        (rule.kind.startsWith('item') ||
          rule.kind === 'signatures' ||
          rule.kind === 'directors-and-officers');
      const allowed = rule !== undefined && (structural || (!inItem && line.cell === undefined));
      if (rule !== undefined && allowed && (line.heading || t.length <= 90 || /^item\s*\d/i.test(t))) {
        // The 8-K cover lists "Item 5.02" only inside items; a table-of-contents row is harmless.
        current = rule.kind;
      } else if (rule === undefined && isBreakingHeading(line) && !inItem && current !== 'signatures') {
        current = 'other';
      }
    }
    out.push(current);
  }
  return out;
}

export function roleOfSection(kind: SectionKind): 'officer' | 'director' | 'director-nominee' | undefined {
  switch (kind) {
    case 'executive-officers':
      return 'officer';
    case 'nominees':
      return 'director-nominee';
    case 'directors':
      return 'director';
    default:
      return undefined;
  }
}
