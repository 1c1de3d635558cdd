/**
 * Requests per API key, as token buckets held in the process: each key may spend `burst`
 * requests at once, then `ratePerSecond`. One service process answers for its keys; several
 * processes behind a balancer would each allow the rate (acceptable for a talent office).
 */
export interface RateDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: seconds until a token is back. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets untouched this long are full again and can be dropped. */
const IDLE_SWEEP_MS = 10 * 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedMs: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.ratePerSecond,
    );
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond)),
    };
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < IDLE_SWEEP_MS) return;
    this.lastSweepMs = now;
    const fullAfterMs = (this.burst / this.ratePerSecond) * 1000;
    for (const [key, bucket] of this.buckets)
      if (now - bucket.updatedMs > fullAfterMs) this.buckets.delete(key);
  }
}
