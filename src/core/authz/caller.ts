/**
 * @module core/authz/caller
 * Who made a request, as resolved from its credentials. Reduced to the policy engine's
 * {@link PrincipalInfo} only at the authorization step.
 */

import type { Tag } from '../entities.js';

/** A session's own policies (AssumeRole `Policy` and `PolicyArns`), carried inside its token. */
export interface SessionPolicies {
  readonly inline?: string | undefined;
  readonly arns: readonly string[];
}

/** What a GetSessionToken session adds to the user (or root) it belongs to. */
export interface TemporarySession {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly mfaAuthenticated: boolean;
  /** When MFA was presented, for `aws:MultiFactorAuthAge`. */
  readonly mfaAt?: Date | undefined;
}

/** The account root user, signing with a root access key (or a GetSessionToken session of it). */
export interface RootCaller {
  readonly kind: 'root';
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  readonly accessKeyId: string;
  readonly session?: TemporarySession | undefined;
}

/** An IAM user, signing with one of its access keys. */
export interface UserCaller {
  readonly kind: 'user';
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  readonly userName: string;
  readonly tags: readonly Tag[];
  readonly permissionsBoundaryArn?: string | undefined;
  readonly accessKeyId: string;
  /** Present for GetSessionToken sessions of the user. */
  readonly session?: TemporarySession | undefined;
}

/** A role session from AssumeRole (or the instance-metadata and container credential endpoints). */
export interface AssumedRoleCaller {
  readonly kind: 'assumed-role';
  readonly accountId: string;
  /** `arn:aws:sts::A:assumed-role/<RoleName>/<session>` (no path). */
  readonly arn: string;
  /** `<RoleId>:<session>` */
  readonly userId: string;
  /** The role ARN with its path (`aws:PrincipalArn`). */
  readonly roleArn: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly accessKeyId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly sessionPolicies?: SessionPolicies | undefined;
  readonly sessionTags: readonly Tag[];
  /** Session tag keys passed on to sessions this one assumes (role chaining). */
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string | undefined;
  readonly mfaAuthenticated: boolean;
  readonly mfaAt?: Date | undefined;
}

/**
 * A GetFederationToken session. Its permissions are the intersection of its parent user's (or root's) identity
 * policies and its session policies; without a session policy it has none (IAM-SEMANTICS.md §4.4).
 */
export interface FederatedUserCaller {
  readonly kind: 'federated-user';
  readonly accountId: string;
  /** `arn:aws:sts::A:federated-user/<name>` */
  readonly arn: string;
  /** `<account>:<name>` */
  readonly userId: string;
  readonly name: string;
  /** The IAM user that created the session; absent when the root user did. */
  readonly parentUserName?: string | undefined;
  readonly parentUserId?: string | undefined;
  /** ARN of the parent user, or the root ARN. */
  readonly parentArn: string;
  readonly accessKeyId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly sessionPolicies?: SessionPolicies | undefined;
  readonly sessionTags: readonly Tag[];
  readonly mfaAuthenticated: boolean;
}

/** An AWS service acting as itself (e.g. `ec2.amazonaws.com` assuming an instance profile's role). */
export interface ServiceCaller {
  readonly kind: 'service';
  readonly serviceName: string;
}

/** A request without credentials. */
export interface AnonymousCaller {
  readonly kind: 'anonymous';
}

/** Every kind of caller. `switch (caller.kind)` narrows. */
export type Caller =
  | RootCaller
  | UserCaller
  | AssumedRoleCaller
  | FederatedUserCaller
  | ServiceCaller
  | AnonymousCaller;

/** Callers that signed with credentials of an account. */
export type AccountCaller = RootCaller | UserCaller | AssumedRoleCaller | FederatedUserCaller;

/** True when the caller belongs to an account (root, user, role session or federated user). */
export function isAccountCaller(caller: Caller): caller is AccountCaller {
  return (
    caller.kind === 'root' ||
    caller.kind === 'user' ||
    caller.kind === 'assumed-role' ||
    caller.kind === 'federated-user'
  );
}

/** The ARN AccessDenied messages name for this caller. */
export function callerDisplayArn(caller: Caller): string {
  switch (caller.kind) {
    case 'service':
      return caller.serviceName;
    case 'anonymous':
      return 'anonymous';
    default:
      return caller.arn;
  }
}

/** True when the caller signed with temporary credentials (any STS session). */
export function isTemporary(caller: Caller): boolean {
  return (
    caller.kind === 'assumed-role' ||
    caller.kind === 'federated-user' ||
    ((caller.kind === 'user' || caller.kind === 'root') && caller.session !== undefined)
  );
}
