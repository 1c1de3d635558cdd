/**
 * The labelled people of the scoring bench (`labels.json`): who each person is by what the
 * documents say — role function, the priority industries their evidence supports, the tier band an
 * expert would give — written by reading the documents, never from the scorer's output.
 *
 * A label names a person by the corpus file (relative to the corpus) and a key: the normalised
 * name as the document writes it, or, for résumés (personal data), the first 16 hex digits of the
 * SHA-256 of that normalised name. No corpus text and no contact data are kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TIERS, type Tier } from '../../processors/model/profile.js';

/** Role functions of titles and affiliations; `labels.json` uses these ids. */
export const ROLE_FUNCTIONS = [
  'technical',
  'engineering-management',
  'executive',
  'finance',
  'legal',
  'hr-admin-party',
  'union-discipline',
  'sales-procurement',
  'board-only',
  'academic-stem',
  'academic-non-stem',
] as const;
export type RoleFunction = (typeof ROLE_FUNCTIONS)[number];

/** Functions whose industry evidence makes a person priority talent. */
const TALENT_FUNCTIONS: ReadonlySet<RoleFunction> = new Set([
  'technical',
  'engineering-management',
  'executive',
  'academic-stem',
]);

/** Business and board-only functions: employer context alone should not score them in an industry. */
export const BUSINESS_FUNCTIONS: ReadonlySet<RoleFunction> = new Set([
  'finance',
  'legal',
  'hr-admin-party',
  'union-discipline',
  'sales-procurement',
  'board-only',
]);

export const LABEL_SETS = ['dev', 'check'] as const;
export type LabelSet = (typeof LABEL_SETS)[number];

/** `B` or `B-D`: the tiers an expert would accept, best first. */
const tierBand = z.string().regex(/^[A-E](-[A-E])?$/, 'tier band like "B" or "B-D"');

const labelSchema = z
  .object({
    set: z.enum(LABEL_SETS),
    file: z.string().min(1),
    /** The document's language (ISO 639-1), so figures can be read for Chinese documents apart. */
    language: z.string().regex(/^[a-z]{2}$/),
    name: z.string().min(1).optional(),
    nameSha256: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'the first 16 hex digits of the SHA-256 of the normalised name')
      .optional(),
    function: z.enum(ROLE_FUNCTIONS),
    industries: z.array(z.string()),
    tier: tierBand,
    reason: z.string().min(1),
  })
  .strict()
  .refine((l) => (l.name === undefined) !== (l.nameSha256 === undefined), {
    message: 'a label has exactly one of name and nameSha256',
  });

export type ScoringLabel = z.infer<typeof labelSchema>;

const labelsFileSchema = z.object({ people: z.array(labelSchema) }).strict();

export const LABELS_FILE = join(import.meta.dirname, 'labels.json');

/** Reads and checks `labels.json`: industries must be configured ones, keys unique. */
export function loadLabels(industryIds: readonly string[], file = LABELS_FILE): ScoringLabel[] {
  const people = labelsFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).people;
  const known = new Set(industryIds);
  const seen = new Set<string>();
  for (const label of people) {
    for (const industry of label.industries)
      if (!known.has(industry)) throw new Error(`${labelKey(label)}: unknown industry ${industry}`);
    const [best, worst] = bandTiers(label.tier);
    if (TIERS.indexOf(best) > TIERS.indexOf(worst))
      throw new Error(`${labelKey(label)}: tier band ${label.tier} runs backwards`);
    const key = labelKey(label);
    if (seen.has(key)) throw new Error(`${key}: labelled twice`);
    seen.add(key);
  }
  return people;
}

/** Case, width and punctuation folded: "THIEL PETER" and "Thiel, Peter" differ only in order. */
export function normaliseLabelName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The résumé key: a prefix of the SHA-256 of the normalised name. */
export function nameSha256(name: string): string {
  return createHash('sha256').update(normaliseLabelName(name)).digest('hex').slice(0, 16);
}

/** Whether a name as a parser read it is the labelled person's. */
export function nameMatches(label: ScoringLabel, name: string): boolean {
  if (label.name !== undefined) return normaliseLabelName(label.name) === normaliseLabelName(name);
  return nameSha256(name) === label.nameSha256;
}

/** The label's id in results and miss lists: file + name, or file + hash for résumés. */
export function labelKey(label: ScoringLabel): string {
  return `${label.file}#${label.name ?? `sha256:${label.nameSha256 ?? ''}`}`;
}

export function bandTiers(band: string): [best: Tier, worst: Tier] {
  const [best, worst = best] = band.split('-') as [Tier, Tier?];
  return [best, worst];
}

export function tierInBand(tier: Tier, band: string): boolean {
  const [best, worst] = bandTiers(band);
  const i = TIERS.indexOf(tier);
  return i >= TIERS.indexOf(best) && i <= TIERS.indexOf(worst);
}

/** Priority talent: a technical, leadership or STEM function with evidence in some priority industry. */
export function isTalent(label: ScoringLabel): boolean {
  return TALENT_FUNCTIONS.has(label.function) && label.industries.length > 0;
}

export function isBusinessOrBoard(label: ScoringLabel): boolean {
  return BUSINESS_FUNCTIONS.has(label.function);
}
