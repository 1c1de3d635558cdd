import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TalentIndex } from '../contract.js';
import { EmbeddedIndex } from './embedded-index.js';

export { EmbeddedIndex } from './embedded-index.js';
export { IndexSchemaError, SCHEMA_VERSION } from './schema.js';

/** The file of the embedded index inside a data directory. */
export const INDEX_FILE = 'talent.db';

/** Opens (creating if needed) `<dataDir>/talent.db`, migrating it to the current schema. */
export async function openEmbeddedIndex(options: { dataDir: string }): Promise<TalentIndex & EmbeddedIndex> {
  mkdirSync(options.dataDir, { recursive: true });
  return new EmbeddedIndex(join(options.dataDir, INDEX_FILE));
}
