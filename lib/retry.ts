import { RetriesExhaustedError, TransientError, isRetriable } from './errors.js';

export interface RetryOptions {
  /** Attempts in total, the first included. @defaultValue 5 */
  maxAttempts: number;
  /** Backoff before the second attempt, in milliseconds. @defaultValue 200 */
  initialDelayMs: number;
  /** Upper bound of any single backoff, in milliseconds. @defaultValue 30_000 */
  maxDelayMs: number;
  /** Growth of the backoff per attempt. @defaultValue 2 */
  factor: number;
  /** Share of each delay that is randomized (0 = none, 1 = "full jitter"). @defaultValue 0.5 */
  jitter: number;
  /** Decides whether an error is worth another attempt. @defaultValue {@link isRetriable} */
  shouldRetry: (error: unknown) => boolean;
  /** Called before each wait; for logs and metrics. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Aborts the waiting between attempts (shutdown). */
  signal?: AbortSignal;
  /** Source of randomness, replaceable so tests are deterministic. @defaultValue Math.random */
  random: () => number;
  /**
   * A server's own wait hint carried by an error (`Retry-After`), waited out when longer than the
   * backoff (up to maxDelayMs). @defaultValue the `retryAfterMs` of a {@link TransientError}
   */
  retryAfterMsOf?: (error: unknown) => number | undefined;
}

export const retryDefaults: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
  shouldRetry: isRetriable,
  random: Math.random,
});

/** The delay before attempt `attempt + 1`, exponential with jitter and a cap; honours a longer `Retry-After`. */
export function backoffDelayMs(attempt: number, error: unknown, options: RetryOptions): number {
  const exponential = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** (attempt - 1));
  const jittered = exponential * (1 - options.jitter) + exponential * options.jitter * options.random();
  const hint = options.retryAfterMsOf
    ? options.retryAfterMsOf(error)
    : error instanceof TransientError
      ? error.retryAfterMs
      : undefined;
  const hinted = hint ?? 0;
  return Math.round(Math.max(jittered, Math.min(hinted, options.maxDelayMs)));
}

function validate(options: RetryOptions): void {
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)
    throw new RangeError(`retry: maxAttempts must be an integer >= 1, got ${options.maxAttempts}`);
  if (options.initialDelayMs < 0) throw new RangeError(`retry: initialDelayMs must be >= 0`);
  if (options.maxDelayMs < options.initialDelayMs)
    throw new RangeError(`retry: maxDelayMs must be >= initialDelayMs`);
  if (options.jitter < 0 || options.jitter > 1) throw new RangeError(`retry: jitter must be within [0, 1]`);
  if (options.factor < 1) throw new RangeError(`retry: factor must be >= 1`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `operation` until it succeeds, a non-retriable error occurs (rethrown as is), or the
 * attempts run out ({@link RetriesExhaustedError} wrapping the last error).
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  overrides: Partial<RetryOptions> = {},
): Promise<T> {
  const options: RetryOptions = { ...retryDefaults, ...overrides };
  validate(options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!options.shouldRetry(error)) throw error;
      if (attempt >= options.maxAttempts) throw new RetriesExhaustedError(attempt, error);
      const delayMs = backoffDelayMs(attempt, error, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
