import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidCursorError } from '../contract.js';
import { IndexSchemaError } from './schema.js';
import type { ReaderError, ReaderRead, ReaderReply, ReaderThreadData } from './reader-protocol.js';

/** How long close() gives a thread to close its connection before it is terminated. */
const CLOSE_GRACE_MS = 5000;

/** The `api.readerThreads` setting as a count: `auto` is one per core the process may use, at least 1. */
export function readerThreadCount(setting: number | 'auto'): number {
  return setting === 'auto' ? Math.max(1, availableParallelism()) : setting;
}

/** Raised for a read the pool can no longer run: it is closing, or every thread has failed. */
export class ReaderPoolClosedError extends Error {
  override readonly name = 'ReaderPoolClosedError';
}

/**
 * The thread's entry and its Node options. From the build it is plain JavaScript; from the
 * sources (tsx, vitest) the thread needs the TypeScript loader the main thread may have been
 * given some other way, so it gets tsx's explicitly.
 */
function threadEntry(): { url: URL; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts'))
    return { url: new URL('./reader-thread.js', import.meta.url), execArgv: process.execArgv };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const hasTsx = process.execArgv.some((arg) => arg === 'tsx' || arg.includes('/tsx/'));
  return {
    url: new URL('./reader-thread.ts', import.meta.url),
    execArgv: hasTsx ? process.execArgv : [...process.execArgv, '--import', tsx],
  };
}

/** The class of an error from a thread, rebuilt so callers can tell a bad cursor from a failure. */
function rebuild(error: ReaderError): Error {
  if (error.name === 'InvalidCursorError') return new InvalidCursorError(error.message);
  if (error.name === 'IndexSchemaError') return new IndexSchemaError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

interface Job {
  read: ReaderRead;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The read it runs, if any: a thread runs one at a time (better-sqlite3 is synchronous). */
  job: { seq: number; job: Job } | undefined;
  ready: boolean;
}

export interface ReaderPoolOptions {
  /** The embedded index's SQLite file; it must exist at the current schema version. */
  file: string;
  /** Threads, at least 1. */
  size: number;
  /** Called when a thread dies outside close() (it is replaced). */
  onThreadError?: (error: Error) => void;
}

/**
 * A pool of reader threads over one embedded index file: each thread has its own read-only
 * connection, so searches run on several cores while the main thread keeps the HTTP I/O. Reads
 * wait in one FIFO and go to the first idle thread, so a slow read delays no read queued behind
 * it while another thread is free. The queue is bounded by its callers (the API's in-flight
 * bound).
 */
export class ReaderPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextSeq = 1;
  private closing: Promise<void> | undefined;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly entry = threadEntry();

  private constructor(private readonly options: ReaderPoolOptions) {}

  /** Starts the threads and resolves once each has opened the file (rejects if one cannot). */
  static async start(options: ReaderPoolOptions): Promise<ReaderPool> {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError(`reader pool size must be an integer of at least 1 (got ${options.size})`);
    const pool = new ReaderPool(options);
    const started = Array.from({ length: options.size }, () => pool.spawn());
    const outcomes = await Promise.allSettled(started);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      await pool.close();
      throw failed.reason as Error;
    }
    return pool;
  }

  get size(): number {
    return this.threads.length;
  }

  /** Reads waiting for a thread. */
  get queued(): number {
    return this.queue.length;
  }

  /** Threads running a read. */
  get busy(): number {
    return this.threads.filter((t) => t.job !== undefined).length;
  }

  /** Runs one read on a thread; the result is the index method's result, copied across. */
  run<T>(read: ReaderRead): Promise<T> {
    if (this.closing) return Promise.reject(new ReaderPoolClosedError('the reader pool is closed'));
    if (this.threads.length === 0)
      return Promise.reject(new ReaderPoolClosedError('the reader pool has no thread left'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ read, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.entry.url, {
      workerData: { file: this.options.file } satisfies ReaderThreadData,
      execArgv: this.entry.execArgv,
    });
    const thread: Thread = { worker, job: undefined, ready: false };
    this.threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: ReaderReply) => {
        switch (reply.type) {
          case 'ready':
            thread.ready = true;
            resolve();
            this.dispatch();
            return;
          case 'failed':
            reject(rebuild(reply.error));
            return;
          case 'result':
          case 'error': {
            const current = thread.job;
            if (current?.seq !== reply.seq) return;
            thread.job = undefined;
            if (reply.type === 'result') current.job.resolve(reply.value);
            else current.job.reject(rebuild(reply.error));
            this.dispatch();
            this.notifyIdle();
          }
        }
      });
      // A thread that dies (an uncaught error, out of memory) fails its read, not the others.
      worker.on('error', (error) => {
        reject(error);
        this.retire(thread, error);
      });
      worker.on('exit', (code) => {
        reject(new Error(`reader thread exited (code ${code}) before it was ready`));
        this.retire(thread, new Error(`reader thread exited (code ${code})`));
      });
    });
  }

  /** Forgets a thread that has stopped; outside close() it is replaced. */
  private retire(thread: Thread, error: Error): void {
    const at = this.threads.indexOf(thread);
    if (at === -1) return;
    this.threads.splice(at, 1);
    thread.job?.job.reject(error);
    thread.job = undefined;
    if (!this.closing && thread.ready) {
      // Only a thread that had started is replaced: one that cannot open the file would fail again.
      this.options.onThreadError?.(error);
      this.spawn().catch((cause: unknown) => this.options.onThreadError?.(cause as Error));
    }
    if (this.threads.length === 0) {
      for (const job of this.queue.splice(0))
        job.reject(new ReaderPoolClosedError('the reader pool has no thread left', { cause: error }));
    }
    this.notifyIdle();
  }

  /** Wakes close() once nothing is queued or running. */
  private notifyIdle(): void {
    if (this.queue.length > 0 || this.threads.some((t) => t.job !== undefined)) return;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (!thread.ready || thread.job) continue;
      const job = this.queue.shift() as Job;
      const seq = this.nextSeq++;
      thread.job = { seq, job };
      thread.worker.postMessage({ ...job.read, seq });
    }
  }

  /**
   * Refuses new reads, lets the queued and running ones finish, then closes each thread's
   * connection and ends the thread (terminated if it has not ended after a grace period).
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const idle = new Promise<void>((wake) => this.idleWaiters.push(wake));
      this.notifyIdle();
      await idle;
      await Promise.all(
        [...this.threads].map(async (thread) => {
          const exited = new Promise<void>((done) => thread.worker.once('exit', () => done()));
          thread.worker.postMessage({ op: 'close' });
          const timer = setTimeout(() => void thread.worker.terminate(), CLOSE_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }),
      );
      this.threads.length = 0;
    })();
    return this.closing;
  }
}
