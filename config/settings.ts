import { z } from 'zod';

/**
 * Every setting of Talent Brain, in one place: its type, default, unit, environment variable and
 * what it does. `config/load.ts` reads a YAML file and the environment against this list, and
 * `talent-brain config --doc` prints it as the README's config reference.
 */
export interface SettingSpec<T> {
  /** Dotted path in the YAML file, e.g. `processors.maxDocumentBytes`. */
  path: string;
  env: string;
  schema: z.ZodType<T>;
  default: T;
  /** Unit of a numeric value (`bytes`, `ms`) or a word describing the value. */
  unit: string;
  description: string;
  /** An example of a valid value, used in "how to fix" messages. */
  example: string;
}

const positiveInt = z.number().int().positive();
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

export const settings = [
  setting({
    path: 'log.level',
    env: 'TALENT_LOG_LEVEL',
    schema: logLevel,
    default: 'info',
    unit: 'level',
    description: 'Minimum level of structured (pino) log lines, written to stderr.',
    example: 'debug',
  }),
  setting({
    path: 'data.dir',
    env: 'TALENT_DATA_DIR',
    schema: z.string().min(1),
    default: './data',
    unit: 'path',
    description: 'Directory of the embedded index, checkpoints and the rejects file.',
    example: './data',
  }),
  setting({
    path: 'processors.maxDocumentBytes',
    env: 'TALENT_MAX_DOCUMENT_BYTES',
    schema: positiveInt,
    default: 64 * 1024 * 1024,
    unit: 'bytes',
    description: 'A record larger than this is rejected (`too-large`) before parsing.',
    example: '67108864',
  }),
  setting({
    path: 'scoring.industriesFile',
    env: 'TALENT_INDUSTRIES_FILE',
    schema: z.string().min(1),
    default: 'config/industries.yaml',
    unit: 'path',
    description: 'Priority industries: bilingual keywords, CPC/IPC prefixes, SIC codes, anchor employers.',
    example: 'config/industries.yaml',
  }),
  setting({
    path: 'scoring.weightsFile',
    env: 'TALENT_SCORING_FILE',
    schema: z.string().min(1),
    default: 'config/scoring.yaml',
    unit: 'path',
    description: 'Score weights (relevance, tier, impact, recency, scarcity) and tier rules.',
    example: 'config/scoring.yaml',
  }),
  setting({
    path: 'scoring.skillsFile',
    env: 'TALENT_SKILLS_FILE',
    schema: z.string().min(1),
    default: 'config/skills.yaml',
    unit: 'path',
    description: 'Bilingual skills vocabulary with synonyms.',
    example: 'config/skills.yaml',
  }),
  setting({
    path: 'analysis.demandFile',
    env: 'TALENT_DEMAND_FILE',
    schema: z.string().min(1),
    default: 'config/demand.yaml',
    unit: 'path',
    description: 'Demand targets per priority industry, tier and region, against which `gaps` measures supply.',
    example: 'config/demand.yaml',
  }),
  setting({
    path: 'scoring.referenceDate',
    env: 'TALENT_REFERENCE_DATE',
    schema: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
      .nullable(),
    default: null,
    unit: 'date',
    description:
      'Date that recency is measured from. Unset: today. Set it to make scores reproducible across days.',
    example: '2026-01-01',
  }),
] as const;

export type SettingPath = (typeof settings)[number]['path'];
