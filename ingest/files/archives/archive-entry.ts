import type { ProcessingError } from '../../../lib/errors.js';

/** One member of an archive, streamed: `body` must be consumed (or abandoned) before the next entry is asked for. */
export interface ArchiveMember {
  /** Path inside the archive, as written there. */
  name: string;
  /** Declared decompressed size, when the archive states it. */
  size?: number;
  body: AsyncIterable<Buffer>;
}

/** A member to read, or one refused before reading (a path trick, an unsupported compression, encryption). */
export type ArchiveEntry =
  { kind: 'member'; member: ArchiveMember } | { kind: 'refused'; name: string; error: ProcessingError };
