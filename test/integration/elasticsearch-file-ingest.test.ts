import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { loadIndustries } from '../../config/industries.js';
import { openBackend } from '../../indexer/open-backend.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { rejectsPath } from '../../ingest/embedded/rejects-file.js';
import { runIngest, type IngestSummary } from '../../ingest/embedded/run-ingest.js';
import { generateCorpus } from '../../synthetic/generate-corpus.js';
import { profilesOf } from '../helpers/index-profiles.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

/**
 * `talent-brain ingest --backend elasticsearch`: the file ingest (runIngest → commitBatch) into
 * Elasticsearch ends with the index, record counts and rejects file that the embedded ingest of the
 * same files gives, batch by batch and when rerun.
 */

vi.setConfig({ hookTimeout: 180_000, testTimeout: 180_000 });

const industries = loadIndustries('config/industries.yaml');

describeWithService('elasticsearch', 'file ingest into Elasticsearch', () => {
  const root = mkdtempSync(join(tmpdir(), 'tb-es-file-ingest-'));
  const corpus = join(root, 'corpus');
  const prefix = uniqueName('tb-file-ingest');
  const config = loadConfig({
    env: {
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
    },
  });
  const ingest = (backend: 'embedded' | 'elasticsearch'): Promise<IngestSummary> =>
    runIngest({ inputs: [corpus], dataDir: join(root, backend), config, backend, batchRecords: 30 });
  const comparable = ({ dataDir: _d, backend: _b, seconds: _s, ...rest }: IngestSummary) => rest;
  let embedded: IngestSummary;
  let elasticsearch: IngestSummary;

  beforeAll(async () => {
    generateCorpus({ count: 100, seed: 23, outDir: corpus, industries });
    // A made-up résumé that is not JSON: rejected on both backends, kept in the rejects file.
    writeFileSync(join(corpus, 'broken-resume.json'), '{"basics": {"name": "Ilse Vantor", ');
    embedded = await ingest('embedded');
    elasticsearch = await ingest('elasticsearch');
  });

  afterAll(async () => {
    await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes the same profiles, counts and rejects as the embedded ingest', async () => {
    expect(elasticsearch.backend).toBe('elasticsearch');
    expect(embedded.profiles).toBeGreaterThan(50);
    expect(embedded.rejected).toBeGreaterThanOrEqual(1);
    expect(comparable(elasticsearch)).toEqual(comparable(embedded));
    // Another connection's writes are searchable after a refresh; make it now, not in a second.
    const client = new Client({ node: elasticsearchUrl });
    await client.indices.refresh({ index: `${prefix}-*` });
    await client.close();
    const [a, b] = await Promise.all([
      openBackend(config, { dataDir: join(root, 'embedded'), backend: 'embedded' }),
      openBackend(config, { dataDir: join(root, 'elasticsearch'), backend: 'elasticsearch' }),
    ]);
    try {
      const [pa, pb] = [await profilesOf(a.index), await profilesOf(b.index)];
      expect([...pb.keys()]).toEqual([...pa.keys()]);
      for (const [id, p] of pa) expect(pb.get(id), id).toEqual(p);
      expect(await b.state.recordCounts()).toEqual(await a.state.recordCounts());
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const rejectedIds = (backend: string): string[] =>
      readFileSync(rejectsPath(join(root, backend)), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id)
        .sort();
    expect(rejectedIds('elasticsearch')).toEqual(rejectedIds('embedded'));
    expect(rejectedIds('embedded')).toHaveLength(embedded.rejected);
  });

  it('skips the finished files on a rerun, as the embedded ingest does', async () => {
    const [again, reference] = [await ingest('elasticsearch'), await ingest('embedded')];
    expect(again.inputsSkipped).toBeGreaterThan(0);
    expect(comparable(again)).toEqual(comparable(reference));
  });
});
