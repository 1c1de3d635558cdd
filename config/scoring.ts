import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

const points = z.number().min(0).max(100);
const regex = z.string().refine((p) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');
const tierRule = z
  .object({
    label: z.string().min(1),
    patterns: z.array(regex).default([]),
    minPatents: z.number().int().positive().optional(),
    minDegree: z.enum(['doctorate', 'master', 'bachelor']).optional(),
    publicCompanyRoles: z.array(z.enum(['officer', 'director'])).optional(),
    /**
     * Tier A only: titles of an organisation's leaders (chief executive, founder, CTO, chairman); such a
     * title at an anchor employer, or at a filer whose SIC code belongs to an industry, gives the tier.
     */
    leaderTitles: z.array(regex).optional(),
  })
  .strict();

const factor = z.number().min(0).max(1);
const roleKind = z.enum([
  'board',
  'legal',
  'finance',
  'admin',
  'sales',
  'executive',
  'academicStem',
  'academicNonStem',
  'academic',
  'technical',
  'engineering',
  'unknown',
]);

const scoringSchema = z
  .object({
    relevance: z
      .object({
        keywordPoints: z
          .object({
            title: points,
            skill: points,
            education: points,
            patent: points,
            currentEmployer: points,
            affiliation: points,
            summary: points,
          })
          .strict(),
        maxKeywordPoints: points,
        classPointsPerPatent: points,
        maxClassPoints: points,
        sicRolePoints: points,
        anchorEmployerPoints: z.object({ current: points, past: points }).strict(),
        /** Per work whose topics, keywords, venue or title match the industry; optional for older files. */
        pointsPerWork: points.default(6),
        maxWorkPoints: points.default(30),
        /** Employer context (employer-name keywords, SIC codes, anchor employers) adds at most this much. */
        maxEmployerPoints: points.default(60),
        maxRelevancePoints: z.number().positive().max(100),
        minRelevancePoints: points,
      })
      .strict(),
    tier: z
      .object({ points: z.object({ A: points, B: points, C: points, D: points, E: points }).strict() })
      .strict(),
    impact: z
      .object({
        pointsPerPatent: points,
        maxPatentPoints: points,
        officerPoints: points,
        directorPoints: points,
        /** Scholarly impact: points per h-index unit, or per `citationsPerPoint` citations when no h-index is given. */
        pointsPerHIndex: points.default(0.5),
        citationsPerPoint: z.number().positive().default(100),
        maxScholarPoints: points.default(8),
        maxImpactPoints: points,
      })
      .strict(),
    recency: z
      .object({ maxPoints: points, fullYears: z.number().min(0), zeroYears: z.number().positive() })
      .strict()
      .refine((r) => r.zeroYears > r.fullYears, {
        message: 'zeroYears must be greater than fullYears',
        path: ['zeroYears'],
      }),
    scarcity: z.object({ maxPoints: points }).strict(),
    /** How a person's role function weighs employer context and bounds the tier (docs/scoring.md). */
    roleFunctions: z
      .object({
        /** Per role kind; a kind not listed keeps employer context whole (× 1). */
        employerFactor: z.partialRecord(roleKind, factor),
        cappedKinds: z.array(roleKind).default([]),
        maxTier: z.enum(['A', 'B', 'C', 'D', 'E']),
      })
      .strict()
      .default({ employerFactor: {}, cappedKinds: [], maxTier: 'A' }),
    tiers: z
      .object({ A: tierRule, B: tierRule, C: tierRule, D: tierRule, E: tierRule.partial({ patterns: true }) })
      .strict(),
  })
  .strict();

export type ScoringConfig = z.infer<typeof scoringSchema>;

export function loadScoring(path: string): ScoringConfig {
  return loadYamlFile(path, scoringSchema, 'Fix the value (see the comments in config/scoring.yaml).');
}
