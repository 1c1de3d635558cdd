import type { Tier } from '../../processors/model/profile.js';
import type { Seniority } from '../../processors/normalize/job-title.js';

/**
 * Filters read from plain language, named as GET /api/search's parameters, so an edited chip is
 * sent back as an ordinary parameter (`region=CN-JS`, `patents=true`).
 */
export interface UnderstoodFilters {
  /** ISO 3166-2 codes (`CN-JS`, `US-CA`). */
  region?: string[];
  /** Cities in English (pinyin for Chinese ones): `Changchun`. */
  city?: string[];
  /** ISO 3166-1 alpha-2. */
  country?: string[];
  /** Industry ids of the configured priority industries. */
  industry?: string[];
  tier?: Tier[];
  /** This level or above, by title words (processors/normalize/job-title.ts levels). */
  seniority?: Seniority;
  /** Only people with (true) or without (false) patents. */
  patents?: boolean;
  /** Schools and employers, any of them (`org=吉林大学`). */
  org?: string[];
  /** People with a tie to this region (studied, worked, born there…): ISO 3166-2. */
  tieRegion?: string;
  /** People not located in the tie region (else the home region). */
  outside?: boolean;
}

export type ChipKind =
  | 'region'
  | 'city'
  | 'country'
  | 'industry'
  | 'tier'
  | 'seniority'
  | 'patents'
  | 'school'
  | 'employer'
  | 'tieRegion'
  | 'outside';

/** One part of the query read as a filter, as the UI shows it ("understood as: …"). */
export interface UnderstoodChip {
  kind: ChipKind;
  /** The parameter value (`CN-JS`, `optoelectronics`, `senior`, `true`). */
  value: string;
  /** What it reads as, in both languages. */
  label: { en: string; zh: string };
  /** The words of the query it was read from. */
  matched: string;
}

export interface QueryUnderstanding {
  /** The query as typed. */
  input: string;
  /** Whether the filters were applied: not when the query uses the query syntax, or `understand=false`. */
  applied: boolean;
  /** The text left once the filters are taken out: what the full-text search matches. */
  text: string;
  filters: UnderstoodFilters;
  chips: UnderstoodChip[];
}
