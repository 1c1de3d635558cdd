import type { BulkOptions } from './bulk-writer.js';
import { ElasticsearchConnection, type ConnectionOptions } from './connection.js';
import { ElasticsearchIndex } from './elasticsearch-index.js';
import { ElasticsearchIngestState } from './ingest-state.js';
import { aliasName, INDEX_KINDS, versionOf } from './mappings.js';
import { ensureAlias, profileTemplateOptions, type ProfileIndexSettings } from './setup.js';

export { ElasticsearchIndex } from './elasticsearch-index.js';
export { ElasticsearchIngestState } from './ingest-state.js';
export { BulkWriteError, type BulkFailure, type BulkOptions } from './bulk-writer.js';
export { ElasticsearchRequestError, type WriteCounters } from './connection.js';
export { ElasticsearchSchemaError, type ProfileIndexSettings } from './setup.js';
export { SCHEMA_VERSIONS, type ChineseAnalyzer } from './mappings.js';
export { reindexProfiles, type ReindexOptions, type ReindexResult } from './reindex.js';

/**
 * `chineseAnalyzer` sets the `.zh` ranking sub-fields of a new profile index; matching never
 * uses them (see compile-query.ts).
 */
export interface ElasticsearchIndexOptions extends ConnectionOptions, ProfileIndexSettings {
  /** Names of the indices and aliases: `<prefix>-profiles`, `<prefix>-mentions`, … */
  prefix: string;
  bulk?: BulkOptions;
}

/**
 * Connects to Elasticsearch and makes sure `<prefix>-profiles` exists (an alias of
 * `<prefix>-profiles-v1` on a fresh cluster, created from the current index template).
 */
export async function openElasticsearchIndex(
  options: ElasticsearchIndexOptions,
): Promise<ElasticsearchIndex> {
  const connection = new ElasticsearchConnection(options);
  try {
    const live = await ensureAlias(connection, options.prefix, 'profiles', () =>
      profileTemplateOptions(connection, options),
    );
    return new ElasticsearchIndex(connection, options.prefix, live, options.bulk ?? {});
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** The index with its ingest state (records, mentions, inputs), as the ingest uses them. */
export async function openElasticsearchBackend(
  options: ElasticsearchIndexOptions,
): Promise<{ index: ElasticsearchIndex; state: ElasticsearchIngestState }> {
  const index = await openElasticsearchIndex(options);
  return { index, state: new ElasticsearchIngestState(index, options.bulk ?? {}) };
}

/**
 * Deletes every index and template of a prefix (tests, `reset`). Names are listed and deleted
 * one by one: clusters refuse wildcard deletes by default (`action.destructive_requires_name`).
 */
export async function dropElasticsearchIndices(
  options: ConnectionOptions & { prefix: string },
): Promise<string[]> {
  const connection = new ElasticsearchConnection(options);
  try {
    const listed = await connection.call(`list ${options.prefix}-*`, () =>
      connection.client.indices.get({
        index: `${options.prefix}-*`,
        allow_no_indices: true,
        expand_wildcards: 'all',
      }),
    );
    const ours = Object.keys(listed).filter((name) =>
      INDEX_KINDS.some((kind) => versionOf(options.prefix, kind, name) !== undefined),
    );
    if (ours.length > 0)
      await connection.call(`delete ${ours.join(',')}`, () =>
        connection.client.indices.delete({ index: ours, ignore_unavailable: true }),
      );
    for (const kind of INDEX_KINDS)
      await connection.call(`delete template ${aliasName(options.prefix, kind)}`, () =>
        connection.client.indices.deleteIndexTemplate(
          { name: aliasName(options.prefix, kind) },
          { ignore: [404] },
        ),
      );
    return ours;
  } finally {
    await connection.close();
  }
}
