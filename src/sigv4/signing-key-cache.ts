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
 *
 * Entries are filed by secret, then by credential scope (`yyyymmdd/region/service/aws4_request`). The secret is
 * the same string object on every request of a credential (V8 keeps its hash), and the scope arrives as a slice
 * of the `Credential` the client sent, so a hit hashes about 35 characters and builds no string at all; one
 * joined key would be a fresh ~80-character string to build, flatten and hash per request.
 */
import { HmacKey } from './hmac-key.js';
import { credentialScope, deriveSigningKey } from './signing.js';

/** Default capacity: one entry per active credential per day, region and service. */
const DEFAULT_MAX_ENTRIES = 1024;

interface Entry {
  readonly key: HmacKey;
  referenced: boolean;
}

export class SigningKeyCache {
  readonly #maxEntries: number;
  /** secret → scope → entry. */
  readonly #entries = new Map<string, Map<string, Entry>>();
  #size = 0;

  /** @param maxEntries capacity before the least recently used key is evicted (at least 1). */
  constructor(maxEntries: number = DEFAULT_MAX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#maxEntries = maxEntries;
  }

  /** Number of cached keys. */
  get size(): number {
    return this.#size;
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
   * The same key, prepared for signing. `scope` is `credentialScope(date, region, service)`; pass it when the
   * request already carries it (a parsed `Credential` does) so the hot path builds no string.
   *
   * @example
   * cache.prepared(secret, '20150830', 'us-east-1', 'sts').signHex(stringToSign);
   */
  prepared(
    secretAccessKey: string,
    date: string,
    region: string,
    service: string,
    scope: string = credentialScope(date, region, service),
  ): HmacKey {
    let scopes = this.#entries.get(secretAccessKey);
    const hit = scopes?.get(scope);
    if (hit !== undefined) {
      hit.referenced = true;
      return hit.key;
    }
    const key = new HmacKey(deriveSigningKey(secretAccessKey, date, region, service));
    if (this.#size >= this.#maxEntries) {
      this.#evictOne();
      scopes = this.#entries.get(secretAccessKey);
    }
    if (scopes === undefined) {
      scopes = new Map();
      this.#entries.set(secretAccessKey, scopes);
    }
    scopes.set(scope, { key, referenced: false });
    this.#size++;
    return key;
  }

  /**
   * Evicts the oldest entry not used since it last came round; used ones get a second chance at the back of their
   * secret's queue. Secrets are visited oldest first, so the order is LRU-like across secrets too.
   */
  #evictOne(): void {
    for (const [secret, scopes] of this.#entries) {
      for (const [scope, entry] of scopes) {
        scopes.delete(scope);
        if (!entry.referenced) {
          this.#size--;
          if (scopes.size === 0) this.#entries.delete(secret);
          return;
        }
        entry.referenced = false;
        scopes.set(scope, entry);
      }
    }
  }
}
