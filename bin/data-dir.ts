import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { EmbeddedIndex, INDEX_FILE, IndexSchemaError } from '../indexer/embedded/index.js';
import { ExitCode } from './exit-codes.js';

/** `--data DIR` when given, else the `data.dir` setting (`TALENT_DATA_DIR`, default `./data`). */
export function dataDirOf(option: string | undefined, config: Readonly<Config>): string {
  return resolve(option ?? config.data.dir);
}

/**
 * Opens the embedded index of a data directory for queries. A missing index is the usual first
 * mistake (a query before any ingest, or a wrong `--data`): say so, and what to run, then exit 1.
 */
export function openIndexForQuery(dataDir: string): EmbeddedIndex {
  const file = join(dataDir, INDEX_FILE);
  if (!existsSync(file)) {
    process.stderr.write(
      `talent-brain: no index in ${dataDir} (${INDEX_FILE} is missing); build one with "talent-brain ingest <files|dirs> --data ${dataDir}", or point --data at an existing one\n`,
    );
    process.exit(ExitCode.failure);
  }
  try {
    return new EmbeddedIndex(file);
  } catch (error) {
    const message = error instanceof IndexSchemaError ? error.message : (error as Error).message;
    process.stderr.write(`talent-brain: ${message}\n`);
    process.exit(ExitCode.failure);
  }
}
