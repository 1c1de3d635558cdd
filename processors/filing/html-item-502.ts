import { findNames, type NameHit } from './html-names.js';
import type { FilingEvent, PeopleBook, PersonFact } from './html-people.js';
import type { SectionKind } from './html-sections.js';
import type { HtmlDoc } from './html-text.js';
import { cleanTitle, isDirectorTitle, isTitleLike, titlePhrase, type HtmlRole } from './html-titles.js';

/**
 * 8-K Item 5.02 (departure/election/appointment of directors and officers): sentences that name
 * people with an event verb, their titles ("as Chief Financial Officer", "Jane Doe, CEO of X,")
 * and ages ("Jane Doe, 48,", "Mr. Smith, age 36,"). Evidence paths read "item 5.02 ¶3".
 */

export interface ItemContext {
  doc: HtmlDoc;
  sections: SectionKind[];
  book: PeopleBook;
  issuer?: string;
  pathPrefix: string;
}

const APPOINTED =
  /\b(?:appoint(?:ed|s|ment)|named|nam(?:ing)|promot(?:ed|ion|ions)|became|will\s+become|has\s+become|to\s+become|will\s+succeed|to\s+succeed|succeeds|succeeded|hired|designated|will\s+(?:join|serve)\s+as|will\s+assume|assumed\s+the\s+(?:role|position))\b/i;
const ELECTED = /\b(?:elected|election\s+of)\b/i;
const DEPARTED =
  /\b(?:resign(?:ed|s|ation)?|retire(?:d|s|ment)?|to\s+retire|step(?:ped|s)?\s+down|depart(?:ure|ed|s)?|terminat(?:e|ed|es|ion)|will\s+no\s+longer\s+serve|transition(?:ed|s)?\s+from|separation|passed\s+away|death|not\s+(?:to\s+)?stand\s+for\s+re-?election|leave\s+the\s+(?:company|firm))\b/i;
// Hypothetical or contractual language ("in the event of his resignation for good reason").
const HYPOTHETICAL =
  /\b(?:in\s+the\s+event|if\b|unless|would|could|should\s+(?:he|she)|provided\s+that|upon\s+(?:a|any|his|her)\s+(?:termination|resignation|retirement)|for\s+good\s+reason|without\s+cause|change\s+in\s+control)\b/i;
const BOARD =
  /\b(?:board(?:\s+of\s+directors)?|as\s+(?:a\s+)?directors?|to\s+serve\s+as\s+(?:a\s+)?director)\b/i;

const TRANSITION =
  /transition(?:ed|s)?\s+from\s+(?:(?:the|his|her)\s+(?:role|position|office)s?\s+(?:of|as)\s+)?(.+?)\s+to\s+(?:(?:the|a)\s+)?(?:(?:role|position|office)\s+of\s+)?(.+)$/i;

/** Sentences of a paragraph, not split after "Mr." or initials. */
export function sentencesOf(text: string): string[] {
  // A footnote mark may follow the full stop ("effective immediately.1 In addition…").
  const pieces = text.split(/(?<=[.!?][”"’)]?\d{0,2})\s+(?=[“"(]?[A-Z0-9])/);
  const out: string[] = [];
  for (const piece of pieces) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      /(?:\b(?:Mr|Ms|Mrs|Dr|Prof|Messrs|Jr|Sr|Inc|Co|Corp|No|St|Ltd|U\.S|vs)|(?:^|\s)\p{Lu})\.$/u.test(prev)
    ) {
      out[out.length - 1] = `${prev} ${piece}`;
    } else {
      out.push(piece);
    }
  }
  return out;
}

function clausesOf(sentence: string): string[] {
  return sentence
    .split(/;\s+|\s*\((?:i|ii|iii|iv|v|vi|vii|viii|[a-h])\)\s+|,?\s+and\s+(?=(?:Mr|Ms|Mrs|Dr)\.\s)/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

interface VerbHit {
  index: number;
  event: FilingEvent;
  title?: string;
}

/** Every event verb of a clause, in order, with the title that follows it. */
function verbsOf(clause: string, issuer: string | undefined, names: NameHit[]): VerbHit[] {
  if (HYPOTHETICAL.test(clause)) return [];
  const verbs: VerbHit[] = [];
  const kinds: Array<[RegExp, FilingEvent]> = [
    [DEPARTED, 'departed'],
    [APPOINTED, 'appointed'],
    [ELECTED, 'elected'],
  ];
  for (const [re, event] of kinds) {
    for (const m of clause.matchAll(new RegExp(re.source, 'gi'))) verbs.push({ index: m.index, event });
  }
  verbs.sort((a, b) => a.index - b.index);
  // Blank out the names so "appointed Jane Doe as CFO" reads "appointed as CFO".
  let blanked = clause;
  for (const n of [...names].sort((a, b) => b.start - a.start))
    blanked = `${blanked.slice(0, n.start)}${' '.repeat(n.end - n.start)}${blanked.slice(n.end)}`;
  const distinct = verbs.filter((v, i) => i === 0 || v.index > (verbs[i - 1]?.index ?? -1) + 3);
  for (const v of distinct) {
    const title = titleAfterEvent(blanked.slice(v.index), issuer);
    if (title !== undefined) v.title = title;
  }
  return distinct;
}

/** The title that follows an event verb: "elected Co-Presidents of the Firm", "appointed as CFO". */
function titleAfterEvent(text: string, issuer: string | undefined): string | undefined {
  const verb =
    /^(?:(?:will|has|have|had|to|been)\s+)*(?:appointed|appointment|elected|election|named|promoted|promotion|became|become|succeed(?:s|ed)?|hired|designated|serve|assume|departure|resignation|retirement|resign(?:ed|s)?|retire(?:d|s)?|step(?:ped|s)?\s+down|terminat\w*)\b/i.exec(
      text,
    );
  if (verb === null) return undefined;
  // Skip the blanked-out name and its age ("appointed ____, age 48, as …").
  let rest = text.slice(verb[0].length).replace(/^(?:\s+of\b)?[\s,]*(?:(?:age\s*)?\d{2}\s*,\s*)?/i, '');
  rest = rest.replace(
    /^(?:to\s+the\s+(?:role|position|office)\s+of|to\s+the\s+board\s+(?:of\s+directors\s+)?(?:as|of)|as|to|from\s+(?:(?:his|her|their)\s+)?(?:role|position)s?\s+(?:as|of)|from)?[\s,]*(?:(?:the|its|our|a|an|sole|new)\s+)?/i,
    '',
  );
  return titlePhrase(rest, issuer);
}

const LINKED = /^\s*(?:,\s*(?:age\s*)?\d{2}\s*)?,?\s*and\s*$/i;

/**
 * Who an event verb is about: the name(s) right before it ("Jane Doe, 61, and John Roe, 56, …
 * have been elected"), or, with no name before it, the first name after ("appointed Jane Doe").
 */
function subjectsOf(verb: VerbHit, hits: NameHit[], clause: string): NameHit[] {
  const before = hits.filter((h) => h.end <= verb.index);
  const last = before[before.length - 1];
  if (last === undefined) {
    const after = hits.find((h) => h.start >= verb.index);
    return after === undefined ? [] : [after];
  }
  const group = [last];
  for (let k = before.length - 2; k >= 0; k--) {
    const prev = before[k];
    const next = group[0];
    if (prev === undefined || next === undefined || !LINKED.test(clause.slice(prev.end, next.start))) break;
    group.unshift(prev);
  }
  return group;
}

/** "Jane Doe, 48, Chief Financial Officer," → age and appositive title after the name. */
function appositive(
  clause: string,
  hit: NameHit,
  issuer: string | undefined,
): { age?: number; title?: string } {
  const after = clause.slice(hit.end);
  const out: { age?: number; title?: string } = {};
  const ageMatch = /^\s*(?:,\s*(?:age\s*)?(\d{2})\s*(?=,|\s+and\b|\))|\(\s*(?:age\s*)?(\d{2})\s*\))/i.exec(
    after,
  );
  let rest = after;
  if (ageMatch !== null) {
    const age = Number(ageMatch[1] ?? ageMatch[2]);
    if (age >= 18 && age <= 110) out.age = age;
    rest = after.slice(ageMatch[0].length);
  }
  const appos =
    /^\s*,\s*(?!and\b|who\b|which\b|age\b|effective\b|the\s+company\b)((?:current|then|former)?[^,]{2,120}?(?:\([^)]*\))?)\s*,/i.exec(
      rest,
    );
  if (appos?.[1] !== undefined && !/^former\b/i.test(appos[1])) {
    const title = cleanTitle(appos[1], issuer);
    if (isTitleLike(title) && /^[A-Z]/.test(title)) out.title = title;
  }
  return out;
}

function itemRanges(ctx: ItemContext, kind: SectionKind): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = -1;
  ctx.sections.forEach((section, i) => {
    if (section === kind && start < 0) start = i;
    if (section !== kind && start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) ranges.push([start, ctx.sections.length]);
  return ranges;
}

export function extractItem502(ctx: ItemContext): void {
  for (const [from, to] of itemRanges(ctx, 'item-5.02')) {
    // Names written in full inside the item, for resolving "Mr. Kaufman" later on.
    const local = new Map<string, string>();
    let paragraph = 0;
    for (let i = from + 1; i < to; i++) {
      const line = ctx.doc.lines[i];
      if (line === undefined) continue;
      paragraph++;
      for (const sentence of sentencesOf(line.text)) {
        for (const clause of clausesOf(sentence)) {
          const hits = findNames(clause);
          if (hits.length === 0) continue;
          const transition = TRANSITION.exec(clause);
          const verbs = transition === null ? verbsOf(clause, ctx.issuer, hits) : [];
          const newTitle = transition?.[2] === undefined ? undefined : titlePhrase(transition[2], ctx.issuer);
          const oldTitle = transition?.[1] === undefined ? undefined : titlePhrase(transition[1], ctx.issuer);
          const eventFor = new Map<NameHit, VerbHit>();
          for (const verb of verbs)
            for (const h of subjectsOf(verb, hits, clause)) if (!eventFor.has(h)) eventFor.set(h, verb);
          for (const hit of hits) {
            let name = hit.name;
            if (hit.surnameOnly === true) {
              const resolved = local.get(hit.name.toLowerCase()) ?? ctx.book.resolveSurname(hit.name);
              if (resolved === undefined) continue;
              name = resolved;
            } else {
              local.set(
                name
                  .split(/\s+/)
                  .filter((t) => !/^(?:Jr\.?|Sr\.?|II|III|IV)$/.test(t))
                  .pop()
                  ?.replace(/,$/, '')
                  .toLowerCase() ?? name,
                name,
              );
            }
            const { age, title: apposTitle } = appositive(clause, hit, ctx.issuer);
            const verb = eventFor.get(hit);
            const inTransition = transition !== null && hit.end <= (transition.index ?? 0);
            const event: FilingEvent | undefined = inTransition ? 'appointed' : verb?.event;
            const eventTitle = inTransition ? newTitle : verb?.title;
            const title = eventTitle ?? apposTitle;
            if (event === undefined && apposTitle === undefined && age === undefined && !ctx.book.has(name))
              continue;
            const fact: PersonFact = {
              name,
              path: `${ctx.pathPrefix}item 5.02 ¶${paragraph}`,
              snippet: sentence,
            };
            if (age !== undefined) fact.age = age;
            if (title !== undefined) fact.title = title;
            if (event !== undefined) fact.event = event;
            fact.role = roleFor(clause, title, event);
            ctx.book.add(fact);
            if (inTransition && oldTitle !== undefined) {
              // "transitioned from the role of CFO to Vice Chairman": left one office, took another.
              ctx.book.add({
                name,
                path: fact.path,
                snippet: sentence,
                title: oldTitle,
                role: roleFor(clause, oldTitle, 'departed'),
                event: 'departed',
              });
            }
            if (
              apposTitle !== undefined &&
              eventTitle !== undefined &&
              apposTitle !== eventTitle &&
              event !== 'departed'
            ) {
              // The appositive is the title held before the event.
              ctx.book.add({ name, path: fact.path, snippet: sentence, title: apposTitle, role: 'officer' });
            }
          }
        }
      }
    }
  }
}

function roleFor(clause: string, title: string | undefined, event: FilingEvent | undefined): HtmlRole {
  if (title !== undefined)
    return isDirectorTitle(title) && !/\b(?:chief|officer|president)\b/i.test(title) ? 'director' : 'officer';
  if (event !== undefined && BOARD.test(clause)) return 'director';
  return 'officer';
}
