import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { openEmbeddedIndex } from '../../indexer/embedded/index.js';
import {
  dropElasticsearchIndices,
  openElasticsearchIndex,
  reindexProfiles,
  type ElasticsearchIndex,
} from '../../indexer/elasticsearch/index.js';
import { readInputs } from '../../ingest/files/read-inputs.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import type { TalentProfile } from '../../processors/model/profile.js';
import { processRecord } from '../../processors/pipeline.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import type { ParsedRecord } from '../../processors/profile/build-profiles.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

/**
 * A few thousand synthetic profiles written in bulk: every one arrives (counts, evidence, a
 * sample read back exactly), merges under concurrency control keep them, and a reindex copies
 * them all. The throughput and sizes are printed for the record, never asserted.
 */

vi.setConfig({ hookTimeout: 300_000, testTimeout: 300_000 });

const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const industries = loadIndustries('config/industries.yaml');
const limits = { maxDocumentBytes: 64 << 20 };

async function buildProfiles(dir: string): Promise<TalentProfile[]> {
  const records: ParsedRecord[] = [];
  for await (const item of readInputs([dir], { ...limits, fetchedAtFromFile: true })) {
    if (item.kind === 'rejected') continue;
    const outcome = processRecord(item.envelope, limits);
    if (outcome.status !== 'parsed') continue;
    records.push({
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    });
  }
  return ProfileFactory.fromConfig(config).profiles(records);
}

const rate = (n: number, ms: number): string => `${Math.round((n * 1000) / ms)}/s`;

describeWithService('elasticsearch', 'elasticsearch bulk writes', () => {
  const root = mkdtempSync(join(tmpdir(), 'tb-es-bulk-'));
  const prefix = uniqueName('tb-bulk');
  let index: ElasticsearchIndex;
  let profiles: TalentProfile[];

  beforeAll(async () => {
    generateCorpus({ count: 3000, seed: 5, outDir: join(root, 'corpus'), industries });
    profiles = await buildProfiles(join(root, 'corpus'));
    index = await openElasticsearchIndex({ url: elasticsearchUrl, prefix });
  });

  afterAll(async () => {
    await index?.close();
    await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    rmSync(root, { recursive: true, force: true });
  });

  it('writes every profile of a large replace, then merges and reindexes them all', async () => {
    expect(profiles.length).toBeGreaterThan(2000);
    const bytes = profiles.reduce((n, p) => n + Buffer.byteLength(JSON.stringify(p)), 0);
    const evidence = profiles.reduce((n, p) => n + p.evidence.length, 0);

    let started = performance.now();
    await index.replace({ put: profiles, remove: [] });
    const replaceMs = performance.now() - started;
    const stats = await index.stats();
    expect(stats.profiles).toBe(profiles.length);
    expect(stats.evidence).toBe(evidence);
    for (const p of profiles.filter((_, i) => i % 250 === 0)) expect(await index.get(p.id)).toEqual(p);

    // The merge path: read with versions, write conditionally (every profile seen again later).
    const later = profiles.map((p) => ({ ...p, lastSeen: '2026-06-01T00:00:00.000Z' }));
    started = performance.now();
    expect(await index.upsert(later)).toEqual({ inserted: 0, updated: profiles.length });
    const upsertMs = performance.now() - started;
    expect((await index.search({ filters: { seenSince: '2026-06-01' }, limit: 1 })).total).toBe(
      profiles.length,
    );

    started = performance.now();
    const reindexed = await reindexProfiles({ url: elasticsearchUrl, prefix });
    const reindexMs = performance.now() - started;
    expect(reindexed.documents).toBe(profiles.length);
    expect((await index.stats()).evidence).toBe(evidence);

    const embeddedDir = join(root, 'embedded');
    const embedded = await openEmbeddedIndex({ dataDir: embeddedDir });
    started = performance.now();
    await embedded.replace({ put: profiles, remove: [] });
    const embeddedMs = performance.now() - started;
    const embeddedBytes = (await embedded.stats()).sizeBytes;
    await embedded.close();

    const esBytes = (await index.stats()).sizeBytes;
    console.info(
      [
        `profiles: ${profiles.length} (${(bytes / 1e6).toFixed(1)} MB of JSON, ${evidence} evidence)`,
        `elasticsearch replace: ${Math.round(replaceMs)} ms, ${rate(profiles.length, replaceMs)}`,
        `elasticsearch upsert (merge, conditional writes): ${Math.round(upsertMs)} ms, ${rate(profiles.length, upsertMs)}`,
        `elasticsearch reindex: ${Math.round(reindexMs)} ms, ${rate(profiles.length, reindexMs)}`,
        `embedded replace: ${Math.round(embeddedMs)} ms, ${rate(profiles.length, embeddedMs)}`,
        `store: elasticsearch ${(esBytes / 1e6).toFixed(1)} MB, embedded ${(embeddedBytes / 1e6).toFixed(1)} MB`,
        `retries: ${JSON.stringify(index.connection.counters)}`,
      ].join('\n'),
    );
  });
});
