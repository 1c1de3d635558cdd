import type { Tier } from '../../processors/model/profile.js';
import type { Seniority } from '../../processors/normalize/job-title.js';
import {
  RANK,
  STOP_WORDS_EN,
  STOP_WORDS_ZH,
  type TermMeaning,
  type VocabularyTerm,
} from './query-vocabulary.js';
import type { ChipKind, QueryUnderstanding, UnderstoodChip, UnderstoodFilters } from './understood.js';

/** A part of the query read as something, by offsets in the lower-cased query. */
interface Span {
  start: number;
  end: number;
  rank: number;
  meaning: TermMeaning;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
/** The query syntax (fields, quotes, parentheses, operators, a leading `-`): the user said exactly what to match. */
const QUERY_SYNTAX = /["()]|(^|\s)-[\p{L}\p{N}]|\b(AND|OR|NOT)\b|\b(name|title|org|skill):/u;

// A place read as a tie: 吉林籍, 与长春有关, born in Changchun, ties to Jilin, Changchun-born.
const TIE_AFTER_ZH = /^(籍|背景|渊源|校友|出身|老乡|有关|有联系|有渊源|相关)/u;
const TIE_BEFORE_ZH = /(出生于|生于|祖籍|籍贯|老家|来自|与|和|跟)$/u;
const TIE_AFTER_FOR_BEFORE_ZH = /^(有关|有联系|有渊源|相关|有关系|籍)/u;
const TIE_BEFORE_EN =
  /(\bties?|\bconnections?|\blinks?|\bconnected|\blinked|\brelated|\broots|\bborn|\bfrom|\bnatives?)\s+(to|with|in|of)?\s*$/u;
const TIE_AFTER_EN = /^[\s-](born|natives?|roots|ties|connections?|background)\b/u;
const OUTSIDE_ZH = /(身在外地|在外地|在外|外地|省外|域外|外流|离开了|离开|不在|流失|已离开)/gu;
const OUTSIDE_EN =
  /\b(outside of|outside|elsewhere than|elsewhere|away from|not in|who left|left|moved out of|moved away from)\b/gu;

/** Generic school names the dictionaries do not hold: ……大学 / ……学院, "… University", "University of …". */
const SCHOOL_ZH = /[\p{Script=Han}]{2,14}?(大学|学院|研究所|研究院|科学院)/gu;
const SCHOOL_EN =
  /\b((?:[A-Z][\w&'.-]*\s+){0,4}(?:University|Institute of Technology|Polytechnic|College)(?:\s+of(?:\s+[A-Z][\w'-]*){1,3})?|University of(?:\s+[A-Z][\w'-]*){1,3})/gu;
/** An employer named by its preposition: "at Huawei", "works for BYD", 在华为工作. */
const EMPLOYER_EN =
  /\b(?:works? (?:at|for)|working (?:at|for)|employed (?:at|by)|at|ex-|former)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})/gu;
const EMPLOYER_ZH = /在([\p{Script=Han}A-Za-z]{2,12}?)(?:工作|任职|就职|上班)/gu;
/** Where a generic school name's own words start: after the last particle or verb of the sentence. */
const SCHOOL_LEAD = /^.*(的|在|和|与|及|或|从|于|是|自|读|找|曾)/u;

const SENIORITY_ORDER: readonly Seniority[] = [
  'executive',
  'director',
  'principal',
  'senior',
  'professional',
  'junior',
];

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** Whether a Latin-script term at [start, end) stands as whole words (an English plural allowed). */
function wholeWordEnd(text: string, start: number, end: number, plural: boolean): number | undefined {
  if (start > 0 && WORD_CHAR.test(text[start - 1] as string)) return undefined;
  if (end >= text.length || !WORD_CHAR.test(text[end] as string)) return end;
  if (plural) {
    for (const suffix of ['s', 'es'])
      if (
        text.startsWith(suffix, end) &&
        (end + suffix.length >= text.length || !WORD_CHAR.test(text[end + suffix.length] as string))
      )
        return end + suffix.length;
  }
  return undefined;
}

/**
 * Reads a plain-language query ("长春的光电高级工程师", "semiconductor process engineers in Jiangsu
 * with patents") as text + filters, by rules over the configured dictionaries: places (provinces,
 * prefecture cities, US states, countries), the priority industries' names and keywords, tiers,
 * title levels, patents, schools and employers (the regions' and the industries' anchors, and
 * generic ……大学 / "… University" names), and region ties ("吉林籍", "ties to Changchun",
 * "outside Jilin"). Longest and most specific reading first; what is left is searched as text.
 */
export class QueryUnderstander {
  private readonly terms: Array<VocabularyTerm & { lower: string; latin: boolean }>;

  constructor(
    vocabulary: readonly VocabularyTerm[],
    private readonly regionNames: (code: string) => { en: string; zh: string },
    private readonly homeRegion: string,
  ) {
    this.terms = vocabulary
      .map((t) => ({ ...t, lower: t.form.normalize('NFKC').toLowerCase(), latin: !HAN.test(t.form) }))
      .filter((t) => t.lower.trim() !== '');
  }

  understand(input: string, apply = true): QueryUnderstanding {
    const query = input.normalize('NFKC');
    if (!apply || QUERY_SYNTAX.test(query) || query.trim() === '')
      return { input, applied: false, text: input.trim(), filters: {}, chips: [] };
    // Offsets index the lower-cased text; when lower-casing changes a length, it is the text read.
    const lowered = query.toLowerCase();
    const text = lowered.length === query.length ? query : lowered;
    const lower = text.toLowerCase();

    const chosen = this.choose([...this.dictionarySpans(lower), ...patternSpans(text)]);
    const { ties, outsideSpans } = this.readTies(lower, chosen);
    const taken = [
      ...chosen.filter((s) => !(s.meaning.kind === 'industry' && s.meaning.keyword)),
      ...ties,
      ...outsideSpans,
    ];
    const understood = this.toFilters(text, chosen, ties, outsideSpans.length > 0);
    // Nothing read: the words are searched exactly as typed (no filler dropped, no plural folded).
    if (understood.chips.length === 0) return { input, applied: true, text: input.trim(), ...understood };
    return { input, applied: true, text: leftover(text, taken), ...understood };
  }

  private dictionarySpans(lower: string): Span[] {
    const spans: Span[] = [];
    for (const term of this.terms) {
      for (const start of occurrences(lower, term.lower)) {
        let end = start + term.lower.length;
        if (term.latin) {
          const plural = ['industry', 'employer', 'seniority'].includes(term.meaning.kind);
          const whole = wholeWordEnd(lower, start, end, plural);
          if (whole === undefined) continue;
          end = whole;
        }
        spans.push({ start, end, rank: term.rank, meaning: term.meaning });
      }
    }
    return spans;
  }

  /** Most specific first (rank), then longest, then leftmost; no two readings overlap. */
  private choose(spans: Span[]): Span[] {
    const sorted = [...spans].sort(
      (a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
    const chosen: Span[] = [];
    for (const s of sorted) if (!chosen.some((c) => s.start < c.end && c.start < s.end)) chosen.push(s);
    return chosen.sort((a, b) => a.start - b.start);
  }

  /**
   * Places read as ties (吉林籍, born in Changchun) instead of locations, and "outside" words; a
   * place right after an "outside" word is the region the people are outside of and tied to.
   */
  private readTies(lower: string, chosen: Span[]): { ties: Span[]; outsideSpans: Span[] } {
    const ties: Span[] = [];
    const outsideSpans: Span[] = [];
    const overlaps = (start: number, end: number): boolean =>
      chosen.some((c) => start < c.end && c.start < end) || ties.some((c) => start < c.end && c.start < end);
    for (const pattern of [OUTSIDE_ZH, OUTSIDE_EN])
      for (const m of lower.matchAll(pattern)) {
        const start = m.index;
        const end = start + m[0].length;
        if (overlaps(start, end)) continue;
        outsideSpans.push({ start, end, rank: RANK.marker, meaning: { kind: 'stop' } });
        const next = chosen.find((c) => c.start >= end && lower.slice(end, c.start).trim() === '');
        if (next && isPlace(next.meaning)) {
          chosen.splice(chosen.indexOf(next), 1);
          ties.push(next);
        }
      }
    for (const place of [...chosen]) {
      if (!isPlace(place.meaning)) continue;
      const before = lower.slice(0, place.start);
      const after = lower.slice(place.end);
      const zhAfter = TIE_AFTER_ZH.exec(after);
      const zhBefore = TIE_BEFORE_ZH.exec(before);
      const enBefore = TIE_BEFORE_EN.exec(before);
      const enAfter = TIE_AFTER_EN.exec(after);
      let start = place.start;
      let end = place.end;
      if (zhAfter) end += zhAfter[0].length;
      else if (zhBefore && TIE_AFTER_FOR_BEFORE_ZH.test(after)) {
        start -= zhBefore[0].length;
        end += (TIE_AFTER_FOR_BEFORE_ZH.exec(after) as RegExpExecArray)[0].length;
      } else if (zhBefore && /^(出生于|生于|祖籍|籍贯|老家)$/u.test(zhBefore[0])) start -= zhBefore[0].length;
      else if (enBefore) start -= enBefore[0].length;
      else if (enAfter) end += enAfter[0].length;
      else continue;
      chosen.splice(chosen.indexOf(place), 1);
      ties.push({ ...place, start, end });
    }
    return { ties, outsideSpans };
  }

  private toFilters(
    text: string,
    chosen: readonly Span[],
    ties: readonly Span[],
    outside: boolean,
  ): Pick<QueryUnderstanding, 'filters' | 'chips'> {
    const filters: UnderstoodFilters = {};
    const chips: UnderstoodChip[] = [];
    const chip = (kind: ChipKind, value: string, label: { en: string; zh: string }, span: Span): void => {
      if (!chips.some((c) => c.kind === kind && c.value === value))
        chips.push({ kind, value, label, matched: text.slice(span.start, span.end).trim() });
    };
    const push = (key: 'region' | 'city' | 'country' | 'industry' | 'org', value: string): void => {
      const list: string[] = filters[key] ?? [];
      if (!list.includes(value)) list.push(value);
      filters[key] = list;
    };
    for (const span of chosen) {
      const m = span.meaning;
      switch (m.kind) {
        case 'region':
          push('region', m.code);
          chip('region', m.code, { en: m.en, zh: m.zh }, span);
          break;
        case 'city':
          push('city', m.en);
          chip('city', m.en, { en: m.en, zh: m.zh }, span);
          break;
        case 'country':
          push('country', m.code);
          chip('country', m.code, { en: m.en, zh: m.zh }, span);
          break;
        case 'industry':
          push('industry', m.id);
          chip('industry', m.id, { en: m.en, zh: m.zh }, span);
          break;
        case 'tier': {
          const tiers = new Set<Tier>([...(filters.tier ?? []), ...m.tiers]);
          filters.tier = [...tiers].sort();
          for (const t of m.tiers) chip('tier', t, { en: `tier ${t}`, zh: `${t} 级` }, span);
          break;
        }
        case 'seniority': {
          const current = filters.seniority;
          // Two levels in one query ("senior staff engineer"): the higher one is what is asked.
          if (current === undefined || SENIORITY_ORDER.indexOf(m.level) < SENIORITY_ORDER.indexOf(current)) {
            chips.splice(0, chips.length, ...chips.filter((c) => c.kind !== 'seniority'));
            filters.seniority = m.level;
            chip('seniority', m.level, SENIORITY_LABELS[m.level], span);
          }
          break;
        }
        case 'patents':
          filters.patents = m.has;
          chip(
            'patents',
            String(m.has),
            m.has ? { en: 'has patents', zh: '有专利' } : { en: 'no patents', zh: '无专利' },
            span,
          );
          break;
        case 'school':
        case 'employer':
          push('org', m.name);
          chip(m.kind, m.name, { en: m.name, zh: m.name }, span);
          break;
        case 'stop':
          break;
      }
    }
    const tie = ties[0];
    if (tie) {
      const code =
        tie.meaning.kind === 'city'
          ? tie.meaning.regionCode
          : tie.meaning.kind === 'region'
            ? tie.meaning.code
            : this.homeRegion;
      filters.tieRegion = code;
      const names = this.regionNames(code);
      chip('tieRegion', code, { en: `ties to ${names.en}`, zh: `与${names.zh}有关联` }, tie);
    }
    if (outside) {
      filters.outside = true;
      const names = this.regionNames(filters.tieRegion ?? this.homeRegion);
      chips.push({
        kind: 'outside',
        value: 'true',
        label: { en: `outside ${names.en}`, zh: `不在${names.zh}` },
        matched: '',
      });
    }
    return { filters, chips };
  }
}

const SENIORITY_LABELS: Readonly<Record<Seniority, { en: string; zh: string }>> = {
  executive: { en: 'executive', zh: '高管' },
  director: { en: 'director or above', zh: '总监及以上' },
  principal: { en: 'principal / full professor or above', zh: '正高级及以上' },
  senior: { en: 'senior or above', zh: '高级及以上' },
  professional: { en: 'professional or above', zh: '中级及以上' },
  junior: { en: 'junior', zh: '初级' },
};

function isPlace(m: TermMeaning): boolean {
  return m.kind === 'region' || m.kind === 'city';
}

/** School and employer names the dictionaries do not hold, read from their shape. */
function patternSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(SCHOOL_ZH)) {
    const lead = SCHOOL_LEAD.exec(m[0]);
    const name = lead ? m[0].slice(lead[0].length) : m[0];
    if ([...name].length < 4) continue;
    const start = m.index + (m[0].length - name.length);
    spans.push({
      start,
      end: m.index + m[0].length,
      rank: RANK.organization + 0.5,
      meaning: { kind: 'school', name },
    });
  }
  for (const m of text.matchAll(SCHOOL_EN))
    spans.push({
      start: m.index,
      end: m.index + m[0].length,
      rank: RANK.organization + 0.5,
      meaning: { kind: 'school', name: m[0].trim() },
    });
  for (const m of text.matchAll(EMPLOYER_EN)) {
    const name = m[1] as string;
    const start = m.index + m[0].length - name.length;
    spans.push({
      start,
      end: start + name.length,
      rank: RANK.organization + 0.7,
      meaning: { kind: 'employer', name },
    });
  }
  for (const m of text.matchAll(EMPLOYER_ZH)) {
    const name = m[1] as string;
    spans.push({
      start: m.index + 1,
      end: m.index + 1 + name.length,
      rank: RANK.organization + 0.7,
      meaning: { kind: 'employer', name },
    });
  }
  return spans;
}

const ZH_STOPS = [...STOP_WORDS_ZH].sort((a, b) => b.length - a.length);

function stripZhStops(segment: string): string {
  let s = segment;
  for (let changed = true; changed && s !== '';) {
    changed = false;
    for (const stop of ZH_STOPS) {
      if (s.startsWith(stop)) {
        s = s.slice(stop.length);
        changed = true;
      }
      if (s.endsWith(stop) && s !== '') {
        s = s.slice(0, s.length - stop.length);
        changed = true;
      }
    }
  }
  return s;
}

/** `engineers` → `engineer`, `batteries` → `battery`; `process`, `physics` and `lidar` stay. */
function singular(word: string): string {
  if (word.length <= 3 || /(ss|us|is|ics)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The words no reading took, without the filler of a request: what the full-text search matches. */
function leftover(text: string, taken: readonly Span[]): string {
  // Offsets are UTF-16 units; rebuild by units so a taken span blanks exactly its characters.
  let masked = '';
  for (let i = 0; i < text.length; i++)
    masked += taken.some((s) => i >= s.start && i < s.end) ? '\uffff' : (text[i] as string);
  const words: string[] = [];
  // Only spaces and Chinese punctuation split: `ada.leakwell` or `c++` stay one term.
  for (const piece of masked.split(/[\uffff\s，、；。！？]+/u)) {
    if (piece === '') continue;
    if (HAN.test(piece)) {
      for (const part of piece.split(/的/u)) {
        const kept = stripZhStops(part);
        if (kept !== '') words.push(kept);
      }
      continue;
    }
    const word = piece.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, '');
    if (word === '' || STOP_WORDS_EN.has(word)) continue;
    words.push(singular(word));
  }
  return words.join(' ');
}
