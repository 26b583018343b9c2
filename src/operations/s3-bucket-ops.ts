/**
 * @module operations/s3-bucket-ops
 * Buckets, listings, Block Public Access settings and bucket policies: `s3:ListBucket` on the bucket ARN for
 * listings and HeadBucket (`s3:ListBucketVersions` for ListObjectVersions), `s3:ListAllMyBuckets` on `*` (Service Authorization Reference for Amazon S3).
 */

import type { S3 } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import type { AnyOperation } from './define-operation.js';
import { onBucket, s3Op } from './s3-common.js';

/** s3:prefix, s3:delimiter and s3:max-keys exist only when the query parameter is present (IAM-SEMANTICS.md §5 case 13). */
const listingKeys = (input: Pick<S3.ListObjectsRequest, 'Prefix' | 'Delimiter' | 'MaxKeys'>) => ({
  's3:prefix': input.Prefix,
  's3:delimiter': input.Delimiter,
  's3:max-keys': input.MaxKeys === undefined ? undefined : String(input.MaxKeys),
});

/** Bucket operations. */
export const bucketOperations: AnyOperation[] = [
  s3Op<S3.CreateBucketRequest, S3.CreateBucketOutput>('CreateBucket', {
    authorize: (input, { services }) => onBucket(services, 's3:CreateBucket', input.Bucket),
    handle: (input, { caller, services }) => services.s3.createBucket(accountOf(caller), input),
  }),
  s3Op<S3.DeleteBucketRequest, undefined>('DeleteBucket', {
    authorize: (input, { services }) => onBucket(services, 's3:DeleteBucket', input.Bucket),
    handle: async (input, { services }) => {
      await services.s3.deleteBucket(input);
      return undefined;
    },
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
    authorize: (input, { services }) =>
      onBucket(services, 's3:ListBucket', input.Bucket, undefined, listingKeys(input)),
    handle: (input, { services }) => services.s3.listObjectsV2(input),
  }),
  s3Op<S3.ListObjectsRequest, S3.ListObjectsOutput>('ListObjects', {
    authorize: (input, { services }) =>
      onBucket(services, 's3:ListBucket', input.Bucket, undefined, listingKeys(input)),
    handle: (input, { services }) => services.s3.listObjects(input),
  }),
  s3Op<S3.ListObjectVersionsRequest, S3.ListObjectVersionsOutput>('ListObjectVersions', {
    authorize: (input, { services }) =>
      onBucket(services, 's3:ListBucketVersions', input.Bucket, undefined, listingKeys(input)),
    handle: (input, { services }) => services.s3.listObjectVersions(input),
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
      await services.s3.checkBucketPolicy(input.Bucket, input.Policy);
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
];
