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
  // Service connections. The defaults are where `scripts/services/services.sh up` and
  // docker-compose.yml publish each service; the ports avoid the standard 9092/9200 so another
  // install on the machine does not answer for ours.
  setting({
    path: 'kafka.brokers',
    env: 'TALENT_KAFKA_BROKERS',
    schema: z
      .string()
      .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'expected host:port, or several separated by commas'),
    default: '127.0.0.1:19092',
    unit: 'host:port list',
    description: 'Kafka bootstrap brokers, comma-separated, for the ingest workers.',
    example: '127.0.0.1:19092',
  }),
  setting({
    path: 'elasticsearch.url',
    env: 'TALENT_ELASTICSEARCH_URL',
    schema: z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL'),
    default: 'http://127.0.0.1:19200',
    unit: 'URL',
    description: 'Elasticsearch node the Elasticsearch index backend talks to.',
    example: 'http://127.0.0.1:19200',
  }),
  setting({
    path: 'redis.url',
    env: 'TALENT_REDIS_URL',
    schema: z.string().regex(/^rediss?:\/\/\S+$/, 'expected a redis:// or rediss:// URL'),
    default: 'redis://127.0.0.1:6379',
    unit: 'URL',
    description: 'Redis for job queues and the scheduler.',
    example: 'redis://127.0.0.1:6379',
  }),
  setting({
    path: 'metrics.port',
    env: 'TALENT_METRICS_PORT',
    schema: z.number().int().min(0).max(65535),
    default: 0,
    unit: 'port',
    description:
      'Port where a headless process (worker, crawler) serves Prometheus metrics at /metrics on metrics.host; 0 turns it off. The API serves its own at /metrics.',
    example: '9464',
  }),
  setting({
    path: 'metrics.host',
    env: 'TALENT_METRICS_HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    unit: 'address',
    description: 'Interface the metrics port listens on (0.0.0.0 in a container, so Prometheus can reach it).',
    example: '0.0.0.0',
  }),
  setting({
    path: 'kafka.topicPrefix',
    env: 'TALENT_KAFKA_TOPIC_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"'),
    default: 'talent',
    unit: 'name',
    description:
      'Prefix of the topics: <prefix>.raw.resumes, .raw.patents, .raw.filings, .raw.profile-pages, <prefix>.erasure, <prefix>.dlq.',
    example: 'talent',
  }),
  setting({
    path: 'kafka.partitions',
    env: 'TALENT_KAFKA_PARTITIONS',
    schema: positiveInt,
    default: 6,
    unit: 'count',
    description: 'Partitions of each raw topic when the project creates it (existing topics are left as they are).',
    example: '6',
  }),
  setting({
    path: 'kafka.groupId',
    env: 'TALENT_KAFKA_GROUP',
    schema: z.string().min(1),
    default: 'talent-brain-workers',
    unit: 'name',
    description: 'Consumer group of the ingest workers; workers of one group share the partitions.',
    example: 'talent-brain-workers',
  }),
  setting({
    path: 'elasticsearch.prefix',
    env: 'TALENT_ELASTICSEARCH_PREFIX',
    schema: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case index name prefix'),
    default: 'talent',
    unit: 'name',
    description: 'Prefix of the Elasticsearch indices and aliases (<prefix>-profiles, <prefix>-mentions…).',
    example: 'talent',
  }),
  setting({
    path: 'index.backend',
    env: 'TALENT_INDEX_BACKEND',
    schema: z.enum(['embedded', 'elasticsearch']),
    default: 'embedded',
    unit: 'name',
    description: 'Where profiles are indexed: embedded (SQLite in data.dir) or elasticsearch (elasticsearch.url).',
    example: 'elasticsearch',
  }),
] as const;

export type SettingPath = (typeof settings)[number]['path'];
