import { gunzipSync, gzipSync } from 'node:zlib';
import type { Random } from './mutators.js';

/**
 * Structure-aware mutations of compressed containers. Random byte flips rarely leave a zip whose
 * local headers and central directory disagree in just one field, or a tar whose sizes lie under
 * a valid checksum; these edits aim at exactly the fields the readers trust: sizes in local
 * headers vs the central directory, data-descriptor flags, members cut inside their compressed
 * data, a central directory cut off (the sequential reader), member sizes past the document limit
 * (a consumer abandoning the body), and inside a .tar.gz the tar headers themselves.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

function offsetsOf(buf: Buffer, signature: number): number[] {
  const out: number[] = [];
  for (let at = buf.indexOf(Buffer.from([0x50, 0x4b])); at >= 0 && at + 4 <= buf.length;) {
    if (buf.readUInt32LE(at) === signature) out.push(at);
    at = buf.indexOf(Buffer.from([0x50, 0x4b]), at + 1);
  }
  return out;
}

/** A size that disagrees with the true one: slightly off, zero, past the document limit, or all ones. */
function wrongSize(actual: number, rng: Random): number {
  return Math.min(0xffffffff, offSize(actual, rng));
}

function offSize(actual: number, rng: Random): number {
  switch (rng.int(5)) {
    case 0:
      return Math.max(0, actual + rng.int(64) - 32);
    case 1:
      return actual + 1 + rng.int(1 << 16);
    case 2:
      return 0;
    case 3:
      return 0x4000000 + rng.int(0x10000000); // 64–320 MiB: past the document limit
    default:
      return 0xffffffff;
  }
}

/** One edit of a zip's structure; the input is returned unchanged when it has none of the fields. */
function zipEdit(zip: Buffer, rng: Random): Buffer {
  const locals = offsetsOf(zip, LOCAL).filter((at) => at + 30 <= zip.length);
  const centrals = offsetsOf(zip, CENTRAL).filter((at) => at + 46 <= zip.length);
  const out = Buffer.from(zip);
  switch (rng.int(7)) {
    case 0: {
      // The central directory cut off (a truncated download): the reader walks the local headers.
      const first = centrals[0];
      return first === undefined ? out : out.subarray(0, first - (rng.chance(0.5) ? 0 : rng.int(64)));
    }
    case 1: {
      if (locals.length === 0) return out;
      const at = rng.pick(locals);
      out.writeUInt32LE(wrongSize(out.readUInt32LE(at + 18), rng), at + 18);
      return out;
    }
    case 2: {
      if (locals.length === 0) return out;
      const at = rng.pick(locals);
      out.writeUInt32LE(wrongSize(out.readUInt32LE(at + 22), rng), at + 22);
      return out;
    }
    case 3: {
      // A data descriptor announced (flag bit 3), with or without the sizes zeroed as streaming writers do.
      if (locals.length === 0) return out;
      const at = rng.pick(locals);
      out.writeUInt16LE(out.readUInt16LE(at + 6) | 8, at + 6);
      if (rng.chance(0.5)) out.fill(0, at + 14, at + 26);
      return out;
    }
    case 4: {
      if (centrals.length === 0) return out;
      const at = rng.pick(centrals);
      const field = rng.pick([20, 24, 42]);
      out.writeUInt32LE(wrongSize(out.readUInt32LE(at + field), rng), at + field);
      return out;
    }
    case 5: {
      // A member cut inside its compressed data.
      if (locals.length === 0) return out;
      const index = rng.int(locals.length);
      const start = (locals[index] as number) + 30;
      const end = locals[index + 1] ?? centrals[0] ?? out.length;
      return out.subarray(0, start + rng.int(Math.max(1, end - start)));
    }
    default: {
      const pool = [...locals.map((at) => at + 8), ...centrals.map((at) => at + 10)];
      if (pool.length === 0) return out;
      out.writeUInt16LE(rng.pick([0, 8, 9, 12, 99]), rng.pick(pool));
      return out;
    }
  }
}

/** Recomputes a ustar header's checksum, so an edited header is read rather than refused. */
function resum(header: Buffer): void {
  header.write('        ', 148);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += header[i] as number;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
}

/** One edit of a tar's headers, checksums kept valid. */
function tarEdit(tar: Buffer, rng: Random): Buffer {
  const headers: number[] = [];
  for (let at = 0; at + 512 <= tar.length; at += 512)
    if (tar.subarray(at + 257, at + 262).toString('latin1') === 'ustar') headers.push(at);
  if (headers.length === 0) return tar;
  const out = Buffer.from(tar);
  const at = rng.pick(headers);
  const header = out.subarray(at, at + 512);
  switch (rng.int(5)) {
    case 0: {
      const size = parseInt(header.subarray(124, 135).toString('latin1'), 8) || 0;
      header.write(`${wrongSize(size, rng).toString(8).padStart(11, '0').slice(-11)}\0`, 124);
      break;
    }
    case 1:
      header.write(
        rng.pick(['../escape.xml', '/etc/x.xml', 'a/../../b.xml', 'C:\\x.xml']).padEnd(100, '\0'),
        0,
      );
      break;
    case 2:
      header.write(rng.pick(['5', '2', 'L', 'x', 'g', '1', 'S']), 156);
      break;
    case 3:
      // A binary (base-256) size, as GNU tar writes for members over 8 GiB.
      header[124] = 0x80;
      header.fill(rng.int(256), 125, 136);
      break;
    default:
      return out.subarray(0, at + 512 + rng.int(Math.max(1, out.length - at - 512)));
  }
  resum(header);
  return out;
}

/**
 * A structure-aware mutation of an archive, or undefined when `seed` is not one this module
 * knows (the caller then mutates bytes blindly). A .gz is opened, its content edited (a tar's
 * headers, or any bytes), and compressed again, so the damage reaches the reader behind a valid
 * gzip stream; or it is left damaged as a stream (multi-member, trailing bytes).
 */
export function mutateArchive(seed: Buffer, other: Buffer, rng: Random): Buffer | undefined {
  if (seed.length >= 4 && seed.readUInt32LE(0) === LOCAL) {
    let out = seed;
    for (let k = 0, n = 1 + rng.int(3); k < n; k++) out = zipEdit(out, rng);
    return out;
  }
  if (seed.length >= 2 && seed[0] === 0x1f && seed[1] === 0x8b) {
    switch (rng.int(3)) {
      case 0:
        // Multi-member gzip, or a stream followed by bytes that are not gzip.
        return Buffer.concat([seed, rng.chance(0.5) ? other : other.subarray(rng.int(other.length))]);
      case 1: {
        let inner: Buffer;
        try {
          inner = gunzipSync(seed);
        } catch {
          return undefined;
        }
        const isTar = inner.subarray(257, 262).toString('latin1') === 'ustar';
        const edited =
          isTar && rng.chance(0.8)
            ? tarEdit(inner, rng)
            : Buffer.concat([inner.subarray(0, rng.int(inner.length + 1)), other.subarray(0, rng.int(64))]);
        return gzipSync(edited);
      }
      default:
        return undefined;
    }
  }
  return undefined;
}
