/**
 * @module core/iam/access-key-usage
 * Keeps `GetAccessKeyLastUsed` current from the request path without a database write per request: a long-term
 * key's use is recorded at most once per {@link ACCESS_KEY_USE_INTERVAL_MS} per service on this node (AWS itself
 * reports last use with a delay of hours). Recording never fails a request.
 */

import type { Caller } from '../authz/caller.js';
import type { Clock } from '../ports.js';
import type { AccessKeys } from './access-keys.js';

/** How often one key's use of one service is written at most. */
export const ACCESS_KEY_USE_INTERVAL_MS = 5 * 60_000;
const MAX_TRACKED = 100_000;

/** Records the activity of long-term access keys. One per app instance. */
export class AccessKeyUsage {
  readonly #keys: AccessKeys;
  readonly #clock: Clock;
  readonly #lastWritten = new Map<string, number>();
  readonly #onError: (error: unknown) => void;

  constructor(keys: AccessKeys, clock: Clock, onError: (error: unknown) => void = () => {}) {
    this.#keys = keys;
    this.#clock = clock;
    this.#onError = onError;
  }

  /**
   * Notes that `caller` used its long-term key (`AKIA…`) for `serviceName` in `region`; writes only when that was
   * not already written recently.
   *
   * @example
   * usage.touch(caller, 's3', 'us-east-1');
   */
  touch(caller: Caller, serviceName: string, region: string): void {
    if (caller.kind !== 'user' && caller.kind !== 'root') return;
    const key = `${caller.accessKeyId}/${serviceName}`;
    const now = this.#clock.now().getTime();
    const last = this.#lastWritten.get(key);
    if (last !== undefined && now - last < ACCESS_KEY_USE_INTERVAL_MS) return;
    if (this.#lastWritten.size >= MAX_TRACKED) this.#lastWritten.clear();
    this.#lastWritten.set(key, now);
    this.#keys.markUsed(caller.accessKeyId, serviceName, region).catch(this.#onError);
  }
}
