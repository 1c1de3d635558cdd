import { afterAll } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { dropElasticsearchIndices } from '../../indexer/elasticsearch/index.js';
import { openBackend } from '../../indexer/open-backend.js';
import { runErasureContract } from '../contract/erasure-contract.js';
import { describeWithService, elasticsearchUrl, uniqueName } from '../helpers/services.js';

describeWithService('elasticsearch', 'erasure on Elasticsearch (real cluster)', () => {
  const prefix = uniqueName('tberase');
  afterAll(() => dropElasticsearchIndices({ url: elasticsearchUrl, prefix }));
  runErasureContract('elasticsearch', () => {
    const config = loadConfig({
      env: {
        TALENT_REFERENCE_DATE: '2026-01-01',
        TALENT_INDEX_BACKEND: 'elasticsearch',
        TALENT_ELASTICSEARCH_URL: elasticsearchUrl,
        TALENT_ELASTICSEARCH_PREFIX: prefix,
      },
    });
    return { config, open: () => openBackend(config, { dataDir: '' }) };
  });
});
