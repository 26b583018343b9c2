/**
 * @module sigv4/signing-key-cache
 * A bounded cache of derived signing keys. A key is valid for one (secret, day, region, service), so a busy
 * client reuses it for every request of the day and the four HMACs of derivation drop off the hot path
 * (ARCHITECTURE.md §4). Keys are kept prepared ({@link HmacKey}) so each verification is two hashes.
 *
 * Eviction approximates LRU with the CLOCK ("second chance") policy: a hit only sets a flag, and a full cache
 * moves flagged entries to the back instead of evicting them. Moving an entry on every hit, as an exact LRU over
 * a `Map` must, costs more than the rest of the lookup (bench/sigv4.mjs). Callers hold one instance; there is no
 * module-level state.
 */
import { HmacKey } from './hmac-key.js';
import { deriveSigningKey } from './signing.js';

/** Default capacity: one entry per active credential per day, region and service. */
const DEFAULT_MAX_ENTRIES = 1024;

interface Entry {
  readonly key: HmacKey;
  referenced: boolean;
}

export class SigningKeyCache {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();

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
    return this.prepared(secretAccessKey, date, region, service).bytes;
  }

  /**
   * The same key, prepared for signing.
   *
   * @example
   * cache.prepared(secret, '20150830', 'us-east-1', 'sts').signHex(stringToSign);
   */
  prepared(secretAccessKey: string, date: string, region: string, service: string): HmacKey {
    // The parser only admits `[A-Za-z0-9._-]` in date, region and service, so '\n' cannot make two scopes collide.
    const id = `${date}\n${region}\n${service}\n${secretAccessKey}`;
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      hit.referenced = true;
      return hit.key;
    }
    const key = new HmacKey(deriveSigningKey(secretAccessKey, date, region, service));
    if (this.#entries.size >= this.#maxEntries) this.#evictOne();
    this.#entries.set(id, { key, referenced: false });
    return key;
  }

  /** Evicts the oldest entry not used since it last came round; used ones get a second chance at the back. */
  #evictOne(): void {
    for (const [id, entry] of this.#entries) {
      this.#entries.delete(id);
      if (!entry.referenced) return;
      entry.referenced = false;
      this.#entries.set(id, entry);
    }
  }
}
