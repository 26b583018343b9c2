/**
 * @module core/sts/user-sessions
 * Sessions of IAM users and the root user: [GetSessionToken](https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html)
 * and [GetFederationToken](https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html), and
 * [GetAccessKeyInfo](https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html).
 * Both session calls need long-term credentials; the root user's sessions last at most an hour.
 */

import { accountFromAccessKeyId } from '../../ids/index.js';
import type { Sts } from '../../shapes/index.js';
import type { Caller, RootCaller, UserCaller } from '../authz/caller.js';
import { AwsError } from '../errors.js';
import type { Keyring } from '../keyring/keyring.js';
import type { AccountStore, Clock, Random } from '../ports.js';
import { issueCredentials } from './issue-credentials.js';
import { sessionData } from './session-data.js';

const DEFAULT_SECONDS = 43_200;
const ROOT_MAX_SECONDS = 3_600;

/** Dependencies of the user-session use cases. */
export interface UserSessionDeps {
  readonly accounts: AccountStore;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly random: Random;
}

/** The caller, if it signed with long-term credentials of a user or the root user. */
function longTermCaller(caller: Caller, operation: string): RootCaller | UserCaller {
  if ((caller.kind === 'user' || caller.kind === 'root') && caller.session === undefined) return caller;
  throw new AwsError('AccessDenied', `Cannot call ${operation} with session credentials`);
}

/** Root sessions are capped at one hour (STS API reference, DurationSeconds of both operations). */
function duration(caller: RootCaller | UserCaller, requested: number | undefined): number {
  const seconds = requested ?? DEFAULT_SECONDS;
  return caller.kind === 'root' ? Math.min(seconds, ROOT_MAX_SECONDS) : seconds;
}

/** User-session use cases. */
export class UserSessions {
  readonly #deps: UserSessionDeps;

  constructor(deps: UserSessionDeps) {
    this.#deps = deps;
  }

  /** GetSessionToken: the user itself, temporarily; `mfaAt` is when it presented a valid MFA code, if it did. */
  getSessionToken(caller: Caller, input: Sts.GetSessionTokenRequest, mfaAt?: Date): Sts.GetSessionTokenResponse {
    const user = longTermCaller(caller, 'GetSessionToken');
    const { credentials } = issueCredentials(this.#deps, user.accountId, duration(user, input.DurationSeconds), {
      kind: 'user-session',
      user: user.kind === 'user' ? user.userName : undefined,
      userId: user.kind === 'user' ? user.userId : undefined,
      mfa: mfaAt !== undefined,
      mfaAt: mfaAt && Math.floor(mfaAt.getTime() / 1000),
    });
    return { Credentials: credentials };
  }

  /** GetFederationToken: a federated user limited to the intersection of the caller's and the session's policies. */
  getFederationToken(caller: Caller, input: Sts.GetFederationTokenRequest): Sts.GetFederationTokenResponse {
    const user = longTermCaller(caller, 'GetFederationToken');
    const data = sessionData(caller, input);
    const { credentials } = issueCredentials(this.#deps, user.accountId, duration(user, input.DurationSeconds), {
      kind: 'federated-user',
      name: input.Name,
      user: user.kind === 'user' ? user.userName : undefined,
      userId: user.kind === 'user' ? user.userId : undefined,
      policy: data.policy,
      policyArns: data.policyArns.length > 0 ? data.policyArns : undefined,
      tags: data.tags.length > 0 ? data.tags.map((tag) => [tag.Key, tag.Value] as const) : undefined,
    });
    return {
      Credentials: credentials,
      FederatedUser: {
        FederatedUserId: `${user.accountId}:${input.Name}`,
        Arn: `arn:aws:sts::${user.accountId}:federated-user/${input.Name}`,
      },
      PackedPolicySize: data.packedPolicySize,
    };
  }

  /**
   * GetAccessKeyInfo: the account an access key belongs to, decoded from the key id as AWS encodes it; keys of the
   * old format (which do not encode it) are looked up among this server's long-term keys.
   */
  async getAccessKeyInfo(input: Sts.GetAccessKeyInfoRequest): Promise<Sts.GetAccessKeyInfoResponse> {
    const decoded = accountFromAccessKeyId(input.AccessKeyId);
    if (decoded !== undefined) return { Account: decoded };
    const stored = await this.#deps.accounts.findAccessKey(input.AccessKeyId);
    if (!stored) throw new AwsError('InvalidParameterValue', `The access key ID ${input.AccessKeyId} is not valid.`);
    return { Account: stored.accountId };
  }
}
