import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Tiny writers of zip and tar archives around made-up (or mutated) documents: enough of each
 * format (stored/deflate zip members with a central directory, optionally with data descriptors
 * as streaming writers leave them; ustar headers) for tests and the fuzzing campaign to build
 * valid, truncated and crafted archives.
 */

export interface ArchiveEntryInput {
  name: string;
  data: Buffer | string;
  /** Zip only: `deflate` (default) or `store`. */
  method?: 'deflate' | 'store';
  /**
   * Zip only: written as a streaming writer does: flag bit 3 set, CRC and sizes zero in the local
   * header and given in a data descriptor after the data (`signed`: with its optional signature).
   */
  descriptor?: 'signed' | 'unsigned';
}

const bytesOf = (data: Buffer | string): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data));

export function makeZip(entries: readonly ArchiveEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = bytesOf(entry.data);
    const name = Buffer.from(entry.name);
    const deflate = entry.method !== 'store';
    const body = deflate ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const flags = entry.descriptor === undefined ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    if (entry.descriptor === undefined) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor: Buffer[] = [];
    if (entry.descriptor !== undefined) {
      const fields = Buffer.alloc(12);
      fields.writeUInt32LE(crc, 0);
      fields.writeUInt32LE(body.length, 4);
      fields.writeUInt32LE(data.length, 8);
      if (entry.descriptor === 'signed') descriptor.push(Buffer.from([0x50, 0x4b, 0x07, 0x08]));
      descriptor.push(fields);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body, ...descriptor);
    centrals.push(central, name);
    offset += local.length + name.length + body.length + descriptor.reduce((n, b) => n + b.length, 0);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function makeTar(entries: readonly ArchiveEntryInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = bytesOf(entry.data);
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
