/**
 * @module core/audit/refusals
 * Records of requests refused before their operation ran: a bad signature, an unknown, inactive or expired key or
 * security token, a missing signature, an unknown action, input that fails the model's validation. CloudTrail logs
 * authenticated requests and says some unauthenticated ones "might not be logged because they do not meet the
 * minimum expectation of being sufficiently valid" (IAM User Guide, "Logging IAM and AWS STS API calls with AWS
 * CloudTrail"); iamd records them all, in the safe form documented in docs/audit.md ("Requests refused before
 * they run"):
 *
 * - nothing the client sent is recorded but the operation's name (when it is a plain name) and, for a key iamd
 *   knows, its id: `requestParameters` is `null` (an unverified body may hold a password), no signature, no token;
 * - a key id iamd cannot resolve is not recorded (it may be a secret typed in the wrong place, the reason CloudTrail
 *   writes `HIDDEN_DUE_TO_SECURITY_REASONS` for a mistyped sign-in name); the record's `userIdentity` is
 *   `{type: "Unknown"}` in the default account's history;
 * - a key iamd knows whose signature did not verify is recorded as `{type: "Unknown", accountId, accessKeyId}` in
 *   the key owner's history: the key is named, its owner is not claimed to have made the request;
 * - credentials whose signature verified (an expired session, invalid input) are recorded as their caller.
 *
 * Refusals never wait for their record, even in fail-closed mode (a refused request changes nothing), and at most
 * {@link REFUSALS_PENDING} of them are waiting to be written at once in fail-closed mode: past that they are dropped
 * and counted, so an unauthenticated client cannot grow the writer's queue (the auditor's own bound applies
 * otherwise).
 */

import type { Caller, RequestFacts } from '../authz/index.js';
import type { UserIdentity } from './audit-event.js';
import type { Auditor } from './auditor.js';

/** What the request path learnt about a refused request before refusing it. */
export interface Refusal {
  readonly service: string;
  /** The operation asked for, as the client spelt it (recorded only when it is a plain operation name). */
  readonly operation: string | undefined;
  readonly facts: RequestFacts;
  readonly error: { readonly code: string; readonly message: string };
  /** The caller, when the signature verified (an expired session, input that fails validation). */
  readonly caller?: Caller | undefined;
  /** The key the request was signed with, when iamd knows it but the signature did not verify. */
  readonly presented?: { readonly accessKeyId: string; readonly accountId: string } | undefined;
}

/** Refusal records waiting to be written at once in fail-closed mode; more are dropped and counted. */
export const REFUSALS_PENDING = 1000;

/** The longest `User-Agent` kept from a refused request. */
const USER_AGENT_CHARS = 256;

const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;

/** The event name of a refusal: the operation when it is a plain name, otherwise `Unknown`. */
export function refusedEventName(operation: string | undefined): string {
  return operation !== undefined && OPERATION_NAME.test(operation) ? operation : 'Unknown';
}

function identityOf(refusal: Refusal): UserIdentity {
  return refusal.presented
    ? { type: 'Unknown', accountId: refusal.presented.accountId, accessKeyId: refusal.presented.accessKeyId }
    : { type: 'Unknown' };
}

/** Writes refusal records through the auditor, never waiting for them and never queueing more than the bound. */
export class RefusalRecorder {
  readonly #audit: Pick<Auditor, 'enabled' | 'failClosed' | 'record' | 'stats'>;
  readonly #defaultAccount: string;
  readonly #bound: number;
  #waiting = 0;

  constructor(
    audit: Pick<Auditor, 'enabled' | 'failClosed' | 'record' | 'stats'>,
    defaultAccount: string,
    bound = REFUSALS_PENDING,
  ) {
    this.#audit = audit;
    this.#defaultAccount = defaultAccount;
    this.#bound = bound;
  }

  /**
   * Queues the record of a refused request.
   *
   * @example
   * refusals.record({ service: 'iam', operation: 'ListUsers', facts, error: { code: 'SignatureDoesNotMatch', message } });
   */
  record(refusal: Refusal): void {
    if (!this.#audit.enabled) return;
    if (this.#waiting >= this.#bound) {
      this.#audit.stats.dropped++;
      return;
    }
    const { facts } = refusal;
    const userAgent = facts.userAgent?.slice(0, USER_AGENT_CHARS);
    const established = refusal.caller !== undefined && refusal.caller.kind !== 'anonymous';
    const pending = this.#audit.record({
      service: refusal.service,
      operation: refusedEventName(refusal.operation),
      caller: established ? refusal.caller! : { kind: 'anonymous' },
      facts: { ...facts, userAgent, serviceContext: undefined },
      input: undefined,
      error: refusal.error,
      specs: [],
      allowed: 0,
      ...(established
        ? {}
        : {
            unauthenticated: {
              identity: identityOf(refusal),
              accountId: refusal.presented?.accountId ?? this.#defaultAccount,
            },
          }),
    });
    if (!pending) return;
    this.#waiting++;
    pending.then(
      () => this.#waiting--,
      () => this.#waiting--,
    );
  }
}
