import { z } from 'zod';
import { loadYamlFile } from './yaml-file.js';

const skillSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as "machine-learning"'),
    en: z.string().min(1),
    zh: z.string().min(1),
    synonyms: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type SkillEntry = z.infer<typeof skillSchema>;

export function loadSkills(path: string): SkillEntry[] {
  return loadYamlFile(
    path,
    z.object({ skills: z.array(skillSchema) }).strict(),
    'Fix the entry in the skills vocabulary.',
  ).skills;
}
