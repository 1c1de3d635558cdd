import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const FLUSH_CHARS = 1 << 20;

/**
 * Appends text to a file in ~1 MB writes: output is streamed, never held whole, and synchronous
 * writes keep the byte order (and so the bytes) identical from run to run.
 */
export class FileSink {
  private fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  bytes = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const buffer = Buffer.from(this.pending.join(''), 'utf8');
    let off = 0;
    while (off < buffer.length) off += writeSync(this.fd, buffer, off);
    this.bytes += buffer.length;
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes one whole small file (a résumé, a Form 4; its directory exists) and returns its size in bytes. */
export function writeSmallFile(path: string, text: string): number {
  const buffer = Buffer.from(text, 'utf8');
  writeFileSync(path, buffer);
  return buffer.length;
}
