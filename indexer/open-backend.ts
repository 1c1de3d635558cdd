import type { Config } from '../config/load.js';
import type { TalentIndex } from './contract.js';
import type { IngestState } from './ingest-state.js';
import { EmbeddedIngestState } from './embedded/ingest-state.js';
import { openEmbeddedIndex } from './embedded/index.js';

/** An index backend with the ingest state that goes with it. */
export interface Backend {
  name: 'embedded' | 'elasticsearch';
  index: TalentIndex;
  state: IngestState;
  close(): Promise<void>;
}

/** Opens the backend `index.backend` names: the SQLite file of `dataDir`, or Elasticsearch at `elasticsearch.url`. */
export async function openBackend(
  config: Readonly<Config>,
  options: { dataDir: string; backend?: 'embedded' | 'elasticsearch' },
): Promise<Backend> {
  const backend = options.backend ?? config.index.backend;
  if (backend === 'elasticsearch') {
    // Loaded only when used: the embedded default never pays for the Elasticsearch client.
    const { openElasticsearchBackend } = await import('./elasticsearch/index.js');
    const { index, state } = await openElasticsearchBackend({
      url: config.elasticsearch.url,
      prefix: config.elasticsearch.prefix,
    });
    return { name: 'elasticsearch', index, state, close: () => index.close() };
  }
  const index = await openEmbeddedIndex({ dataDir: options.dataDir });
  return { name: 'embedded', index, state: new EmbeddedIngestState(index), close: () => index.close() };
}
