import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../config/load.js';
import type { IngestCommit } from '../../indexer/ingest-state.js';
import { isSharedIngestState, type SharedIngestState } from '../../indexer/ingest-state.js';
import { openBackend, type Backend } from '../../indexer/open-backend.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { settleRebuild } from '../../ingest/kafka/settle-rebuild.js';
import { prepareBatch, type PreparedBatch } from '../../ingest/prepare-batch.js';
import { resolveBatch } from '../../ingest/resolve-batch.js';
import { createLogger } from '../../lib/logger.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { envelopeOf } from '../helpers/corpus.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

/**
 * Two writers on one Elasticsearch index, their steps interleaved by hand in the order that once
 * left a stray profile behind: writer C adds a mention that gives the person a new profile id,
 * writer D meanwhile rebuilds the same person from the view C started from. Each check that only
 * looked for mentions missing from a rebuild passes here; the index still holds two profiles.
 */

const limits = { maxDocumentBytes: 1 << 20 };
const logger = createLogger({ level: 'warn' });

const resume = (file: string, extra: Record<string, unknown>) =>
  envelopeOf(
    JSON.stringify({
      basics: { name: 'Ada Quarrington', label: 'Battery engineer', ...extra },
      work: [{ name: 'Northgate Cells', position: 'Battery engineer', startDate: '2020-01-01' }],
    }),
    'json-resume',
    `/fixtures/race/${file}.json`,
  );
const plain = resume('plain', {});
const withOrcid = resume('orcid', {
  profiles: [{ network: 'ORCID', url: 'https://orcid.org/0000-0002-1825-0097' }],
});

const commitOf = (prepared: PreparedBatch, part: Partial<IngestCommit> = {}): IngestCommit => ({
  ...prepared.commit,
  finishedInputs: [],
  ...part,
});

describeWithService('elasticsearch', 'concurrent rebuilds on Elasticsearch (real cluster)', () => {
  let config: Config;
  let prefix: string;
  let c: Backend;
  let d: Backend;
  let factory: ProfileFactory;

  beforeAll(async () => {
    prefix = uniqueName('tbrace');
    config = loadConfig({
      env: {
        TALENT_REFERENCE_DATE: '2026-01-01',
        TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
        TALENT_ELASTICSEARCH_PREFIX: prefix,
        TALENT_INDEX_BACKEND: 'elasticsearch',
      },
    });
    factory = ProfileFactory.fromConfig(config);
    // Two connections, as two worker processes would have.
    [c, d] = await Promise.all([openBackend(config, { dataDir: '' }), openBackend(config, { dataDir: '' })]);
  });

  afterAll(async () => {
    await c?.close();
    await d?.close();
    await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
  });

  it('a rebuild from a stale view leaves a stray profile, and the settle check removes it', async () => {
    const cState = c.state as SharedIngestState;
    const dState = d.state as SharedIngestState;
    expect(isSharedIngestState(c.state)).toBe(true);

    // Stored first: the person known by name and employer only.
    const first = await prepareBatch([{ envelope: plain }], { state: cState, factory, limits });
    await cState.commit(commitOf(first));
    const nameOrgKey = first.basis.keys.find((k) => k.startsWith('nameorg:')) as string;
    expect(nameOrgKey).toBeDefined();
    const [before] = first.commit.profiles.put;

    // C reads: the résumé with an ORCID makes the person's id the ORCID's.
    const cBatch = await prepareBatch([{ envelope: withOrcid }], { state: cState, factory, limits });
    // D reads the same people for a rebuild of its own (a rescore, another worker's re-check).
    const dRebuild = await resolveBatch([], new Set(), dState, factory, [nameOrgKey]);
    expect(cBatch.commit.profiles.put.map((p) => p.id)).not.toContain(before?.id);
    expect(dRebuild.profiles.put.map((p) => p.id)).toEqual([before?.id]);

    // C writes its profiles (and removes the old id), D writes its rebuild over that, C moves the
    // stored mention to its profile; D checks now (C's new mention is not stored yet).
    const empty = { records: [], replacedSources: [], mentions: [], moved: [], finishedInputs: [] };
    await cState.commit({ ...empty, profiles: cBatch.commit.profiles });
    await dState.commit({ ...empty, moved: dRebuild.moved, profiles: dRebuild.profiles });
    await cState.commit({ ...empty, moved: cBatch.commit.moved, profiles: { put: [], remove: [] } });

    // The damage: D's stale profile and C's both hold the first mention, though no mention is
    // missing from D's view — a check for new mentions alone passes.
    const firstMention = [...first.basis.mentionIds];
    expect((await dState.profilesHolding(firstMention)).size).toBe(2);
    const seenByD = await dState.connectedMentions([nameOrgKey], []);
    expect(seenByD.every((m) => dRebuild.basis.mentionIds.has(m.mentionId))).toBe(true);

    const dRounds = await settleRebuild(
      { state: dState, factory, logger },
      { basis: dRebuild.basis, put: dRebuild.profiles.put },
    );
    await cState.commit(commitOf(cBatch, { moved: [], profiles: { put: [], remove: [] } }));
    const cRounds = await settleRebuild(
      { state: cState, factory, logger },
      { basis: cBatch.basis, put: cBatch.commit.profiles.put },
    );
    expect(dRounds).toBeGreaterThan(0);
    expect(cRounds).toBeGreaterThan(0);
    const mentionIds = [...cBatch.basis.mentionIds];

    // One person, one profile: the one a single writer builds from both résumés.
    const reference = mkdtempSync(join(tmpdir(), 'tb-race-ref-'));
    const embedded = await openBackend(config, { dataDir: reference, backend: 'embedded' });
    try {
      const all = await prepareBatch([{ envelope: plain }, { envelope: withOrcid }], {
        state: embedded.state,
        factory,
        limits,
      });
      const [want] = all.commit.profiles.put;
      expect(all.commit.profiles.put).toHaveLength(1);
      const holding = await cState.profilesHolding(mentionIds);
      expect([...holding.keys()]).toEqual([want?.id]);
      expect(await c.index.get(want?.id as string)).toEqual(want);
      expect((await c.index.stats()).profiles).toBe(1);
      const stored = await cState.connectedMentions([nameOrgKey], []);
      expect(stored.map((m) => m.profileId)).toEqual(stored.map(() => want?.id));
    } finally {
      await embedded.close();
    }
  }, 120_000);
});
