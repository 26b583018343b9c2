/**
 * @module core/sts/sts-service
 * STS use cases: AssumeRole and GetCallerIdentity (STS API reference). Authorization — the trust policy, the
 * caller's identity policies, `sts:TagSession` — happens before these run, in the operation's authorize step.
 */

import type { Sts } from '../../shapes/index.js';
import type { Caller } from '../authz/caller.js';
import type { RoleRecord, Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Keyring } from '../keyring/keyring.js';
import type { SamlIdentity, WebIdentity } from '../federation/index.js';
import type { Clock, IamStore, Random } from '../ports.js';
import { issueCredentials } from './issue-credentials.js';
import { findRoleByArn } from './role-lookup.js';
import { type SessionDataInput, sessionData, sessionDataClaims } from './session-data.js';
import { sessionDuration } from './session-limits.js';

/** Dependencies of the STS use cases. */
export interface StsDeps {
  readonly iam: IamStore;
  readonly keyring: Keyring;
  readonly clock: Clock;
  readonly random: Random;
}

/**
 * The claims that name a role session, as a fresh object the caller may add to (Object.assign rather than a spread
 * with more keys after it, which V8 builds on a slow path).
 */
const roleSession = (role: RoleRecord, session: string) =>
  ({ kind: 'assumed-role', roleId: role.roleId, roleArn: role.arn, roleName: role.roleName, session }) as const;

/** The `AssumedRoleUser` of a role session: the session ARN has no role path (WIRE.md §1). */
const assumedRoleUser = (role: RoleRecord, session: string): Sts.AssumedRoleUser => ({
  AssumedRoleId: `${role.roleId}:${session}`,
  Arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${session}`,
});

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
   * been authorized for `sts:AssumeRole` on the role; `mfaAt` is when it presented a valid MFA code, if it did.
   */
  async assumeRole(caller: Caller, input: Sts.AssumeRoleRequest, mfaAt?: Date): Promise<Sts.AssumeRoleResponse> {
    const role = await findRoleByArn(this.#deps.iam, input.RoleArn);
    // The role vanished between authorization and now: answer as for a role that never existed.
    if (!role)
      throw new AwsError('AccessDenied', `Not authorized to perform sts:AssumeRole on resource ${input.RoleArn}`);
    const duration = sessionDuration(input.DurationSeconds, role.maxSessionDuration, caller.kind === 'assumed-role');

    if (input.ProvidedContexts !== undefined && input.ProvidedContexts.length > 0) {
      // Trusted identity propagation needs AWS IAM Identity Center, which iamd does not emulate: refuse, never ignore.
      throw new AwsError(
        'InvalidParameterValue',
        'ProvidedContexts (trusted identity propagation) is not supported by iamd.',
      );
    }
    const data = sessionData(caller, input);
    const inheritedSource = caller.kind === 'assumed-role' ? caller.sourceIdentity : undefined;
    if (
      inheritedSource !== undefined &&
      input.SourceIdentity !== undefined &&
      input.SourceIdentity !== inheritedSource
    ) {
      // "After you set the source identity value, it cannot be changed" (STS API reference, SourceIdentity).
      throw new AwsError('AccessDenied', 'The source identity of a session cannot be changed once it is set.');
    }

    const { claims, credentials } = issueCredentials(
      this.#deps,
      role.accountId,
      duration,
      Object.assign(roleSession(role, input.RoleSessionName), sessionDataClaims(data), {
        sourceIdentity: input.SourceIdentity ?? inheritedSource,
        mfa: mfaAt !== undefined,
        mfaAt: mfaAt && Math.floor(mfaAt.getTime() / 1000),
      }),
    );
    return {
      Credentials: credentials,
      AssumedRoleUser: assumedRoleUser(role, input.RoleSessionName),
      PackedPolicySize: data.packedPolicySize,
      SourceIdentity: claims.sourceIdentity,
    };
  }

  /**
   * [AssumeRoleWithWebIdentity](https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
   * The token has been verified and the trust policy has admitted `identity`; session tags come from the token.
   */
  async assumeRoleWithWebIdentity(
    input: Sts.AssumeRoleWithWebIdentityRequest,
    identity: WebIdentity,
  ): Promise<Sts.AssumeRoleWithWebIdentityResponse> {
    const session = await this.#federatedSession('sts:AssumeRoleWithWebIdentity', input, {
      sessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      tags: identity.tags,
      transitiveTagKeys: identity.transitiveTagKeys,
      sourceIdentity: identity.sourceIdentity,
    });
    return {
      ...session,
      SubjectFromWebIdentityToken: identity.subject,
      Provider: identity.issuer,
      Audience: identity.audience,
      SourceIdentity: identity.sourceIdentity,
    };
  }

  /**
   * [AssumeRoleWithSAML](https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html). The SAML
   * response has been verified and the trust policy has admitted `identity`. The session lasts `DurationSeconds`,
   * else the SessionDuration attribute, else an hour, and never past the assertion's `SessionNotOnOrAfter`.
   */
  async assumeRoleWithSaml(
    input: Sts.AssumeRoleWithSAMLRequest,
    identity: SamlIdentity,
  ): Promise<Sts.AssumeRoleWithSAMLResponse> {
    const session = await this.#federatedSession('sts:AssumeRoleWithSAML', input, {
      sessionName: identity.sessionName,
      durationSeconds: input.DurationSeconds ?? identity.sessionDuration,
      notAfter: identity.sessionNotOnOrAfter,
      tags: identity.tags,
      transitiveTagKeys: identity.transitiveTagKeys,
      sourceIdentity: identity.sourceIdentity,
    });
    return {
      ...session,
      Subject: identity.subject,
      SubjectType: identity.subjectType,
      Issuer: identity.issuer,
      Audience: identity.recipient,
      NameQualifier: identity.nameQualifier,
      SourceIdentity: identity.sourceIdentity,
    };
  }

  /**
   * A role session for a federated identity, whose trust policy has already admitted it. A web or SAML identity
   * is no AWS principal: it has no session to inherit transitive tags from, and is never role chaining.
   */
  async #federatedSession(
    action: string,
    input: {
      readonly RoleArn: string;
      readonly Policy?: string | undefined;
      readonly PolicyArns?: SessionDataInput['PolicyArns'];
    },
    session: {
      readonly sessionName: string;
      readonly durationSeconds: number | undefined;
      readonly notAfter?: Date | undefined;
      readonly tags: readonly Tag[];
      readonly transitiveTagKeys: readonly string[];
      readonly sourceIdentity?: string | undefined;
    },
  ): Promise<Pick<Sts.AssumeRoleWithSAMLResponse, 'Credentials' | 'AssumedRoleUser' | 'PackedPolicySize'>> {
    const role = await findRoleByArn(this.#deps.iam, input.RoleArn);
    if (!role) throw new AwsError('AccessDenied', `Not authorized to perform ${action} on resource ${input.RoleArn}`);
    let duration = sessionDuration(session.durationSeconds, role.maxSessionDuration, false);
    if (session.notAfter !== undefined) {
      const left = Math.floor((session.notAfter.getTime() - this.#deps.clock.now().getTime()) / 1000);
      if (left <= 0) throw new AwsError('ExpiredTokenException', 'Token must not be expired');
      duration = Math.min(duration, left);
    }
    const data = sessionData(
      { kind: 'anonymous' },
      {
        Policy: input.Policy,
        PolicyArns: input.PolicyArns,
        Tags: session.tags,
        TransitiveTagKeys: session.transitiveTagKeys,
      },
    );
    const { credentials } = issueCredentials(
      this.#deps,
      role.accountId,
      duration,
      Object.assign(roleSession(role, session.sessionName), sessionDataClaims(data), {
        sourceIdentity: session.sourceIdentity,
      }),
    );
    return {
      Credentials: credentials,
      AssumedRoleUser: assumedRoleUser(role, session.sessionName),
      PackedPolicySize: data.packedPolicySize,
    };
  }

  /**
   * Issues a session of `role` to an AWS service principal acting for one of its resources: `ec2.amazonaws.com`
   * for an instance (the session is named after the instance id, as on AWS) or `ecs-tasks.amazonaws.com` for a
   * task. The caller has already authorized `sts:AssumeRole` by that principal against the role's trust policy.
   * The role's MaxSessionDuration does not bound these sessions: the service chooses their lifetime (EC2 User
   * Guide, "Retrieve security credentials from instance metadata").
   *
   * @example
   * sts.issueServiceSession(role, 'i-0123456789abcdef0', 21600).Credentials.AccessKeyId; // 'ASIA…'
   */
  issueServiceSession(
    role: RoleRecord,
    sessionName: string,
    durationSeconds: number,
  ): { Credentials: Sts.Credentials; AssumedRoleUser: Sts.AssumedRoleUser } {
    const { credentials } = issueCredentials(
      this.#deps,
      role.accountId,
      durationSeconds,
      roleSession(role, sessionName),
    );
    return { Credentials: credentials, AssumedRoleUser: assumedRoleUser(role, sessionName) };
  }

  /** [GetCallerIdentity](https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html) */
  getCallerIdentity(caller: Caller): Sts.GetCallerIdentityResponse {
    if (caller.kind === 'service' || caller.kind === 'anonymous') throw new AwsError('MissingAuthenticationToken');
    return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
  }
}
