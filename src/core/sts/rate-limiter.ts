/**
 * @module core/sts/rate-limiter
 * A token-bucket limit on credential-issuing calls, per calling principal and per role (issue: large fleets minting
 * sessions in a tight loop are a known way to take a credential service down). Off unless configured. Excess calls
 * fail with `Throttling` and a `Retry-After` header, which the SDKs honour with their retry back-off.
 */

import { AwsError } from '../errors.js';
import type { Clock } from '../ports.js';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const MAX_BUCKETS = 100_000;

/** Per-key token buckets. One per app instance. */
export class CredentialRateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #buckets = new Map<string, Bucket>();

  /** `ratePerSecond` 0 disables the limiter. */
  constructor(ratePerSecond: number, burst: number, clock: Clock) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#clock = clock;
  }

  /**
   * Takes one call from every key's bucket, or throws Throttling (taking nothing) when any bucket is empty.
   *
   * @example
   * limiter.take([`principal:${caller.arn}`, `role:${input.RoleArn}`]);
   */
  take(keys: readonly string[]): void {
    if (this.#rate <= 0) return;
    const now = this.#clock.now().getTime();
    const buckets = keys.map((key) => this.#bucket(key, now));
    const empty = buckets.find((bucket) => bucket.tokens < 1);
    if (empty) {
      const retryAfter = Math.max(1, Math.ceil((1 - empty.tokens) / this.#rate));
      throw new AwsError('Throttling', 'Rate exceeded', { headers: { 'retry-after': String(retryAfter) } });
    }
    for (const bucket of buckets) bucket.tokens -= 1;
  }

  #bucket(key: string, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
      bucket = { tokens: this.#burst, updatedMs: now };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.#rate);
    bucket.updatedMs = now;
    return bucket;
  }
}
