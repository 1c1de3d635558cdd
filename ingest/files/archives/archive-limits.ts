import { ProcessingError } from '../../../lib/errors.js';

/**
 * Limits on what an archive may expand to. Members are streamed, never unpacked to disk, so the
 * limits guard time and the parsers' input, not disk space: a bomb is cut off as soon as it
 * crosses one of them, with the records read before it kept. From `config` (`archives.*`).
 */
export interface ArchiveLimits {
  /** Total decompressed bytes of one archive (all members together). */
  maxExpandedBytes: number;
  /** Decompressed ÷ compressed bytes, per member and overall, past the first MiB. Text rarely exceeds 20; a deflate bomb reaches 1,000. */
  maxRatio: number;
  /** Members of one archive (directories not counted). */
  maxMembers: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  maxExpandedBytes: 1024 ** 4,
  maxRatio: 200,
  maxMembers: 50_000_000,
};

/** Ratios are not checked below this many decompressed bytes: tiny members compress oddly. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export function archiveError(message: string, location?: string): ProcessingError {
  return new ProcessingError('corrupt-archive', message, location === undefined ? {} : { location });
}

export function limitError(message: string, location?: string): ProcessingError {
  return new ProcessingError('archive-limit', message, location === undefined ? {} : { location });
}

/** Counts bytes in and out of a decompressor and throws once a limit is crossed. */
export class ExpansionGuard {
  private expanded = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly archive: string,
  ) {}

  /** Adds `bytes` decompressed bytes, given `compressed` bytes consumed so far by the member (or the archive). */
  add(bytes: number, compressed: number, member?: string): void {
    this.expanded += bytes;
    const where = member === undefined ? this.archive : `${this.archive}!/${member}`;
    if (this.expanded > this.limits.maxExpandedBytes)
      throw limitError(
        `${where} expands past ${this.limits.maxExpandedBytes} bytes (archives.maxExpandedBytes); reading stopped there`,
        member,
      );
    if (
      this.expanded > RATIO_FLOOR_BYTES &&
      compressed > 0 &&
      this.expanded / compressed > this.limits.maxRatio
    )
      throw limitError(
        `${where} expands more than ${this.limits.maxRatio} times its compressed size (archives.maxRatio): refused as a decompression bomb`,
        member,
      );
  }

  get expandedBytes(): number {
    return this.expanded;
  }
}

/**
 * Member names that would leave the archive's root when unpacked (`../x`, `/etc/x`, `C:\x`)
 * are refused: we never unpack, but such a name is a sign of a crafted archive and would mislead
 * anyone who does.
 */
export function unsafeMemberName(name: string): string | undefined {
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-z]:/i.test(normalized)) return 'an absolute path';
  if (normalized.split('/').includes('..')) return 'a path outside the archive root (`..`)';
  if (normalized.includes('\0')) return 'a NUL byte';
  return undefined;
}
