import type { FormatName, RecordEnvelope } from '../lib/envelope.js';
import { ProcessingError } from '../lib/errors.js';
import { charsetOf, decodeText, headText, legacyEncodingHint } from './common/decode-text.js';
import { ParseBudget, rejectionOf } from './common/parse-budget.js';
import type { ParseLimits, ParseOutcome } from './parser.js';
import { detectFormat, parserFor } from './registry.js';

/**
 * Why no parser recognised a document. Undeclared non-UTF-8 (a GBK résumé without `--encoding`) is
 * an encoding problem, not an unknown format: it is rejected as `invalid-encoding` with the hint of
 * which encoding to declare; anything else is `unknown-format`.
 */
export function undetectedError(body: Buffer, contentType: string): ProcessingError {
  const decoded = decodeText(body, contentType, { maxDocumentBytes: Number.POSITIVE_INFINITY });
  // Binary data is not a text in the wrong encoding: only text with a likely legacy encoding (or an
  // unknown declared one) gets the encoding answer.
  if (!decoded.ok && decoded.error.code === 'invalid-encoding') {
    const declared = charsetOf(contentType) !== undefined;
    if (declared || legacyEncodingHint(body.subarray(0, 64 * 1024)) !== '') return decoded.error;
  }
  return new ProcessingError(
    'unknown-format',
    `no parser recognises this ${contentType} document; give the format explicitly (--format) if it is one of the supported ones`,
  );
}

/** A parse outcome plus the format it was parsed as (null when none could be detected). */
export type RecordOutcome = ParseOutcome & { format: FormatName | null };

/**
 * Parses one record: detects its format from the content when the envelope does not say, runs the
 * parser within the document's work budget (see processors/common/parse-budget.ts), and turns any
 * unexpected exception into a `parser-failure` rejection. Nothing escapes: a poison record must
 * never stop a worker. Pass `budget` to read its work counters afterwards.
 */
export function processRecord(
  envelope: RecordEnvelope,
  limits: ParseLimits,
  budget: ParseBudget = new ParseBudget(limits),
): RecordOutcome {
  let format = envelope.format;
  if (format === null) {
    if (envelope.body.length > limits.maxDocumentBytes)
      return {
        status: 'rejected',
        format: null,
        error: new ProcessingError(
          'too-large',
          `document is ${envelope.body.length} bytes, over the limit of ${limits.maxDocumentBytes} (processors.maxDocumentBytes)`,
        ),
      };
    if (envelope.body.length === 0)
      return {
        status: 'rejected',
        format: null,
        error: new ProcessingError('empty-input', 'document is empty'),
      };
    format =
      detectFormat(headText(envelope.body, undefined, envelope.contentType), envelope.contentType) ?? null;
    if (format === null)
      return {
        status: 'rejected',
        format: null,
        error: undetectedError(envelope.body, envelope.contentType),
      };
  }
  try {
    return { ...parserFor(format).parse(envelope, limits, budget), format };
  } catch (cause) {
    const typed = rejectionOf(cause);
    if (typed !== undefined) return { status: 'rejected', format, error: typed };
    const message = cause instanceof Error ? cause.message : String(cause);
    return {
      status: 'rejected',
      format,
      error: new ProcessingError('parser-failure', `the ${format} parser failed unexpectedly: ${message}`, {
        cause,
      }),
    };
  }
}

export { ProfileFactory } from './profile-factory.js';
