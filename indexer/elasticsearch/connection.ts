import { Client, errors } from '@elastic/elasticsearch';
import { TransientError } from '../../lib/errors.js';
import { retry, type RetryOptions } from '../../lib/retry.js';

/**
 * One Elasticsearch client with the project's retry policy and the bookkeeping of which indices
 * this process wrote since it last refreshed them. The client's own retries are off: every call
 * goes through {@link ElasticsearchConnection.call}, so there is one policy (lib/retry.ts: jittered
 * exponential backoff) and only retriable failures are retried — 429, 5xx, timeouts, refused or
 * dropped connections. A 4xx is a bug or a bad request and is raised at once, naming the call.
 */

export interface ConnectionOptions {
  /** A node's URL, or several separated by commas (the nodes of a cluster, tried in turn). */
  url: string;
  /** Per-request timeout; a timed-out request is retried like a 503. @defaultValue 30 s */
  requestTimeoutMs?: number;
  /** Overrides of the retry policy (attempts, delays). */
  retry?: Partial<RetryOptions>;
}

/** Counts for logs and tests: what the connection had to retry or give up on. */
export interface WriteCounters {
  /** Whole requests retried after a transient failure. */
  requestsRetried: number;
  /** Bulk items re-sent after a 429 / 5xx of their own. */
  itemsRetried: number;
  /** Bulk items refused for good (mapping rejections, …) and reported to the caller. */
  itemsFailed: number;
  /** Optimistic-concurrency conflicts (409) resolved by merging again. */
  conflictsRetried: number;
}

/** One bulk request that Elasticsearch answered: its body size, operations and round-trip time. */
export interface BulkFlush {
  bytes: number;
  operations: number;
  seconds: number;
}

export class ElasticsearchConnection {
  readonly client: Client;
  readonly counters: WriteCounters = {
    requestsRetried: 0,
    itemsRetried: 0,
    itemsFailed: 0,
    conflictsRetried: 0,
  };
  readonly retryOptions: Partial<RetryOptions>;
  /** Aliases written since their last refresh (see {@link beforeRead}). */
  private readonly dirty = new Set<string>();
  private readonly bulkListeners = new Set<(flush: BulkFlush) => void>();

  constructor(readonly options: ConnectionOptions) {
    // Several nodes: a request that finds its node down is retried (our policy, below) on a node
    // the client has not marked dead, so a cluster that loses one node keeps answering.
    this.client = new Client({
      nodes: options.url.split(','),
      maxRetries: 0,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
    });
    this.retryOptions = options.retry ?? {};
  }

  /** Runs one request with retries; `what` names it in errors ("search talent-profiles"). */
  async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    return retry(
      async () => {
        try {
          return await request();
        } catch (error) {
          throw describeError(error, what);
        }
      },
      {
        ...this.retryOptions,
        onRetry: (info) => {
          this.counters.requestsRetried++;
          this.retryOptions.onRetry?.(info);
        },
      },
    );
  }

  /** Calls `listener` after every bulk request answered (metrics); returns the way to stop. */
  onBulkFlush(listener: (flush: BulkFlush) => void): () => void {
    this.bulkListeners.add(listener);
    return () => this.bulkListeners.delete(listener);
  }

  /** Called by runBulk for each request answered, retries included. */
  bulkFlushed(flush: BulkFlush): void {
    for (const listener of this.bulkListeners) listener(flush);
  }

  /** Records that `alias` was written: the next read through this connection refreshes it first. */
  wrote(alias: string): void {
    this.dirty.add(alias);
  }

  /**
   * Read-your-writes for this process: refreshes the aliases written since their last refresh.
   * Writes themselves never wait for a refresh (a bulk ingest makes no segment per batch); a read
   * after writes pays one refresh, a read without writes nothing. Other processes see the writes
   * after the index's refresh interval (1 s).
   */
  async beforeRead(...aliases: string[]): Promise<void> {
    const stale = aliases.filter((a) => this.dirty.has(a));
    if (stale.length > 0) await this.refresh(...stale);
  }

  /** Makes every write acknowledged so far, by any process, visible to searches of these aliases. */
  async refresh(...aliases: string[]): Promise<void> {
    // Cleared before the refresh: a write landing while it runs marks the alias again.
    for (const a of aliases) this.dirty.delete(a);
    try {
      await this.call(`refresh ${aliases.join(',')}`, () =>
        this.client.indices.refresh({ index: aliases, ignore_unavailable: true }),
      );
    } catch (error) {
      for (const a of aliases) this.dirty.add(a);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Status and `type: reason` of an Elasticsearch error response, for messages. */
function responseSummary(error: errors.ResponseError): string {
  const body = error.body as { error?: { type?: string; reason?: string } | string } | undefined;
  const detail =
    typeof body?.error === 'object'
      ? `${body.error.type ?? 'error'}: ${body.error.reason ?? ''}`
      : String(body?.error ?? error.message);
  return `HTTP ${error.statusCode ?? '?'} ${detail}`;
}

/** Statuses worth another attempt: overload (429) and server-side failures (5xx). */
export function isRetriableStatus(status: number | undefined): boolean {
  return status === 429 || (status !== undefined && status >= 500);
}

function retryAfterMs(error: errors.ResponseError): number | undefined {
  const header = error.headers?.['retry-after'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The client's error as the project's: TransientError when retrying can help, else an Error naming the call. */
function describeError(error: unknown, what: string): Error {
  if (error instanceof TransientError) return error;
  if (error instanceof errors.ResponseError) {
    const message = `Elasticsearch ${what}: ${responseSummary(error)}`;
    if (isRetriableStatus(error.statusCode)) {
      const after = retryAfterMs(error);
      return new TransientError('elasticsearch-unavailable', message, {
        cause: error,
        ...(after !== undefined ? { retryAfterMs: after } : {}),
      });
    }
    return new ElasticsearchRequestError(message, error.statusCode, { cause: error });
  }
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    return new TransientError(
      'elasticsearch-unreachable',
      `Elasticsearch ${what}: ${error.message} (is the node up? check TALENT_ELASTICSEARCH_URL)`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(`Elasticsearch ${what}: ${String(error)}`);
}

/** A request Elasticsearch refused for good (4xx): retrying would get the same answer. */
export class ElasticsearchRequestError extends Error {
  override readonly name = 'ElasticsearchRequestError';
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
