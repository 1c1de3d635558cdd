import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import type { SearchQuery, TalentIndex } from '../../indexer/contract.js';
import { EmbeddedIngestState } from '../../indexer/embedded/ingest-state.js';
import { openEmbeddedIndex, type EmbeddedIndex } from '../../indexer/embedded/index.js';
import {
  dropElasticsearchIndices,
  openElasticsearchBackend,
  type ElasticsearchIndex,
  type ElasticsearchIngestState,
} from '../../indexer/elasticsearch/index.js';
import type { IngestState } from '../../indexer/ingest-state.js';
import { readInputs } from '../../ingest/files/read-inputs.js';
import { commitBatch } from '../../ingest/commit-batch.js';
import { prepareBatch, type BatchItem } from '../../ingest/prepare-batch.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { collectDeadLetters } from '../helpers/dead-letters.js';
import { profilesOf } from '../helpers/index-profiles.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

/**
 * The ingest's own logic (commitBatch: prepareBatch → resolveBatch → IngestState.commit) run on both backends
 * over one synthetic corpus whose people appear in several formats, so profiles merge across
 * batches: every profile, search, facet and supply count must come out the same. Two batches are
 * first committed as if the process had crashed part-way (Elasticsearch has no transaction), then
 * replayed, as a rerun would.
 */

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 });

const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
const industries = loadIndustries('config/industries.yaml');
const limits = { maxDocumentBytes: 64 << 20 };
const BATCH = 40;

async function readItems(inputs: string[]): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for await (const item of readInputs(inputs, { ...limits, fetchedAtFromFile: true }))
    items.push(
      item.kind === 'rejected' ? { envelope: item.envelope, error: item.error } : { envelope: item.envelope },
    );
  return items;
}

type Crash = 'after-profiles' | 'before-records';

/** Commits `items` in batches; `crash` commits the named batch partially first, then replays it. */
async function ingest(
  index: TalentIndex,
  state: IngestState,
  items: readonly BatchItem[],
  crash: ReadonlyMap<number, Crash> = new Map(),
): Promise<void> {
  const factory = ProfileFactory.fromConfig(config);
  for (let start = 0, n = 0; start < items.length; start += BATCH, n++) {
    const batch = items.slice(start, start + BATCH);
    const partial = crash.get(n);
    if (partial) {
      const prepared = await prepareBatch(batch, { state, factory, limits });
      if (partial === 'after-profiles') await index.replace(prepared.commit.profiles);
      else await state.commit({ ...prepared.commit, records: [], finishedInputs: [] });
    }
    await commitBatch(batch, { state, factory, limits, deadLetters: collectDeadLetters() });
  }
}

describeWithService('elasticsearch', 'elasticsearch ingest: same profiles as the embedded backend', () => {
  const root = mkdtempSync(join(tmpdir(), 'tb-es-ingest-'));
  const corpus = join(root, 'corpus');
  const prefix = uniqueName('tb-ingest');
  let embedded: EmbeddedIndex;
  let embeddedState: EmbeddedIngestState;
  let es: ElasticsearchIndex;
  let esState: ElasticsearchIngestState;
  let items: BatchItem[];

  beforeAll(async () => {
    generateCorpus({ count: 150, seed: 11, outDir: corpus, industries });
    items = await readItems([corpus]);
    embedded = await openEmbeddedIndex({ dataDir: join(root, 'data') });
    embeddedState = new EmbeddedIngestState(embedded);
    ({ index: es, state: esState } = await openElasticsearchBackend({ url: elasticsearchUrl, prefix }));
    await ingest(embedded, embeddedState, items);
    await ingest(
      es,
      esState,
      items,
      new Map<number, Crash>([
        [1, 'after-profiles'],
        [3, 'before-records'],
      ]),
    );
  });

  afterAll(async () => {
    await es?.close();
    await embedded?.close();
    await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    rmSync(root, { recursive: true, force: true });
  });

  it('builds the same profiles, merged across batches and repaired by the replays', async () => {
    const a = await profilesOf(embedded);
    const b = await profilesOf(es);
    expect(a.size).toBeGreaterThan(100);
    // People appear in several documents: some profiles hold evidence from several sources.
    expect([...a.values()].some((p) => new Set(p.evidence.map((e) => e.sourceId)).size > 1)).toBe(true);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, p] of a) expect(b.get(id), id).toEqual(p);
    const [sa, sb] = [await embedded.stats(), await es.stats()];
    expect({ ...sb, backend: '', sizeBytes: 0, schemaVersion: 0 }).toEqual({
      ...sa,
      backend: '',
      sizeBytes: 0,
      schemaVersion: 0,
    });
    expect(await esState.recordCounts()).toEqual(await embeddedState.recordCounts());
  });

  it('answers searches, facets and supply as the embedded backend does', async () => {
    const sample = [...(await profilesOf(embedded)).values()];
    const someone = sample.find((p) => p.names.some((n) => /\p{Script=Han}/u.test(n)));
    const queries: SearchQuery[] = [
      { text: 'engineer' },
      { text: 'engin' },
      { text: '"chief executive"' },
      { text: 'battery OR semiconductor' },
      { text: 'professor -engineer' },
      { text: '研究' },
      { text: '工程师' },
      { text: '大学' },
      { text: '光' },
      { text: '电子' },
      { text: 'ai OR 5g OR of' },
      { text: someone?.displayName ?? '王' },
      { text: 'org:university' },
      { text: 'skill:design' },
      { filters: { tiers: ['A', 'B'] } },
      { filters: { countries: ['CN'] } },
      { filters: { regions: ['CN-JL'] } },
      { filters: { industries: ['automotive', 'optoelectronics'], minScore: 30 } },
      { filters: { minScore: 50 } },
      { text: 'engineer', filters: { countries: ['US'] } },
    ];
    let answered = 0;
    const facets: SearchQuery['facets'] = ['industry', 'tier', 'country', 'region', 'city', 'skill'];
    for (const q of queries) {
      const [x, y] = [
        await embedded.search({ ...q, limit: 200, facets }),
        await es.search({ ...q, limit: 200, facets }),
      ];
      const label = JSON.stringify(q);
      if (x.total > 0) answered++;
      expect(y.total, label).toBe(x.total);
      expect(y.hits.map((h) => h.id).sort(), label).toEqual(x.hits.map((h) => h.id).sort());
      expect(y.facets, label).toEqual(x.facets);
    }
    // Not a comparison of empty answers.
    expect(answered).toBeGreaterThanOrEqual(queries.length - 1);
    for (const sort of ['priority', 'score:automotive', 'score:semiconductors'] as const) {
      const [x, y] = [await embedded.search({ sort, limit: 50 }), await es.search({ sort, limit: 50 })];
      expect(
        y.hits.map((h) => h.score),
        sort,
      ).toEqual(x.hits.map((h) => h.score));
    }
    for (const by of [[], ['tier'], ['region'], ['country'], ['tier', 'region', 'country']] as const) {
      const q = { minScore: 20, by: [...by] };
      expect(await es.supply(q), JSON.stringify(by)).toEqual(await embedded.supply(q));
    }
    const filtered = { minScore: 0, by: ['tier' as const], filters: { countries: ['CN'] } };
    expect(await es.supply(filtered)).toEqual(await embedded.supply(filtered));
  });

  it('replaces what a changed document said, on both backends alike', async () => {
    const resumes = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .slice(0, 4)
      .map((f) => join(corpus, f));
    expect(resumes.length).toBeGreaterThan(0);
    for (const file of resumes) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as {
        basics?: Record<string, unknown>;
        skills?: unknown[];
      };
      // A new title and skill, and no e-mail: the person may split from what the e-mail joined.
      doc.basics = { ...doc.basics, label: 'Chief Photonics Officer' };
      delete doc.basics.email;
      doc.skills = [...(doc.skills ?? []), { name: 'Laser welding' }];
      writeFileSync(file, JSON.stringify(doc));
    }
    const changed = await readItems(resumes);
    await ingest(embedded, embeddedState, changed);
    await ingest(es, esState, changed);
    const [a, b] = [await profilesOf(embedded), await profilesOf(es)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [id, p] of a) expect(b.get(id), id).toEqual(p);
    const retitled = (await es.search({ text: 'title:"chief photonics officer"' })).total;
    expect(retitled).toBeGreaterThan(0);
    expect(retitled).toBe((await embedded.search({ text: 'title:"chief photonics officer"' })).total);
  });
});
