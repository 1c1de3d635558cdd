/**
 * Pull-based reads of exact byte counts from a chunked stream: what the tar and sequential zip
 * readers need to walk headers and member bodies without holding more than one chunk.
 */
export class ByteReader {
  private readonly iterator: AsyncIterator<Buffer | string>;
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes handed out so far (the offset of the next byte). */
  position = 0;

  constructor(source: AsyncIterable<Buffer | string>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done === true) {
      this.ended = true;
      return false;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    return true;
  }

  /** Exactly `n` bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n && (await this.fill()));
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(out.length);
    this.position += out.length;
    return out;
  }

  /** The next `n` bytes as chunks (fewer at the end of the stream: the caller checks the total). */
  async *stream(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buffered.length === 0 && !(await this.fill())) return;
      const out = this.buffered.subarray(0, Math.min(left, this.buffered.length));
      this.buffered = this.buffered.subarray(out.length);
      this.position += out.length;
      left -= out.length;
      yield out;
    }
  }

  /** Skips `n` bytes; false when the stream ended first. */
  async skip(n: number): Promise<boolean> {
    let skipped = 0;
    for await (const chunk of this.stream(n)) skipped += chunk.length;
    return skipped === n;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
