// Token buckets per key (the client address): `burst` at once, then `perMinute`. A classroom behind one NAT
// address joins at once, so the burst is sized for a class, not for one person.
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly limit: RateLimit;
  private readonly now: () => number;

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.limit = limit;
    this.now = now;
  }

  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.limit.perMinute);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.forgetFull(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1 - 1e-9) return false; // refills add up in floating point
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until `key` has a token again. */
  retryAfterSeconds(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1 - 1e-9) return 0;
    return Math.ceil(((1 - bucket.tokens) / this.limit.perMinute) * 60);
  }

  // Buckets that have refilled are indistinguishable from new ones: drop them so memory stays bounded.
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 60_000) * this.limit.perMinute >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
