import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from '../../lib/private-files.js';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One writer per data directory. SQLite alone would keep the file consistent, but two ingests
 * interleaving batches would each rebuild profiles from a view the other is changing, and append
 * to one rejects file: so the second one waits or refuses, with a message naming the first.
 *
 * The lock is a file created with O_EXCL holding the owner's pid and host. A lock whose process is
 * gone (killed with -9, machine rebooted) is stale and taken over; on another host we cannot tell,
 * so the message says how to clear it by hand.
 */
const LOCK_FILE = 'ingest.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function tryAcquire(file: string, command: string): LockOwner | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = readOwner(file);
    // Unreadable (a crash between create and write) or dead on this host: stale, take it over.
    if (owner === undefined || (owner.host === hostname() && !isAlive(owner.pid))) {
      rmSync(file, { force: true });
      return tryAcquire(file, command);
    }
    return owner;
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  writeSync(fd, JSON.stringify(owner));
  closeSync(fd);
  return undefined;
}

/**
 * Takes the data directory's write lock. With `waitMs` > 0 waits up to that long for the current
 * owner to finish; otherwise (or on timeout) throws {@link DataDirLockedError}.
 */
export async function lockDataDir(
  dataDir: string,
  options: { waitMs?: number; command?: string } = {},
): Promise<DataDirLock> {
  const file = join(dataDir, LOCK_FILE);
  const command = options.command ?? process.argv.slice(1).join(' ');
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const owner = tryAcquire(file, command);
    if (owner === undefined) {
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          // Only our own lock: never remove one a later process took over.
          if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    }
    if (Date.now() >= deadline) {
      const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on host ${owner.host}`;
      throw new DataDirLockedError(
        `another ingest (${where}, started ${owner.startedAt}) is writing to ${dataDir}; wait for it to finish (or pass --wait), or stop it` +
          (owner.host === hostname() ? '' : `; if that host is gone, delete ${file}`),
      );
    }
    await sleep(Math.min(500, Math.max(1, deadline - Date.now())));
  }
}
