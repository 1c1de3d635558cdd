import { TalentError } from '../lib/errors.js';

/**
 * Why a page could not be fetched. The class decides what happens next: transient ones (timeouts,
 * 5xx, 429, a connection reset) are retried with backoff; the others are recorded for the run and
 * never retried, since asking again would get the same answer.
 */
export type FailureClass =
  | 'timeout'
  | 'network'
  | 'dns'
  | 'tls'
  | 'http-429'
  | 'http-5xx'
  | 'http-4xx'
  | 'http-other'
  | 'too-large'
  | 'unsupported-content-type'
  | 'unsupported-encoding'
  | 'blocked-address'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'robots-unreachable'
  | 'sink-unavailable'
  | 'unknown-source'
  /** An error of the crawler itself (Redis unreachable mid-job, a bug): retried, bounded by the attempts. */
  | 'internal';

const TRANSIENT_CLASSES: ReadonlySet<FailureClass> = new Set<FailureClass>([
  'timeout',
  'network',
  'http-429',
  'http-5xx',
  'robots-unreachable',
  'sink-unavailable',
  'internal',
]);

export class CrawlFailure extends TalentError {
  readonly retriable: boolean;
  readonly failureClass: FailureClass;
  /** The server's own `Retry-After`, which outweighs a shorter backoff. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(
    failureClass: FailureClass,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number; status?: number } = {},
  ) {
    super(failureClass, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.failureClass = failureClass;
    this.retriable = TRANSIENT_CLASSES.has(failureClass);
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** A low-level error of a request (socket, DNS, TLS) as a {@link CrawlFailure}. */
export function failureOfError(error: unknown, url: string): CrawlFailure {
  if (error instanceof CrawlFailure) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const message = `${url}: ${err?.message ?? String(error)}`;
  if (code === 'EBLOCKEDADDRESS') return new CrawlFailure('blocked-address', message, { cause: error });
  if (code === 'ENOTFOUND' || code === 'ENODATA')
    return new CrawlFailure('dns', `${url}: host not found`, { cause: error });
  if (code === 'EAI_AGAIN')
    return new CrawlFailure('network', `${url}: DNS lookup failed for now`, { cause: error });
  if (NETWORK_CODES.has(code) || /socket hang up/i.test(err?.message ?? ''))
    return new CrawlFailure('network', message, { cause: error });
  if (/CERT|SSL|TLS|ERR_OSSL/i.test(code)) return new CrawlFailure('tls', message, { cause: error });
  // An unknown error may be a bug: retrying it would loop, so it is recorded instead.
  return new CrawlFailure('http-other', message, { cause: error });
}
