import { setTimeout as sleep } from 'node:timers/promises';
import { TalentError } from '../../lib/errors.js';
import { backoffDelayMs, retryDefaults, type RetryOptions } from '../../lib/retry.js';
import { isRetriableStatus, type ElasticsearchConnection } from './connection.js';

/**
 * Bulk writes: operations serialized once, sent in requests of at most `flushBytes`, a few at a
 * time. A failed request is retried whole when retrying can help (connection.call); inside a
 * successful request each item has its own status, and only the items that failed with 429 or 5xx
 * are sent again, with backoff. Every other item failure (a document the mapping refuses, a
 * version conflict) is returned with the item's id and reason: the caller decides (merge again,
 * raise {@link BulkWriteError} for the dead-letter place); nothing is dropped silently.
 */

export type BulkOperation =
  | { op: 'index'; index: string; id: string; doc: unknown; ifSeqNo?: number; ifPrimaryTerm?: number }
  | { op: 'create'; index: string; id: string; doc: unknown }
  | { op: 'update'; index: string; id: string; partial: unknown }
  | { op: 'delete'; index: string; id: string };

export interface BulkItemResult {
  operation: BulkOperation;
  status: number;
  /** `index`/`create`: `created` or `updated`; `delete`: `deleted` or `not_found`. */
  result?: string;
  error?: { type: string; reason: string };
}

export interface BulkOptions {
  /** Request body size to aim for. @defaultValue 5 MiB */
  flushBytes?: number;
  /** Bulk requests in flight at once. @defaultValue 2 */
  concurrency?: number;
  /** `refresh` of the bulk request; default none (see ElasticsearchConnection.beforeRead). */
  refresh?: boolean | 'wait_for';
}

export interface BulkFailure {
  id: string;
  index: string;
  op: BulkOperation['op'];
  status: number;
  type: string;
  reason: string;
}

/** Items Elasticsearch refused for good; the other items of the call were written. */
export class BulkWriteError extends TalentError {
  readonly retriable = false;
  constructor(
    readonly failures: BulkFailure[],
    total: number,
  ) {
    const first = failures[0];
    super(
      'index-write-refused',
      `Elasticsearch refused ${failures.length} of ${total} writes` +
        (first
          ? `; first: ${first.op} ${first.id} in ${first.index}: HTTP ${first.status} ${first.type}: ${first.reason}`
          : ''),
    );
  }
}

const DEFAULT_FLUSH_BYTES = 5 * 1024 * 1024;

function actionLine(o: BulkOperation): string {
  const meta: Record<string, unknown> = { _index: o.index, _id: o.id };
  if (o.op === 'index' && o.ifSeqNo !== undefined && o.ifPrimaryTerm !== undefined) {
    meta.if_seq_no = o.ifSeqNo;
    meta.if_primary_term = o.ifPrimaryTerm;
  }
  // A partial update (a stored mention moving to another profile) has no read to protect: two
  // workers moving one mention at once must both land (the later wins, and each worker's check
  // after its commit repairs the rest), not fail the second with a 409.
  if (o.op === 'update') meta.retry_on_conflict = 5;
  return JSON.stringify({ [o.op]: meta });
}

function serialize(o: BulkOperation): string[] {
  if (o.op === 'delete') return [actionLine(o)];
  if (o.op === 'update') return [actionLine(o), JSON.stringify({ doc: o.partial })];
  return [actionLine(o), JSON.stringify(o.doc)];
}

interface Serialized {
  position: number;
  lines: string[];
  bytes: number;
}

/** Consecutive operations grouped into requests of at most `flushBytes` (a larger single one alone). */
function chunk(items: Serialized[], flushBytes: number): Serialized[][] {
  const out: Serialized[][] = [];
  let current: Serialized[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && bytes + item.bytes > flushBytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

interface RawItem {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } };
}

/** Runs the operations; one result per operation, in their order. */
export async function runBulk(
  connection: ElasticsearchConnection,
  operations: readonly BulkOperation[],
  options: BulkOptions = {},
): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = new Array(operations.length);
  const serialized = operations.map((o, position) => {
    const lines = serialize(o);
    return { position, lines, bytes: lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) };
  });
  const chunks = chunk(serialized, options.flushBytes ?? DEFAULT_FLUSH_BYTES);
  const retryOptions: RetryOptions = { ...retryDefaults, ...connection.retryOptions };

  const sendChunk = async (items: Serialized[]): Promise<void> => {
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const body = pending.flatMap((i) => i.lines);
      const sent = performance.now();
      const response = await connection.call(`bulk of ${pending.length} operations`, () =>
        connection.client.bulk({
          operations: body,
          ...(options.refresh !== undefined ? { refresh: options.refresh } : {}),
        }),
      );
      connection.bulkFlushed({
        bytes: pending.reduce((n, i) => n + i.bytes, 0),
        operations: pending.length,
        seconds: (performance.now() - sent) / 1000,
      });
      const again: Serialized[] = [];
      response.items.forEach((entry, i) => {
        const item = pending[i] as Serialized;
        const raw = Object.values(entry)[0] as RawItem;
        const operation = operations[item.position] as BulkOperation;
        if (raw.error && isRetriableStatus(raw.status) && attempt < retryOptions.maxAttempts) {
          again.push(item);
          return;
        }
        results[item.position] = {
          operation,
          status: raw.status,
          ...(raw.result !== undefined ? { result: raw.result } : {}),
          ...(raw.error
            ? {
                error: {
                  type: raw.error.type ?? 'error',
                  reason:
                    (raw.error.reason ?? '') +
                    (raw.error.caused_by?.reason ? ` (${raw.error.caused_by.reason})` : '') +
                    (isRetriableStatus(raw.status) ? ` (still failing after ${attempt} attempts)` : ''),
                },
              }
            : {}),
        };
      });
      if (again.length > 0) {
        connection.counters.itemsRetried += again.length;
        await sleep(backoffDelayMs(attempt, undefined, retryOptions));
      }
      pending = again;
    }
  };

  // Marked before sending: a request that fails half-way may still have written some items.
  for (const index of new Set(operations.map((o) => o.index))) connection.wrote(index);
  // Bounded concurrency: `concurrency` workers take the next chunk until none is left.
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const mine = chunks[next++] as Serialized[];
      await sendChunk(mine);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** The failures among results, except those `expected` accepts (e.g. deleting an absent id). */
function failuresOf(
  results: readonly BulkItemResult[],
  expected: (r: BulkItemResult) => boolean = () => false,
): BulkFailure[] {
  return results
    .filter((r) => r.error !== undefined && !expected(r))
    .map((r) => ({
      id: r.operation.id,
      index: r.operation.index,
      op: r.operation.op,
      status: r.status,
      type: r.error?.type ?? 'error',
      reason: r.error?.reason ?? '',
    }));
}

/** Raises {@link BulkWriteError} for the failures among results (counting them). */
export function raiseFailures(
  connection: ElasticsearchConnection,
  results: readonly BulkItemResult[],
  expected?: (r: BulkItemResult) => boolean,
): void {
  const failures = failuresOf(results, expected);
  if (failures.length === 0) return;
  connection.counters.itemsFailed += failures.length;
  throw new BulkWriteError(failures, results.length);
}
