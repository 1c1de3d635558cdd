/**
 * The project's error hierarchy. The class of an error *is* the pipeline's decision about it:
 *
 * - {@link ProcessingError}: the record itself is bad (malformed, too large, wrong schema, no person).
 *   Never retried; the caller sends the record with this reason and its original bytes to the
 *   dead-letter place (Kafka DLQ topic or `data/rejects.jsonl`) and moves on.
 * - {@link TransientError}: the world is temporarily bad (timeout, 429, broker down). Retried with
 *   jittered backoff by {@link ../lib/retry.ts}; when retries run out it becomes {@link RetriesExhaustedError}.
 * - {@link FatalError}: the process cannot do useful work (bad config, corrupt index). It stops the
 *   process with a non-zero exit code after a clean shutdown.
 */
export abstract class TalentError extends Error {
  abstract readonly retriable: boolean;
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Why a record could not be processed; stable strings, stored in dead-letter records and metrics labels. */
export type ProcessingErrorCode =
  | 'empty-input'
  | 'too-large'
  | 'too-deep'
  | 'too-complex'
  | 'invalid-encoding'
  | 'malformed-xml'
  | 'malformed-json'
  | 'entity-declaration-forbidden'
  | 'unknown-format'
  | 'unsupported-document'
  | 'schema-mismatch'
  | 'no-person'
  | 'invalid-envelope'
  | 'parser-failure'
  | 'unreadable-input'
  /** A damaged or truncated archive (zip, gzip, tar): the members before the damage were kept. */
  | 'corrupt-archive'
  /** An archive past `archives.*` (expanded size, ratio, member count): cut off as a likely bomb. */
  | 'archive-limit'
  /** An archive member whose name leaves the archive root (`../x`, `/etc/x`). */
  | 'unsafe-archive-path'
  /** An archive member that is itself an archive (a zip in a tar.gz): not opened, see docs/formats.md. */
  | 'nested-archive';

/** A record that can never be processed as it is. Goes to the dead-letter place; never retried. */
export class ProcessingError extends TalentError {
  readonly retriable = false;
  declare readonly code: ProcessingErrorCode;
  /** Where in the document the problem was found (line/column, JSON path, byte offset), when known. */
  readonly location: string | undefined;

  constructor(code: ProcessingErrorCode, message: string, options?: { cause?: unknown; location?: string }) {
    super(code, message, options);
    this.location = options?.location;
  }

  toJSON(): { code: string; message: string; location?: string } {
    return this.location === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, location: this.location };
  }
}

/** A failure that may succeed later (timeouts, 429/503, a broker restart). Retried with backoff. */
export class TransientError extends TalentError {
  readonly retriable = true;
  /** A server's own hint (e.g. `Retry-After`), which overrides the computed backoff when longer. */
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(code, message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** Retries ran out; `cause` holds the last error seen. Callers treat it as they would a fatal error for that unit of work. */
export class RetriesExhaustedError extends TalentError {
  readonly retriable = false;
  readonly attempts: number;

  constructor(attempts: number, lastError: unknown) {
    const last = lastError instanceof Error ? lastError.message : String(lastError);
    super('retries-exhausted', `gave up after ${attempts} attempts: ${last}`, { cause: lastError });
    this.attempts = attempts;
  }
}

/** The process cannot continue (bad configuration, unusable data directory). Exits non-zero after shutdown. */
export class FatalError extends TalentError {
  readonly retriable = false;
}

/** A configuration problem; the message names the file, the field and the fix. */
export class ConfigError extends FatalError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config-invalid', message, options);
  }
}

/** True when an error (of any origin) should be retried. Unknown errors are not: retrying a bug loops forever. */
export function isRetriable(error: unknown): boolean {
  return error instanceof TalentError && error.retriable;
}
