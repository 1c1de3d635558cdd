import { createGunzip } from 'node:zlib';
import { ProcessingError } from '../../../lib/errors.js';
import type { ExpansionGuard } from './archive-limits.js';
import { archiveError } from './archive-limits.js';
import { pullDecompress } from './pull-decompress.js';

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
  try {
    for await (const chunk of pullDecompress(counted(), createGunzip())) {
      guard.add(chunk.length, compressed);
      yield chunk;
    }
  } catch (cause) {
    if (cause instanceof ProcessingError) throw cause;
    throw archiveError(`${name} is not a complete gzip stream: ${(cause as Error).message}`);
  }
}
