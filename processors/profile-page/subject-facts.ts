import { evidenceAt } from '../common/evidence.js';
import type { PageLine } from './html-lines.js';
import { applySegment, applyTitleLine, type SegmentContext } from './line-facts.js';
import { addAffiliation, addEducation, addUnique, type PersonDraft } from './person-draft.js';
import { stripHonorifics } from './person-name.js';
import {
  ORCID_ID,
  SITE_LABEL,
  degreesInSentence,
  emailsIn,
  hasTitle,
  interestsInText,
  isProfileLink,
  orgFromSegments,
  orgSegments,
  parseDegreeLine,
  splitInterests,
  titlesInLine,
  zhDegrees,
} from './text-facts.js';

/**
 * Facts about the page's subject from the lines outside member lists: the contact block
 * (title / department / university lines), bio sentences, research-interest lists, e-mails and
 * profile links.
 */

const INTEREST_HEADING =
  /research\s+(?:interests?|areas?|topics?|directions?)|^interests$|研究方向|研究领域|研究兴趣/i;
const STOP_LINE = /^(?:e-?mail|office|phone|tel|fax|address|room|邮箱|电话|办公室|地址)\b|@|\[at\]/i;
const PHONE_LINE = /^(?:phone|tel(?:ephone)?|电话|办公电话)\s*[:：.]?\s*(\+?[\d ()./-]{7,})/i;

/** Sentences, not split after "Ph.D.", "Prof.", initials or "e.g.". */
function sentencesOf(text: string): string[] {
  return text
    .split(
      /(?<=[.!?])(?<!\b(?:Dr|Prof|Mr|Ms|Mrs|St|vs|etc|Jr|Sr|No|Fig|al|e\.g|i\.e)\.)(?<!\b\p{Lu}\.)\s+(?=[\p{Lu}\u4e00-\u9fff])|(?<=[。；！])/u,
    )
    .filter((s) => s.length > 10);
}

/** Honours that work as titles: society fellowships and grades, academy membership, Chinese talent titles. */
const HONOUR =
  /\b(?:IEEE|ACM|AAAS|AAAI|IAPR|SPIE|Optica|OSA|APS|RSC|IET|ASA|IMS)\s+(?:Senior\s+Member|Fellow)\b|\b(?:senior\s+member|fellow)\s+of\s+(?:the\s+)?(?:IEEE|ACM|AAAS|AAAI|Royal\s+Society|National\s+Academy[\w ]*)|\bMember\s+of\s+the\s+National\s+Academy\s+of\s+[A-Z]\w+|(?:中国科学院|中国工程院)院士|长江学者(?:特聘教授)?|国家杰出青年科学基金获得者|国家杰青|IEEE\s*(?:高级会员|会士)/gi;

/** "Visiting Researcher, Dec. 2023 ~ Now" under "Graphics Group, Tsinghua University, Beijing": a past or present post. */
const ENTRY_DATES =
  /((?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}(?:\.\d{1,2})?)\s*(?:[-–~至]|to)\s*((?:[A-Z][a-z]{2,8}\.?\s+)?(?:19|20)\d{2}(?:\.\d{1,2})?|Now|Present|至今|今)/i;

function applyExperienceEntry(
  draft: PersonDraft,
  line: PageLine,
  previous: PageLine | undefined,
  title: string,
  ctx: SegmentContext,
): boolean {
  const dates = line.text.match(ENTRY_DATES);
  if (dates === null || previous === undefined || previous.headingLevel > 0) return false;
  const segments = orgSegments(previous.text);
  const org = orgFromSegments(segments);
  const first = segments[0];
  const organization =
    org?.organization ?? (first !== undefined && first.length <= 40 && !/\d/.test(first) ? first : undefined);
  if (organization === undefined) return false;
  const open = dates[2] === undefined || /now|present|今/i.test(dates[2]);
  addAffiliation(draft, {
    organization,
    title,
    ...(org?.department !== undefined ? { department: org.department } : {}),
    ...(dates[1] !== undefined ? { startDate: dates[1] } : {}),
    ...(!open && dates[2] !== undefined ? { endDate: dates[2] } : {}),
    current: open,
    evidence: evidenceAt(ctx.sourceId, line.path, `${previous.text} / ${line.text}`),
  });
  return true;
}

/** The subject of a bio sentence must be the person: a pronoun or their own name. */
function aboutSubject(sentence: string, names: readonly string[]): boolean {
  const head = sentence.slice(0, 80);
  if (/^(?:[\w ,]+,\s*)?(?:I|He|She|They|Dr\.|Prof\.)\b/.test(head)) return true;
  return names.some((n) => n !== '' && head.includes(n));
}

const AFFILIATION_SENTENCE =
  /\b(am|is|was|are|were)\s+(?:currently\s+|now\s+)?(?:an?|the)\s+((?:[\w-]+\s+){0,3}?(?:Professor|Lecturer|Scientist|Researcher|Fellow|Postdoc\w*|Engineer|Director|Investigator)(?:\s+of\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*)?)\s+(?:and\s+[^.]*?\s+)?(?:in|at|of|with)\s+(?:the\s+)?(.+?)(?=\.\s|\.$|;|$)/i;

function applySentence(draft: PersonDraft, sentence: string, ctx: SegmentContext): void {
  const m = sentence.match(AFFILIATION_SENTENCE);
  if (m?.[2] !== undefined && m[3] !== undefined) {
    const org = orgFromSegments(orgSegments(m[3].replace(/\([^)]*\)/g, ' ')));
    if (org !== undefined) {
      const title = m[2].trim();
      const current = /^(?:am|is|are)$/i.test(m[1] ?? '');
      addAffiliation(draft, {
        organization: org.organization,
        title,
        current,
        ...(org.department !== undefined ? { department: org.department } : {}),
        evidence: evidenceAt(ctx.sourceId, ctx.path, sentence),
      });
      if (current) addUnique(draft.professionalTitles, title);
    }
  }
  for (const d of degreesInSentence(sentence)) {
    if (d.institution === undefined) continue;
    addEducation(draft, {
      institution: d.institution,
      degree: d.degree,
      ...(d.area !== undefined ? { area: d.area } : {}),
      ...(d.endDate !== undefined ? { endDate: d.endDate } : {}),
      evidence: evidenceAt(ctx.sourceId, ctx.path, sentence),
    });
  }
  addUnique(draft.skills, ...interestsInText(sentence));
}

/** "范登平，南开大学教授、博导，计算机科学与技术系主任": organisation + titles right after the name. */
function applyChineseBio(draft: PersonDraft, text: string, hanName: string, ctx: SegmentContext): void {
  if (!text.startsWith(hanName)) return;
  const clauses = text
    .slice(hanName.length)
    .split(/[，,。；]/)
    .slice(0, 4);
  for (const clause of clauses) {
    const m = clause
      .trim()
      .match(/^([\u4e00-\u9fff]{2,16}?(?:大学|科学院|研究院|研究所|学院|公司|医院))([\u4e00-\u9fff、]*)$/);
    if (m?.[1] === undefined) continue;
    const titles = titlesInLine(m[2] ?? '');
    for (const t of titles) addUnique(draft.professionalTitles, t);
    addAffiliation(draft, {
      organization: m[1],
      current: true,
      ...(titles[0] !== undefined ? { title: titles[0] } : {}),
      evidence: evidenceAt(ctx.sourceId, ctx.path, clause),
    });
  }
}

export function applySubjectLines(
  draft: PersonDraft,
  lines: readonly PageLine[],
  ctx: Omit<SegmentContext, 'path'>,
): void {
  const names = [draft.name.full, ...draft.otherNames];
  const han = names.find((n) => /^[\u4e00-\u9fff]{2,4}$/.test(n));
  let interestSection: number | undefined;

  lines.forEach((line, i) => {
    const lctx: SegmentContext = { ...ctx, path: line.path };
    if (line.headingLevel > 0) {
      interestSection = INTEREST_HEADING.test(line.text) ? line.headingLevel : undefined;
      return;
    }
    // E-mails and the person's own profile links (not links to co-authors' Scholar pages).
    addUnique(draft.emails, ...emailsIn(line.text, line.links));
    for (const link of line.links) {
      if (!isProfileLink(link.href)) continue;
      // Only links labelled as a profile ("Google Scholar", "GitHub") or with the person's own name:
      // a bio links co-authors' Scholar pages and project repositories too.
      const text = stripHonorifics(link.text);
      if (!SITE_LABEL.test(text) && !names.some((n) => text.includes(n)) && text !== link.href) continue;
      addUnique(draft.urls, link.href);
      const orcid = /orcid\.org/i.test(link.href) ? link.href.match(ORCID_ID)?.[1] : undefined;
      if (orcid !== undefined && draft.orcid === undefined) {
        draft.orcid = orcid.toUpperCase();
        draft.evidence.push(evidenceAt(ctx.sourceId, line.path, link.href));
      }
    }
    const phone = line.text.match(PHONE_LINE)?.[1];
    if (phone !== undefined) addUnique(draft.phones, phone.trim());

    if (interestSection !== undefined) {
      const head = line.text.match(/^([^:：]{2,60})[:：]/)?.[1];
      const items = head !== undefined ? [head] : line.text.length <= 80 ? splitInterests(line.text) : [];
      addUnique(draft.skills, ...items);
      return;
    }

    for (const m of line.text.matchAll(HONOUR)) addUnique(draft.professionalTitles, m[0]);
    const [title] = titlesInLine(line.text);
    if (title !== undefined && applyExperienceEntry(draft, line, lines[i - 1], title, lctx)) return;
    if (title !== undefined && line.text.length <= 100) {
      // A title far down the page with no organisation of its own is not assumed to be at the page's.
      if (i >= 40) delete lctx.pageOrg;
      const after = line.text.slice(line.text.indexOf(title) + title.length);
      if (/^(?:$|\s*[,，、(|/-]|\s+(?:at|in|of)\s)/.test(after)) {
        // The organisation is on this line or the next few (a contact block: title / dept / university).
        const segments = orgSegments(after);
        for (const next of lines.slice(i + 1, i + 5)) {
          if (
            next.headingLevel > 0 ||
            STOP_LINE.test(next.text) ||
            next.text.length > 120 ||
            hasTitle(next.text)
          )
            break;
          segments.push(
            ...orgSegments(/[A-Za-z]/.test(next.text) ? next.text : next.text.replace(/\s+/g, '，')),
          );
        }
        for (const t of titlesInLine(line.text)) addUnique(draft.professionalTitles, t);
        applyTitleLine(draft, title, segments, lctx, line.text);
        return;
      }
    }
    const degree = parseDegreeLine(line.text);
    if (degree !== undefined && line.text.length <= 160) {
      applySegment(draft, line.text, lctx, line.links);
      return;
    }
    if (han !== undefined) applyChineseBio(draft, line.text, han, lctx);
    if (!names.some((n) => line.text.startsWith(n)))
      for (const d of zhDegrees(line.text))
        addEducation(draft, {
          institution: d.institution ?? '',
          degree: d.degree,
          ...(d.area !== undefined ? { area: d.area } : {}),
          ...(d.endDate !== undefined ? { endDate: d.endDate } : {}),
          evidence: evidenceAt(ctx.sourceId, line.path, line.text),
        });
    const interests = interestsInText(line.text);
    if (interests.length > 0 && line.text.length <= 300 && /^(?:research|interests?|研究)/i.test(line.text)) {
      addUnique(draft.skills, ...interests);
      return;
    }
    // A paragraph that opens with the person's name is about them throughout (Chinese bios drop the subject).
    const wholeParagraph = names.some((n) => line.text.startsWith(n));
    for (const sentence of sentencesOf(line.text))
      if (wholeParagraph || aboutSubject(sentence, names)) applySentence(draft, sentence, lctx);
  });
}
