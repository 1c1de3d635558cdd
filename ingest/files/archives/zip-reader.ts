import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInflateRaw } from 'node:zlib';
import { ProcessingError } from '../../../lib/errors.js';
import type { ArchiveEntry } from './archive-entry.js';
import {
  archiveError,
  ExpansionGuard,
  limitError,
  unsafeMemberName,
  type ArchiveLimits,
} from './archive-limits.js';
import { ByteReader } from './byte-reader.js';
import { pullDecompress } from './pull-decompress.js';

/**
 * A zip reader that streams one member at a time (a USPTO weekly `ipgYYMMDD.zip` is read without
 * unpacking it anywhere). The central directory at the end lists the members; each is then
 * inflated from its own byte range. When the central directory is missing (a truncated
 * download), the local headers are walked from the start instead, so the members before the
 * damage are still read, and the damage is reported as `corrupt-archive`.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const MAX_COMMENT = 0xffff;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && (head.readUInt32LE(0) === LOCAL || head.readUInt32LE(0) === END);
}

/** Zip64 sizes and offset from the extra field, for the fields the fixed header marks as 0xFFFFFFFF. */
function zip64(extra: Buffer, entry: CentralEntry): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const next = (): number => {
        const v = Number(extra.readBigUInt64LE(p));
        p += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + length;
  }
}

async function centralDirectory(path: string): Promise<CentralEntry[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + MAX_COMMENT + 20);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === END) {
        end = i;
        break;
      }
    if (end < 0) return undefined;
    let count = tail.readUInt16LE(end + 10);
    let dirSize = tail.readUInt32LE(end + 12);
    let dirOffset = tail.readUInt32LE(end + 16);
    if (
      (count === 0xffff || dirOffset === 0xffffffff) &&
      end >= 20 &&
      tail.readUInt32LE(end - 20) === END64_LOCATOR
    ) {
      const recordOffset = Number(tail.readBigUInt64LE(end - 20 + 8));
      const record = Buffer.alloc(56);
      await handle.read(record, 0, 56, recordOffset);
      if (record.readUInt32LE(0) === END64) {
        count = Number(record.readBigUInt64LE(32));
        dirSize = Number(record.readBigUInt64LE(40));
        dirOffset = Number(record.readBigUInt64LE(48));
      }
    }
    if (dirOffset + dirSize > size) return undefined;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: CentralEntry[] = [];
    for (let at = 0, i = 0; i < count; i++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== CENTRAL) return undefined;
      const nameLength = dir.readUInt16LE(at + 28);
      const extraLength = dir.readUInt16LE(at + 30);
      const commentLength = dir.readUInt16LE(at + 32);
      const entry: CentralEntry = {
        flags: dir.readUInt16LE(at + 8),
        method: dir.readUInt16LE(at + 10),
        compressedSize: dir.readUInt32LE(at + 20),
        size: dir.readUInt32LE(at + 24),
        localOffset: dir.readUInt32LE(at + 42),
        name: dir.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      };
      zip64(dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
      entries.push(entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Why a member cannot be read, or undefined when it can. */
function refusal(entry: Pick<CentralEntry, 'name' | 'method' | 'flags'>): ProcessingError | undefined {
  const unsafe = unsafeMemberName(entry.name);
  if (unsafe !== undefined)
    return new ProcessingError('unsafe-archive-path', `member "${entry.name}" has ${unsafe}; refused`, {
      location: entry.name,
    });
  if ((entry.flags & 1) !== 0)
    return new ProcessingError('unsupported-document', `member "${entry.name}" is encrypted`, {
      location: entry.name,
    });
  if (entry.method !== 0 && entry.method !== 8)
    return new ProcessingError(
      'unsupported-document',
      `member "${entry.name}" uses compression method ${entry.method}; only stored and deflate are read`,
      { location: entry.name },
    );
  return undefined;
}

/** A member's bytes: inflated when deflated, with the ratio checked against its compressed size. */
async function* inflate(
  raw: AsyncIterable<Buffer>,
  entry: Pick<CentralEntry, 'name' | 'method' | 'compressedSize' | 'size'>,
  limits: ArchiveLimits,
  total: ExpansionGuard,
): AsyncGenerator<Buffer> {
  let out = 0;
  const stream = entry.method === 8 ? pullDecompress(raw, createInflateRaw()) : raw;
  try {
    for await (const chunk of stream) {
      out += chunk.length;
      // All members together against archives.maxExpandedBytes; the ratio is checked per member below.
      total.add(chunk.length, 0, entry.name);
      if (out > 1024 * 1024 && out / Math.max(entry.compressedSize, 1) > limits.maxRatio)
        throw limitError(
          `member "${entry.name}" expands more than ${limits.maxRatio} times its compressed size (archives.maxRatio): refused as a decompression bomb`,
          entry.name,
        );
      yield chunk;
    }
  } catch (cause) {
    if (cause instanceof ProcessingError) throw cause;
    throw archiveError(`member "${entry.name}" is damaged: ${(cause as Error).message}`, entry.name);
  }
  if (out !== entry.size)
    throw archiveError(
      `member "${entry.name}" holds ${out} bytes, not the ${entry.size} its header states`,
      entry.name,
    );
}

/**
 * A member's body as handed to the consumer, and how the reader closes it before moving on: a
 * consumer may stop mid-body or never start it (an oversize member is rejected from its size
 * alone), and the body's own reads must be over before the reader touches the archive again.
 */
function memberBody(body: AsyncGenerator<Buffer>): {
  body: AsyncIterable<Buffer>;
  close: () => Promise<void>;
} {
  return {
    body,
    close: async () => {
      try {
        await body.return(undefined);
      } catch {
        // The member's own damage was the consumer's to see; the reader reports what follows.
      }
    },
  };
}

export async function* readZip(path: string, limits: ArchiveLimits): AsyncGenerator<ArchiveEntry> {
  const entries = await centralDirectory(path);
  const total = new ExpansionGuard(limits, basename(path));
  if (entries === undefined) {
    yield* readZipSequentially(path, limits, total);
    return;
  }
  const files = entries.filter((e) => !e.name.endsWith('/'));
  if (files.length > limits.maxMembers)
    throw limitError(`zip has ${files.length} members, over ${limits.maxMembers} (archives.maxMembers)`);
  const handle = await open(path, 'r');
  try {
    for (const entry of files) {
      const refused = refusal(entry);
      if (refused !== undefined) {
        yield { kind: 'refused', name: entry.name, error: refused };
        continue;
      }
      const local = Buffer.alloc(30);
      await handle.read(local, 0, 30, entry.localOffset);
      if (local.readUInt32LE(0) !== LOCAL) {
        // The directory still lists the other members: only this one is lost.
        yield {
          kind: 'refused',
          name: entry.name,
          error: archiveError(
            `member "${entry.name}" has no local header at byte ${entry.localOffset}`,
            entry.name,
          ),
        };
        continue;
      }
      const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const raw =
        entry.compressedSize === 0
          ? (async function* (): AsyncGenerator<Buffer> {})()
          : createReadStream(path, {
              start,
              end: start + entry.compressedSize - 1,
              highWaterMark: 1024 * 1024,
            });
      const member = memberBody(inflate(raw, entry, limits, total));
      yield { kind: 'member', member: { name: entry.name, size: entry.size, body: member.body } };
      await member.close();
    }
  } finally {
    await handle.close();
  }
}

/**
 * The data descriptor after a member whose local header sets flag bit 3: an optional signature,
 * the CRC, then both sizes (8 bytes each for a zip64 member).
 */
async function skipDataDescriptor(reader: ByteReader, name: string, zip64Sizes: boolean): Promise<void> {
  const sizes = zip64Sizes ? 16 : 8;
  const first = await reader.read(4);
  const rest = first.length === 4 && first.readUInt32LE(0) === DESCRIPTOR ? 4 + sizes : sizes;
  if (first.length < 4 || !(await reader.skip(rest)))
    throw archiveError(`zip ends inside the data descriptor of member "${name}"`, name);
}

/** Without a central directory: local header after local header, until the data runs out. */
async function* readZipSequentially(
  path: string,
  limits: ArchiveLimits,
  total: ExpansionGuard,
): AsyncGenerator<ArchiveEntry> {
  const reader = new ByteReader(createReadStream(path, { highWaterMark: 1024 * 1024 }));
  let members = 0;
  try {
    for (;;) {
      const at = reader.position;
      const header = await reader.read(30);
      if (header.length < 4 || header.readUInt32LE(0) !== LOCAL) {
        throw archiveError(
          `zip has no central directory (truncated or damaged); ${members} member(s) read before byte ${at}`,
          `byte ${at}`,
        );
      }
      if (header.length < 30) throw archiveError(`zip ends inside a header at byte ${at}`, `byte ${at}`);
      const nameLength = header.readUInt16LE(26);
      const meta = await reader.read(nameLength + header.readUInt16LE(28));
      const entry: CentralEntry = {
        flags: header.readUInt16LE(6),
        method: header.readUInt16LE(8),
        compressedSize: header.readUInt32LE(18),
        size: header.readUInt32LE(22),
        localOffset: at,
        name: meta.subarray(0, nameLength).toString('utf8'),
      };
      const zip64Sizes = entry.compressedSize === 0xffffffff || entry.size === 0xffffffff;
      zip64(meta.subarray(nameLength), entry);
      const { name, flags, method, compressedSize, size } = entry;
      if ((flags & 8) !== 0 && compressedSize === 0)
        throw archiveError(
          `zip has no central directory and member "${name}" gives its size only after its data; ${members} member(s) read`,
          name,
        );
      const skipRest = async (left: number): Promise<void> => {
        if (!(await reader.skip(left))) throw archiveError(`zip ends inside member "${name}"`, name);
        if ((flags & 8) !== 0) await skipDataDescriptor(reader, name, zip64Sizes);
      };
      if (name.endsWith('/')) {
        await skipRest(compressedSize);
        continue;
      }
      if (++members > limits.maxMembers)
        throw limitError(`zip has more than ${limits.maxMembers} members (archives.maxMembers)`);
      const refused = refusal({ name, method, flags });
      if (refused !== undefined) {
        yield { kind: 'refused', name, error: refused };
        await skipRest(compressedSize);
        continue;
      }
      let consumed = 0;
      async function* raw(): AsyncGenerator<Buffer> {
        for await (const chunk of reader.stream(compressedSize)) {
          consumed += chunk.length;
          yield chunk;
        }
        if (consumed < compressedSize)
          throw archiveError(
            `zip ends inside member "${name}" (${consumed} of ${compressedSize} bytes)`,
            name,
          );
      }
      const member = memberBody(inflate(raw(), entry, limits, total));
      yield { kind: 'member', member: { name, size, body: member.body } };
      // The body's reads are over once it is closed: only then may the reader move on.
      await member.close();
      await skipRest(compressedSize - consumed);
    }
  } finally {
    await reader.close();
  }
}
