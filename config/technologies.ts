import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

/** The technologies analysts keep expert lists for (config/technologies.yaml). */

const classPrefix = z
  .string()
  .regex(
    /^[A-H]\d{2}[A-Z]?(\s?\d{1,4}(\/\d{1,6})?)?$/,
    'expected a CPC/IPC prefix such as "H01L", "G02B 6" or "H04B 7/185"',
  );

const technologySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id such as "sic-power-devices"'),
    name: z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
    industry: z.string().min(1),
    keywords: z
      .object({ en: z.array(z.string().min(1)).default([]), zh: z.array(z.string().min(1)).default([]) })
      .strict()
      .refine((k) => k.en.length + k.zh.length > 0, { message: 'at least one keyword is needed' }),
    cpc: z.array(classPrefix).default([]),
    ipc: z.array(classPrefix).default([]),
    topics: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type Technology = z.infer<typeof technologySchema>;

function technologiesSchema(industryIds: readonly string[]) {
  return z
    .object({ technologies: z.array(technologySchema).min(1) })
    .strict()
    .superRefine((value, ctx) => {
      const seen = new Set<string>();
      value.technologies.forEach((t, i) => {
        if (!industryIds.includes(t.industry))
          ctx.addIssue({
            code: 'custom',
            path: ['technologies', i, 'industry'],
            message: `unknown industry "${t.industry}"; the industries file defines ${industryIds.join(', ')}`,
          });
        if (seen.has(t.id))
          ctx.addIssue({ code: 'custom', path: ['technologies', i, 'id'], message: `"${t.id}" twice` });
        seen.add(t.id);
      });
    });
}

export function loadTechnologies(path: string, industryIds: readonly string[]): Technology[] {
  return loadYamlFile(
    path,
    technologiesSchema(industryIds),
    'Fix the entry (see the comments at the top of config/technologies.yaml).',
  ).technologies;
}
