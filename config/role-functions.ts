import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

/**
 * The role functions the scorer knows. The set is fixed (config/scoring.yaml weighs each one); a
 * region's vocabulary file only says which titles mean which function.
 */
export const ROLE_FUNCTIONS = [
  'board',
  'legal',
  'finance',
  'admin',
  'sales',
  'executive',
  'academic',
  'technical',
  'engineering',
] as const;
export type RoleFunctionId = (typeof ROLE_FUNCTIONS)[number];

const pattern = z.string().refine((p) => {
  try {
    new RegExp(p, 'iu');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const functionSchema = z
  .object({
    id: z.enum(ROLE_FUNCTIONS),
    label: z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict(),
    patterns: z.array(pattern).default([]),
    generic: z.array(pattern).default([]),
  })
  .strict();

const fileSchema = z
  .object({
    functions: z.array(functionSchema).min(1),
    academicFields: z
      .object({ nonStem: z.array(pattern).default([]), stem: z.array(pattern).default([]) })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.functions.forEach((f, i) => {
      if (seen.has(f.id))
        ctx.addIssue({
          code: 'custom',
          path: ['functions', i, 'id'],
          message: `duplicate function "${f.id}"`,
        });
      seen.add(f.id);
    });
  });

/** The vocabulary of config/role-functions.yaml: functions in matching order, academic field words. */
export type RoleFunctionVocabulary = z.infer<typeof fileSchema>;

export function loadRoleFunctions(path: string): RoleFunctionVocabulary {
  return loadYamlFile(
    path,
    fileSchema,
    'Fix the entry (see the comments at the top of config/role-functions.yaml).',
  );
}
