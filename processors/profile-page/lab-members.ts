import type { PageLine } from './html-lines.js';
import { isPersonName, splitBilingual, stripHonorifics } from './person-name.js';

/**
 * Finds the people listed in a page's member sections ("Members", "Students/alumni", "Teams",
 * "团队成员"): one entry per plausible person name at the start of a line, with the lines that
 * describe them. Precision matters more than recall: a line counts as a member only when it
 * starts with something that passes the person-name test.
 */

export interface MemberEntry {
  name: string;
  otherNames: string[];
  /** The list the person appears under ("Graduate Students", "Alumni"), when the page says. */
  group?: string;
  /** True under a PI / Faculty / Director heading: the lab's head. */
  isPi: boolean;
  nameLine: PageLine;
  /** Describing text: the rest of the name line, then the following lines of the same card. */
  details: Array<{ text: string; line: PageLine }>;
}

const MEMBER_HEADING =
  /\b(?:members?|people|teams?|group|students?|alumni|alumnae|faculty|postdocs?|postdoctoral|researchers|staff|visitors|visiting\s+\w+|interns?|graduates|principal\s+investigators?|PIs?)\b|成员|学生|团队|研究生|博士生|硕士生|本科生|毕业生|校友|组员|博士后/i;
const NOT_MEMBER_HEADING =
  /\b(?:collaborators?|sponsors?|publications?|news|awards?|projects?|courses?|teaching|talks?|grants?)\b/i;
const PI_HEADING =
  /\b(?:PIs?|principal\s+investigators?|faculty|director|lab\s+head|group\s+leader|head)\b|负责人|导师|组长|学术带头人/i;

function isMemberHeading(text: string): boolean {
  return text.length <= 60 && MEMBER_HEADING.test(text) && !NOT_MEMBER_HEADING.test(text);
}

function leadingName(line: PageLine): { name: string; otherNames: string[]; rest: string } | undefined {
  const text = stripHonorifics(line.text);
  const offset = line.text.length - text.length;
  const candidates: string[] = [];
  if (line.lead !== undefined) candidates.push(stripHonorifics(line.lead));
  const head = text.split(/\s*(?:[,，;；(（|:：]|\s[-–—]\s|\.\s)/)[0];
  if (head !== undefined) candidates.push(head.trim());
  for (const candidate of candidates) {
    const { latin, han } = splitBilingual(candidate);
    const name = latin !== undefined && isPersonName(latin) ? latin : han;
    if (name === undefined || !isPersonName(name)) continue;
    // A Han name must be the whole candidate (plus a Latin form), not a word cut out of a sentence.
    if (name === han && candidate.replace(/[\s()（）]/g, '').length > (latin?.length ?? 0) + han.length + 1)
      continue;
    const otherNames =
      name === latin && han !== undefined
        ? [han]
        : name === han && latin !== undefined && isPersonName(latin)
          ? [latin]
          : [];
    const at = line.text.indexOf(candidate, 0);
    const rest =
      at >= 0 ? line.text.slice(at + candidate.length) : line.text.slice(offset + candidate.length);
    return { name, otherNames, rest: rest.replace(/^[\s,，.;:：)）-]+/, '') };
  }
  return undefined;
}

/** Lines that are a list of names only: "博士生：张三、李四、王五", "Students: Ann Lee, Bo Chen". */
function nameList(line: PageLine): string[] | undefined {
  const body = line.text.replace(/^[^:：]{1,20}[:：]\s*/, '');
  const parts = body.split(/\s*[、,，;；]\s*/).filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const names = parts.map((p) => stripHonorifics(p));
  return names.every((n) => isPersonName(n)) ? names : undefined;
}

export function findMembers(lines: readonly PageLine[]): {
  members: MemberEntry[];
  memberLines: Set<number>;
} {
  const members: MemberEntry[] = [];
  const memberLines = new Set<number>();
  let sectionLevel: number | undefined;
  let group: string | undefined;
  let current: MemberEntry | undefined;

  for (const line of lines) {
    if (line.headingLevel > 0) {
      current = undefined;
      if (isMemberHeading(line.text)) {
        if (sectionLevel === undefined || line.headingLevel <= sectionLevel) sectionLevel = line.headingLevel;
        group = line.text;
      } else if (sectionLevel !== undefined && line.headingLevel <= sectionLevel) {
        sectionLevel = undefined;
        group = undefined;
      } else if (sectionLevel !== undefined) group = line.text;
      continue;
    }
    if (sectionLevel === undefined) continue;
    memberLines.add(line.index);

    // A bold line on its own that names a list ("Ph.D. Students", "Alumni") starts a group.
    if (line.lead === line.text && isMemberHeading(line.text) && !isPersonName(line.text)) {
      group = line.text;
      current = undefined;
      continue;
    }
    const list = nameList(line);
    if (list !== undefined) {
      const label = line.text.match(/^([^:：]{1,20})[:：]/)?.[1];
      for (const name of list) {
        const entry: MemberEntry = {
          name,
          otherNames: [],
          isPi: PI_HEADING.test(label ?? group ?? ''),
          nameLine: line,
          details: [],
        };
        const g = label ?? group;
        if (g !== undefined) entry.group = g;
        members.push(entry);
      }
      current = undefined;
      continue;
    }
    const lead = leadingName(line);
    if (lead !== undefined) {
      current = {
        name: lead.name,
        otherNames: lead.otherNames,
        isPi: PI_HEADING.test(group ?? ''),
        nameLine: line,
        details: lead.rest === '' ? [] : [{ text: lead.rest, line }],
      };
      if (group !== undefined) current.group = group;
      members.push(current);
    } else if (current !== undefined && line.card !== undefined && line.card === current.nameLine.card) {
      current.details.push({ text: line.text, line });
    } else current = undefined;
  }
  return { members, memberLines };
}
