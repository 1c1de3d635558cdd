import { z } from 'zod';
import { TIERS, type Tier } from '../processors/model/profile.js';
import { loadYamlFile } from './yaml-file.js';

const tier = z.enum(TIERS, { message: 'expected a tier letter A–E' });
// Subdivision codes only: supply is located by region (a profile's ISO 3166-2 code), so a bare
// country code would never match any supply.
const region = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'expected an ISO 3166-2 region code such as "CN-JL" (Jilin)');

const targetSchema = z
  .object({
    industry: z.string().min(1),
    tier: tier.optional(),
    region: region.optional(),
    count: z.number().int('expected a whole number of people').positive('expected a count above 0'),
    note: z.string().optional(),
  })
  .strict();

function demandSchema(industryIds: readonly string[]) {
  return z
    .object({
      minScore: z.number().min(0).max(100),
      homeRegion: region,
      targets: z.array(targetSchema).min(1, 'at least one target is needed'),
    })
    .strict()
    .superRefine((value, ctx) => {
      const seen = new Set<string>();
      value.targets.forEach((t, i) => {
        if (!industryIds.includes(t.industry))
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i, 'industry'],
            message: `unknown industry "${t.industry}"; the industries file defines ${industryIds.join(', ')}`,
          });
        const key = `${t.industry}|${t.tier ?? '*'}|${t.region ?? value.homeRegion}`;
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['targets', i],
            message: `a second target for ${t.industry}${t.tier ? ` tier ${t.tier}` : ''} in ${t.region ?? value.homeRegion}; merge the two`,
          });
        seen.add(key);
      });
    });
}

export interface DemandTarget {
  industry: string;
  tier?: Tier;
  /** ISO 3166-2 region; the file's `homeRegion` when the entry names none. */
  region: string;
  count: number;
  note?: string;
}

export interface Demand {
  /** A profile counts as supply for an industry when its score there is at least this. */
  minScore: number;
  homeRegion: string;
  targets: DemandTarget[];
}

/** Reads and validates a demand file against the configured industry ids. */
export function loadDemand(path: string, industryIds: readonly string[]): Demand {
  const raw = loadYamlFile(
    path,
    demandSchema(industryIds),
    'Fix the entry (see the comments at the top of config/demand.yaml).',
  );
  return {
    minScore: raw.minScore,
    homeRegion: raw.homeRegion,
    targets: raw.targets.map((t) => ({
      industry: t.industry,
      region: t.region ?? raw.homeRegion,
      count: t.count,
      ...(t.tier ? { tier: t.tier } : {}),
      ...(t.note ? { note: t.note } : {}),
    })),
  };
}
