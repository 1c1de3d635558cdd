import { FatalError } from '../../lib/errors.js';

/**
 * A data directory that cannot take writes: full disk, read-only mount, no permission, a corrupt
 * file. The message says which, that the index holds every batch committed before (SQLite rolled
 * the failed one back), and how to go on.
 */
export class StorageError extends FatalError {
  override readonly name = 'StorageError';
}

const CAUSES: Array<{ codes: string[]; what: string; fix: string }> = [
  {
    codes: ['SQLITE_FULL', 'ENOSPC', 'EDQUOT'],
    what: 'the disk is full',
    fix: 'free some space (or use --data on a larger disk) and rerun the same command to continue',
  },
  {
    codes: ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_DIRECTORY', 'EROFS'],
    what: 'it is read-only',
    fix: 'make it writable, or use --data with a writable directory',
  },
  {
    codes: ['SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH', 'EACCES', 'EPERM'],
    what: 'permission is denied',
    fix: 'give this user write access to the directory, or use --data with another one',
  },
  {
    codes: ['SQLITE_CORRUPT', 'SQLITE_NOTADB'],
    what: 'the index file is damaged or is not a Talent Brain index',
    fix: 'restore it from a backup, or rebuild into an empty data directory',
  },
  {
    codes: ['SQLITE_IOERR'],
    what: 'the disk reported an I/O error',
    fix: 'check the disk, then rerun the same command to continue',
  },
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Wraps a storage failure in a {@link StorageError}; any other error is returned unchanged. */
export function storageError(error: unknown, dataDir: string): unknown {
  if (error instanceof StorageError) return error;
  let cause: unknown = error;
  // Our own wrappers ("cannot open the index file …") keep the driver's error as the cause.
  while (codeOf(cause) === undefined && cause instanceof Error && cause.cause !== undefined)
    cause = cause.cause;
  const code = codeOf(cause);
  if (code === undefined) return error;
  const known = CAUSES.find((c) => c.codes.some((k) => code === k || code.startsWith(`${k}_`)));
  if (!known) return error;
  return new StorageError(
    code,
    `cannot write to the data directory ${dataDir}: ${known.what} (${code}). Every batch committed before is intact (the failed one was rolled back); ${known.fix}.`,
    { cause: error },
  );
}
