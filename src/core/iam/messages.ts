/**
 * @module core/iam/messages
 * The IAM errors several use cases raise, with AWS's wording (as the IAM API answers; the same strings appear in
 * the AWS CLI's and SDKs' error output).
 */

import type { PrincipalKind } from '../entities.js';
import { AwsError } from '../errors.js';

/** `The user with name x cannot be found.` (and role, group). */
export const noSuchPrincipal = (kind: PrincipalKind, name: string): AwsError =>
  new AwsError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);

/** A managed policy that does not exist, or that this account may not attach. */
export const notAttachable = (arn: string): AwsError =>
  new AwsError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);

/** A managed policy that does not exist. */
export const noSuchPolicy = (arn: string): AwsError => new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);

/** A permissions boundary naming a policy that does not exist. */
export const noSuchBoundary = (arn: string): AwsError =>
  new AwsError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);

/** DeleteUser/DeleteGroup/DeleteRole/DeleteInstanceProfile while something still refers to the entity. */
export const deleteConflict = (what: string): AwsError =>
  new AwsError('DeleteConflict', `Cannot delete entity, must ${what} first.`);

/** The quota names of IAM's `Cannot exceed quota for …` messages, by kind of owner. */
export const policiesQuota: Readonly<Record<PrincipalKind, string>> = {
  user: 'PoliciesPerUser',
  role: 'PoliciesPerRole',
  group: 'PoliciesPerGroup',
};
