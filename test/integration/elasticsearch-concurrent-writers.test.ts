import { expect, it } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { prepareBatch } from '../../ingest/prepare-batch.js';
import { ProfileFactory } from '../../processors/profile-factory.js';
import { envelopeOf } from '../helpers/corpus.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

/**
 * Two writers (two workers, two connections) on one Elasticsearch prefix move one stored mention
 * in the same instant (each rebuilt the person): neither may fail — a 409 there dead-lettered a
 * well-formed record.
 */
const configOf = (prefix: string) =>
  loadConfig({
    env: {
      TALENT_REFERENCE_DATE: '2026-01-01',
      TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
      TALENT_ELASTICSEARCH_PREFIX: prefix,
      TALENT_INDEX_BACKEND: 'elasticsearch',
    },
  });

describeWithService('elasticsearch', 'two writers at once on one Elasticsearch prefix', () => {
  it('both move one stored mention at the same instant; the later move stays', async () => {
    const prefix = uniqueName('tbmove');
    const config = configOf(prefix);
    const [c, d] = await Promise.all([
      openBackend(config, { dataDir: '' }),
      openBackend(config, { dataDir: '' }),
    ]);
    try {
      const factory = ProfileFactory.fromConfig(config);
      const envelope = envelopeOf(
        JSON.stringify({
          basics: { name: 'Ada Quarrington' },
          work: [{ name: 'Northgate Cells', position: 'Engineer', startDate: '2020-01-01' }],
        }),
        'json-resume',
        '/fixtures/move/ada.json',
      );
      const prepared = await prepareBatch([{ envelope }], {
        state: c!.state,
        factory,
        limits: { maxDocumentBytes: 1 << 20 },
      });
      await c!.state.commit({ ...prepared.commit, finishedInputs: [] });
      const mentionId = prepared.commit.mentions[0]?.mentionId as string;
      const empty = {
        records: [],
        replacedSources: [],
        mentions: [],
        finishedInputs: [],
        profiles: { put: [], remove: [] },
      };
      const failures: string[] = [];
      for (let round = 0; round < 200; round++) {
        const results = await Promise.allSettled([
          c!.state.commit({ ...empty, moved: [{ mentionId, profileId: `tp-c${round}` }] }),
          d!.state.commit({ ...empty, moved: [{ mentionId, profileId: `tp-d${round}` }] }),
        ]);
        for (const r of results) if (r.status === 'rejected') failures.push(String(r.reason));
      }
      expect(failures).toEqual([]);
      const [stored] = await c!.state.connectedMentions(
        [],
        [prepared.commit.mentions[0]?.sourceId as string],
      );
      expect(['tp-c199', 'tp-d199']).toContain(stored?.profileId);
    } finally {
      await Promise.all([c?.close(), d?.close()]);
      await dropElasticsearchIndices({ url: elasticsearchUrl, prefix });
    }
  }, 120_000);
});
