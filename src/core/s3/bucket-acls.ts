/**
 * @module core/s3/bucket-acls
 * ACLs as a bucket with Object Ownership "bucket owner enforced" answers them, which is S3's default for new
 * buckets ("Controlling ownership of objects and disabling ACLs for your bucket"): the bucket owner owns every object
 * and has FULL_CONTROL; reads return that one grant; a write that grants anyone else (a canned ACL other than
 * `private` or `bucket-owner-full-control`, an `x-amz-grant-*` header naming someone else, or an
 * AccessControlPolicy with another grant) fails with `AccessControlListNotSupported`.
 */

import type { S3 } from '../../shapes/index.js';
import type { BucketRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';
import { effectivePublicAccessBlock } from './account-public-access.js';
import { checkBlockPublicAcls } from './public-policy.js';

const OWNER_DISPLAY = 'iamd';
const OWNER_ONLY_CANNED = new Set(['private', 'bucket-owner-full-control']);

/** The ACL members a write may carry. */
export interface AclInput {
  readonly ACL?: string | undefined;
  readonly GrantFullControl?: string | undefined;
  readonly GrantRead?: string | undefined;
  readonly GrantReadACP?: string | undefined;
  readonly GrantWrite?: string | undefined;
  readonly GrantWriteACP?: string | undefined;
  readonly AccessControlPolicy?: S3.AccessControlPolicy | undefined;
}

/** The ACL every bucket and object has: the owner, with FULL_CONTROL. */
export function ownerAcl(ownerId: string): { Owner: S3.Owner; Grants: S3.Grant[] } {
  const owner = { ID: ownerId, DisplayName: OWNER_DISPLAY };
  return { Owner: owner, Grants: [{ Grantee: { Type: 'CanonicalUser', ...owner }, Permission: 'FULL_CONTROL' }] };
}

const grantsOwnerOnly = (header: string, ownerId: string): boolean =>
  header.split(',').every((grantee) => grantee.trim().replace(/\s+/g, '') === `id="${ownerId}"`);

/**
 * Whether `input` sets an ACL at all, after refusing one that grants anyone but the owner.
 *
 * @example
 * checkAclsDisabled({ ACL: 'public-read' }, '111122223333'); // throws AccessControlListNotSupported
 */
export function checkAclsDisabled(input: AclInput, ownerId: string): boolean {
  const refuse = () => {
    throw new AwsError('AccessControlListNotSupported');
  };
  if (input.ACL !== undefined && !OWNER_ONLY_CANNED.has(input.ACL)) refuse();
  if (input.GrantFullControl !== undefined && !grantsOwnerOnly(input.GrantFullControl, ownerId)) refuse();
  for (const header of [input.GrantRead, input.GrantReadACP, input.GrantWrite, input.GrantWriteACP]) {
    if (header !== undefined) refuse();
  }
  for (const grant of input.AccessControlPolicy?.Grants ?? []) {
    const grantee = grant.Grantee;
    if (grant.Permission !== 'FULL_CONTROL' || grantee?.Type !== 'CanonicalUser' || grantee.ID !== ownerId) refuse();
  }
  return input.ACL !== undefined || input.GrantFullControl !== undefined || input.AccessControlPolicy !== undefined;
}

/**
 * The ACL checks of a write to `bucket`: a public ACL is refused with AccessDenied under BlockPublicAcls (the
 * bucket's or its account's), then any ACL granting someone else with AccessControlListNotSupported.
 */
export async function checkWriteAcl(store: S3Store, bucket: BucketRecord, input: AclInput): Promise<void> {
  checkBlockPublicAcls(input, (await effectivePublicAccessBlock(store, bucket))?.BlockPublicAcls === true);
  checkAclsDisabled(input, bucket.accountId);
}
