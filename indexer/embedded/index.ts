import { join } from 'node:path';
import { ensurePrivateDir } from '../../lib/private-files.js';
import type { TalentIndex } from '../contract.js';
import { EmbeddedIndex } from './embedded-index.js';

export { EmbeddedIndex } from './embedded-index.js';
export { IndexSchemaError, SCHEMA_VERSION } from './schema.js';

/** The file of the embedded index inside a data directory. */
export const INDEX_FILE = 'talent.db';

/** Opens (creating if needed) `<dataDir>/talent.db`, migrating it to the current schema. */
export async function openEmbeddedIndex(options: { dataDir: string }): Promise<TalentIndex & EmbeddedIndex> {
  ensurePrivateDir(options.dataDir);
  return new EmbeddedIndex(join(options.dataDir, INDEX_FILE));
}
