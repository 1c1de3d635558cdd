import { createHash } from 'node:crypto';
import { erasureKeyHash } from '../erasure-keys.js';
import type { DocumentInfo, PersonMention } from '../../processors/model/mention.js';
import type { IngestCommit, RecordOutcomeKind, SharedIngestState, StoredMention } from '../ingest-state.js';
import { raiseFailures, runBulk, type BulkOperation, type BulkOptions } from './bulk-writer.js';
import type { ElasticsearchIndex } from './elasticsearch-index.js';
import { aliasName } from './mappings.js';
import { chunks, scanHits } from './scan.js';
import { ensureAlias, indicesOfAlias } from './setup.js';

/**
 * The ingest state on Elasticsearch, in three indices beside the profiles (each behind its alias):
 *
 * - `<prefix>-records`: one document per source record (id = source id): checksum and outcome;
 * - `<prefix>-mentions`: one per stored mention (id = mention id): its merge keys (keyword array,
 *   searched breadth-first by {@link connectedMentions}), source, profile, and the mention itself
 *   as a stored, unindexed object;
 * - `<prefix>-inputs`: one per finished input file (id = hash of its fingerprint).
 *
 * Elasticsearch has no transaction across documents, so {@link commit} writes in an order after
 * which a crash at any point leaves a state the replay of the same batch repairs:
 *
 * 1. profiles (puts and removals) — rebuilt from the mentions as still stored, so a replay
 *    rebuilds the same profiles and finds the same stale ids to remove;
 * 2. moved mentions' new profile ids — only once their profiles are written;
 * 3. the batch's mentions, and the removal of mentions of re-ingested sources the new content no
 *    longer has — after 2, so a mention that a batch source's old keys connected to already names
 *    its rebuilt profile when those keys disappear;
 * 4. the records' checksums — last but for inputs: until they are written the records are not
 *    committed, and a rerun processes them again (the replay); once they are, it skips them;
 * 5. the finished inputs.
 *
 * Each step is idempotent (writes by id), so replaying steps a crash already did is harmless.
 */

interface RecordDoc {
  sourceId: string;
  checksum: string;
  outcome: RecordOutcomeKind;
  committedAt: string;
}

interface MentionDoc {
  mentionId: string;
  sourceId: string;
  profileId: string;
  keys: string[];
  stored: { fetchedAt: string; document: DocumentInfo; mention: PersonMention };
}

/** `_id` is limited to 512 bytes: longer source or mention ids are stored under their hash (the field keeps the id). */
function documentId(id: string): string {
  return Buffer.byteLength(id) <= 256 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

const inputId = (fingerprint: string): string => createHash('sha256').update(fingerprint).digest('hex');

export class ElasticsearchIngestState implements SharedIngestState {
  readonly mentions: string;
  readonly records: string;
  readonly inputs: string;
  private ready: Promise<void> | undefined;
  private hasErasures = false;

  constructor(
    private readonly index: ElasticsearchIndex,
    private readonly bulkOptions: BulkOptions = {},
  ) {
    this.mentions = aliasName(index.prefix, 'mentions');
    this.records = aliasName(index.prefix, 'records');
    this.inputs = aliasName(index.prefix, 'inputs');
  }

  private get connection() {
    return this.index.connection;
  }

  /** Creates the three indices on first use (a search-only process never needs them). */
  private ensure(): Promise<void> {
    this.ready ??= (async () => {
      for (const kind of ['mentions', 'records', 'inputs'] as const)
        await ensureAlias(this.connection, this.index.prefix, kind, async () => ({}));
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async committedChecksums(sourceIds: readonly string[]): Promise<Map<string, string>> {
    await this.ensure();
    const found = new Map<string, string>();
    for (const part of chunks([...new Set(sourceIds)], 1000)) {
      // mget is real-time: no refresh needed to see the last commit.
      const response = await this.connection.call(`mget ${this.records}`, () =>
        this.connection.client.mget<RecordDoc>({ index: this.records, ids: part.map(documentId) }),
      );
      for (const doc of response.docs)
        if ('found' in doc && doc.found && doc._source && doc._source.outcome !== 'rejected')
          found.set(doc._source.sourceId, doc._source.checksum);
    }
    return found;
  }

  async *scanMentions(): AsyncGenerator<{ mentionId: string; sourceId: string; keys: string[] }> {
    await this.ensure();
    await this.connection.refresh(this.mentions);
    for await (const hit of scanHits<{ keys: string[]; sourceId: string }>(this.connection, {
      index: this.mentions,
      query: { match_all: {} },
      key: 'mentionId',
      source: ['keys', 'sourceId'],
    }))
      yield {
        mentionId: hit._id as string,
        sourceId: hit._source?.sourceId ?? '',
        keys: hit._source?.keys ?? [],
      };
  }

  async connectedMentions(keys: readonly string[], sources: readonly string[]): Promise<StoredMention[]> {
    const reached = await this.reach(keys, sources);
    return this.readMentions([...reached.keys()]);
  }

  async connectedOwners(keys: readonly string[]): Promise<Array<{ mentionId: string; profileId: string }>> {
    const reached = await this.reach(keys, []);
    return [...reached].map(([id, m]) => ({ mentionId: m.mentionId ?? id, profileId: m.profileId ?? '' }));
  }

  /**
   * The stored mentions reachable from `keys` (and those of `sources`), breadth-first over shared
   * keys, with the few fields the search returns: document id → keys, mention id, profile id.
   */
  private async reach(
    keys: readonly string[],
    sources: readonly string[],
  ): Promise<Map<string, { keys: string[]; mentionId?: string; profileId?: string }>> {
    await this.ensure();
    // Always, not only after this process's writes: a mention another worker committed a moment
    // ago must join the rebuild, or two profiles of one person would be built apart.
    await this.connection.refresh(this.mentions);
    const found = new Map<string, { keys: string[]; mentionId?: string; profileId?: string }>();
    let frontierIds: string[] = [];
    const search = async (field: 'sourceId' | 'keys', values: string[]): Promise<void> => {
      for (const part of chunks(values, 1000))
        for await (const hit of scanHits<{ keys?: string[]; mentionId?: string; profileId?: string }>(
          this.connection,
          {
            index: this.mentions,
            query: { terms: { [field]: part } },
            key: 'mentionId',
            source: ['keys', 'mentionId', 'profileId'],
          },
        )) {
          const id = hit._id as string;
          if (found.has(id)) continue;
          found.set(id, {
            keys: hit._source?.keys ?? [],
            ...(hit._source?.mentionId ? { mentionId: hit._source.mentionId } : {}),
            ...(hit._source?.profileId ? { profileId: hit._source.profileId } : {}),
          });
          frontierIds.push(id);
        }
    };
    await search('sourceId', [...new Set(sources)]);
    const seenKeys = new Set<string>();
    let frontierKeys = [...new Set(keys)];
    // Breadth-first over the key graph: keys → mentions → their other keys → …
    while (frontierKeys.length > 0 || frontierIds.length > 0) {
      for (const k of frontierKeys) seenKeys.add(k);
      await search('keys', frontierKeys);
      const next = new Set<string>();
      for (const id of frontierIds)
        for (const k of found.get(id)?.keys ?? []) if (!seenKeys.has(k)) next.add(k);
      frontierIds = [];
      frontierKeys = [...next];
    }
    return found;
  }

  /** Whole stored mentions by document id (mget: real-time). */
  private async readMentions(ids: readonly string[]): Promise<StoredMention[]> {
    const out: StoredMention[] = [];
    for (const part of chunks(ids, 500)) {
      const response = await this.connection.call(`mget ${this.mentions}`, () =>
        this.connection.client.mget<MentionDoc>({ index: this.mentions, ids: part }),
      );
      for (const doc of response.docs) {
        if (!('found' in doc) || !doc.found || !doc._source) continue;
        const m = doc._source;
        out.push({
          mentionId: m.mentionId,
          sourceId: m.sourceId,
          profileId: m.profileId,
          keys: m.keys,
          fetchedAt: m.stored.fetchedAt,
          document: m.stored.document,
          mention: m.stored.mention,
        });
      }
    }
    return out;
  }

  async profilesHolding(mentionIds: readonly string[]): Promise<Map<string, string>> {
    // Always refreshed: another worker's profile written a moment ago is what this looks for.
    await this.connection.refresh(this.index.alias);
    const holding = new Map<string, string>();
    for (const part of chunks([...new Set(mentionIds)], 1000))
      for await (const hit of scanHits<{ digest?: string }>(this.connection, {
        index: this.index.alias,
        query: { terms: { mentionIds: part } },
        key: 'id',
        source: ['digest'],
      }))
        holding.set(hit._id as string, hit._source?.digest ?? '');
    return holding;
  }

  async erasedKeys(keys: readonly string[]): Promise<Set<string>> {
    const erased = new Set<string>();
    const alias = aliasName(this.index.prefix, 'erasures');
    // No erasure yet, no index: nothing is erased. Once there, it stays (checked once).
    if (!this.hasErasures) {
      if ((await indicesOfAlias(this.connection, alias)).length === 0) return erased;
      this.hasErasures = true;
    }
    const byHash = new Map([...new Set(keys)].map((k) => [erasureKeyHash(k), k]));
    for (const part of chunks([...byHash.keys()], 1000)) {
      // mget is real-time: an erasure a moment ago counts.
      const response = await this.connection.call(`mget ${alias}`, () =>
        this.connection.client.mget({ index: alias, ids: part, _source: false }),
      );
      for (const doc of response.docs)
        if ('found' in doc && doc.found) erased.add(byHash.get(doc._id) as string);
    }
    return erased;
  }

  async isInputFinished(fingerprint: string): Promise<boolean> {
    await this.ensure();
    return this.connection.call(`exists in ${this.inputs}`, () =>
      this.connection.client.exists({ index: this.inputs, id: inputId(fingerprint) }),
    );
  }

  async commit(batch: IngestCommit): Promise<void> {
    await this.ensure();
    const bulk = async (operations: BulkOperation[], ignoreMissing = false): Promise<void> => {
      if (operations.length === 0) return;
      const results = await runBulk(this.connection, operations, this.bulkOptions);
      raiseFailures(this.connection, results, (r) => ignoreMissing && r.status === 404);
    };
    const now = new Date().toISOString();

    // 1. Profiles.
    await this.index.replace(batch.profiles);

    // 2. Stored mentions now in another profile (a missing one has nothing to move, as in SQL).
    await bulk(
      batch.moved.map((m) => ({
        op: 'update',
        index: this.mentions,
        id: documentId(m.mentionId),
        partial: { profileId: m.profileId },
      })),
      true,
    );

    // 3. The batch's mentions, and the old mentions of re-ingested sources that the new content lacks.
    const written = new Set(batch.mentions.map((m) => documentId(m.mentionId)));
    const stale: string[] = [];
    if (batch.replacedSources.length > 0) {
      await this.connection.beforeRead(this.mentions);
      for (const part of chunks([...new Set(batch.replacedSources)], 1000))
        for await (const hit of scanHits(this.connection, {
          index: this.mentions,
          query: { terms: { sourceId: part } },
          key: 'mentionId',
          source: false,
        }))
          if (!written.has(hit._id as string)) stale.push(hit._id as string);
    }
    await bulk(
      [
        ...stale.map((id): BulkOperation => ({ op: 'delete', index: this.mentions, id })),
        ...batch.mentions.map((m): BulkOperation => ({
          op: 'index',
          index: this.mentions,
          id: documentId(m.mentionId),
          doc: {
            mentionId: m.mentionId,
            sourceId: m.sourceId,
            profileId: m.profileId,
            keys: m.keys,
            stored: { fetchedAt: m.fetchedAt, document: m.document, mention: m.mention },
          } satisfies MentionDoc,
        })),
      ],
      true,
    );

    // 4. Records: from here on the batch is committed.
    await bulk(
      batch.records.map((r): BulkOperation => ({
        op: 'index',
        index: this.records,
        id: documentId(r.sourceId),
        doc: {
          sourceId: r.sourceId,
          checksum: r.checksum,
          outcome: r.outcome,
          committedAt: now,
        } satisfies RecordDoc,
      })),
    );

    // 5. Finished inputs.
    await bulk(
      batch.finishedInputs.map((f): BulkOperation => ({
        op: 'index',
        index: this.inputs,
        id: inputId(f.fingerprint),
        doc: { fingerprint: f.fingerprint, path: f.path, records: f.records, finishedAt: now },
      })),
    );
  }

  async recordCounts(): Promise<Record<RecordOutcomeKind, number>> {
    await this.ensure();
    await this.connection.beforeRead(this.records);
    const response = await this.connection.call(`record counts ${this.records}`, () =>
      this.connection.client.search({
        index: this.records,
        size: 0,
        aggs: { outcome: { terms: { field: 'outcome', size: 10 } } },
      }),
    );
    const counts: Record<RecordOutcomeKind, number> = { parsed: 0, skipped: 0, rejected: 0 };
    const buckets =
      (response.aggregations?.outcome as { buckets?: Array<{ key: string; doc_count: number }> } | undefined)
        ?.buckets ?? [];
    for (const b of buckets) if (b.key in counts) counts[b.key as RecordOutcomeKind] = b.doc_count;
    return counts;
  }
}
