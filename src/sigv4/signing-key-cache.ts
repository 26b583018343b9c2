/**
 * @module sigv4/signing-key-cache
 * A bounded LRU of derived signing keys. A key is valid for one (secret, day, region, service), so a busy
 * client reuses it for every request of the day and the four HMACs of derivation drop off the hot path
 * (ARCHITECTURE.md §4). Callers hold one instance; there is no module-level state.
 */
import { deriveSigningKey } from './signing.js';

/** Default capacity: one entry per active credential per day, region and service. */
const DEFAULT_MAX_ENTRIES = 1024;

export class SigningKeyCache {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Uint8Array>();

  /** @param maxEntries capacity before the least recently used key is evicted (at least 1). */
  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#maxEntries = maxEntries;
  }

  /** Number of cached keys. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The signing key for the scope, derived on a miss. The returned bytes are shared: do not modify them.
   *
   * @example
   * const cache = new SigningKeyCache();
   * cache.get(secret, '20150830', 'us-east-1', 'sts') === cache.get(secret, '20150830', 'us-east-1', 'sts'); // true
   */
  get(secretAccessKey: string, date: string, region: string, service: string): Uint8Array {
    // The parser only admits `[A-Za-z0-9._-]` in date, region and service, so '\n' cannot make two scopes collide.
    const id = `${date}\n${region}\n${service}\n${secretAccessKey}`;
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    this.#entries.set(id, key);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return key;
  }
}
