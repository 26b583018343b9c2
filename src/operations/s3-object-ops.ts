/**
 * @module operations/s3-object-ops
 * Object operations, each with its action on `bucket/key` (Service Authorization Reference for Amazon S3). HeadObject
 * is authorized as `s3:GetObject`; CopyObject needs `s3:GetObject` on the source and `s3:PutObject` on the
 * destination; DeleteObjects has no action of its own: each key is authorized as `s3:DeleteObject` and a denied key
 * is reported in the response, not as a failure of the request ("DeleteObjects", Errors).
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import { AwsError, isAwsError } from '../core/errors.js';
import { parseCopySource, parseTaggingHeader, requestTagKeys } from '../core/s3/index.js';
import type { S3 } from '../shapes/index.js';
import type { AnyOperation, OperationContext } from './define-operation.js';
import { onBucket, onTaggedObject, restrictPublic, s3Op } from './s3-common.js';

/** DeleteObjects takes at most 1,000 keys (API reference). */
const MAX_DELETE_KEYS = 1000;

/** Tagging on a write also needs `s3:PutObjectTagging` (PutObject API reference, "x-amz-tagging"). */
async function taggedWrite(
  context: OperationContext,
  action: string,
  bucket: string,
  key: string,
  tagging: string | undefined,
): Promise<AuthorizationSpec[]> {
  const tags = parseTaggingHeader(tagging);
  const keys = requestTagKeys(tags);
  const write = await onBucket(context.services, action, bucket, key, keys);
  if (tags === undefined) return [write];
  return [write, await onBucket(context.services, 's3:PutObjectTagging', bucket, key, keys)];
}

async function deleteEach(input: S3.DeleteObjectsRequest, context: OperationContext): Promise<S3.DeleteObjectsOutput> {
  const { services, caller, facts } = context;
  const objects = input.Delete.Objects ?? [];
  if (objects.length > MAX_DELETE_KEYS) throw new AwsError('MalformedXML');
  await services.s3.headBucket({ Bucket: input.Bucket });
  const deleted: S3.DeletedObject[] = [];
  const errors: S3.Error[] = [];
  for (const { Key: key } of objects) {
    try {
      const spec = await onBucket(services, 's3:DeleteObject', input.Bucket, key);
      for (const restricted of [await restrictPublic(spec, context)].flat()) {
        if (restricted !== 'skip') await services.authorizer.enforce(caller, restricted, facts);
      }
      await services.s3Objects.deleteObject({ Bucket: input.Bucket, Key: key });
      deleted.push({ Key: key });
    } catch (error) {
      if (!isAwsError(error) || error.code === 'NoSuchBucket') throw error;
      errors.push({
        Key: key,
        Code: error.code,
        Message: error.code === 'AccessDenied' ? 'Access Denied' : error.message,
      });
    }
  }
  return { Deleted: input.Delete.Quiet ? undefined : deleted, Errors: errors };
}

/** Object operations. */
export const objectOperations: AnyOperation[] = [
  s3Op<S3.PutObjectRequest, S3.PutObjectOutput>('PutObject', {
    streamingInput: true,
    authorize: (input, context) => taggedWrite(context, 's3:PutObject', input.Bucket, input.Key, input.Tagging),
    handle: (input, { services, body, integrity }) => {
      if (!body) throw new Error('PutObject reached its handler without a body stream');
      return services.s3Objects.putObject(input, body, integrity ?? {});
    },
  }),
  s3Op<S3.GetObjectRequest, S3.GetObjectOutput>('GetObject', {
    authorize: (input, { services }) => onTaggedObject(services, 's3:GetObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Objects.getObject(input),
  }),
  s3Op<S3.HeadObjectRequest, S3.HeadObjectOutput>('HeadObject', {
    authorize: (input, { services }) => onTaggedObject(services, 's3:GetObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Objects.headObject(input),
  }),
  s3Op<S3.DeleteObjectRequest, S3.DeleteObjectOutput>('DeleteObject', {
    authorize: (input, { services }) => onBucket(services, 's3:DeleteObject', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Objects.deleteObject(input),
  }),
  s3Op<S3.DeleteObjectsRequest, S3.DeleteObjectsOutput>('DeleteObjects', {
    authorize: () => 'skip',
    handle: deleteEach,
  }),
  s3Op<S3.CopyObjectRequest, S3.CopyObjectOutput>('CopyObject', {
    authorize: async (input, context) => {
      const source = parseCopySource(input.CopySource);
      const read = await onTaggedObject(context.services, 's3:GetObject', source.bucket, source.key);
      const tagging = input.TaggingDirective === 'REPLACE' ? input.Tagging : undefined;
      return [read, ...(await taggedWrite(context, 's3:PutObject', input.Bucket, input.Key, tagging))];
    },
    handle: (input, { services }) => services.s3Objects.copyObject(input),
  }),
  s3Op<S3.GetObjectTaggingRequest, S3.GetObjectTaggingOutput>('GetObjectTagging', {
    authorize: (input, { services }) => onTaggedObject(services, 's3:GetObjectTagging', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Objects.getObjectTagging(input),
  }),
  s3Op<S3.PutObjectTaggingRequest, S3.PutObjectTaggingOutput>('PutObjectTagging', {
    authorize: (input, { services }) => {
      const tags = (input.Tagging?.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
      return onTaggedObject(services, 's3:PutObjectTagging', input.Bucket, input.Key, requestTagKeys(tags));
    },
    handle: (input, { services }) => services.s3Objects.putObjectTagging(input),
  }),
  s3Op<S3.DeleteObjectTaggingRequest, S3.DeleteObjectTaggingOutput>('DeleteObjectTagging', {
    authorize: (input, { services }) => onTaggedObject(services, 's3:DeleteObjectTagging', input.Bucket, input.Key),
    handle: (input, { services }) => services.s3Objects.deleteObjectTagging(input),
  }),
];
