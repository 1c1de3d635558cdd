import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IngestCommit, StoredMention } from '../../indexer/ingest-state.js';
import {
  BulkWriteError,
  dropElasticsearchIndices,
  ElasticsearchIngestState,
  openElasticsearchIndex,
  reindexProfiles,
  type ElasticsearchIndex,
} from '../../indexer/elasticsearch/index.js';
import { RetriesExhaustedError } from '../../lib/errors.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { runIndexContract } from '../contract/index-contract.js';
import { fixtureProfiles, profileBySource } from '../contract/fixtures.js';
import { madeUpMention } from '../helpers/made-up-mentions.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

// Index creation and refreshes take a few hundred milliseconds on a small node.
vi.setConfig({ hookTimeout: 60_000, testTimeout: 60_000 });

const prefixes: string[] = [];
/** A new, empty index under a prefix no other run uses; every prefix is dropped after the file. */
async function freshIndex(prefix = uniqueName('tb')): Promise<ElasticsearchIndex> {
  prefixes.push(prefix);
  return openElasticsearchIndex({ url: elasticsearchUrl, prefix });
}

afterAll(async () => {
  for (const prefix of prefixes) await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
});

describeWithService('elasticsearch', 'elasticsearch backend', () => {
  runIndexContract('elasticsearch', () => freshIndex());

  describe('index layout', () => {
    it('keeps profiles in a versioned index behind the alias, with a strict mapping', async () => {
      const prefix = uniqueName('tb');
      const index = await freshIndex(prefix);
      try {
        const client = index.connection.client;
        const aliases = await client.indices.getAlias({ name: `${prefix}-profiles` });
        expect(Object.keys(aliases)).toEqual([`${prefix}-profiles-v1`]);
        const mapping = await client.indices.getMapping({ index: `${prefix}-profiles` });
        expect(mapping[`${prefix}-profiles-v1`]?.mappings.dynamic).toBe('strict');
        // A second open of the same prefix uses the same index.
        const again = await openElasticsearchIndex({ url: elasticsearchUrl, prefix });
        await again.close();
        expect(Object.keys(await client.indices.getAlias({ name: `${prefix}-profiles` }))).toEqual([
          `${prefix}-profiles-v1`,
        ]);
      } finally {
        await index.close();
      }
    });
  });

  describe('concurrent merges', () => {
    it('two writers merging into one id lose no evidence', async () => {
      const prefix = uniqueName('tb');
      const a = await freshIndex(prefix);
      const b = await openElasticsearchIndex({ url: elasticsearchUrl, prefix });
      try {
        const base = profileBySource(fixtureProfiles(), 'fx:wang');
        const first = base.evidence[0] as TalentProfile['evidence'][number];
        await a.upsert([base]);
        const copy = (writer: string, n: number): TalentProfile => ({
          ...structuredClone(base),
          reason: `${writer} ${n}`,
          evidence: [{ ...first, sourceId: `w:${writer}:${n}`, mentionId: `w:${writer}:${n}#0` }],
        });
        const rounds = 12;
        // Every upsert is its own read-merge-write; all 2 × 12 run at once against one document.
        await Promise.all(
          Array.from({ length: rounds }, (_, n) => [
            a.upsert([copy('a', n)]),
            b.upsert([copy('b', n)]),
          ]).flat(),
        );
        const merged = await a.get(base.id);
        const sources = new Set(merged?.evidence.map((e) => e.sourceId));
        for (let n = 0; n < rounds; n++) {
          expect(sources.has(`w:a:${n}`), `a ${n}`).toBe(true);
          expect(sources.has(`w:b:${n}`), `b ${n}`).toBe(true);
        }
        expect(merged?.evidence).toHaveLength(1 + 2 * rounds);
        // The race really happened: writes collided and were merged again.
        expect(
          a.connection.counters.conflictsRetried + b.connection.counters.conflictsRetried,
        ).toBeGreaterThan(0);
        expect((await a.stats()).evidence).toBe(1 + 2 * rounds);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });

  describe('bulk failures', () => {
    it('names the documents the mapping refuses and writes the others', async () => {
      const index = await freshIndex();
      try {
        const [good1, bad, good2] = fixtureProfiles().slice(0, 3) as [
          TalentProfile,
          TalentProfile,
          TalentProfile,
        ];
        const broken = { ...bad, priorityScore: 'very high' as unknown as number };
        const failure = await index.upsert([good1, broken, good2]).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(BulkWriteError);
        const failures = (failure as BulkWriteError).failures;
        expect(failures.map((f) => f.id)).toEqual([bad.id]);
        expect(failures[0]?.status).toBe(400);
        expect(failures[0]?.reason).toMatch(/priority/);
        expect(index.connection.counters.itemsFailed).toBe(1);
        expect(await index.get(good1.id)).toEqual(good1);
        expect(await index.get(good2.id)).toEqual(good2);
        expect(await index.get(bad.id)).toBeUndefined();

        await expect(index.replace({ put: [broken], remove: [] })).rejects.toThrow(
          new RegExp(`refused 1 of 1 writes; first: index ${bad.id}`),
        );
      } finally {
        await index.close();
      }
    });
  });

  describe('retries', () => {
    const block = (index: ElasticsearchIndex, on: boolean) =>
      index.connection.client.indices.putSettings({
        index: index.alias,
        settings: { 'index.blocks.read_only_allow_delete': on },
      });

    it('re-sends items the node answers 429 for, until they are written', async () => {
      const prefix = uniqueName('tb');
      prefixes.push(prefix);
      const index = await openElasticsearchIndex({
        url: elasticsearchUrl,
        prefix,
        retry: { initialDelayMs: 400 },
      });
      try {
        const profiles = fixtureProfiles();
        // The flood-stage disk block: a real node refusing writes with 429 per item.
        await block(index, true);
        const writing = index.replace({ put: profiles, remove: [] });
        await vi.waitFor(() => expect(index.connection.counters.itemsRetried).toBeGreaterThan(0), {
          timeout: 10_000,
          interval: 10,
        });
        await block(index, false);
        await writing;
        expect(index.connection.counters.itemsFailed).toBe(0);
        expect((await index.stats()).profiles).toBe(profiles.length);
      } finally {
        await index.close();
      }
    });

    it('reports items still refused when the attempts run out', async () => {
      const prefix = uniqueName('tb');
      prefixes.push(prefix);
      const index = await openElasticsearchIndex({
        url: elasticsearchUrl,
        prefix,
        retry: { maxAttempts: 2, initialDelayMs: 10 },
      });
      try {
        const [p] = fixtureProfiles();
        await block(index, true);
        const failure = await index
          .replace({ put: [p as TalentProfile], remove: [] })
          .catch((e: unknown) => e);
        await block(index, false);
        expect(failure).toBeInstanceOf(BulkWriteError);
        expect((failure as BulkWriteError).failures).toMatchObject([
          { id: p?.id, status: 429, type: 'cluster_block_exception' },
        ]);
        expect((failure as BulkWriteError).failures[0]?.reason).toMatch(/still failing after 2 attempts/);
      } finally {
        await index.close();
      }
    });

    it('retries an unreachable node, then says where it looked', async () => {
      const opening = openElasticsearchIndex({
        url: 'http://127.0.0.1:1',
        prefix: 'unreachable',
        retry: { maxAttempts: 2, initialDelayMs: 10 },
      });
      await expect(opening).rejects.toBeInstanceOf(RetriesExhaustedError);
      await expect(opening).rejects.toThrow(/gave up after 2 attempts.*TALENT_ELASTICSEARCH_URL/);
    });
  });

  describe('reindex', () => {
    it('copies every profile into v2, moves the alias and drops v1', async () => {
      const prefix = uniqueName('tb');
      const index = await freshIndex(prefix);
      try {
        const profiles = fixtureProfiles();
        await index.upsert(profiles);
        const before = await index.search({ text: '长春光机所', facets: ['tier'] });
        const progress: number[] = [];
        const result = await reindexProfiles({
          url: elasticsearchUrl,
          prefix,
          batchSize: 7,
          onProgress: (p) => progress.push(p.copied),
        });
        expect(result).toMatchObject({
          alias: `${prefix}-profiles`,
          from: `${prefix}-profiles-v1`,
          to: `${prefix}-profiles-v2`,
          documents: profiles.length,
        });
        expect(progress.at(-1)).toBe(profiles.length);
        const client = index.connection.client;
        expect(Object.keys(await client.indices.getAlias({ name: `${prefix}-profiles` }))).toEqual([
          `${prefix}-profiles-v2`,
        ]);
        expect(await client.indices.exists({ index: `${prefix}-profiles-v1` })).toBe(false);
        for (const p of profiles) expect(await index.get(p.id)).toEqual(p);
        expect(await index.search({ text: '长春光机所', facets: ['tier'] })).toEqual(before);
        expect((await index.stats()).profiles).toBe(profiles.length);
        // Writes go on through the alias, into the new index.
        await index.replace({ put: [], remove: [profiles[0]?.id as string] });
        expect((await index.stats()).profiles).toBe(profiles.length - 1);
      } finally {
        await index.close();
      }
    });
  });

  describe('ingest state', () => {
    const stored = (
      mentionId: string,
      sourceId: string,
      profileId: string,
      keys: string[],
    ): StoredMention => ({
      mentionId,
      sourceId,
      profileId,
      keys,
      fetchedAt: '2026-01-01T00:00:00.000Z',
      document: { sourceId, format: 'json-resume', title: 'fixture' },
      mention: madeUpMention({ sourceId, name: { full: `Person ${mentionId}` } }),
    });
    const empty: IngestCommit = {
      records: [],
      replacedSources: [],
      mentions: [],
      moved: [],
      profiles: { put: [], remove: [] },
      finishedInputs: [],
    };

    it('round-trips records, mentions, moves and inputs', async () => {
      const index = await freshIndex();
      try {
        const state = new ElasticsearchIngestState(index);
        const profile = profileBySource(fixtureProfiles(), 'fx:ada');
        // A chain a–b–c through shared keys, and d on its own.
        const a = stored('s1#0', 's1', 'p1', ['email:a@x.org', 'nameorg:a|x']);
        const b = stored('s2#0', 's2', 'p1', ['nameorg:a|x', 'cik:42']);
        const c = stored('s3#0', 's3', 'p1', ['cik:42']);
        const d = stored('s4#0', 's4', 'p2', ['email:d@y.org']);
        const longId = `s5:${'x'.repeat(600)}`;
        await state.commit({
          ...empty,
          records: [
            { sourceId: 's1', checksum: 'sha256:1', outcome: 'parsed' },
            { sourceId: 's2', checksum: 'sha256:2', outcome: 'parsed' },
            { sourceId: 's3', checksum: 'sha256:3', outcome: 'parsed' },
            { sourceId: 's4', checksum: 'sha256:4', outcome: 'parsed' },
            { sourceId: longId, checksum: 'sha256:5', outcome: 'rejected' },
            { sourceId: 's6', checksum: 'sha256:6', outcome: 'skipped' },
          ],
          mentions: [a, b, c, d],
          profiles: { put: [profile], remove: [] },
          finishedInputs: [
            { fingerprint: `/data/in.json|10|${'9'.repeat(700)}`, path: '/data/in.json', records: 6 },
          ],
        });
        const checksums = await state.committedChecksums(['s1', 's4', longId, 's6', 'never']);
        expect(Object.fromEntries(checksums)).toEqual({ s1: 'sha256:1', s4: 'sha256:4', s6: 'sha256:6' });
        expect(await state.recordCounts()).toEqual({ parsed: 4, skipped: 1, rejected: 1 });
        expect(await state.isInputFinished(`/data/in.json|10|${'9'.repeat(700)}`)).toBe(true);
        expect(await state.isInputFinished('/data/other.json|1|1')).toBe(false);
        expect(await index.get(profile.id)).toEqual(profile);

        const ids = (ms: StoredMention[]) => ms.map((m) => m.mentionId).sort();
        expect(ids(await state.connectedMentions(['email:a@x.org'], []))).toEqual(['s1#0', 's2#0', 's3#0']);
        expect(ids(await state.connectedMentions([], ['s4']))).toEqual(['s4#0']);
        expect(ids(await state.connectedMentions(['unknown:key'], []))).toEqual([]);
        expect(await state.connectedMentions(['email:d@y.org'], [])).toEqual([d]);

        // s2 re-ingested without its mention; c moves to a new profile.
        await state.commit({
          ...empty,
          records: [{ sourceId: 's2', checksum: 'sha256:2b', outcome: 'parsed' }],
          replacedSources: ['s2'],
          moved: [{ mentionId: 's3#0', profileId: 'p3' }],
        });
        expect(ids(await state.connectedMentions(['email:a@x.org'], []))).toEqual(['s1#0']);
        const [movedC] = await state.connectedMentions(['cik:42'], []);
        expect(movedC?.profileId).toBe('p3');
        expect((await state.committedChecksums(['s2'])).get('s2')).toBe('sha256:2b');

        // Erasure takes the person's stored mentions with the profile.
        await state.commit({ ...empty, mentions: [stored('s7#0', 's7', profile.id, ['email:ada@x.org'])] });
        expect(await index.delete(profile.id)).toBe(true);
        expect(await state.connectedMentions(['email:ada@x.org'], ['s7'])).toEqual([]);
      } finally {
        await index.close();
      }
    });
  });
});
