import type { CheerioAPI } from 'cheerio';
import type { RecordEnvelope } from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { charsetOf, decodeText } from '../common/decode-text.js';
import { cleanText, evidenceAt } from '../common/evidence.js';
import { hasMarkup, loadHtml } from '../common/html-dom.js';
import { ParseBudget, withinBudget } from '../common/parse-budget.js';
import type { RawName } from '../model/mention.js';
import type { ParseLimits, ParseOutcome, Parser } from '../parser.js';
import { pageLines, type PageLine } from './html-lines.js';
import { findMembers, type MemberEntry } from './lab-members.js';
import { applySegment, type SegmentContext } from './line-facts.js';
import { pageOrganization, subjectFromHead, subjectFromText, type SubjectName } from './page-subject.js';
import { addUnique, newDraft, toMention, type PersonDraft } from './person-draft.js';
import { jsonLdPersons, microdataPersons, draftOfPerson } from './structured-person.js';
import { applyAddressBlock } from './address-block.js';
import { applySubjectLines } from './subject-facts.js';

/**
 * Personal, faculty and lab pages (the generic HTML fallback). A page yields its subject
 * (`profile-subject`) and, on lab pages, one `group-member` mention per listed member.
 * schema.org Person data wins when present; otherwise the page layout is read line by line.
 */

/** SEC filings are HTML too, but belong to the filing parsers. */
const SEC_MARKERS =
  /SECURITIES AND EXCHANGE COMMISSION|dei:DocumentType|<SEC-DOCUMENT>|<SEC-HEADER>|xmlns:dei=|EDGAR Filing Documents/i;

function detectHtml(head: string): boolean {
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 4096);
  const isHtml = /^(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(start) || /<html[\s>]/i.test(start);
  return isHtml && !SEC_MARKERS.test(head);
}

/** A `<meta charset>` the transport did not state: old Chinese faculty pages are often GB2312. */
function withDeclaredCharset(envelope: RecordEnvelope): string {
  if (charsetOf(envelope.contentType) !== undefined) return envelope.contentType;
  const head = envelope.body.subarray(0, 4096).toString('latin1');
  const declared = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1]?.toLowerCase();
  return declared === undefined || declared === 'utf-8' || declared === 'utf8'
    ? envelope.contentType
    : `${envelope.contentType}; charset=${declared}`;
}

const hanOnly = (s: string): boolean => /^[\u4e00-\u9fff]+$/.test(s);

function nameOf(full: string): RawName {
  return hanOnly(full) ? { full, order: 'surname-first' } : { full };
}

/** Splits a member's description into facts: sentences, and "First employment: …" tails. */
function segmentsOf(text: string): string[] {
  return text.split(
    /(?<=\d{4}\.)\s+|(?<=\s[a-z]{3,}\.)\s+(?=[A-Z])|\s+(?=(?:First|Initial|Current)\s+(?:employment|appoi\w*ment|position)\b)/,
  );
}

function memberDraft(
  member: MemberEntry,
  role: PersonDraft['role'],
  sourceId: string,
  pageOrg: string | undefined,
): PersonDraft {
  const draft = newDraft(
    role,
    nameOf(member.name),
    evidenceAt(sourceId, member.nameLine.path, member.nameLine.text),
  );
  addUnique(draft.otherNames, ...member.otherNames);
  if (member.group !== undefined)
    draft.summary.push(`${member.group}: ${[member.name, ...member.details.map((d) => d.text)].join('; ')}`);
  for (const link of member.nameLine.links)
    if (/^https?:\/\//i.test(link.href) && link.text.includes(member.name)) addUnique(draft.urls, link.href);
  for (const { text, line } of member.details) {
    const ctx: SegmentContext = { sourceId, path: line.path };
    if (member.group !== undefined) ctx.group = member.group;
    // Only the lab head's untethered title ("Associate Professor, CSE") belongs to the page's university.
    if (role === 'profile-subject' && pageOrg !== undefined) ctx.pageOrg = pageOrg;
    for (const segment of segmentsOf(text)) applySegment(draft, segment, ctx, line.links);
  }
  return draft;
}

function subjectDraft(subject: SubjectName, sourceId: string): PersonDraft {
  const draft = newDraft(
    'profile-subject',
    nameOf(subject.name),
    evidenceAt(sourceId, subject.path, subject.snippet),
  );
  addUnique(draft.otherNames, ...subject.otherNames);
  return draft;
}

const sameName = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, ' ') === b.toLowerCase().replace(/\s+/g, ' ');

/** Switches for measuring a reader's effect (bench/profile-affiliations.ts); all on by default. */
export interface ProfileReadOptions {
  addressBlock?: boolean;
}

function extract(
  $: CheerioAPI,
  sourceId: string,
  budget: ParseBudget,
  options: ProfileReadOptions = {},
): PersonDraft[] {
  const lines = pageLines($, budget);
  const { members, memberLines } = findMembers(lines);
  const subjectLines: PageLine[] = lines.filter((l) => !memberLines.has(l.index));
  const pageOrg = pageOrganization($, subjectLines);

  const structured = [...jsonLdPersons($), ...microdataPersons($)];
  const drafts: PersonDraft[] = [];
  for (const { person, path } of structured) {
    const draft = draftOfPerson(
      person,
      sourceId,
      path,
      drafts.length === 0 ? 'profile-subject' : 'group-member',
    );
    if (draft !== undefined && !drafts.some((d) => sameName(d.name.full, draft.name.full)))
      drafts.push(draft);
  }

  let remaining = members;
  if (drafts.length === 0) {
    const fromHead = subjectFromHead($);
    const own = fromHead === undefined ? undefined : members.find((m) => sameName(m.name, fromHead.name));
    const pi = fromHead === undefined ? members.find((m) => m.isPi) : own;
    let subject: PersonDraft | undefined;
    if (pi !== undefined) {
      subject = memberDraft(pi, 'profile-subject', sourceId, pageOrg);
      if (fromHead !== undefined) addUnique(subject.otherNames, ...fromHead.otherNames);
      remaining = members.filter((m) => !sameName(m.name, pi.name));
    } else {
      const named = fromHead ?? subjectFromText(subjectLines);
      if (named !== undefined) subject = subjectDraft(named, sourceId);
    }
    if (subject !== undefined) {
      const ctx: Omit<SegmentContext, 'path'> = { sourceId };
      if (pageOrg !== undefined) ctx.pageOrg = pageOrg;
      applySubjectLines(subject, subjectLines, ctx);
      if (options.addressBlock !== false) applyAddressBlock(subject, subjectLines, ctx);
      drafts.push(subject);
    }
  }

  // One mention per person: a member listed twice (BS then PhD alumnus) is merged.
  const byName = new Map<string, PersonDraft>();
  const leads = drafts.slice();
  for (const member of remaining) {
    if (leads.some((d) => sameName(d.name.full, member.name))) continue;
    const key = member.name.toLowerCase();
    const draft = memberDraft(member, 'group-member', sourceId, pageOrg);
    const earlier = byName.get(key);
    if (earlier === undefined) {
      byName.set(key, draft);
      drafts.push(draft);
      continue;
    }
    addUnique(earlier.urls, ...draft.urls);
    addUnique(earlier.emails, ...draft.emails);
    addUnique(earlier.skills, ...draft.skills);
    addUnique(earlier.professionalTitles, ...draft.professionalTitles);
    earlier.summary.push(...draft.summary);
    earlier.affiliations.push(...draft.affiliations);
    earlier.education.push(...draft.education);
    earlier.evidence.push(...draft.evidence);
  }
  // A lab page states the group's research areas once, under its head; the students and staff it
  // lists work in that field, and most lines about them (name, school, years) state none of their own.
  const lead = drafts.find((d) => d.role === 'profile-subject');
  if (lead !== undefined && lead.skills.length > 0)
    for (const d of drafts) if (d.role === 'group-member') addUnique(d.skills, ...lead.skills);
  return drafts;
}

export const profileHtmlParser: Parser = {
  format: 'profile-html',
  sourceKind: 'profile-page',
  detect: (head: string): boolean => detectHtml(head),
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget = new ParseBudget(limits)): ParseOutcome {
    return withinBudget(() => parseProfile(envelope, limits, budget));
  },
};

/** Parses one profile page; `options` turn single readers off (measurements only). */
export function parseProfile(
  envelope: RecordEnvelope,
  limits: ParseLimits,
  budget: ParseBudget = new ParseBudget(limits),
  options: ProfileReadOptions = {},
): ParseOutcome {
  const decoded = decodeText(envelope.body, withDeclaredCharset(envelope), limits);
  if (!decoded.ok) return { status: 'rejected', error: decoded.error };
  if (!hasMarkup(decoded.text))
    return {
      status: 'rejected',
      error: new ProcessingError('unsupported-document', 'document has no HTML markup'),
    };
  if (SEC_MARKERS.test(decoded.text.slice(0, 65536)))
    return {
      status: 'rejected',
      error: new ProcessingError(
        'unsupported-document',
        'an SEC filing, not a profile page; use the sec-filing-html parser',
      ),
    };
  // Depth, element count and time are enforced while the DOM is built and during the walks.
  const $ = loadHtml(decoded.text, budget);
  const drafts = extract($, envelope.id, budget, options);
  if (drafts.length === 0)
    return {
      status: 'rejected',
      error: new ProcessingError(
        'no-person',
        'no person could be identified on the page (no schema.org Person, no name heading, no member list)',
      ),
    };
  const title =
    cleanText($('title').first().text()) || cleanText($('h1').first().text()) || (drafts[0]?.name.full ?? '');
  return {
    status: 'parsed',
    document: {
      sourceId: envelope.id,
      format: 'profile-html',
      title,
      ...(envelope.origin.uri ? { uri: envelope.origin.uri } : {}),
    },
    mentions: drafts.map((d, i) => toMention(d, envelope.id, i)),
  };
}
