import type { FormatName, RecordEnvelope, SourceKind } from '../lib/envelope.js';
import type { ProcessingError } from '../lib/errors.js';
import type { ParseBudget } from './common/parse-budget.js';
import type { DocumentInfo, PersonMention } from './model/mention.js';

/**
 * Limits every parser honours; from `config` (`processors.*`). The optional ones default to
 * {@link parseLimitDefaults}; see docs/parser-limits.md.
 */
export interface ParseLimits {
  /** Records larger than this are rejected with `too-large` before any parsing. */
  maxDocumentBytes: number;
  /** Time budget per document in ms; past it the document is rejected with `too-complex`. */
  maxParseMs?: number;
  /** Deepest nesting of elements / arrays / objects; deeper documents are rejected with `too-deep`. */
  maxDepth?: number;
  /** Most elements (markup) or values (JSON) per document; more is rejected with `too-complex`. */
  maxElements?: number;
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
  /**
   * Parses one record. `budget` is the document's work budget (created by `processRecord`); a
   * parser calls `budget.step()` / `budget.enter(depth)` in its loops over untrusted structure and
   * wraps its body in `withinBudget` (processors/common/parse-budget.ts). Callers that omit it get
   * a fresh budget from `limits`.
   */
  parse(envelope: RecordEnvelope, limits: ParseLimits, budget?: ParseBudget): ParseOutcome;
}
