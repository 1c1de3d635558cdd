import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

/**
 * The person resolver's measured error rates (config/resolution-quality.yaml), from which every
 * supply figure gets its interval (api/gaps/supply-interval.ts).
 */

const count = z.number().int().nonnegative();

const schema = z
  .object({
    pairwise: z
      .object({
        source: z.string().min(1),
        split: z.string().min(1),
        truePositives: count,
        predicted: count,
        actual: count,
      })
      .strict()
      .refine((p) => p.truePositives <= p.predicted && p.truePositives <= p.actual, {
        message: 'truePositives cannot exceed predicted or actual pairs',
      }),
    profiles: z
      .object({
        source: z.string().min(1),
        profiles: count.min(1),
        people: count.min(1),
        falseMergeProfiles: count,
      })
      .strict()
      .refine((p) => p.falseMergeProfiles <= p.profiles, {
        message: 'falseMergeProfiles cannot exceed profiles',
      }),
  })
  .strict();

export type ResolutionQuality = z.infer<typeof schema>;

export function loadResolutionQuality(path: string): ResolutionQuality {
  return loadYamlFile(
    path,
    schema,
    'Copy the figures from the evaluations (see the comments at the top of config/resolution-quality.yaml).',
  );
}
