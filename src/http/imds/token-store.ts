/**
 * @module http/imds/token-store
 * IMDSv2 session tokens of one instance (EC2 User Guide, "How Instance Metadata Service Version 2 works"): opaque
 * random strings valid for the TTL the PUT asked for (1–21600 s), usable only on the instance that issued them —
 * each instance's endpoint has its own store, so another instance's token is simply unknown.
 */

import type { Clock, Random } from '../../core/ports.js';

/** Most tokens one instance keeps; the SDKs reuse theirs, so only a misbehaving client reaches it. */
const MAX_TOKENS = 5000;

/** Issues and checks the tokens of one instance. */
export class TokenStore {
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #tokens = new Map<string, number>();

  constructor(clock: Clock, random: Random) {
    this.#clock = clock;
    this.#random = random;
  }

  /** A new token valid for `ttlSeconds`. */
  issue(ttlSeconds: number): string {
    const now = this.#clock.now().getTime();
    if (this.#tokens.size >= MAX_TOKENS) this.#sweep(now);
    if (this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(this.#tokens.keys().next().value ?? '');
    const token = this.#random.bytes(42).toString('base64');
    this.#tokens.set(token, now + ttlSeconds * 1000);
    return token;
  }

  /** Whether `token` was issued here and has not expired. */
  valid(token: string): boolean {
    const expires = this.#tokens.get(token);
    if (expires === undefined) return false;
    if (expires > this.#clock.now().getTime()) return true;
    this.#tokens.delete(token);
    return false;
  }

  #sweep(now: number): void {
    for (const [token, expires] of this.#tokens) if (expires <= now) this.#tokens.delete(token);
  }
}
