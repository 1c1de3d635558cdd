import { ProcessingError } from '../../../lib/errors.js';
import type { ArchiveEntry } from './archive-entry.js';
import { archiveError, limitError, unsafeMemberName, type ArchiveLimits } from './archive-limits.js';
import { ByteReader } from './byte-reader.js';

/**
 * A streaming tar reader (POSIX ustar, pax `path` headers, GNU long names), for the ORCID public
 * data file and other `.tar.gz` dumps: one 512-byte header, then the member's bytes, member after
 * member, nothing held beyond one chunk. A bad header checksum or an end inside a member is a
 * `corrupt-archive` error; the members before it have been handed out already.
 */

const BLOCK = 512;

/** True when a block is a tar header: `ustar` magic, or a valid checksum for old v7 archives. */
export function looksLikeTar(head: Buffer): boolean {
  if (head.length < BLOCK) return false;
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return true;
  return checksumOk(head.subarray(0, BLOCK)) && head[0] !== 0;
}

function checksumOk(header: Buffer): boolean {
  const stored = parseInt(header.subarray(148, 156).toString('latin1').replace(/\0.*$/, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  return sum === stored;
}

function cString(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  return bytes.subarray(0, nul < 0 ? bytes.length : nul).toString('utf8');
}

/** Sizes are octal text, or big-endian binary with the top bit set for members over 8 GiB. */
function sizeOf(field: Buffer): number {
  if (((field[0] as number) & 0x80) !== 0) {
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] as number);
    return n;
  }
  return parseInt(cString(field).trim() || '0', 8);
}

/** `path` from a pax extended header (`<len> path=<value>\n` records). */
function paxPath(data: Buffer): string | undefined {
  const text = data.toString('utf8');
  let at = 0;
  let path: string | undefined;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const length = Number(text.slice(at, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) path = record.slice(5);
    at += length;
  }
  return path;
}

export async function* readTar(
  source: AsyncIterable<Buffer>,
  limits: ArchiveLimits,
): AsyncGenerator<ArchiveEntry> {
  const reader = new ByteReader(source);
  let longName: string | undefined;
  let members = 0;
  try {
    for (;;) {
      const at = reader.position;
      const header = await reader.read(BLOCK);
      if (header.length === 0) return; // an archive without its end blocks still ended cleanly
      if (header.length < BLOCK) throw archiveError(`tar ends inside a header at byte ${at}`, `byte ${at}`);
      if (header.every((b) => b === 0)) return;
      if (!checksumOk(header))
        throw archiveError(
          `tar header at byte ${at} has a bad checksum (damaged or not a tar)`,
          `byte ${at}`,
        );
      const size = sizeOf(header.subarray(124, 136));
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const type = String.fromCharCode(header[156] as number);
      if (type === 'L' || type === 'x') {
        const data = (await reader.read(padded)).subarray(0, size);
        if (data.length < size) throw archiveError(`tar ends inside an extended header at byte ${at}`);
        longName = type === 'L' ? cString(data) : (paxPath(data) ?? longName);
        continue;
      }
      const prefix = cString(header.subarray(345, 500));
      const name =
        longName ??
        (prefix === '' ? cString(header.subarray(0, 100)) : `${prefix}/${cString(header.subarray(0, 100))}`);
      longName = undefined;
      const regular = type === '0' || type === '\0' || type === '7';
      if (!regular) {
        // Directories, links, devices and global headers carry no document.
        if (!(await reader.skip(padded))) throw archiveError(`tar ends inside ${name}`, name);
        continue;
      }
      if (++members > limits.maxMembers)
        throw limitError(`tar has more than ${limits.maxMembers} members (archives.maxMembers)`);
      const unsafe = unsafeMemberName(name);
      if (unsafe !== undefined) {
        yield {
          kind: 'refused',
          name,
          error: new ProcessingError('unsafe-archive-path', `member "${name}" has ${unsafe}; refused`, {
            location: name,
          }),
        };
        if (!(await reader.skip(padded))) throw archiveError(`tar ends inside ${name}`, name);
        continue;
      }
      let consumed = 0;
      async function* body(): AsyncGenerator<Buffer> {
        for await (const chunk of reader.stream(size)) {
          consumed += chunk.length;
          yield chunk;
        }
        if (consumed < size)
          throw archiveError(`tar ends inside member ${name} (${consumed} of ${size} bytes)`, name);
      }
      const member = body();
      yield { kind: 'member', member: { name, size, body: member } };
      // A consumer that stopped mid-body leaves the generator suspended: close it before reading on.
      await member.return(undefined);
      // Whatever the consumer left unread, then the padding to the next block.
      if (!(await reader.skip(size - consumed + (padded - size))))
        throw archiveError(`tar ends inside member ${name}`, name);
    }
  } finally {
    await reader.close();
  }
}
