import type { estypes } from '@elastic/elasticsearch';
import type { TalentProfile } from '../../processors/model/profile.js';
import { raiseFailures, runBulk, type BulkOperation } from './bulk-writer.js';
import { ElasticsearchConnection, type ConnectionOptions } from './connection.js';
import { aliasName, versionedName, versionOf } from './mappings.js';
import { toProfileDoc } from './profile-doc.js';
import { indicesOfAlias, profileTemplateOptions, putTemplate, type ProfileIndexSettings } from './setup.js';

export interface ReindexOptions extends ConnectionOptions, ProfileIndexSettings {
  prefix: string;
  /** Profiles per page read and per bulk written. @defaultValue 1000 */
  batchSize?: number;
  onProgress?: (progress: { copied: number; total: number }) => void;
}

export interface ReindexResult {
  alias: string;
  from: string;
  to: string;
  documents: number;
  seconds: number;
}

/**
 * Rebuilds the profile index with the current template, without `_reindex` (the server may not
 * have it) and without losing a write:
 *
 * 1. the template is put again and `<prefix>-profiles-v<N+1>` created from it (refresh off while
 *    it fills);
 * 2. the old index gets a write block: a writer during the copy fails loudly (and its batch is
 *    replayed later) instead of writing to an index about to be dropped;
 * 3. every profile is read through a point in time (a consistent snapshot, `_shard_doc` order,
 *    `search_after`) and written with documents derived again from the stored profile — so new
 *    derived fields are filled;
 * 4. counts are compared, then one `_aliases` call moves the alias (atomic for readers), and the
 *    old index is deleted.
 *
 * On failure before the swap the new index is deleted and the block lifted: the alias never moved.
 */
export async function reindexProfiles(options: ReindexOptions): Promise<ReindexResult> {
  const started = Date.now();
  const connection = new ElasticsearchConnection(options);
  const client = connection.client;
  const alias = aliasName(options.prefix, 'profiles');
  try {
    const current = await indicesOfAlias(connection, alias);
    if (current.length !== 1)
      throw new Error(
        `reindex: alias ${alias} points to ${current.length === 0 ? 'no index' : current.join(', ')}; it must point to one`,
      );
    const from = current[0] as string;
    const version = versionOf(options.prefix, 'profiles', from);
    if (version === undefined)
      throw new Error(`reindex: ${alias} points to ${from}, not a ${alias}-v<N> index this backend created`);
    const to = versionedName(options.prefix, 'profiles', version + 1);

    await putTemplate(
      connection,
      options.prefix,
      'profiles',
      await profileTemplateOptions(connection, options),
    );
    // A leftover of an interrupted reindex: never aliased (checked above), so safe to drop.
    await connection.call(`delete leftover ${to}`, () =>
      client.indices.delete({ index: to, ignore_unavailable: true }),
    );
    await connection.call(`create ${to}`, () =>
      client.indices.create({ index: to, settings: { refresh_interval: '-1' } }),
    );

    let blocked = false;
    try {
      await connection.call(`write block on ${from}`, () =>
        client.indices.addBlock({ index: from, block: 'write' }),
      );
      blocked = true;
      const total = await count(connection, from);
      const copied = await copy(connection, from, to, total, options);
      await connection.call(`settings of ${to}`, () =>
        // null restores the default interval.
        client.indices.putSettings({ index: to, settings: { refresh_interval: null as unknown as string } }),
      );
      await connection.call(`refresh ${to}`, () => client.indices.refresh({ index: to }));
      const written = await count(connection, to);
      if (written !== total || copied !== total)
        throw new Error(
          `reindex: ${from} holds ${total} profiles, ${to} received ${copied} and holds ${written}`,
        );
      await connection.call(`move alias ${alias} to ${to}`, () =>
        client.indices.updateAliases({
          actions: [{ remove: { index: from, alias } }, { add: { index: to, alias, is_write_index: true } }],
        }),
      );
    } catch (error) {
      await connection
        .call(`delete ${to}`, () => client.indices.delete({ index: to, ignore_unavailable: true }))
        .catch(() => undefined);
      if (blocked)
        await connection
          .call(`lift write block on ${from}`, () =>
            client.indices.putSettings({ index: from, settings: { 'index.blocks.write': false } }),
          )
          .catch(() => undefined);
      throw error;
    }
    await connection.call(`delete ${from}`, () => client.indices.delete({ index: from }));
    return {
      alias,
      from,
      to,
      documents: await count(connection, alias),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await connection.close();
  }
}

async function count(connection: ElasticsearchConnection, index: string): Promise<number> {
  const response = await connection.call(`count ${index}`, () => connection.client.count({ index }));
  return response.count;
}

async function copy(
  connection: ElasticsearchConnection,
  from: string,
  to: string,
  total: number,
  options: ReindexOptions,
): Promise<number> {
  const client = connection.client;
  const size = options.batchSize ?? 1000;
  const pit = await connection.call(`open point in time on ${from}`, () =>
    client.openPointInTime({ index: from, keep_alive: '2m' }),
  );
  let pitId = pit.id;
  let copied = 0;
  try {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const page = await connection.call(`read ${from}`, () =>
        client.search<{ profile: TalentProfile }>({
          pit: { id: pitId, keep_alive: '2m' },
          sort: [{ _shard_doc: 'asc' }],
          size,
          _source: ['profile'],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        }),
      );
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      const operations = hits.flatMap((h): BulkOperation[] =>
        h._source
          ? [{ op: 'index', index: to, id: h._id as string, doc: toProfileDoc(h._source.profile) }]
          : [],
      );
      if (operations.length > 0) raiseFailures(connection, await runBulk(connection, operations));
      copied += operations.length;
      options.onProgress?.({ copied, total });
      const last = hits[hits.length - 1];
      if (hits.length < size || last?.sort === undefined) break;
      after = last.sort;
    }
  } finally {
    await connection
      .call('close point in time', () => client.closePointInTime({ id: pitId }))
      .catch(() => undefined);
  }
  return copied;
}
