/**
 * @module operations/s3-multipart-ops
 * Multipart uploads, authorized as S3 does (Service Authorization Reference for Amazon S3): creating, uploading and
 * completing are `s3:PutObject` on `bucket/key`; UploadPartCopy also needs `s3:GetObject` on the source; aborting is
 * `s3:AbortMultipartUpload`, ListParts `s3:ListMultipartUploadParts`, ListMultipartUploads
 * `s3:ListBucketMultipartUploads` on the bucket.
 */

import { parseCopySource, parseTaggingHeader, requestTagKeys } from '../core/s3/index.js';
import type { S3 } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import type { AnyOperation } from './define-operation.js';
import { onBucket, onVersionedObject, s3Op } from './s3-common.js';

/** Multipart upload operations. */
export const multipartOperations: AnyOperation[] = [
  s3Op<S3.CreateMultipartUploadRequest, S3.CreateMultipartUploadOutput>('CreateMultipartUpload', {
    authorize: async (input, { services }) => {
      const tags = parseTaggingHeader(input.Tagging);
      const keys = requestTagKeys(tags);
      const write = await onBucket(services, 's3:PutObject', input.Bucket, input.Key, keys);
      if (tags === undefined) return write;
      return [write, await onBucket(services, 's3:PutObjectTagging', input.Bucket, input.Key, keys)];
    },
    handle: (input, { caller, services }) =>
      services.s3Multipart.create(caller.kind === 'anonymous' ? 'anonymous' : accountOf(caller), input),
  }),
  s3Op<S3.UploadPartRequest, S3.UploadPartOutput>('UploadPart', {
    streamingInput: true,
    authorize: (input, { services }) => onBucket(services, 's3:PutObject', input.Bucket, input.Key),
    handle: (input, { services, body, integrity }) => {
      if (!body) throw new Error('UploadPart reached its handler without a body stream');
      return services.s3Multipart.uploadPart(input, body, integrity ?? {});
    },
  }),
  s3Op<S3.UploadPartCopyRequest, S3.UploadPartCopyOutput>('UploadPartCopy', {
    authorize: async (input, { services }) => {
      const source = parseCopySource(input.CopySource);
      return [
        await onVersionedObject(services, 's3:GetObject', 's3:GetObjectVersion', {
          Bucket: source.bucket,
          Key: source.key,
          VersionId: source.versionId,
        }),
        await onBucket(services, 's3:PutObject', input.Bucket, input.Key),
      ];
    },
    handle: (input, { services }) => services.s3Multipart.uploadPartCopy(input),
  }),
  s3Op<S3.CompleteMultipartUploadRequest, S3.CompleteMultipartUploadOutput>('CompleteMultipartUpload', {
    authorize: (input, { services }) => onBucket(services, 's3:PutObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Multipart.complete(input),
  }),
  s3Op<S3.AbortMultipartUploadRequest, S3.AbortMultipartUploadOutput>('AbortMultipartUpload', {
    authorize: (input, { services }) => onBucket(services, 's3:AbortMultipartUpload', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Multipart.abort(input),
  }),
  s3Op<S3.ListPartsRequest, S3.ListPartsOutput>('ListParts', {
    authorize: (input, { services }) => onBucket(services, 's3:ListMultipartUploadParts', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Multipart.listParts(input),
  }),
  s3Op<S3.ListMultipartUploadsRequest, S3.ListMultipartUploadsOutput>('ListMultipartUploads', {
    authorize: (input, { services }) => onBucket(services, 's3:ListBucketMultipartUploads', input.Bucket),
    handle: (input, { services }) => services.s3Multipart.listUploads(input),
  }),
];
