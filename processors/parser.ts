import type { FormatName, RecordEnvelope, SourceKind } from '../lib/envelope.js';
import type { ProcessingError } from '../lib/errors.js';
import type { DocumentInfo, PersonMention } from './model/mention.js';

/** Limits every parser honours; from `config` (`processors.*`). */
export interface ParseLimits {
  /** Records larger than this are rejected with `too-large` before any parsing. */
  maxDocumentBytes: number;
}

export const defaultParseLimits: ParseLimits = { maxDocumentBytes: 64 * 1024 * 1024 };

/**
 * A parser's answer. Parsers never throw on bad input: they return `rejected` with a typed
 * {@link ProcessingError}, and the caller sends the record to the dead-letter place.
 * `skipped` is for well-formed documents that hold no people by nature (a USPTO sequence listing),
 * which are not errors and need no dead-lettering.
 */
export type ParseOutcome =
  | { status: 'parsed'; document: DocumentInfo; mentions: PersonMention[] }
  | { status: 'skipped'; reason: string }
  | { status: 'rejected'; error: ProcessingError };

export interface Parser {
  readonly format: FormatName;
  readonly sourceKind: SourceKind;
  /**
   * True when the first bytes (decoded leniently, ≤ 64 KiB) look like this format. Detection is by
   * content, not by file name: crawled pages and Kafka messages have no names.
   */
  detect(head: string, contentType?: string): boolean;
  parse(envelope: RecordEnvelope, limits: ParseLimits): ParseOutcome;
}
