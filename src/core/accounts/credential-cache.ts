/**
 * @module core/accounts/credential-cache
 * Keeps resolved credentials off the hot path: a long-term key is looked up and its secret unsealed once, and a
 * session token opened once, instead of on every request (ARCHITECTURE.md §4). An entry is dropped when IAM changes
 * (the ChangeTracker generation moves) and, for long-term keys, after a few seconds at most, so a deactivated or
 * deleted key stops working within that time — AWS documents IAM changes as eventually consistent too.
 */

import type { ChangeTracker } from '../authz/change-tracker.js';
import type { Clock } from '../ports.js';
import type { ResolvedCredentials } from './resolved-credentials.js';

const MAX_ENTRIES = 10_000;
/** How long a long-term key's resolution may be reused without a store lookup. */
export const LONG_TERM_TTL_MS = 5_000;

interface Entry {
  /** The session token the resolution was for (`''` for a long-term key). */
  readonly securityToken: string;
  readonly value: ResolvedCredentials;
  readonly generation: number;
  readonly validUntilMs: number;
}

/**
 * A bounded cache of resolved credentials, by key id; an entry answers only for the exact token it was resolved with.
 * Keyed by the id alone rather than by id and token: a session token is about a kilobyte, and hashing it into a map
 * key on every request cost more than comparing it.
 */
export class CredentialCache {
  readonly #entries = new Map<string, Entry>();
  readonly #tracker: ChangeTracker;
  readonly #clock: Clock;

  constructor(tracker: ChangeTracker, clock: Clock) {
    this.#tracker = tracker;
    this.#clock = clock;
  }

  /** The cached resolution for (key id, token), if still valid. */
  get(accessKeyId: string, securityToken: string | undefined): ResolvedCredentials | undefined {
    const entry = this.#entries.get(accessKeyId);
    if (!entry || entry.securityToken !== (securityToken ?? '')) return undefined;
    if (entry.generation !== this.#tracker.generation || entry.validUntilMs <= this.#clock.now().getTime()) {
      this.#entries.delete(accessKeyId);
      return undefined;
    }
    return entry.value;
  }

  /** Remembers a resolution: until its expiry for sessions, for {@link LONG_TERM_TTL_MS} for long-term keys. */
  set(accessKeyId: string, securityToken: string | undefined, value: ResolvedCredentials): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    const now = this.#clock.now().getTime();
    // Deleted first so that a renewed entry moves to the end of the eviction order, as a new key would.
    this.#entries.delete(accessKeyId);
    this.#entries.set(accessKeyId, {
      securityToken: securityToken ?? '',
      value,
      generation: this.#tracker.generation,
      validUntilMs: value.expiresAt ? value.expiresAt.getTime() : now + LONG_TERM_TTL_MS,
    });
  }
}
