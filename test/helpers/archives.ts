/** The archive writers tests build valid, truncated and crafted archives with (shared with the fuzzing campaign). */
export { makeTar, makeZip, type ArchiveEntryInput as Entry } from '../../synthetic/archives.js';
