import type { FormatName, SourceKind } from '../../lib/envelope.js';
import type { DegreeLevel } from '../normalize/degree.js';
import type { AffiliationKind } from '../normalize/org-hygiene.js';
import type { Seniority } from '../normalize/job-title.js';
import type { NormalizedPlace } from '../normalize/place.js';
import type { DocumentInfo, Evidence, MentionRole, RawFilingRole } from './mention.js';

/** Version of the profile document; indexes store it and migrate on change. */
export const PROFILE_SCHEMA_VERSION = 1;

/** The tiers, best first (processors/score/tier.ts assigns them). */
export const TIERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Tier = (typeof TIERS)[number];

export interface ProfileAffiliation {
  organization: string;
  /** A party or state organ (中国共产党…, 市人民政府): shown, never scored as an industry employer. */
  kind?: AffiliationKind;
  /** Canonical key (legal suffixes folded), for filters and merging. */
  organizationKey: string;
  title?: string;
  seniority?: Seniority;
  department?: string;
  startDate?: string;
  endDate?: string;
  current: boolean;
  sic?: string;
  sources: string[];
}

export interface ProfileEducation {
  institution: string;
  area?: string;
  degree?: string;
  degreeLevel?: DegreeLevel;
  startDate?: string;
  endDate?: string;
  sources: string[];
}

/** A scholarly work of the person, merged across sources by DOI (else the source's work id). */
export interface ProfilePublication {
  id: string;
  doi?: string;
  title: string;
  year?: number;
  venue?: string;
  topics: string[];
  keywords: string[];
  citedByCount?: number;
  sourceId: string;
}

export interface ProfilePatent {
  /** `US11477944B2`-style publication id. */
  id: string;
  title: string;
  abstract?: string;
  docType: 'grant' | 'application';
  date?: string;
  cpc: string[];
  ipc: string[];
  assignees: string[];
  coInventors: string[];
  citationCount?: number;
  sourceId: string;
}

export interface ProfileFilingRole extends Omit<RawFilingRole, 'date'> {
  date?: string;
  sourceId: string;
}

/** One line of a score explanation: points, why, and which source supports it. */
export interface ScoreContribution {
  points: number;
  reason: string;
  sources?: string[];
}

export interface IndustryScore {
  industry: string;
  score: number;
  relevancePoints: number;
  contributions: ScoreContribution[];
}

export interface ScoreExplanation {
  tier: { tier: Tier; rule: string; because: string };
  industries: IndustryScore[];
  /** `scarcity`, `recency`… settings in force, so a reader can recompute. */
  notes: string[];
}

/** What one source document says about the person, kept so merges can be redone. */
export interface SourceEvidence {
  sourceId: string;
  sourceKind: SourceKind;
  format: FormatName;
  mentionId: string;
  role: MentionRole;
  document: DocumentInfo;
  fetchedAt: string;
  facts: Evidence[];
}

/**
 * One merge that made a profile: the pair of mentions whose evidence joined two groups of the
 * person's mentions, and why ("same SEC CIK 1494730", "2 shared co-inventors + same organisation").
 */
export interface ProfileMerge {
  left: string;
  right: string;
  /** `strong`: a shared ORCID, CIK or e-mail; `evidence`: a pair score at or above the threshold. */
  kind: 'strong' | 'evidence';
  score?: number;
  summary: string;
  /** Each piece of evidence with its weight, e.g. "same organisation samsung electronics (+3)". */
  reasons: string[];
}

/** The document every index stores: one person, everything we know and why they rank where they do. */
export interface TalentProfile {
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  /** Stable id: a hash of the strongest key of the person (ORCID, SEC CIK, e-mail, or name + organisation). */
  id: string;
  displayName: string;
  /** Every form of the name seen (as written, normalized, Han and pinyin). */
  names: string[];
  /** Folded name keys and pinyin keys, for matching. */
  nameKeys: string[];
  honorifics: string[];
  gender?: string;
  birthDate?: string;
  nationality?: string;
  emails: string[];
  phones: string[];
  urls: string[];
  identifiers: { orcid?: string; secCiks: string[] };
  affiliations: ProfileAffiliation[];
  locations: NormalizedPlace[];
  education: ProfileEducation[];
  /** Job titles and professional titles (教授, 高级工程师), de-duplicated. */
  titles: string[];
  /** Highest seniority among titles. */
  seniority?: Seniority;
  skills: Array<{ id?: string; label: string; zh?: string }>;
  summary?: string;
  patents: ProfilePatent[];
  /** Works from publication sources (absent on profiles built before them). */
  publications?: ProfilePublication[];
  /** Author-level counts (OpenAlex, Semantic Scholar): the highest each source gives. */
  scholarMetrics?: { worksCount?: number; citedByCount?: number; hIndex?: number };
  filingRoles: ProfileFilingRole[];
  /** Score 0–100 per industry id (every configured industry present, 0 when unrelated). */
  scores: Record<string, number>;
  /** Industries with a score > 0, highest first. */
  topIndustries: Array<{ industry: string; score: number }>;
  tier: Tier;
  /** The overall priority: the best industry score. */
  priorityScore: number;
  /** One line a recruiter reads first: "Tier B · semiconductors 72: 3 patents in H01L…". */
  reason: string;
  explanation: ScoreExplanation;
  evidence: SourceEvidence[];
  /** How the evidence's mentions were found to be one person, in merge order (absent for one mention). */
  merges?: ProfileMerge[];
  firstSeen: string;
  lastSeen: string;
}
