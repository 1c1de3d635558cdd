import { evidenceAt } from '../common/evidence.js';
import type { RawAffiliation } from '../model/mention.js';
import { addAffiliation, addEducation, addUnique, type PersonDraft } from './person-draft.js';
import {
  emailsIn,
  interestsInText,
  orgFromSegments,
  orgKind,
  orgSegments,
  parseDegreeLine,
  titlesInLine,
  type DegreeLine,
} from './text-facts.js';
import type { PageLink } from './html-lines.js';

/**
 * Applies the facts of one short text segment (a line of a member card, a part of a line) to a
 * draft. Shared by the page subject and the lab members, which are described the same way.
 */

export interface SegmentContext {
  sourceId: string;
  path: string;
  /** The organisation the page is about (the lab's university), for titles that name no organisation. */
  pageOrg?: string;
  /** "Ph.D. Students", "Alumni": the list the person appears in. */
  group?: string;
}

const DATE_RANGE =
  /((?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}(?:\.\d{1,2})?)\s*(?:[-–~至]|to)\s*((?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}(?:\.\d{1,2})?|Now|Present|至今|今)?/i;
const OUTCOME =
  /^(?:First|Initial|Current|Next)\s+(?:employment|appoi\w*ment|position|job|placement)\s*[:：]\s*(.+)$/i;
const STUDENT_GROUP =
  /\b(?:Ph\.?\s?D\.?|Doctoral|Master'?s?|M\.?S\.?|Graduate|Undergraduate|Bachelor'?s?)\b.*\bstudents?\b|博士生|硕士生|研究生|本科生/i;

function degreeFromGroup(group: string | undefined): string | undefined {
  if (group === undefined || !STUDENT_GROUP.test(group)) return undefined;
  return group.replace(/\s*(?:students?|生)\s*$/i, '').trim() || undefined;
}

function educationOf(d: DegreeLine, ctx: SegmentContext, snippet: string, draft: PersonDraft): boolean {
  if (d.institution === undefined) return false;
  const education = {
    institution: d.institution,
    degree: d.degree,
    evidence: evidenceAt(ctx.sourceId, ctx.path, snippet),
  };
  addEducation(draft, {
    ...education,
    ...(d.area !== undefined ? { area: d.area } : {}),
    ...(d.startDate !== undefined ? { startDate: d.startDate } : {}),
    ...(d.endDate !== undefined ? { endDate: d.endDate } : {}),
  });
  return true;
}

/** "Assistant Professor of Instruction at UT Dallas", "PhD at UCSD", "IBM San Jose", "Lecturer@ANU". */
function applyPosition(
  draft: PersonDraft,
  text: string,
  ctx: SegmentContext,
  current: boolean | undefined,
): void {
  const [left, right] = text.split(/\s+at\s+|\s*@\s*/, 2).map((s) => s.trim());
  if (left === undefined || left === '') return;
  if (right !== undefined && right !== '') {
    const degree = parseDegreeLine(left);
    if (degree !== undefined && degree.degree.length >= left.length - 2) {
      educationOf({ ...degree, institution: right }, ctx, text, draft);
      return;
    }
    const affiliation: RawAffiliation = {
      organization: right,
      title: left,
      evidence: evidenceAt(ctx.sourceId, ctx.path, text),
    };
    if (current !== undefined) affiliation.current = current;
    addAffiliation(draft, affiliation);
    return;
  }
  const affiliation: RawAffiliation = {
    organization: left,
    evidence: evidenceAt(ctx.sourceId, ctx.path, text),
  };
  if (current !== undefined) affiliation.current = current;
  addAffiliation(draft, affiliation);
}

/** A job-title line and the organisation named on it or in the lines that follow it. */
export function applyTitleLine(
  draft: PersonDraft,
  title: string,
  segments: string[],
  ctx: SegmentContext,
  snippet: string,
): void {
  addUnique(draft.professionalTitles, title);
  const org = orgFromSegments(segments);
  const organization = org?.organization ?? ctx.pageOrg;
  if (organization === undefined) return;
  const affiliation: RawAffiliation = {
    organization,
    title,
    current: true,
    evidence: evidenceAt(ctx.sourceId, ctx.path, snippet),
  };
  // Without a named organisation, only unit-like parts ("CSE and HDSI") can be the department.
  const unitLike = segments.filter((s) => s.length <= 40 && !/[\d:：@]/.test(s));
  const department =
    org?.department ?? (org === undefined && unitLike.length > 0 ? unitLike.join(', ') : undefined);
  if (department !== undefined) affiliation.department = department;
  addAffiliation(draft, affiliation);
}

/**
 * One segment of a member's description: a degree line, a job title, an outcome ("First
 * employment: Databricks"), research interests, an e-mail, or organisation + dates.
 */
export function applySegment(
  draft: PersonDraft,
  text: string,
  ctx: SegmentContext,
  links: readonly PageLink[] = [],
): void {
  const segment = text.trim().replace(/^[,.;:\s]+|[,;\s]+$/g, '');
  if (segment === '') return;
  addUnique(draft.emails, ...emailsIn(segment, links));
  if (/^(?:e-?mail|email|邮箱|电子邮件|office|phone|tel)\b/i.test(segment)) return;

  const interests = interestsInText(segment);
  if (interests.length > 0) {
    addUnique(draft.skills, ...interests);
    return;
  }
  const outcome = segment.match(OUTCOME);
  if (outcome?.[1] !== undefined) {
    applyPosition(draft, outcome[1].replace(/\.$/, ''), ctx, undefined);
    return;
  }
  // "(Now Ph.D.@Johns Hopkins University)", "(Now Lecturer@ANU)", "(Now, Tencent Youtu Lab)"
  for (const now of segment.matchAll(/\(\s*Now,?\s+([^)]+)\)/gi))
    if (now[1] !== undefined) applyPosition(draft, now[1], ctx, true);
  const plain = segment
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  const degree = parseDegreeLine(plain);
  if (degree !== undefined) {
    // A programme with no school named ("Second-year PhD in Statistics") still says what they are.
    if (!educationOf(degree, ctx, segment, draft))
      addUnique(draft.professionalTitles, plain.split(/[,，]/)[0]);
    return;
  }
  const [title] = titlesInLine(plain);
  if (title !== undefined) {
    const after = plain.slice(plain.indexOf(title) + title.length);
    applyTitleLine(draft, title, orgSegments(after), ctx, segment);
    return;
  }
  // "Nankai University, Sep. 2024 -" in a list of Ph.D. students: where and since when they study.
  const parts = orgSegments(plain.replace(DATE_RANGE, ' '));
  const groupDegree = degreeFromGroup(ctx.group);
  // In a student list the first part is where they study, even when it is an acronym ("ETH Zurich").
  const firstPart = parts[0];
  const properNoun =
    firstPart !== undefined && firstPart.length <= 50 && /^\p{Lu}/u.test(firstPart) && !/\d/.test(firstPart);
  const org =
    parts.find((p) => orgKind(p) !== undefined) ??
    (groupDegree !== undefined && properNoun ? firstPart : undefined);
  const range = plain.match(DATE_RANGE);
  if (org !== undefined && groupDegree !== undefined) {
    const d: DegreeLine = { degree: groupDegree, institution: org.split(/\s*&\s*/)[0] ?? org, ongoing: true };
    if (range?.[1] !== undefined) d.startDate = range[1];
    if (range?.[2] !== undefined && !/now|present|今/i.test(range[2])) d.endDate = range[2];
    educationOf(d, ctx, segment, draft);
  }
}
