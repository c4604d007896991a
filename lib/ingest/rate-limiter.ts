/**
 * A token bucket per write key, in this process: `perSecond` events a second on average, with
 * bursts up to two seconds' worth. Several processes each apply it (the limit is per process).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `cost` tokens; when there are not enough, says how many seconds until there will be. */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (this.perSecond <= 0) return { ok: true };
    const capacity = this.perSecond * 2;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (cost <= bucket.tokens) {
      bucket.tokens -= cost;
      return { ok: true };
    }
    const missing = Math.min(cost, capacity) - bucket.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.perSecond)) };
  }
}
