/**
 * @module core/iam/credential-owner
 * The user a credential operation acts on. Signing certificates, service-specific credentials and login profiles
 * take an optional `UserName`: without it, AWS acts on the calling IAM user. iamd keeps these credentials for IAM
 * users only, so other callers (root, role sessions) must name the user (docs/iam.md).
 */

import type { AccountCaller } from '../authz/caller.js';
import type { UserRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Users } from './users.js';

/** The stored user named by `userName`, or the calling user; ValidationError for other callers without a name. */
export async function credentialOwner(
  users: Users,
  caller: AccountCaller,
  userName: string | undefined,
): Promise<UserRecord> {
  if (userName !== undefined) return users.require(caller.accountId, userName);
  if (caller.kind === 'user') return users.require(caller.accountId, caller.userName);
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}

/** `Active` or `Inactive`, as `statusType` allows; anything else is a ValidationError. */
export function credentialStatus(status: string): 'Active' | 'Inactive' {
  if (status === 'Active' || status === 'Inactive') return status;
  throw new AwsError('ValidationError', `Invalid status: ${status}. Valid values are Active and Inactive.`);
}
