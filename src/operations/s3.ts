/**
 * @module operations/s3
 * The S3 operations iamd serves, each authorized with its real action and resource (Service Authorization
 * Reference for Amazon S3): `s3:ListBucket` on the bucket ARN for listings and HeadBucket, object actions on
 * `bucket/key`, `s3:ListAllMyBuckets` on `*`. The resource account is the bucket owner, so requests to another
 * account's bucket follow the cross-account rules.
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import { s3Arn } from '../core/s3/index.js';
import type { Services } from '../core/services.js';
import type { S3 } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation, operationTable } from './define-operation.js';

/** An authorization on a bucket or one of its objects, owned by the bucket's account. */
async function onBucket(
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

const s3Op = <I, O>(name: string, spec: Parameters<typeof defineOperation<I, O>>[2]) =>
  defineOperation<I, O>('s3', name, { auth: 'optional', ...spec });

const operations = [
  s3Op<S3.CreateBucketRequest, S3.CreateBucketOutput>('CreateBucket', {
    authorize: (input, { services }) => onBucket(services, 's3:CreateBucket', input.Bucket),
    handle: (input, { caller, services }) => services.s3.createBucket(accountOf(caller), input),
  }),
  s3Op<S3.ListBucketsRequest, S3.ListBucketsOutput>('ListBuckets', {
    authorize: () => ({ action: 's3:ListAllMyBuckets', resource: '*' }),
    handle: (_input, { caller, services }) => services.s3.listBuckets(accountOf(caller)),
  }),
  s3Op<S3.HeadBucketRequest, S3.HeadBucketOutput>('HeadBucket', {
    authorize: (input, { services }) => onBucket(services, 's3:ListBucket', input.Bucket),
    handle: (input, { services }) => services.s3.headBucket(input),
  }),
  s3Op<S3.ListObjectsV2Request, S3.ListObjectsV2Output>('ListObjectsV2', {
    // s3:prefix and s3:delimiter exist only when the query parameter is present (IAM-SEMANTICS.md §5 case 13).
    authorize: (input, { services }) =>
      onBucket(services, 's3:ListBucket', input.Bucket, undefined, {
        's3:prefix': input.Prefix,
        's3:delimiter': input.Delimiter,
        's3:max-keys': input.MaxKeys === undefined ? undefined : String(input.MaxKeys),
      }),
    handle: (input, { services }) => services.s3.listObjectsV2(input),
  }),
  s3Op<S3.PutPublicAccessBlockRequest, undefined>('PutPublicAccessBlock', {
    authorize: (input, { services }) => onBucket(services, 's3:PutBucketPublicAccessBlock', input.Bucket),
    handle: async (input, { services }) => {
      await services.s3.putPublicAccessBlock(input);
      return undefined;
    },
  }),
  s3Op<S3.GetPublicAccessBlockRequest, S3.GetPublicAccessBlockOutput>('GetPublicAccessBlock', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketPublicAccessBlock', input.Bucket),
    handle: (input, { services }) => services.s3.getPublicAccessBlock(input),
  }),
  s3Op<S3.PutBucketPolicyRequest, undefined>('PutBucketPolicy', {
    authorize: (input, { services }) => onBucket(services, 's3:PutBucketPolicy', input.Bucket),
    handle: async (input, { services }) => {
      await services.bucketPolicies.put(input);
      return undefined;
    },
  }),
  s3Op<S3.GetBucketPolicyRequest, S3.GetBucketPolicyOutput>('GetBucketPolicy', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketPolicy', input.Bucket),
    handle: (input, { services }) => services.bucketPolicies.get(input),
  }),
  s3Op<S3.DeleteBucketPolicyRequest, undefined>('DeleteBucketPolicy', {
    authorize: (input, { services }) => onBucket(services, 's3:DeleteBucketPolicy', input.Bucket),
    handle: async (input, { services }) => {
      await services.bucketPolicies.delete(input);
      return undefined;
    },
  }),
  s3Op<S3.PutObjectRequest, S3.PutObjectOutput>('PutObject', {
    streamingInput: true,
    authorize: (input, { services }) => onBucket(services, 's3:PutObject', input.Bucket, input.Key),
    handle: (input, { services, body, integrity }) => {
      if (!body) throw new Error('PutObject reached its handler without a body stream');
      return services.s3.putObject(input, body, integrity ?? {});
    },
  }),
  s3Op<S3.GetObjectRequest, S3.GetObjectOutput>('GetObject', {
    authorize: (input, { services }) => onBucket(services, 's3:GetObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3.getObject(input),
  }),
  s3Op<S3.HeadObjectRequest, S3.HeadObjectOutput>('HeadObject', {
    authorize: (input, { services }) => onBucket(services, 's3:GetObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3.headObject(input),
  }),
  s3Op<S3.DeleteObjectRequest, S3.DeleteObjectOutput>('DeleteObject', {
    authorize: (input, { services }) => onBucket(services, 's3:DeleteObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3.deleteObject(input),
  }),
];

/** Every S3 operation iamd serves, by name. */
export const s3Operations = operationTable(operations as AnyOperation[]);
