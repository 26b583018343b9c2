/**
 * @module core/sts/mfa-check
 * The MFA check of AssumeRole and GetSessionToken (`SerialNumber` + `TokenCode`): the code must be the current
 * TOTP code of a device enabled for the calling user, and a code that already succeeded is refused for as long as
 * it could still be valid (its 30-second step plus the one step of drift allowed), so an intercepted code cannot
 * be replayed. The same request may check its code twice (authorize step, then handler).
 */

import type { Caller } from '../authz/caller.js';
import { AwsError } from '../errors.js';
import type { Clock } from '../ports.js';

/** Verifies a code against the device `serialNumber` of `userName` in `accountId`. */
export type MfaVerifier = (accountId: string, serialNumber: string, userName: string, code: string) => Promise<boolean>;

/** How long a used code is remembered: the step it belongs to plus the drift window on each side. */
const REPLAY_WINDOW_MS = 90_000;
const INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';

/** MFA checks with replay protection. One per app instance. */
export class MfaCheck {
  readonly #verify: MfaVerifier;
  readonly #clock: Clock;
  /** `account|serial|code` → the request that used it, and until when it is remembered. */
  readonly #used = new Map<string, { requestId: string; untilMs: number }>();

  constructor(verify: MfaVerifier, clock: Clock) {
    this.#verify = verify;
    this.#clock = clock;
  }

  /**
   * Checks the MFA parameters of a request. Returns when MFA was presented (`undefined` when the request carries
   * none); throws AccessDenied for a wrong, replayed or half-given code.
   *
   * @example
   * const mfaAt = await mfa.check(caller, input.SerialNumber, input.TokenCode, facts.requestId);
   */
  async check(
    caller: Caller,
    serialNumber: string | undefined,
    tokenCode: string | undefined,
    requestId: string,
  ): Promise<Date | undefined> {
    if (serialNumber === undefined && tokenCode === undefined) return undefined;
    if (serialNumber === undefined || tokenCode === undefined) {
      throw new AwsError(
        'AccessDenied',
        'MultiFactorAuthentication failed: both SerialNumber and TokenCode are required.',
      );
    }
    // Virtual MFA devices belong to IAM users; sessions and the root user have none here.
    if (caller.kind !== 'user' || caller.session !== undefined) throw new AwsError('AccessDenied', INVALID);
    const now = this.#clock.now();
    this.#forgetOld(now.getTime());
    const key = `${caller.accountId}|${serialNumber}|${tokenCode}`;
    const used = this.#used.get(key);
    if (used && used.requestId !== requestId) throw new AwsError('AccessDenied', INVALID);
    if (!used && !(await this.#verify(caller.accountId, serialNumber, caller.userName, tokenCode))) {
      throw new AwsError('AccessDenied', INVALID);
    }
    this.#used.set(key, { requestId, untilMs: now.getTime() + REPLAY_WINDOW_MS });
    return now;
  }

  #forgetOld(nowMs: number): void {
    for (const [key, entry] of this.#used) if (entry.untilMs <= nowMs) this.#used.delete(key);
  }
}
