import type { RecordEnvelope } from '../../lib/envelope.js';

/**
 * Where crawled pages go as records. `write` resolves once the record is durable (committed to the
 * index, or acknowledged by Kafka): only then does the crawl remember the page as seen, so a crash
 * in between fetches it again rather than losing it.
 */
export interface RecordSink {
  readonly name: string;
  write(envelope: RecordEnvelope): Promise<void>;
  /** Writes what is pending and releases the sink's resources. */
  close(): Promise<void>;
}

interface Pending<T> {
  item: T;
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while a batch is being written wait and go together in the
 * next one; a write arriving when nothing is in flight goes at once (with whatever else arrives in
 * the same tick). Batches grow with the load (up to `maxItems` / `maxBytes`) without making a
 * lone page wait. That is what makes the embedded sink affordable — one transaction per batch —
 * and keeps Kafka produce requests large under load.
 */
export class Batcher<T> {
  private queue: Array<Pending<T>> = [];
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<void>,
    private readonly limits: { maxItems: number; maxBytes: number },
  ) {}

  add(item: T, bytes: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('sink is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, bytes, resolve, reject });
      if (this.writing === undefined && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Writes batches until the queue is empty, one at a time. */
  private pump(): void {
    if (this.writing !== undefined || this.queue.length === 0) return;
    let bytes = 0;
    let n = 0;
    while (
      n < this.queue.length &&
      n < this.limits.maxItems &&
      (n === 0 || bytes + (this.queue[n]?.bytes ?? 0) <= this.limits.maxBytes)
    ) {
      bytes += this.queue[n]?.bytes ?? 0;
      n++;
    }
    const batch = this.queue.splice(0, n);
    this.writing = (async () => {
      try {
        await this.writeBatch(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      } finally {
        this.writing = undefined;
        this.pump();
      }
    })();
  }

  /** Resolves when everything added so far is written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing !== undefined || this.queue.length > 0) {
      this.pump();
      await this.writing;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
