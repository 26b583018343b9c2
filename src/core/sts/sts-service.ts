/**
 * @module core/sts/sts-service
 * STS use cases: AssumeRole and GetCallerIdentity (STS API reference). Authorization — the trust policy, the
 * caller's identity policies, `sts:TagSession` — happens before these run, in the operation's authorize step.
 */

import { mintAccessKeyId, mintSecretAccessKey } from '../../ids/index.js';
import { parsePolicy } from '../../policy/index.js';
import type { Sts } from '../../shapes/index.js';
import type { Caller } from '../authz/caller.js';
import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Keyring } from '../keyring/keyring.js';
import { type SessionClaims, sealSessionToken } from '../keyring/session-token.js';
import type { Clock, IamStore, Random } from '../ports.js';
import { findRoleByArn } from './role-lookup.js';
import { checkSessionTags, packedPolicySize, sessionDuration } from './session-limits.js';

/** Dependencies of the STS use cases. */
export interface StsDeps {
  readonly iam: IamStore;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly random: Random;
}

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** STS use cases. */
export class StsService {
  readonly #deps: StsDeps;

  constructor(deps: StsDeps) {
    this.#deps = deps;
  }

  /**
   * What the authorize step of an AssumeRole needs about the role: its trust policy and its tags (the trust
   * policy sees them as `aws:ResourceTag/*`). `undefined` if there is no such role.
   */
  async assumeTarget(roleArn: string): Promise<{ trustPolicy: string; tags: readonly Tag[] } | undefined> {
    const role = await findRoleByArn(this.#deps.iam, roleArn);
    return role && { trustPolicy: role.assumeRolePolicyDocument, tags: role.tags };
  }

  /**
   * [AssumeRole](https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). `caller` has already
   * been authorized for `sts:AssumeRole` on the role.
   */
  async assumeRole(caller: Caller, input: Sts.AssumeRoleRequest): Promise<Sts.AssumeRoleResponse> {
    const role = await findRoleByArn(this.#deps.iam, input.RoleArn);
    // The role vanished between authorization and now: answer as for a role that never existed.
    if (!role)
      throw new AwsError('AccessDenied', `Not authorized to perform sts:AssumeRole on resource ${input.RoleArn}`);
    const duration = sessionDuration(input.DurationSeconds, role.maxSessionDuration, caller.kind === 'assumed-role');

    if (input.Policy !== undefined) {
      const parsed = parsePolicy(input.Policy, 'session');
      if (!parsed.ok) throw new AwsError(parsed.code ?? 'MalformedPolicyDocument', parsed.error);
    }
    const policyArns = (input.PolicyArns ?? []).map((descriptor) => descriptor.arn ?? '');
    if (policyArns.some((arn) => arn === ''))
      throw new AwsError('InvalidParameterValue', 'PolicyArns must each have an arn.');
    const tags = input.Tags ?? [];
    checkSessionTags(tags);
    const passedSessionData = input.Policy !== undefined || policyArns.length > 0 || tags.length > 0;
    const packed = packedPolicySize(input.Policy, policyArns, tags);

    const now = this.#deps.clock.now();
    const expiresAt = new Date(now.getTime() + duration * 1000);
    const claims: SessionClaims = {
      v: 1,
      akid: mintAccessKeyId('ASIA', role.accountId, this.#deps.random.bytes(10)),
      sk: mintSecretAccessKey(this.#deps.random.bytes(30)),
      acct: role.accountId,
      kind: 'assumed-role',
      roleId: role.roleId,
      roleArn: role.arn,
      roleName: role.roleName,
      session: input.RoleSessionName,
      iat: epochSeconds(now),
      exp: epochSeconds(expiresAt),
      policy: input.Policy,
      policyArns: policyArns.length > 0 ? policyArns : undefined,
      tags: tags.length > 0 ? tags.map((tag) => [tag.Key, tag.Value] as const) : undefined,
      sourceIdentity: input.SourceIdentity ?? (caller.kind === 'assumed-role' ? caller.sourceIdentity : undefined),
    };
    return {
      Credentials: {
        AccessKeyId: claims.akid,
        SecretAccessKey: claims.sk,
        SessionToken: sealSessionToken(this.#deps.keyring, claims),
        Expiration: new Date(claims.exp * 1000),
      },
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
        Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${input.RoleSessionName}`,
      },
      PackedPolicySize: passedSessionData ? packed : undefined,
      SourceIdentity: claims.sourceIdentity,
    };
  }

  /** [GetCallerIdentity](https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html) */
  getCallerIdentity(caller: Caller): Sts.GetCallerIdentityResponse {
    if (caller.kind === 'service' || caller.kind === 'anonymous') throw new AwsError('MissingAuthenticationToken');
    return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
  }
}
