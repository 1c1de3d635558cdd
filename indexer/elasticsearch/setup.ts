import { errors } from '@elastic/elasticsearch';
import type { ElasticsearchConnection } from './connection.js';
import {
  aliasName,
  SCHEMA_VERSIONS,
  indexTemplate,
  versionedName,
  type ChineseAnalyzer,
  type IndexKind,
  type TemplateOptions,
} from './mappings.js';

/** How a new profile index is set up: shards, replicas, and the Chinese analyzer (`auto` asks the cluster). */
export interface ProfileIndexSettings {
  /** Primary shards of the profile index. @defaultValue 1 */
  shards?: number;
  /** `auto_expand_replicas`. @defaultValue '0-1' */
  replicas?: string;
  /** `auto` (default): smartcn, else ICU, when every node has the plugin; `none`: neither. */
  chineseAnalyzer?: ChineseAnalyzer | 'auto' | 'none';
}

/** The template options of a new profile index, asking the cluster for a Chinese analyzer when `auto`. */
export async function profileTemplateOptions(
  connection: ElasticsearchConnection,
  settings: ProfileIndexSettings,
): Promise<TemplateOptions> {
  const asked = settings.chineseAnalyzer ?? 'auto';
  const chinese =
    asked === 'auto' ? await detectChineseAnalyzer(connection) : asked === 'none' ? undefined : asked;
  return {
    ...(settings.shards !== undefined ? { shards: settings.shards } : {}),
    ...(settings.replicas !== undefined ? { replicas: settings.replicas } : {}),
    ...(chinese ? { chineseAnalyzer: chinese } : {}),
  };
}

/** The live index behind an alias does not have the mappings this code writes. */
export class ElasticsearchSchemaError extends Error {
  override readonly name = 'ElasticsearchSchemaError';
}

/** What the live index of an alias says about itself (its mapping's `_meta`). */
export interface LiveIndex {
  alias: string;
  index: string;
  schemaVersion: number;
  chineseAnalyzer: ChineseAnalyzer | undefined;
}

/**
 * The Chinese analyzer a plugin offers on every node, if any: smartcn (word segmentation) first,
 * else the ICU analyzer. The integ-test distribution has neither; search never depends on them.
 */
async function detectChineseAnalyzer(
  connection: ElasticsearchConnection,
): Promise<ChineseAnalyzer | undefined> {
  let info;
  try {
    info = await connection.call('nodes info (plugins)', () =>
      connection.client.nodes.info({ metric: 'plugins' }),
    );
  } catch {
    // A user without the monitor privilege cannot ask; the standard analyzer does the matching anyway.
    return undefined;
  }
  const nodes = Object.values(info.nodes);
  if (nodes.length === 0) return undefined;
  const everywhere = (plugin: string): boolean =>
    nodes.every((n) => (n.plugins ?? []).some((p) => p.name === plugin));
  if (everywhere('analysis-smartcn')) return 'smartcn';
  if (everywhere('analysis-icu')) return 'icu_analyzer';
  return undefined;
}

export async function putTemplate(
  connection: ElasticsearchConnection,
  prefix: string,
  kind: IndexKind,
  options: TemplateOptions,
): Promise<void> {
  const body = indexTemplate(prefix, kind, options);
  await connection.call(`put index template ${body.name}`, () =>
    connection.client.indices.putIndexTemplate(body),
  );
}

/** Indices the alias points to (none when it does not exist). */
export async function indicesOfAlias(connection: ElasticsearchConnection, alias: string): Promise<string[]> {
  const found = await connection.call(`get alias ${alias}`, () =>
    connection.client.indices.getAlias({ name: alias }, { ignore: [404] }),
  );
  // A 404 body is `{ error, status }`; index names are the keys of a found alias.
  return Object.entries(found as Record<string, unknown>)
    .filter(
      ([key, value]) => key !== 'error' && key !== 'status' && typeof value === 'object' && value !== null,
    )
    .map(([key]) => key);
}

async function readMeta(connection: ElasticsearchConnection, alias: string): Promise<LiveIndex> {
  const mappings = await connection.call(`get mapping ${alias}`, () =>
    connection.client.indices.getMapping({ index: alias }),
  );
  const [index, value] = Object.entries(mappings)[0] ?? [];
  if (index === undefined || value === undefined)
    throw new Error(`Elasticsearch has no mapping for ${alias}`);
  const meta = (value.mappings._meta ?? {}) as { schemaVersion?: unknown; chineseAnalyzer?: unknown };
  const chinese = meta.chineseAnalyzer;
  return {
    alias,
    index,
    schemaVersion: typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 0,
    chineseAnalyzer: chinese === 'smartcn' || chinese === 'icu_analyzer' ? chinese : undefined,
  };
}

function isAlreadyExists(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return (
    cause instanceof errors.ResponseError &&
    JSON.stringify(cause.body ?? '').includes('resource_already_exists_exception')
  );
}

/**
 * Makes sure `<prefix>-<kind>` exists: creates `<prefix>-<kind>-v1` behind it from the current
 * template when it does not (two processes racing both succeed), then checks the live index's
 * schema version against this code's.
 */
export async function ensureAlias(
  connection: ElasticsearchConnection,
  prefix: string,
  kind: IndexKind,
  /** Asked only when the index has to be created. */
  templateOptions: () => Promise<TemplateOptions>,
): Promise<LiveIndex> {
  const alias = aliasName(prefix, kind);
  let targets = await indicesOfAlias(connection, alias);
  if (targets.length === 0) {
    const exists = await connection.call(`exists ${alias}`, () =>
      connection.client.indices.exists({ index: alias }),
    );
    // `exists` is true for an alias too: another process may have created it since the read above.
    if (exists) targets = await indicesOfAlias(connection, alias);
    if (exists && targets.length === 0)
      throw new ElasticsearchSchemaError(
        `an index named ${alias} exists where this backend keeps an alias (to ${versionedName(prefix, kind, 1)}); ` +
          `use another prefix (TALENT_ELASTICSEARCH_PREFIX) or remove that index`,
      );
  }
  if (targets.length === 0) {
    await putTemplate(connection, prefix, kind, await templateOptions());
    const index = versionedName(prefix, kind, 1);
    try {
      await connection.call(`create index ${index}`, () =>
        connection.client.indices.create({ index, aliases: { [alias]: { is_write_index: true } } }),
      );
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    targets = await indicesOfAlias(connection, alias);
  }
  if (targets.length !== 1)
    throw new ElasticsearchSchemaError(
      `alias ${alias} points to ${targets.length} indices (${targets.join(', ')}); it must point to one — ` +
        'an interrupted reindex? keep the newest complete one',
    );
  const live = await readMeta(connection, alias);
  const version = SCHEMA_VERSIONS[kind];
  if (live.schemaVersion > version)
    throw new ElasticsearchSchemaError(
      `${live.index} was written with Elasticsearch schema version ${live.schemaVersion}; this program reads up to ${version}: upgrade it`,
    );
  if (live.schemaVersion < version)
    throw new ElasticsearchSchemaError(
      `${live.index} has Elasticsearch schema version ${live.schemaVersion}; this program writes ${version}: ` +
        (kind === 'profiles' ? 'run `talent-brain reindex` first' : `drop ${alias} and ingest again`),
    );
  return live;
}
