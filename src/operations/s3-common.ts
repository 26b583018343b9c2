/**
 * @module operations/s3-common
 * What every S3 operation table shares: authorizations on a bucket or one of its objects, owned by the bucket's
 * account and carrying its bucket policy (so requests to another account's bucket follow the cross-account rules),
 * and the S3 flavour of `defineOperation` (anonymous requests allowed; bucket policies may grant them).
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import { existingTagKeys, s3Arn } from '../core/s3/index.js';
import type { Services } from '../core/services.js';
import { defineOperation } from './define-operation.js';

/**
 * An authorization on a bucket or (with `key`) one of its objects.
 *
 * @example
 * await onBucket(services, 's3:GetObject', 'photos', 'cat.jpg');
 */
export async function onBucket(
  services: Services,
  action: string,
  bucket: string,
  key?: string,
  context?: AuthorizationSpec['context'],
): Promise<AuthorizationSpec> {
  const info = await services.bucketPolicies.authInfo(bucket);
  return {
    action,
    resource: s3Arn(bucket, key),
    resourceAccount: info.owner,
    context,
    resourcePolicy:
      info.policy === undefined
        ? undefined
        : { document: info.policy, kind: 'resource', source: `${s3Arn(bucket)}#bucket-policy` },
  };
}

/**
 * An authorization on an existing object, with its `s3:ExistingObjectTag/<key>` condition keys (Service
 * Authorization Reference: GetObject, GetObjectTagging, PutObjectTagging, DeleteObjectTagging …).
 */
export async function onTaggedObject(
  services: Services,
  action: string,
  bucket: string,
  key: string,
  context?: AuthorizationSpec['context'],
): Promise<AuthorizationSpec> {
  const tags = await services.s3Objects.existingTags(bucket, key);
  return onBucket(services, action, bucket, key, { ...existingTagKeys(tags), ...context });
}

/** An S3 operation: anonymous callers reach the authorize step, where only a bucket policy can let them in. */
export const s3Op = <I, O>(name: string, spec: Parameters<typeof defineOperation<I, O>>[2]) =>
  defineOperation<I, O>('s3', name, { auth: 'optional', ...spec });
