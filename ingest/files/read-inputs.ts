import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import {
  createEnvelope,
  sha256Hex,
  type NewEnvelope,
  sourceKindOfFormat,
  type FormatName,
  type RecordEnvelope,
  type RecordOrigin,
  type SourceKind,
} from '../../lib/envelope.js';
import { ProcessingError } from '../../lib/errors.js';
import { charsetOf, headText } from '../../processors/common/decode-text.js';
import { bulkSplitterFor } from '../../processors/patent/bulk-split.js';
import type { SplitDocument } from '../../processors/patent/split-concatenated.js';
import { undetectedError } from '../../processors/pipeline.js';
import { detectFormat } from '../../processors/registry.js';
import { defaultArchiveLimits, ExpansionGuard, type ArchiveLimits } from './archives/archive-limits.js';
import type { ArchiveEntry } from './archives/archive-entry.js';
import { gunzip, looksLikeGzip } from './archives/gzip.js';
import { looksLikeTar, readTar } from './archives/tar-reader.js';
import { looksLikeZip, readZip } from './archives/zip-reader.js';
import { looksLikeJsonLines, splitJsonLines } from './split-lines.js';

/** One unit read from the inputs: a record to process, or an input that could not become one. */
export type InputItem =
  | { kind: 'record'; envelope: RecordEnvelope; bytesRead: number }
  | { kind: 'rejected'; envelope: RecordEnvelope; error: ProcessingError; bytesRead: number };

export interface ReadInputsOptions {
  /** Skip detection and treat every input as this format. */
  format?: FormatName;
  /** Character set of text inputs without a declaration (`gbk` for many Chinese résumés). */
  encoding?: string;
  maxDocumentBytes: number;
  stdin?: Readable;
  /** Fixed fetch time, for reproducible envelopes in tests. */
  now?: Date;
  /**
   * Use each file's modification time as its records' fetch time (the ingest does: the time the
   * document was obtained, and the same on every rerun). Ignored when `now` is given.
   */
  fetchedAtFromFile?: boolean;
  /** Limits on what `.zip`, `.gz` and `.tar(.gz)` inputs may expand to; defaults when absent. */
  archives?: ArchiveLimits;
  /** Called for every file before it is read; returning true skips it (a finished input on a rerun). */
  skipFile?: (file: InputFile) => boolean | Promise<boolean>;
}

export interface InputFile {
  path: string;
  size: number;
  mtimeMs: number;
}

const HEAD_BYTES = 64 * 1024;
/** Formats whose bulk files are JSON Lines: a given `--format` among these still splits by line. */
const JSON_LINES_FORMATS: ReadonlySet<FormatName> = new Set([
  'openalex-json',
  'crossref-json',
  'semantic-scholar-json',
  'orcid-json',
  'json-resume',
]);
/**
 * Files met while walking a directory that are never source documents (notes, manifests, images,
 * archives we cannot read). `.zip`, `.gz`, `.tgz` and `.tar` are read, member by member. Plain
 * `.jsonl` files in a directory are mostly the project's own (rejects, synthetic truth): JSON
 * Lines sources are read when named, or compressed (`part_000.gz`, `works.jsonl.gz`) in a directory. Skipped silently there; named explicitly on the command line they are still tried.
 */
const NOT_DOCUMENTS =
  /\.(md|markdown|tsv|csv|jsonl|bmes|ya?ml|log|lock|png|jpe?g|gif|svg|ico|pdf|bz2|xz|7z|css|js|map)$/i;
const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.nc': 'text/plain',
  '.jsonl': 'application/json',
};

function contentTypeOf(path: string, encoding: string | undefined): string {
  const base = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return encoding ? `${base}; charset=${encoding}` : base;
}

/**
 * Regular files under the given paths, directories expanded recursively in name order (hidden
 * entries skipped). Symbolic links are followed, to files and to directories alike; a directory
 * reached twice (a link back to a parent, two links to one place) is read once, so link loops end.
 */
export async function* expandPaths(
  paths: readonly string[],
  visited: Set<string> = new Set(),
): AsyncGenerator<{ path: string; error?: NodeJS.ErrnoException }> {
  for (const p of paths) {
    if (p === '-') {
      yield { path: '-' };
      continue;
    }
    const full = resolve(p);
    let info;
    try {
      info = await stat(full); // follows links
    } catch (error) {
      yield { path: full, error: error as NodeJS.ErrnoException };
      continue;
    }
    if (info.isDirectory()) {
      let entries;
      try {
        const real = await realpath(full);
        if (visited.has(real)) continue;
        visited.add(real);
        entries = (await readdir(full, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      } catch (error) {
        yield { path: full, error: error as NodeJS.ErrnoException };
        continue;
      }
      yield* expandPaths(
        entries
          .filter(
            (e) =>
              !e.name.startsWith('.') &&
              (e.isDirectory() || e.isSymbolicLink() || (e.isFile() && !NOT_DOCUMENTS.test(e.name))),
          )
          .filter((e) => !e.isSymbolicLink() || !NOT_DOCUMENTS.test(e.name))
          .map((e) => join(full, e.name)),
        visited,
      );
    } else if (info.isFile()) {
      yield { path: full };
    }
  }
}

async function readAll(
  stream: AsyncIterable<Buffer | string>,
  limit: number,
): Promise<{ body: Buffer; total: number }> {
  const parts: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (kept < limit) {
      const piece = buf.subarray(0, Math.min(buf.length, limit + 1 - kept));
      parts.push(piece);
      kept += piece.length;
    }
  }
  return { body: Buffer.concat(parts), total };
}

type EnvelopeBase = Omit<NewEnvelope, 'sourceKind' | 'body'>;

/** An input that cannot become a record: an envelope around what was read (maybe nothing) and why. */
function rejectedInput(
  base: EnvelopeBase,
  format: FormatName | undefined,
  body: Buffer,
  error: ProcessingError,
  bytesRead: number,
): InputItem {
  // Before detection the source kind is unknown; 'resume' is a placeholder that only shapes the envelope id.
  return {
    kind: 'rejected',
    envelope: createEnvelope({ ...base, sourceKind: kindOf(format, 'resume'), body }),
    error,
    bytesRead,
  };
}

function kindOf(format: FormatName | undefined, fallback: SourceKind): SourceKind {
  return format === undefined ? fallback : sourceKindOfFormat[format];
}

/**
 * Turns files, directories and stdin into record envelopes. Concatenated USPTO files are streamed
 * document by document with constant memory; other files are read whole up to the size limit, and
 * larger ones are rejected without being read. Unreadable inputs become rejections, so one bad
 * file never stops a run.
 */
export async function* readInputs(
  paths: readonly string[],
  options: ReadInputsOptions,
): AsyncGenerator<InputItem> {
  for await (const { path, error } of expandPaths(paths)) {
    const origin = { file: path };
    let info: InputFile | undefined;
    if (!error && path !== '-') {
      try {
        const s = await stat(path);
        info = { path, size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        // Reported below, where the read fails with its own error code.
      }
    }
    if (info && (await options.skipFile?.(info))) continue;
    const base = {
      origin,
      contentType: contentTypeOf(path, options.encoding),
      format: options.format ?? null,
      fetchedAt:
        options.now ?? (options.fetchedAtFromFile && info ? new Date(Math.floor(info.mtimeMs)) : new Date()),
    };
    if (error) {
      yield rejectedInput(
        base,
        options.format,
        Buffer.alloc(0),
        new ProcessingError('unreadable-input', `cannot read ${path}: ${error.code ?? error.message}`),
        0,
      );
      continue;
    }
    if (path === '-') {
      const stdin = options.stdin ?? process.stdin;
      yield* fromStream(stdin, undefined, { ...base, origin: { uri: 'stdin:' } }, options);
      continue;
    }
    try {
      yield* fromStream(createReadStream(path, { highWaterMark: 1024 * 1024 }), info?.size, base, options);
    } catch (cause) {
      // A damaged archive or one past its limits: the records before the damage were yielded already.
      if (cause instanceof ProcessingError) {
        yield rejectedInput(base, options.format, Buffer.alloc(0), cause, 0);
        continue;
      }
      const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
      yield rejectedInput(
        base,
        options.format,
        Buffer.alloc(0),
        new ProcessingError('unreadable-input', `cannot read ${path}: ${code}`, { cause }),
        0,
      );
    }
  }
}

type StreamBase = {
  origin: RecordOrigin;
  contentType: string;
  format: FormatName | null;
  fetchedAt: Date;
};

/**
 * The first bytes of a stream (up to `HEAD_BYTES`), and the whole stream again from its start:
 * detection looks at the head, then the chosen reader consumes everything without a second open.
 */
async function peek(
  source: AsyncIterable<Buffer | string>,
): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const buf = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    held.push(buf);
    size += buf.length;
  }
  const head = Buffer.concat(held).subarray(0, HEAD_BYTES);
  async function* replay(): AsyncGenerator<Buffer> {
    yield* held;
    if (done) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next())
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
  return { head, stream: replay() };
}

/** Stops reading a stream early (an oversize input is rejected from its head alone). */
async function discard(stream: AsyncIterable<Buffer>): Promise<void> {
  await stream[Symbol.asyncIterator]().return?.();
}

/**
 * One input stream (a file, standard input, an archive member) into records: concatenated USPTO
 * XML and JSON Lines are split while streaming; anything else is one record read whole up to the
 * size limit.
 */
async function* fromStream(
  source: AsyncIterable<Buffer | string>,
  knownSize: number | undefined,
  base: StreamBase,
  options: ReadInputsOptions,
  gunzipped = false,
): AsyncGenerator<InputItem> {
  const limit = options.maxDocumentBytes;
  const { head, stream } = await peek(source);
  const archive = await archiveKind(head, base, gunzipped);
  if (archive !== undefined) {
    yield* fromArchive(archive, head, stream, base, options);
    return;
  }
  const headString = head.toString('utf8');
  // Patent bulk files of every office concatenate (or wrap) documents: split while streaming.
  const splitter = bulkSplitterFor(headString, options.format);
  if (splitter !== undefined) {
    yield* fromSplit(
      splitter.split(stream, { maxDocumentBytes: limit }),
      base,
      options,
      options.format,
      splitter.format,
    );
    return;
  }
  if (
    (options.format === undefined || JSON_LINES_FORMATS.has(options.format)) &&
    looksLikeJsonLines(headString)
  ) {
    yield* fromSplit(splitJsonLines(stream, { maxDocumentBytes: limit }), base, options, options.format);
    return;
  }
  if (knownSize !== undefined && knownSize > limit) {
    await discard(stream);
    const error = new ProcessingError(
      'too-large',
      `file is ${knownSize} bytes, over the limit of ${limit} (processors.maxDocumentBytes); its first ${head.length} bytes are kept`,
    );
    yield rejectedInput(base, options.format, head, error, knownSize);
    return;
  }
  const { body, total } = await readAll(stream, limit);
  yield* fromBuffer(body, total, base, options);
}

type ArchiveKind = 'zip' | 'gzip' | 'tar' | 'nested';

/**
 * Which archive a stream is, from its first bytes. Archives are read at the top level only (and a
 * tar inside a gzip): an archive inside a member is refused (`nested-archive`). Nesting is how
 * bombs multiply (each level's ratio limit multiplies the last), a zip member would have to be
 * spooled to disk to reach its directory, and a refusal costs the user one `unzip`.
 */
async function archiveKind(
  head: Buffer,
  base: StreamBase,
  gunzipped: boolean,
): Promise<ArchiveKind | undefined> {
  const inMember = base.origin.member !== undefined;
  if (looksLikeTar(head)) return inMember && !gunzipped ? 'nested' : 'tar';
  if (looksLikeZip(head)) return inMember ? 'nested' : 'zip';
  if (looksLikeGzip(head)) return inMember ? 'nested' : 'gzip';
  return undefined;
}

function memberBase(base: StreamBase, member: string): StreamBase {
  return {
    ...base,
    origin: { ...base.origin, member },
    contentType: contentTypeOf(member, charsetOf(base.contentType)),
  };
}

/** The records of an archive's members, each read like a file; refused members become rejections. */
async function* fromArchive(
  kind: ArchiveKind,
  head: Buffer,
  stream: AsyncIterable<Buffer>,
  base: StreamBase,
  options: ReadInputsOptions,
): AsyncGenerator<InputItem> {
  const limits = options.archives ?? defaultArchiveLimits;
  const label = base.origin.file ?? base.origin.uri ?? 'input';
  if (kind === 'nested') {
    await discard(stream);
    yield rejectedInput(
      base,
      undefined,
      head,
      new ProcessingError(
        'nested-archive',
        `member ${base.origin.member ?? ''} is itself an archive; archives inside archives are not opened (unpack the outer one and ingest its files)`,
        { location: base.origin.member ?? '' },
      ),
      head.length,
    );
    return;
  }
  if (kind === 'gzip') {
    const inner = basename(label).replace(/\.(gz|tgz)$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : ''));
    yield* fromStream(
      gunzip(stream, new ExpansionGuard(limits, label), label),
      undefined,
      memberBase(base, inner),
      options,
      true,
    );
    return;
  }
  let entries: AsyncIterable<ArchiveEntry>;
  if (kind === 'tar') entries = readTar(stream, limits);
  else {
    await discard(stream);
    if (base.origin.file === undefined) {
      yield rejectedInput(
        base,
        undefined,
        head,
        new ProcessingError(
          'unsupported-document',
          'a zip is read from a file (its directory is at its end); save it and give the path',
        ),
        head.length,
      );
      return;
    }
    entries = readZip(base.origin.file, limits);
  }
  for await (const entry of entries) {
    // A tar inside a gzip keeps the archive's own name (`file`) and the tar member's path.
    const name = entry.kind === 'member' ? entry.member.name : entry.name;
    const member = memberBase({ ...base, origin: { ...base.origin, member: name } }, name);
    if (entry.kind === 'refused') {
      yield rejectedInput(member, undefined, Buffer.alloc(0), entry.error, 0);
      continue;
    }
    try {
      yield* fromStream(entry.member.body, entry.member.size, member, options);
    } catch (cause) {
      // A damaged member is rejected alone; whether the members after it can still be found is
      // the reader's to say (a zip's directory lists them; a tar cut short ends with its own error).
      // A limit crossed (a bomb) stops the whole archive.
      if (!(cause instanceof ProcessingError) || cause.code !== 'corrupt-archive') throw cause;
      yield rejectedInput(member, undefined, Buffer.alloc(0), cause, 0);
    }
  }
}

/**
 * Records from a splitter's documents; each is detected on its own unless the format is given.
 * `fileFormat` is the format the whole file showed (a patent bulk file): a document that detects
 * as nothing or as another source kind (a USPTO sequence listing) keeps it.
 */
async function* fromSplit(
  documents: AsyncIterable<SplitDocument>,
  base: StreamBase,
  options: ReadInputsOptions,
  format: FormatName | undefined,
  fileFormat?: FormatName,
): AsyncGenerator<InputItem> {
  const limit = options.maxDocumentBytes;
  let previousEnd = 0;
  for await (const doc of documents) {
    const docBase = {
      ...base,
      origin: { ...base.origin, documentIndex: doc.index, byteOffset: doc.byteOffset },
    };
    let detected =
      format ??
      (doc.bytes.length > 0
        ? detectFormat(headText(doc.bytes, undefined, base.contentType), base.contentType)
        : undefined);
    if (
      format === undefined &&
      fileFormat !== undefined &&
      (detected === undefined || sourceKindOfFormat[detected] !== sourceKindOfFormat[fileFormat])
    )
      detected = fileFormat;
    const bytesRead = doc.byteOffset + doc.byteLength - previousEnd;
    previousEnd = doc.byteOffset + doc.byteLength;
    const identity = contentIdentity(docBase.origin, doc.bytes);
    if (doc.oversize) {
      yield rejectedInput(
        { ...docBase, ...identity },
        detected,
        doc.bytes,
        new ProcessingError(
          'too-large',
          `document ${doc.index} is ${doc.byteLength} bytes, over the limit of ${limit} (processors.maxDocumentBytes); its first ${doc.bytes.length} bytes are kept`,
        ),
        bytesRead,
      );
      continue;
    }
    if (detected === undefined) {
      // A line of a JSON Lines file that no parser claims (often: not JSON at all) is rejected alone.
      yield rejectedInput(
        { ...docBase, ...identity },
        undefined,
        doc.bytes,
        new ProcessingError(
          'unknown-format',
          `document ${doc.index} (byte ${doc.byteOffset}) is not a record of any supported format; give the format explicitly (--format) if it is one of the supported ones`,
          { location: `document ${doc.index}` },
        ),
        bytesRead,
      );
      continue;
    }
    yield {
      kind: 'record',
      envelope: createEnvelope({
        ...docBase,
        format: detected,
        sourceKind: sourceKindOfFormat[detected],
        body: doc.bytes,
        ...identity,
      }),
      bytesRead,
    };
  }
}

async function* fromBuffer(
  body: Buffer,
  total: number,
  base: StreamBase,
  options: ReadInputsOptions,
): AsyncGenerator<InputItem> {
  const limit = options.maxDocumentBytes;
  if (total > limit) {
    const error = new ProcessingError(
      'too-large',
      `input is ${total} bytes, over the limit of ${limit} (processors.maxDocumentBytes)`,
    );
    yield rejectedInput(base, options.format, body.subarray(0, HEAD_BYTES), error, total);
    return;
  }
  // Detect here, so the envelope carries its real source kind (and so its id and topic) from the start.
  const format =
    base.format ??
    (body.length > 0
      ? detectFormat(headText(body, undefined, base.contentType), base.contentType)
      : undefined);
  if (format === undefined) {
    const error =
      body.length === 0
        ? new ProcessingError('empty-input', 'document is empty')
        : undetectedError(body, base.contentType);
    yield rejectedInput(base, undefined, body, error, total);
    return;
  }
  yield {
    kind: 'record',
    envelope: createEnvelope({
      ...base,
      format,
      sourceKind: sourceKindOfFormat[format],
      body,
      ...contentIdentity(base.origin, body),
    }),
    bytesRead: total,
  };
}

/**
 * Standard input has no name to derive a stable id from: its documents are identified by content,
 * so piping two different documents never makes the second replace the first.
 */
function contentIdentity(origin: { uri?: string }, body: Buffer): { identity?: string } {
  return origin.uri === 'stdin:' ? { identity: `stdin:sha256:${sha256Hex(body)}` } : {};
}
