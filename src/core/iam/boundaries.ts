/**
 * @module core/iam/boundaries
 * Permissions boundaries of users and roles: the boundary must be a managed policy the account can attach
 * (its own, or an AWS managed one). IAM answers anything else with `Scope ARN: … does not exist or is not
 * attachable.` (CreateRole/PutRolePermissionsBoundary in the IAM API reference).
 */

import type { IamStore } from '../ports.js';
import { noSuchBoundary } from './messages.js';

/**
 * Throws NoSuchEntity unless `policyArn` names a managed policy `accountId` may use as a boundary.
 *
 * @example
 * await assertBoundary(store, '000000000000', 'arn:aws:iam::000000000000:policy/boundary');
 */
export async function assertBoundary(store: IamStore, accountId: string, policyArn: string): Promise<void> {
  const policy = await store.getPolicy(policyArn);
  if (!policy || (policy.accountId !== accountId && policy.accountId !== 'aws')) throw noSuchBoundary(policyArn);
}
