import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ProcessingError } from '../../../lib/errors.js';
import type { ExpansionGuard } from './archive-limits.js';
import { archiveError } from './archive-limits.js';

export function looksLikeGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Gunzips a stream (multi-member gzip included, as OpenAlex snapshot parts are), counting bytes
 * in and out so the guard can stop a bomb; a truncated or damaged stream ends in a
 * `corrupt-archive` error after everything before the damage was handed out.
 */
export async function* gunzip(
  source: AsyncIterable<Buffer>,
  guard: ExpansionGuard,
  name: string,
): AsyncGenerator<Buffer> {
  let compressed = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      compressed += chunk.length;
      yield chunk;
    }
  }
  const input = Readable.from(counted());
  const gunzipper = createGunzip();
  input.on('error', (error) => gunzipper.destroy(error));
  try {
    for await (const chunk of input.pipe(gunzipper) as AsyncIterable<Buffer>) {
      guard.add(chunk.length, compressed);
      yield chunk;
    }
  } catch (cause) {
    if (cause instanceof ProcessingError) throw cause;
    throw archiveError(`${name} is not a complete gzip stream: ${(cause as Error).message}`);
  } finally {
    input.destroy();
    gunzipper.destroy();
  }
}
