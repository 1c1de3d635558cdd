import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

const classPrefix = z
  .string()
  .regex(
    /^[A-H]\d{2}[A-Z]?(\s?\d{1,4}(\/\d{1,6})?)?$/,
    'expected a CPC/IPC prefix such as "H01L", "G02B 6" or "H04B 7/185"',
  );

const industrySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id such as "semiconductors"'),
    name: z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
    scarcity: z.number().min(0).max(1),
    keywords: z
      .object({ en: z.array(z.string().min(1)).default([]), zh: z.array(z.string().min(1)).default([]) })
      .strict(),
    cpc: z.array(classPrefix).default([]),
    ipc: z.array(classPrefix).default([]),
    sic: z
      .array(z.string().regex(/^\d{4}$/, 'expected a 4-digit SIC code in quotes, e.g. "3674"'))
      .default([]),
    naics: z.array(z.string().regex(/^\d{2,6}$/, 'expected a 2–6 digit NAICS code')).default([]),
    employers: z.array(z.string().min(1)).default([]),
    /** Topic, field and subject names of scholarly sources (OpenAlex topics/subfields, Semantic Scholar fields, Crossref subjects), matched whole, case-insensitive. */
    topics: z.array(z.string().min(1)).default([]),
    /** Journal and conference names whose works belong to the industry, matched whole, case-insensitive. */
    venues: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Industry = z.infer<typeof industrySchema>;

const industriesFileSchema = z
  .object({ industries: z.array(industrySchema).min(1, 'at least one industry is needed') })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.industries.forEach((industry, i) => {
      if (seen.has(industry.id))
        ctx.addIssue({
          code: 'custom',
          path: ['industries', i, 'id'],
          message: `duplicate industry id "${industry.id}"`,
        });
      seen.add(industry.id);
    });
  });

export function loadIndustries(path: string): Industry[] {
  return loadYamlFile(
    path,
    industriesFileSchema,
    'Fix the entry (see the comments at the top of config/industries.yaml).',
  ).industries;
}
