/**
 * @module operations/ec2-common
 * What the EC2 operation files share: resource ARNs, `DryRun`, and the filter members of Describe calls.
 */

import type { Ec2Filter } from '../core/ec2/index.js';
import { AwsError } from '../core/errors.js';
import { accountOf } from './account-of.js';
import type { OperationContext } from './define-operation.js';

/** The members every EC2 Describe/Create call may carry. */
export type Filtered = { Filters?: readonly Ec2Filter[] | undefined; DryRun?: boolean | undefined };

/** `arn:aws:ec2:<region>:<account>:instance/<id>` */
export const instanceArn = (context: OperationContext, id: string) =>
  `arn:aws:ec2:${context.services.region}:${accountOf(context.caller)}:instance/${id}`;

/** The ARN of a security group of the caller's account. */
export const groupArn = (context: OperationContext, id: string) =>
  context.services.ec2.securityGroups.arn(accountOf(context.caller), id);

/** A `DryRun` that would have succeeded answers DryRunOperation (EC2 API reference, "DryRun"). */
export function dryRun(input: { DryRun?: boolean | undefined }): void {
  if (input.DryRun) throw new AwsError('DryRunOperation');
}
