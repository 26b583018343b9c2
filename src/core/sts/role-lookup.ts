/**
 * @module core/sts/role-lookup
 * Finds the role an AssumeRole request names. The ARN must be the role's exact ARN (path included); anything else
 * is treated as a role that does not exist, which AWS answers with AccessDenied, not NoSuchEntity, so that callers
 * cannot probe for role names.
 */

import { parseArn } from '../../arn/index.js';
import type { RoleRecord } from '../entities.js';
import type { IamStore } from '../ports.js';

/**
 * The role named by `roleArn`, or `undefined`.
 *
 * @example
 * await findRoleByArn(store, 'arn:aws:iam::000000000000:role/ec2-s3-access-role');
 */
export async function findRoleByArn(store: IamStore, roleArn: string): Promise<RoleRecord | undefined> {
  const arn = parseArn(roleArn);
  if (arn?.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
  const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
  const role = await store.getRole(arn.account, name);
  return role && role.arn === roleArn ? role : undefined;
}
