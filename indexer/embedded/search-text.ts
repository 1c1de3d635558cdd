import { holdsContact, stripContacts } from '../../lib/contact-text.js';
import type { TalentProfile } from '../../processors/model/profile.js';

/** Case and width folding applied to indexed text and to query terms alike (NFKC: full-width → ASCII). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The FTS columns of one profile, in table order: name, title, org, skill, body. */
export interface SearchColumns {
  name: string;
  title: string;
  org: string;
  skill: string;
  body: string;
}

// Contact details typed into any field (an e-mail in a headline, a phone in a job title) are not
// indexed: the searchable text must not let a role that may not see them match on them.
const join = (parts: Array<string | undefined>): string =>
  foldText(
    [...new Set(parts.filter((p): p is string => p !== undefined && p !== '').map(stripContacts))].join(
      ' ; ',
    ),
  );

/**
 * The skills the skill facet and filter index: one that holds a contact detail (an e-mail listed as
 * a skill) is left out, so neither a facet value nor a filter can reveal or match it.
 */
export function indexedSkills(p: TalentProfile): TalentProfile['skills'] {
  return p.skills.filter((s) => !holdsContact(s.label) && (s.zh === undefined || !holdsContact(s.zh)));
}

/**
 * The FTS columns of a profile. The summary, titles and every other text lose their contact
 * details ({@link stripContacts}); the contact fields themselves (`emails`, `phones`) are not
 * indexed as text at all.
 */
export function searchColumns(p: TalentProfile): SearchColumns {
  return {
    name: join([p.displayName, ...p.names]),
    title: join([
      ...p.titles,
      ...p.affiliations.map((a) => a.title),
      ...p.honorifics,
      ...p.filingRoles.map((r) => r.title),
    ]),
    org: join([
      ...p.affiliations.flatMap((a) => [a.organization, a.department]),
      ...p.education.map((e) => e.institution),
      ...p.patents.flatMap((pt) => pt.assignees),
      ...p.filingRoles.map((r) => r.issuer),
    ]),
    skill: join([...indexedSkills(p).flatMap((s) => [s.label, s.zh]), ...p.education.map((e) => e.area)]),
    body: join([
      p.summary,
      ...p.patents.flatMap((pt) => [pt.title, pt.abstract]),
      ...p.locations.flatMap((l) => [l.label, l.cityZh, l.regionZh]),
    ]),
  };
}

/** Scripts written without spaces between words: their text is indexed as overlapping bigrams. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const LATIN_WORD = /[\p{L}\p{N}]+/gu;

/**
 * The two-character terms of a text, for the `fts_short` table: every bigram of a Chinese (or
 * Japanese, Korean) run, and every Latin or digit word of exactly two characters (AI, 5G, EV).
 * Trigrams cannot match a two-character query; this table answers it from an index instead of a
 * scan of every profile (光电, 电池 and 芯片 are everyday queries).
 */
export function shortTerms(text: string): string {
  const terms: string[] = [];
  for (const run of text.match(UNSPACED) ?? []) {
    const cs = [...run];
    for (let i = 0; i + 1 < cs.length; i++) terms.push(`${cs[i]}${cs[i + 1]}`);
  }
  for (const word of text.replace(UNSPACED, ' ').match(LATIN_WORD) ?? [])
    if ([...word].length === 2) terms.push(word);
  return [...new Set(terms)].join(' ');
}

/** A query term the `fts_short` table can answer: two characters of one unspaced script, or a two-character word. */
export function isShortTerm(text: string): boolean {
  if ([...text].length !== 2) return false;
  const unspaced = text.match(UNSPACED)?.join('') ?? '';
  // Both characters of one unspaced run (光电), or a word with none (ai, 5g); not a mix (a股).
  return unspaced === text || (unspaced === '' && /^[\p{L}\p{N}]{2}$/u.test(text));
}

export function shortColumns(c: SearchColumns): SearchColumns {
  return {
    name: shortTerms(c.name),
    title: shortTerms(c.title),
    org: shortTerms(c.org),
    skill: shortTerms(c.skill),
    body: shortTerms(c.body),
  };
}
