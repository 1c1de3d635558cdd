import type { TalentProfile } from '../../processors/model/profile.js';
import { profileDigest } from '../profile-digest.js';
import { foldText, indexedSkills, searchColumns } from '../embedded/search-text.js';
import { TEXT_FIELDS, type TextField } from './mappings.js';
import { stripDiacritics, trigramTokens } from './substring-grams.js';

/**
 * The Elasticsearch document of one profile: the profile itself, stored whole and not indexed
 * (`get` returns it exactly), plus the fields search, filters, facets, sorting and supply read —
 * all derived from it, so a reindex recomputes them from `profile` alone.
 */
export interface ProfileDoc extends Record<TextField, string[]> {
  id: string;
  profile: TalentProfile;
  /** The evidence's mention ids (which profiles hold a mention). */
  mentionIds: string[];
  /** {@link profileDigest} of `profile`. */
  digest: string;
  /** Each text value as trigram tokens, for substring matching (substring-grams.ts). */
  grams: Record<TextField, string[]>;
  tier: string;
  priority: number;
  lastSeen: string;
  /** Industries with a score above 0 (the industry facet). */
  industries: string[];
  /** Scores above 0 only: sorts and range filters read a missing score as 0. */
  scores: Record<string, number>;
  evidenceCount: number;
  evidenceBySource: Record<string, number>;
  place: {
    country: string[];
    /** Facet values: ISO 3166-2 code, else the region's name. */
    region: string[];
    /** Facet values: city in English, else in Han characters. */
    city: string[];
    /** Filter keys: folded code, name and Chinese name of every region. */
    regionKeys: string[];
    cityKeys: string[];
  };
  skillLabels: string[];
  /** Folded label, Chinese label and vocabulary id of every skill (the skill filter). */
  skillKeys: string[];
  /** Supply cells the profile counts in, per asked dimension (see supply.ts). */
  supply: { region: string[]; country: string[]; regionCountry: string[] };
}

const UNKNOWN = 'unknown';
/** Separates region and country in `supply.regionCountry`; cannot occur in either. */
export const CELL_SEPARATOR = '\u001f';

const distinct = (values: Array<string | undefined>): string[] => [
  ...new Set(values.filter((v): v is string => v !== undefined && v !== '')),
];

/**
 * The text of each search field as separate values, so a phrase never spans two of them (text
 * fields put a position gap between values). The columns are the embedded index's
 * ({@link searchColumns}), split where it joined them: both backends search the same fields.
 */
function textValues(p: TalentProfile): Record<TextField, string[]> {
  const columns = searchColumns(p);
  return Object.fromEntries(
    TEXT_FIELDS.map((f) => [
      f,
      columns[f] === '' ? [] : distinct(columns[f].split(' ; ').map(stripDiacritics)),
    ]),
  ) as Record<TextField, string[]>;
}

export function toProfileDoc(p: TalentProfile): ProfileDoc {
  const scores: Record<string, number> = {};
  for (const [industry, score] of Object.entries(p.scores)) if (score > 0) scores[industry] = score;
  const evidenceBySource: Record<string, number> = {};
  for (const e of p.evidence) evidenceBySource[e.sourceKind] = (evidenceBySource[e.sourceKind] ?? 0) + 1;

  const regionOf = (l: TalentProfile['locations'][number]): string | undefined => l.regionCode ?? l.region;
  const withRegion = p.locations.filter((l) => regionOf(l) !== undefined);
  const withCountry = p.locations.filter((l) => l.country !== undefined);
  const withEither = p.locations.filter((l) => regionOf(l) !== undefined || l.country !== undefined);
  const orUnknown = (values: string[]): string[] => (values.length > 0 ? values : [UNKNOWN]);

  const text = textValues(p);
  return {
    id: p.id,
    profile: p,
    mentionIds: distinct(p.evidence.map((e) => e.mentionId)),
    digest: profileDigest(p),
    ...text,
    grams: Object.fromEntries(
      TEXT_FIELDS.map((f) => [f, text[f].map(trigramTokens).filter((g) => g !== '')]),
    ) as Record<TextField, string[]>,
    tier: p.tier,
    priority: p.priorityScore,
    lastSeen: p.lastSeen,
    industries: Object.keys(scores),
    scores,
    evidenceCount: p.evidence.length,
    evidenceBySource,
    place: {
      country: distinct(p.locations.map((l) => l.country)),
      region: distinct(p.locations.map(regionOf)),
      city: distinct(p.locations.map((l) => l.city ?? l.cityZh)),
      regionKeys: distinct(
        p.locations.flatMap((l) => [l.regionCode, l.region, l.regionZh].map((v) => v && foldText(v))),
      ),
      cityKeys: distinct(p.locations.flatMap((l) => [l.city, l.cityZh].map((v) => v && foldText(v)))),
    },
    skillLabels: distinct(indexedSkills(p).map((s) => s.label)),
    skillKeys: distinct(indexedSkills(p).flatMap((s) => [s.label, s.zh, s.id].map((v) => v && foldText(v)))),
    // As the embedded supply: a location counts when it names an asked field; a profile with none
    // counts once under `unknown`.
    supply: {
      region: orUnknown(distinct(withRegion.map(regionOf))),
      country: orUnknown(distinct(withCountry.map((l) => l.country))),
      regionCountry: orUnknown(
        distinct(withEither.map((l) => `${regionOf(l) ?? UNKNOWN}${CELL_SEPARATOR}${l.country ?? UNKNOWN}`)),
      ).map((v) => (v === UNKNOWN ? `${UNKNOWN}${CELL_SEPARATOR}${UNKNOWN}` : v)),
    },
  };
}
