import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

/** One organisation: its forms in any script, the first the name shown. */
const organizationForms = z.array(z.string().min(1)).min(1, 'an organisation needs at least one name');

const regionSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'expected an ISO 3166-2 code such as "CN-JL"'),
    name: z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
    cities: z.array(z.string().min(1)).default([]),
    universities: z.array(organizationForms).default([]),
    employers: z.array(organizationForms).default([]),
  })
  .strict();

export type HomeRegion = z.infer<typeof regionSchema>;

export function loadRegions(path: string): HomeRegion[] {
  return loadYamlFile(
    path,
    z.object({ regions: z.array(regionSchema).min(1, 'at least one region is needed') }).strict(),
    'Fix the entry (see the comments at the top of config/regions.yaml).',
  ).regions;
}
