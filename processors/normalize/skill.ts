import type { EscoSkill } from '../../config/esco-skills.js';
import type { SkillEntry } from '../../config/skills.js';
import { foldLatin, hasHan } from './fold.js';
import { TermMatcher } from './term-matcher.js';

export interface NormalizedSkill {
  /** Canonical id from the vocabulary, or undefined for a skill outside it. */
  id?: string;
  /** English label (or the skill as written when outside the vocabulary). */
  label: string;
  zh?: string;
}

/** Maps skills as written (`ML`, `机器学习`, `Machine Learning`) to the bilingual vocabulary. */
export class SkillVocabulary {
  private readonly exact = new Map<string, SkillEntry>();
  private readonly matcher: TermMatcher<SkillEntry>;
  /** ESCO labels: whole skills as written only, after the core vocabulary's exact forms. */
  private readonly esco = new Map<string, EscoSkill>();

  constructor(
    private readonly entries: readonly SkillEntry[],
    escoSkills: readonly EscoSkill[] = [],
  ) {
    for (const skill of escoSkills)
      for (const form of [skill.en, ...skill.synonyms]) {
        const key = foldLatin(form);
        if (!this.esco.has(key)) this.esco.set(key, skill);
      }
    const terms: Array<[string, SkillEntry]> = [];
    for (const entry of entries) {
      for (const form of [entry.id, entry.en, entry.zh, ...entry.synonyms]) {
        this.exact.set(hasHan(form) ? form : foldLatin(form), entry);
        terms.push([form, entry]);
      }
    }
    this.matcher = new TermMatcher(terms);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * One skill as written → its vocabulary entry. An exact form wins; otherwise a multi-word skill
   * ("Deep Learning for Vision") maps to the vocabulary terms it contains; otherwise it is kept as written.
   */
  normalize(raw: string): NormalizedSkill[] {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text === '') return [];
    const exact = this.exact.get(hasHan(text) ? text : foldLatin(text));
    if (exact) return [{ id: exact.id, label: exact.en, zh: exact.zh }];
    const esco = hasHan(text) ? undefined : this.esco.get(foldLatin(text));
    if (esco) return [{ id: esco.id, label: esco.en }];
    const hits = this.matcher.matches(text).filter((hit) => hit.term.length > 2 || hasHan(hit.term));
    if (hits.length > 0) {
      const unique = new Map(hits.map((hit) => [hit.value.id, hit.value]));
      return [...unique.values()].map((entry) => ({ id: entry.id, label: entry.en, zh: entry.zh }));
    }
    return [{ label: text.length > 80 ? `${text.slice(0, 79)}…` : text }];
  }
}
