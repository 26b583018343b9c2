/**
 * @module core/iam/role-usage
 * Keeps `RoleLastUsed` current from the request path without a database write per request: a role's use is
 * recorded at most once per {@link ROLE_USE_INTERVAL_MS} on this node (AWS itself reports last use with a delay of
 * hours). Recording never fails a request.
 */

import type { Caller } from '../authz/caller.js';
import type { Clock } from '../ports.js';
import type { Roles } from './roles.js';

/** How often one role's use is written at most. */
export const ROLE_USE_INTERVAL_MS = 5 * 60_000;
const MAX_TRACKED = 100_000;

/** Records role sessions' activity. One per app instance. */
export class RoleUsage {
  readonly #roles: Roles;
  readonly #clock: Clock;
  readonly #lastWritten = new Map<string, number>();
  readonly #onError: (error: unknown) => void;

  constructor(roles: Roles, clock: Clock, onError: (error: unknown) => void = () => {}) {
    this.#roles = roles;
    this.#clock = clock;
    this.#onError = onError;
  }

  /**
   * Notes that `caller` made a request in `region`; writes only when this role's last write is old enough.
   *
   * @example
   * usage.touch(caller, 'us-east-1');
   */
  touch(caller: Caller, region: string): void {
    if (caller.kind !== 'assumed-role') return;
    const key = `${caller.accountId}/${caller.roleName.toLowerCase()}`;
    const now = this.#clock.now().getTime();
    const last = this.#lastWritten.get(key);
    if (last !== undefined && now - last < ROLE_USE_INTERVAL_MS) return;
    if (this.#lastWritten.size >= MAX_TRACKED) this.#lastWritten.clear();
    this.#lastWritten.set(key, now);
    this.#roles.markUsed(caller.accountId, caller.roleName, region).catch(this.#onError);
  }
}
