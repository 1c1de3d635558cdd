import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Kafka, logLevel } from 'kafkajs';
import { generateApiKey, hashApiKey } from '../../api/access/api-keys.js';
import { buildApp, type ApiApp } from '../../api/server.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import type { Role } from '../../api/access/roles.js';
import { ApiStore } from '../../api/state/api-store.js';
import { loadConfig, type Config } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { runIngest } from '../../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { createLogger } from '../../lib/logger.js';
import { projectRoot } from '../../lib/project-root.js';
import { cleanTopics } from '../helpers/kafka.js';
import { elasticsearchUrl, kafkaBrokers } from '../helpers/services.js';

/**
 * What the API suites share: an embedded index built by the real ingest from a generated corpus
 * (people in the real formats, appearing across sources), a key per role, and a caller that sends
 * a key with each injected request.
 */
export const root = projectRoot(import.meta.url);
export const industries = loadIndustries(join(root, 'config/industries.yaml'));
/** Settings of the suites: none of the machine's TALENT_* variables, reproducible scores. */
export const testConfig: Readonly<Config> = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
export const quietLogger = createLogger({ level: 'silent' });

/** Generates `people` made-up people into `<dir>/corpus`; returns that directory. */
export function generatedCorpus(dir: string, people: number, seed = 7): string {
  const out = join(dir, 'corpus');
  generateCorpus({ count: people, seed, outDir: out, industries });
  return out;
}

/** Ingests `inputs` into the embedded index of `dataDir` with the real file ingest. */
export async function ingestInto(dataDir: string, inputs: string[]): Promise<void> {
  await runIngest({ inputs, dataDir, config: testConfig });
}

/**
 * The real file ingest into the backend `index.backend` names; its last read (the index's stats)
 * goes through the writing connection, which refreshes what it wrote, so another connection (the
 * service's) sees all of it at once.
 */
export async function ingestIntoBackend(
  config: typeof testConfig,
  dataDir: string,
  inputs: string[],
): Promise<void> {
  await runIngest({ inputs, dataDir, config, backend: config.index.backend });
}

/** The suites' settings on Elasticsearch and Kafka, every index and topic under `prefix`. */
export function elasticsearchTestConfig(prefix: string): Readonly<Config> {
  return loadConfig({
    env: {
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_INDEX_BACKEND: 'elasticsearch',
      TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
      TALENT_KAFKA_BROKERS: kafkaBrokers.join(','),
      TALENT_KAFKA_TOPIC_PREFIX: prefix,
    },
  });
}

export type RoleKeys = Record<Role, string>;

/**
 * `inputs` indexed into the backend `config` names (the file ingest for the embedded index, the
 * ingest core for the others), a key per role, and the service built on them.
 */
export async function serveIndexed(
  config: Readonly<Config>,
  dataDir: string,
  inputs: string[],
): Promise<{ built: ApiApp; keys: RoleKeys; as: ReturnType<typeof caller> }> {
  if (config.index.backend === 'embedded') await ingestInto(dataDir, inputs);
  else await ingestIntoBackend(config, dataDir, inputs);
  const keys = issueKeys(dataDir);
  const built = await buildApp({ config, dataDir, logger: quietLogger });
  return { built, keys, as: caller(built.app) };
}

/** Drops the topics and indices a suite made under `prefix`. */
export async function cleanElasticsearchAndKafka(prefix: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'tb-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
  await cleanTopics(kafka, prefix);
  await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
}

/** One key per role in the data directory's API state (names: the role's). */
export function issueKeys(dataDir: string): RoleKeys {
  const store = ApiStore.open(dataDir);
  try {
    const keys = {} as RoleKeys;
    for (const role of ['recruiter', 'analyst', 'admin'] as const) {
      keys[role] = generateApiKey();
      store.putKey({ name: `test-${role}`, role, hash: hashApiKey(keys[role]) });
    }
    return keys;
  } finally {
    store.close();
  }
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** `call(key)('/api/search?q=x')`: an injected request with the key, the JSON body parsed. */
export function caller(app: FastifyInstance) {
  return (key: string | undefined) =>
    async <T = Record<string, unknown>>(
      url: string,
      options: Omit<InjectOptions, 'url'> = {},
    ): Promise<Answer<T>> => {
      const response = await app.inject({
        ...options,
        url,
        headers: { ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
      });
      const type = String(response.headers['content-type'] ?? '');
      return {
        status: response.statusCode,
        body: (type.includes('json') ? response.json() : response.body) as T,
        headers: response.headers,
      };
    };
}

/** `?a=1&b=x` from an object; arrays become repeated parameters. */
export function qs(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      search.append(name, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}
