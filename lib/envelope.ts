import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ProcessingError } from './errors.js';

/**
 * The record envelope: the one unit every queue carries (Kafka topic, embedded queue, crawl output).
 * Its JSON form is versioned; `body` travels as base64 so any bytes (GBK text, broken XML) survive
 * the trip to the dead-letter place unchanged.
 */
const ENVELOPE_SCHEMA_VERSION = 1;

export const sourceKinds = ['resume', 'patent', 'filing', 'profile-page', 'publication'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const formatNames = [
  'json-resume',
  'uspto-xml',
  'epo-xml',
  'docdb-xml',
  'cnipa-xml',
  'jpo-xml',
  'uspto-legacy',
  'uspto-greenbook',
  'sec-ownership-xml',
  'sec-form-xml',
  'sec-filing-html',
  'edgar-submission',
  'profile-html',
  'zh-resume-text',
  'openalex-json',
  'crossref-json',
  'crossref-xml',
  'orcid-xml',
  'orcid-json',
  'semantic-scholar-json',
] as const;
export type FormatName = (typeof formatNames)[number];

/** The source kind each format belongs to; the topic a record goes to follows from it. */
export const sourceKindOfFormat: Readonly<Record<FormatName, SourceKind>> = {
  'json-resume': 'resume',
  'uspto-xml': 'patent',
  'epo-xml': 'patent',
  'docdb-xml': 'patent',
  'cnipa-xml': 'patent',
  'jpo-xml': 'patent',
  'uspto-legacy': 'patent',
  'uspto-greenbook': 'patent',
  'sec-ownership-xml': 'filing',
  'sec-form-xml': 'filing',
  'sec-filing-html': 'filing',
  'edgar-submission': 'filing',
  'profile-html': 'profile-page',
  'zh-resume-text': 'resume',
  'openalex-json': 'publication',
  'crossref-json': 'publication',
  'crossref-xml': 'publication',
  'orcid-xml': 'publication',
  'orcid-json': 'publication',
  'semantic-scholar-json': 'publication',
};

const originSchema = z
  .object({
    /** Where the bytes came from: a URL, or `file://` + absolute path. */
    uri: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    /** Path of the member inside an archive (`file` is then the archive): `ipg240102.xml`, `ORCID_2024/000/0000-0001-….xml`. */
    member: z.string().min(1).optional(),
    /** Index of the document inside a concatenated file (USPTO weekly files), 0-based. */
    documentIndex: z.number().int().nonnegative().optional(),
    /** Byte offset of the document inside that file. */
    byteOffset: z.number().int().nonnegative().optional(),
    topic: z.string().min(1).optional(),
    partition: z.number().int().nonnegative().optional(),
    offset: z.string().regex(/^\d+$/).optional(),
  })
  .strict()
  .refine((o) => o.uri !== undefined || o.file !== undefined || o.topic !== undefined, {
    message: 'origin needs at least one of uri, file or topic',
  });

export type RecordOrigin = z.infer<typeof originSchema>;

const wireSchema = z
  .object({
    schemaVersion: z.literal(ENVELOPE_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z][a-z0-9-]*:[0-9a-f]{32}$/, 'id must look like "<kind>:<32 hex digits>"'),
    sourceKind: z.enum(sourceKinds),
    format: z.enum(formatNames).nullable(),
    origin: originSchema,
    fetchedAt: z.iso.datetime({ offset: true }),
    contentType: z.string().min(1),
    bodyBase64: z.string(),
    checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  })
  .strict();

export type EnvelopeWire = z.infer<typeof wireSchema>;

export interface RecordEnvelope {
  readonly schemaVersion: typeof ENVELOPE_SCHEMA_VERSION;
  /** Stable across re-fetches of the same source document: derived from its origin, not its content. */
  readonly id: string;
  readonly sourceKind: SourceKind;
  /** Null when not yet known; the processors detect it from the content. */
  readonly format: FormatName | null;
  readonly origin: RecordOrigin;
  readonly fetchedAt: string;
  /** MIME type, with a `charset` parameter when the producer knows it (e.g. `text/plain; charset=gbk`). */
  readonly contentType: string;
  readonly body: Buffer;
  /** `sha256:<hex>` of body; lets a crawler skip unchanged pages and a consumer detect corruption. */
  readonly checksum: string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The stable id of a record: the source kind plus a hash of the origin's identity. */
export function stableRecordId(sourceKind: SourceKind, identity: string): string {
  return `${sourceKind}:${sha256Hex(identity).slice(0, 32)}`;
}

/** The identity string of an origin: the same document fetched again yields the same id. */
export function originIdentity(origin: RecordOrigin): string {
  const base =
    origin.uri ?? (origin.file !== undefined ? `file://${origin.file}` : `kafka://${origin.topic}`);
  const inArchive = origin.member === undefined ? base : `${base}!/${origin.member}`;
  return origin.documentIndex === undefined ? inArchive : `${inArchive}#${origin.documentIndex}`;
}

export interface NewEnvelope {
  sourceKind: SourceKind;
  format?: FormatName | null;
  origin: RecordOrigin;
  body: Buffer;
  contentType: string;
  fetchedAt?: Date;
  /** Overrides the origin-derived identity, e.g. with a patent number or an accession number. */
  identity?: string;
}

export function createEnvelope(input: NewEnvelope): RecordEnvelope {
  return {
    schemaVersion: ENVELOPE_SCHEMA_VERSION,
    id: stableRecordId(input.sourceKind, input.identity ?? originIdentity(input.origin)),
    sourceKind: input.sourceKind,
    format: input.format ?? null,
    origin: input.origin,
    fetchedAt: (input.fetchedAt ?? new Date()).toISOString(),
    contentType: input.contentType,
    body: input.body,
    checksum: `sha256:${sha256Hex(input.body)}`,
  };
}

export function encodeEnvelope(envelope: RecordEnvelope): Buffer {
  const wire: EnvelopeWire = {
    schemaVersion: envelope.schemaVersion,
    id: envelope.id,
    sourceKind: envelope.sourceKind,
    format: envelope.format,
    origin: envelope.origin,
    fetchedAt: envelope.fetchedAt,
    contentType: envelope.contentType,
    bodyBase64: envelope.body.toString('base64'),
    checksum: envelope.checksum,
  };
  return Buffer.from(JSON.stringify(wire));
}

/**
 * Validates and decodes an envelope from the wire. Anything that does not fit (bad JSON, a missing
 * field, a newer schema version, a checksum that does not match the body) is a {@link ProcessingError}
 * with code `invalid-envelope`, so the message goes to the dead-letter place with its bytes.
 */
export function decodeEnvelope(bytes: Buffer | string): RecordEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (cause) {
    throw new ProcessingError('invalid-envelope', 'envelope is not valid JSON', { cause });
  }
  if (typeof json === 'object' && json !== null && 'schemaVersion' in json) {
    const version = (json as { schemaVersion: unknown }).schemaVersion;
    if (typeof version === 'number' && version > ENVELOPE_SCHEMA_VERSION)
      throw new ProcessingError(
        'invalid-envelope',
        `envelope schema version ${version} is newer than this build understands (${ENVELOPE_SCHEMA_VERSION}); upgrade talent-brain`,
      );
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(root)';
    throw new ProcessingError('invalid-envelope', `envelope field ${path}: ${issue?.message ?? 'invalid'}`, {
      location: path,
    });
  }
  const wire = parsed.data;
  const body = Buffer.from(wire.bodyBase64, 'base64');
  const checksum = `sha256:${sha256Hex(body)}`;
  if (checksum !== wire.checksum)
    throw new ProcessingError(
      'invalid-envelope',
      'envelope checksum does not match its body (corrupted in transit)',
      {
        location: 'checksum',
      },
    );
  return {
    schemaVersion: wire.schemaVersion,
    id: wire.id,
    sourceKind: wire.sourceKind,
    format: wire.format,
    origin: wire.origin,
    fetchedAt: wire.fetchedAt,
    contentType: wire.contentType,
    body,
    checksum: wire.checksum,
  };
}
