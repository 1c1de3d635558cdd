import Database from 'better-sqlite3';
import { prepareSqliteFile } from '../../lib/private-files.js';

/** A state file's schema: its name in errors, its version, and the DDL that creates it. */
export interface StateSchema {
  name: string;
  version: number;
  create: string;
}

/**
 * Opens one of the query service's small SQLite state files (API keys and saved searches, talent
 * pools), private to the user: WAL; a busy timeout because CLI commands (`api-key create`, the
 * demo) write while a server may be running; secure_delete because erased people's rows must not
 * survive in free pages. A file a newer build wrote is refused rather than misread; a new file gets
 * the schema.
 */
export function openStateDatabase(file: string, schema: StateSchema): Database.Database {
  prepareSqliteFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > schema.version)
      throw new Error(
        `${file} was written by a newer Talent Brain (${schema.name} schema ${version}, this build knows ${schema.version}); upgrade, or move the file away`,
      );
    if (version < 1)
      db.transaction(() => {
        db.exec(schema.create);
        db.pragma(`user_version = ${schema.version}`);
      })();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
