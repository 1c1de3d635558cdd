import { cleanNameText, isPersonName, leadingName } from './html-names.js';
import type { PeopleBook, PersonFact } from './html-people.js';
import { roleOfSection, type SectionKind } from './html-sections.js';
import type { HtmlDoc } from './html-text.js';
import { cleanTitle, isTitleLike, titlePhrase, type HtmlRole } from './html-titles.js';

/**
 * People in biography text: proxy "director cards" (name, "(Nominee for Election)", "Director
 * Since: 2018", "Age: 65") and paragraph bios such as "Jane Doe, 52, has served as Chief
 * Financial Officer since…" or "Kevin M. Rendino. Mr. Rendino, age 53, has served as…".
 */

export interface BioContext {
  doc: HtmlDoc;
  sections: SectionKind[];
  book: PeopleBook;
  issuer?: string;
  pathPrefix: string;
}

const DIRECTOR_SINCE = /^director\s+since:?\s*(\d{4})\b|^director\s+since\b/i;
const AGE_LINE = /^age:?\s*(\d{2,3})\b/i;

interface Card {
  fact: PersonFact;
  marked: boolean;
  section: SectionKind;
}

export function extractCards(ctx: BioContext): void {
  const { lines } = ctx.doc;
  const cards: Card[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    const text = line.text;
    if (!DIRECTOR_SINCE.test(text) && !/^age:?\s*\d{2}\s*[|,]?\s*director\s+since/i.test(text)) continue;
    // The name is the nearest name-led short line above, within the card.
    let nameAt = -1;
    let lead: { name: string; rest: string } | undefined;
    for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
      const candidate = lines[k]?.text ?? '';
      if (candidate.length > 90 || DIRECTOR_SINCE.test(candidate)) break;
      const cleaned = cleanNameText(candidate);
      lead = isPersonName(cleaned) ? { name: cleaned, rest: '' } : leadingName(candidate);
      if (lead !== undefined) {
        nameAt = k;
        break;
      }
    }
    if (lead === undefined || nameAt < 0) continue;
    const between = lines.slice(nameAt + 1, i).map((l) => l.text);
    const marked = between.some((t) => /nominee/i.test(t)) || /nominee/i.test(lead.rest);
    const titleParts = [lead.rest, ...between]
      .map((t) => t.trim())
      .filter((t) => t !== '' && !/nominee|^\(|^age\b/i.test(t));
    const fact: PersonFact = {
      name: lead.name,
      path: ctx.pathPrefix + ctx.doc.pathOf(lines[nameAt]?.el ?? line.el),
      snippet: lines
        .slice(nameAt, Math.min(lines.length, i + 4))
        .map((l) => l.text)
        .join(' '),
    };
    const title = cleanTitle(titleParts.join(' '), ctx.issuer);
    if (title !== '' && isTitleLike(title)) fact.title = title;
    for (let k = nameAt; k < Math.min(lines.length, i + 10); k++) {
      const m = AGE_LINE.exec(lines[k]?.text ?? '');
      if (m?.[1] !== undefined) {
        fact.age = Number(m[1]);
        break;
      }
    }
    cards.push({ fact, marked, section: ctx.sections[i] ?? 'other' });
  }
  const anyMarked = cards.some((c) => c.marked);
  for (const card of cards) {
    // Proxies that mark nominees leave the continuing directors unmarked.
    let role: HtmlRole = 'director';
    if (card.marked) role = 'director-nominee';
    else if (!anyMarked && card.section === 'nominees') role = 'director-nominee';
    ctx.book.add({ ...card.fact, role });
  }
}

const BIO_SECTIONS: ReadonlySet<SectionKind> = new Set([
  'executive-officers',
  'nominees',
  'directors',
  'directors-and-officers',
]);

// "Jane Doe, 52, has served…", "Jane Doe (52) has…", "Jane Doe, age 52, is…"
const INLINE_AGE = /^[,\s]*(?:\(\s*(?:age\s*)?(\d{2})\s*\)|(?:age\s*)?(\d{2})\s*(?=[,;]))[,;]?\s*(.*)$/is;
// "Kevin M. Rendino. Mr. Rendino, age 53, has served…"
const SURNAME_AGE =
  /^\.?\s*(?:[—–-]\s*)?(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[\p{L}'’-]+,\s*(?:age\s*)?(\d{2}),?\s*(.*)$/isu;
const SERVES =
  /\b(?:has\s+(?:also\s+)?(?:served|been\s+serving)|serves|served|has\s+been|is|was\s+(?:appointed|named|elected)|became|joined\s+(?:us|the\s+company|[A-Z][\w&.]*)\s*(?:in\s+[\w\s,]+?)?)\s+(?:as\s+)?(?:(?:our|the|a|an|its)\s+)?/;

export function extractParagraphBios(ctx: BioContext): void {
  const { lines } = ctx.doc;
  for (let i = 0; i < lines.length; i++) {
    const section = ctx.sections[i] ?? 'other';
    if (!BIO_SECTIONS.has(section)) continue;
    const line = lines[i];
    if (line === undefined || line.text.length < 20) continue;
    const lead = leadingName(line.text.slice(0, 80));
    if (lead === undefined) continue;
    const after = line.text.slice(line.text.indexOf(lead.name) + lead.name.length);
    let age: number | undefined;
    let rest: string | undefined;
    const inline = INLINE_AGE.exec(after);
    const bySurname = SURNAME_AGE.exec(after.replace(/^,\s*(?:Jr\.|Sr\.|III|II|IV)/, ''));
    if (inline !== null) {
      age = Number(inline[1] ?? inline[2]);
      rest = inline[3];
    } else if (bySurname !== null) {
      age = Number(bySurname[1]);
      rest = bySurname[2];
    } else if (/^\s+(?:has\s+(?:served|been)|serves|is\s+(?:our|the))\b/.test(after)) {
      rest = after.trim();
    }
    if (rest === undefined) continue;
    const fact: PersonFact = {
      name: lead.name,
      path: ctx.pathPrefix + ctx.doc.pathOf(line.el),
      snippet: line.text,
    };
    if (age !== undefined && age >= 18 && age <= 110) fact.age = age;
    const serves = SERVES.exec(rest);
    if (serves !== null && serves.index < 60) {
      const title = titlePhrase(rest.slice(serves.index + serves[0].length), ctx.issuer);
      // "a member of the Board" says nothing a director role does not.
      if (title !== undefined && !/^member\b/i.test(title)) fact.title = title;
    }
    const role = roleOfSection(section);
    if (role !== undefined) fact.role = role;
    if (fact.role === undefined && fact.title === undefined) continue;
    ctx.book.add(fact);
  }
}
