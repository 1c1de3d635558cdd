/**
 * Person-name recognition for filing text. Filings are full of capitalised phrases that are not
 * people (headings, committees, companies, "Chief Financial Officer"), so a name must be 2–5
 * name-shaped tokens none of which is a word that never occurs in a personal name here.
 */

const HONORIFIC = /^(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sir|Dame|Messrs|Mses)\.?$/;
const SUFFIX = /^(?:Jr\.?|Sr\.?|II|III|IV|V|VI|2nd|3rd|Ph\.?D\.?|M\.?D\.?|Esq\.?|CPA|J\.D\.)$/;
const PARTICLE = /^(?:de|del|della|der|den|di|da|das|do|dos|du|la|le|van|von|ter|ten|bin|al|el|y|st\.)$/;
const INITIAL = /^(?:\p{Lu}\.){1,3}$/u;
const WORD = /^\p{Lu}[\p{Ll}\p{Lu}'’]*\p{Ll}[\p{Ll}\p{Lu}'’]*(?:-\p{Lu}?[\p{Ll}\p{Lu}'’]+)*$/u;
const CAPS_WORD = /^\p{Lu}{2,}(?:[-'’]\p{Lu}+)*$/u;
const HAN_NAME = /^[\p{Script=Han}·•]{2,6}$/u;

/** Words that never belong to a person's name in a filing (lower-cased). */
const STOP = new Set(
  (
    'a an the of and or for to in on at by with from as per our we us its it this that these those such each all any other ' +
    'chief officer officers executive executives president presidents vice chair chairman chairwoman chairperson director directors ' +
    'board boards committee committees company companies corporation corp inc incorporated llc llp lp ltd limited plc group bank banking ' +
    'trust fund funds capital holdings partners partner management financial securities exchange commission nominee nominees ' +
    'independent interested secretary treasurer counsel general senior junior controller proposal proposals election elections annual ' +
    'meeting meetings statement proxy form item items table total name names age position positions title titles section united states ' +
    'america plan plans stock stocks shares share common class series report street avenue suite road drive non-executive audit ' +
    'compensation governance nominating lead percent beneficial owner owners amount votes vote broker worldwide operations operating ' +
    'global international technologies technology systems university college school institute council foundation association ' +
    'department fiscal year years january february march april may june july august september october november december monday ' +
    'tuesday wednesday thursday friday saturday sunday mr ms mrs dr messrs effective following prior since upon when while during ' +
    'after before however additionally further also pursuant exhibit exhibits signature signatures date dated registrant commission ' +
    'business experience education qualifications skills key highlights summary information overview background biography ' +
    'office principal principals head heads manager managers development investment investments banking markets market consumer ' +
    'community wealth asset assets commercial retail services service solutions products industries industry resources energy ' +
    'health healthcare medical pharmaceuticals therapeutics sciences science research legal human risk operations strategy strategic ' +
    'communications marketing sales finance accounting tax taxes treasury compliance administrative administration affairs relations ' +
    'north south east west new york california delaware texas washington massachusetts jersey florida nasdaq nyse sec ' +
    'firm firms co-president co-presidents co-ceo co-ceos ceo cfo coo cto cio cao clo vote director-nominee emeritus founder founders ' +
    'yes no not none n/a total totals shareholder shareholders stockholder stockholders holder holders member members membership ' +
    'employee employees people person persons officer-director honorable hon retired interim acting deputy assistant associate ' +
    'concerns communicating benefits pension contents page pages appendix annex proposal vote voting quorum record ' +
    'agreement agreements employment award awards restricted units unit policy release claims separation contract ' +
    'program programs incentive bonus salary equity retention continuity performance vesting option options notes note ' +
    'subsidiary subsidiaries affiliate affiliates llc. inc. corp. co. ltd. l.p. n.a. s.a. ag n.v. b.v. gmbh'
  ).split(/\s+/),
);

/** Removes footnote marks, honorific prefixes, possessives and stray punctuation around a name as written. */
export function cleanNameText(text: string): string {
  let s = text
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/(?:\s*(?:\(\s*[\dA-Za-z]{1,3}\s*\)|\[\s*\d{1,3}\s*\]|[*†‡§¶#]+))+$/u, '');
  s = s.replace(/^(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?\s+)/, '');
  s = s.replace(/['’]s$/, '');
  s = s.replace(/[,;:]+$/, '');
  // A final period belongs to an initial or `Jr.`, otherwise it ends the sentence.
  if (s.endsWith('.') && !/(?:^|\s)(?:Jr|Sr|\p{Lu})\.$/u.test(s)) s = s.slice(0, -1);
  return s.trim();
}

function tokensOf(name: string): string[] {
  return name
    .replace(/,\s*(?=(?:Jr\.?|Sr\.?|II|III|IV|V)\b)/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');
}

/** True when the text (already cleaned) reads as one person's name. */
export function isPersonName(text: string): boolean {
  const name = text.trim();
  if (name.length < 4 || name.length > 60) return HAN_NAME.test(name);
  if (HAN_NAME.test(name)) return true;
  if (/[\d@/\\|<>{}[\]=+$%&!?"“”()]/.test(name)) return false;
  const tokens = tokensOf(name);
  while (tokens.length > 0 && SUFFIX.test(tokens[tokens.length - 1] ?? '')) tokens.pop();
  if (tokens.length < 2 || tokens.length > 5) return false;
  const allCaps = tokens.every((t) => CAPS_WORD.test(t) || INITIAL.test(t));
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const bare = t.replace(/[.,]$/, '');
    if (INITIAL.test(t) && i < tokens.length - 1) continue;
    if (STOP.has(t.toLowerCase()) || STOP.has(bare.toLowerCase())) return false;
    // "JPMorgan", "BlackRock"-style brand capitals are not personal names.
    if (/^\p{Lu}{2,}\p{Ll}/u.test(t)) return false;
    if (PARTICLE.test(t)) {
      if (i === 0 || i === tokens.length - 1) return false;
      continue;
    }
    if (INITIAL.test(t)) {
      if (i === tokens.length - 1) return false;
      continue;
    }
    if (WORD.test(t) || (allCaps && CAPS_WORD.test(t))) {
      words++;
      continue;
    }
    return false;
  }
  return words >= 1 && !(tokens.length === 2 && words < 2 && !INITIAL.test(tokens[0] ?? ''));
}

/** The longest person name at the start of a text (`Michael M. Morrow Non-Executive` → `Michael M. Morrow`). */
export function leadingName(text: string): { name: string; rest: string } | undefined {
  const cleaned = text.replace(/^(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)/, '').trim();
  const parts = cleaned.split(/\s+/);
  for (let n = Math.min(7, parts.length); n >= 2; n--) {
    const head = parts.slice(0, n).join(' ');
    const candidate = cleanNameText(head.replace(/,$/, ''));
    if (isPersonName(candidate)) {
      const rest = parts.slice(n).join(' ');
      // A following capitalised name token means we cut a longer name; only accept at a real boundary.
      return { name: candidate, rest: rest.replace(/^[,\s]+/, '') };
    }
  }
  return undefined;
}

export interface NameHit {
  name: string;
  start: number;
  end: number;
  /** Set for `Mr. Smith`: a reference by family name to be resolved. */
  surnameOnly?: boolean;
}

const TOKEN_RE = /[\p{L}][\p{L}'’.-]*(?:,\s*(?:Jr\.?|Sr\.?|III|II|IV)(?=[\s,.;)]|$))?/gu;

/** Person names in running text, plus `Mr. Surname` references. */
export function findNames(text: string): NameHit[] {
  const hits: NameHit[] = [];
  const tokens: Array<{ t: string; start: number; end: number }> = [];
  for (const m of text.matchAll(TOKEN_RE))
    tokens.push({ t: m[0], start: m.index, end: m.index + m[0].length });
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    if (tok === undefined) break;
    const bare = tok.t.replace(/['’]s$/, '');
    if (HONORIFIC.test(bare) && bare !== 'Messrs' && bare !== 'Messrs.') {
      const next = tokens[i + 1];
      if (next !== undefined && /^\s*$/.test(text.slice(tok.end, next.start))) {
        const surname = next.t.replace(/['’]s$/, '').replace(/[.,]$/, '');
        if (WORD.test(surname) && !STOP.has(surname.toLowerCase())) {
          // `Mr. John Smith` is a full name, `Mr. Smith` a reference.
          const full = takeRun(tokens, text, i + 1);
          if (full !== undefined && isPersonName(full.name)) {
            hits.push(full);
            i = full.nextIndex;
            continue;
          }
          hits.push({
            name: surname,
            start: next.start,
            end: next.start + surname.length,
            surnameOnly: true,
          });
          i += 2;
          continue;
        }
      }
      i++;
      continue;
    }
    const run = takeRun(tokens, text, i);
    if (run !== undefined) {
      // Try the longest valid window inside the run, starting at each position.
      const words = run.tokens;
      let found = false;
      for (let s = 0; s < words.length - 1 && !found; s++) {
        for (let e = Math.min(words.length, s + 6); e >= s + 2; e--) {
          const first = words[s];
          const last = words[e - 1];
          if (first === undefined || last === undefined) continue;
          const slice = text.slice(first.start, last.end);
          const name = cleanNameText(slice);
          // "JPMorgan Chase & Co.", "Smith Barney, Inc.": a firm named after people.
          const firm = /^\s*(?:&|,?\s*(?:Inc|LLC|LLP|L\.P|Corp|Co|Ltd|PLC|N\.A)(?![\w-]))/.test(
            text.slice(last.end),
          );
          // A defined term in quotes (the “Employment Agreement”) is not a person.
          const quoted = /[“"]\s*$/.test(text.slice(0, first.start));
          if (isPersonName(name) && !firm && !quoted) {
            hits.push({ name, start: first.start, end: first.start + slice.replace(/['’]s$/, '').length });
            i = tokens.indexOf(last) + 1;
            found = true;
            break;
          }
        }
      }
      if (!found) i = run.nextIndex;
      continue;
    }
    i++;
  }
  return hits;
}

/** A run of name-shaped tokens separated only by single spaces. */
function takeRun(
  tokens: Array<{ t: string; start: number; end: number }>,
  text: string,
  from: number,
): (NameHit & { nextIndex: number; tokens: Array<{ t: string; start: number; end: number }> }) | undefined {
  const run: Array<{ t: string; start: number; end: number }> = [];
  let j = from;
  while (j < tokens.length) {
    const tok = tokens[j];
    if (tok === undefined) break;
    const bare = tok.t.replace(/['’]s$/, '').replace(/\.$/, '');
    const shaped = /^\p{Lu}/u.test(tok.t) || PARTICLE.test(tok.t);
    if (!shaped) break;
    if (run.length > 0) {
      const prev = run[run.length - 1];
      if (prev === undefined || !/^ ?$/.test(text.slice(prev.end, tok.start).replace(/\s+/g, ' '))) break;
      if (/['’]s$/.test(prev.t) || (/\.$/.test(prev.t) && !INITIAL.test(prev.t) && !HONORIFIC.test(prev.t)))
        break;
    }
    run.push(tok);
    j++;
    if (/['’]s$/.test(tok.t) || bare.length === 0) break;
  }
  if (run.length < 2) return undefined;
  const first = run[0];
  const last = run[run.length - 1];
  if (first === undefined || last === undefined) return undefined;
  return {
    name: cleanNameText(text.slice(first.start, last.end)),
    start: first.start,
    end: last.end,
    nextIndex: j,
    tokens: run,
  };
}

/** Identity key within one document: first given name + family name, lower-cased, initials and suffixes dropped. */
export function nameKey(name: string): string {
  if (HAN_NAME.test(name)) return name;
  const tokens = tokensOf(cleanNameText(name))
    .map((t) => t.replace(/[.,]/g, '').toLowerCase())
    .filter((t) => t.length > 1 && !SUFFIX.test(t) && !/^(?:jr|sr|ii|iii|iv|v)$/.test(t));
  if (tokens.length === 0) return name.toLowerCase();
  return `${tokens[0]} ${tokens[tokens.length - 1]}`;
}

/** Family name (last non-suffix token), lower-cased, for resolving `Mr. Smith`. */
export function familyKey(name: string): string {
  const key = nameKey(name);
  return key.split(' ').pop() ?? key;
}
