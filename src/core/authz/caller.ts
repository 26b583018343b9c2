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

/** The account root user, signing with a root access key. */
export interface RootCaller {
  readonly kind: 'root';
  readonly accountId: string;
  readonly arn: string;
  readonly userId: string;
  readonly accessKeyId: string;
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
  readonly sourceIdentity?: string | undefined;
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
export type Caller = RootCaller | UserCaller | AssumedRoleCaller | ServiceCaller | AnonymousCaller;

/** Callers that signed with credentials of an account. */
export type AccountCaller = RootCaller | UserCaller | AssumedRoleCaller;

/** True when the caller belongs to an account (root, user or role session). */
export function isAccountCaller(caller: Caller): caller is AccountCaller {
  return caller.kind === 'root' || caller.kind === 'user' || caller.kind === 'assumed-role';
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
