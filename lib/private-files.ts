import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data directory holds personal data (profiles, contact details, dead letters with original
 * documents, the audit log): only the user running Talent Brain may read it, whatever the umask.
 * Directories are created 0700 and files 0600; SQLite creates its WAL and shared-memory files
 * with the mode of the database file, so creating that file 0600 first covers them too.
 */
const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700; an existing directory keeps its mode. */
export function ensurePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode goes through the umask, which may only remove bits; set it exactly.
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Takes group and other permissions off an existing file (one written by an older build). */
function tighten(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates `file` empty as 0600 when absent, else tightens its mode to 0600. */
export function preparePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file);
}

/** {@link preparePrivateFile} for a SQLite database and its WAL, shared-memory and journal files. */
export function prepareSqliteFile(file: string): void {
  preparePrivateFile(file);
  for (const suffix of ['-wal', '-shm', '-journal']) tighten(`${file}${suffix}`);
}
