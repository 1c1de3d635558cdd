import { describe, expect, it } from 'vitest';
import { ProcessingError, RetriesExhaustedError, TransientError } from '../../../lib/errors.js';
import { backoffDelayMs, retry, retryDefaults } from '../../../lib/retry.js';

const fast = { initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

describe('retry', () => {
  it('retries transient errors until the operation succeeds', async () => {
    let calls = 0;
    const result = await retry(async () => {
      calls++;
      if (calls < 3) throw new TransientError('timeout', 'slow');
      return 'ok';
    }, fast);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('never retries a processing error: it goes to the dead-letter place at once', async () => {
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw new ProcessingError('malformed-xml', 'bad');
      }, fast),
    ).rejects.toBeInstanceOf(ProcessingError);
    expect(calls).toBe(1);
  });

  it('wraps the last error when attempts run out', async () => {
    const error = await retry(
      async () => {
        throw new TransientError('unavailable', 'down');
      },
      { ...fast, maxAttempts: 3 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(3);
    expect((error as RetriesExhaustedError).cause).toBeInstanceOf(TransientError);
  });

  it('grows exponentially with bounded jitter, caps, and honours Retry-After', () => {
    const options = { ...retryDefaults, initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
    const low = { ...options, random: () => 0 };
    const high = { ...options, random: () => 0.999 };
    expect(backoffDelayMs(1, undefined, low)).toBe(50);
    expect(backoffDelayMs(1, undefined, high)).toBeLessThanOrEqual(100);
    expect(backoffDelayMs(3, undefined, low)).toBe(200);
    expect(backoffDelayMs(10, undefined, high)).toBeLessThanOrEqual(1000);
    expect(backoffDelayMs(1, new TransientError('429', 'slow down', { retryAfterMs: 700 }), low)).toBe(700);
  });

  it('checks its options when called', async () => {
    await expect(retry(async () => 1, { maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
    await expect(retry(async () => 1, { jitter: 2 })).rejects.toThrow(/jitter/);
  });
});
