/**
 * Requests per key (an API key's name, or a client address for failed authentications), as token
 * buckets held in the process: each key may spend `burst` requests at once, then `ratePerSecond`.
 * One service process answers for its keys; several processes behind a balancer would each allow
 * the rate (acceptable for a talent office).
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

/**
 * `maxKeys` bounds the table when clients choose the keys (their addresses): spraying addresses
 * then costs a fixed amount of memory. The buckets are kept in two generations of `maxKeys / 2`:
 * a key seen again moves to the recent one, and when it is full the older one is dropped whole, so
 * what is forgotten is what was seen least recently, at O(1) per request (evicting the single
 * oldest entry of one Map would scan the holes deletions leave at its front). A forgotten bucket
 * starts full again when its key comes back: the price of the bound.
 */
export class RateLimiter {
  private recent = new Map<string, Bucket>();
  private older = new Map<string, Bucket>();
  private readonly generationSize: number;
  private lastSweepMs = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
    maxKeys = Number.POSITIVE_INFINITY,
  ) {
    this.generationSize = Math.max(1, Math.ceil(maxKeys / 2));
  }

  /** Buckets held now (at most `maxKeys`). */
  get size(): number {
    return this.recent.size + this.older.size;
  }

  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.bucketOf(key, now);
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.ratePerSecond,
    );
    bucket.updatedMs = now;
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

  private bucketOf(key: string, now: number): Bucket {
    const recent = this.recent.get(key);
    if (recent !== undefined) return recent;
    const bucket = this.older.get(key) ?? { tokens: this.burst, updatedMs: now };
    this.older.delete(key);
    this.recent.set(key, bucket);
    if (this.recent.size >= this.generationSize) {
      this.older = this.recent;
      this.recent = new Map();
    }
    return bucket;
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < IDLE_SWEEP_MS) return;
    this.lastSweepMs = now;
    const fullAfterMs = (this.burst / this.ratePerSecond) * 1000;
    for (const buckets of [this.recent, this.older])
      for (const [key, bucket] of buckets) if (now - bucket.updatedMs > fullAfterMs) buckets.delete(key);
  }
}
