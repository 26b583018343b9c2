/**
 * @module operations/s3-object-ops
 * Object operations, each with its action on `bucket/key` (Service Authorization Reference for Amazon S3). HeadObject
 * is authorized as `s3:GetObject`; CopyObject needs `s3:GetObject` on the source and `s3:PutObject` on the
 * destination; DeleteObjects has no action of its own: each key is authorized as `s3:DeleteObject` and a denied key
 * is reported in the response, not as a failure of the request ("DeleteObjects", Errors). A request that names a
 * version (`versionId`, or `?versionId=` in `x-amz-copy-source`) needs the `…Version…` action instead ({@link
 * versioned}).
 */

import type { AuthorizationSpec } from '../core/authz/index.js';
import { AwsError, isAwsError } from '../core/errors.js';
import { parseCopySource, parseTaggingHeader, requestTagKeys } from '../core/s3/index.js';
import type { S3 } from '../shapes/index.js';
import type { AnyOperation, OperationContext } from './define-operation.js';
import { onBucket, onVersionedObject, restrictPublic, s3Op, versioned } from './s3-common.js';

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
  for (const { Key: key, VersionId: versionId } of objects) {
    try {
      const { action, keys } = versioned('s3:DeleteObject', 's3:DeleteObjectVersion', versionId);
      const spec = await onBucket(services, action, input.Bucket, key, keys);
      for (const restricted of [await restrictPublic(spec, context)].flat()) {
        if (restricted !== 'skip') await services.authorizer.enforce(caller, restricted, facts);
      }
      const out = await services.s3Objects.deleteObject({ Bucket: input.Bucket, Key: key, VersionId: versionId });
      deleted.push({
        Key: key,
        VersionId: versionId,
        DeleteMarker: out.DeleteMarker,
        DeleteMarkerVersionId: versionId === undefined ? out.VersionId : undefined,
      });
    } catch (error) {
      if (!isAwsError(error) || error.code === 'NoSuchBucket') throw error;
      errors.push({
        Key: key,
        VersionId: versionId,
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
    authorize: (input, { services }) => onVersionedObject(services, 's3:GetObject', 's3:GetObjectVersion', input),
    handle: (input, { services }) => services.s3Objects.getObject(input),
  }),
  s3Op<S3.HeadObjectRequest, S3.HeadObjectOutput>('HeadObject', {
    authorize: (input, { services }) => onVersionedObject(services, 's3:GetObject', 's3:GetObjectVersion', input),
    handle: (input, { services }) => services.s3Objects.headObject(input),
  }),
  s3Op<S3.DeleteObjectRequest, S3.DeleteObjectOutput>('DeleteObject', {
    authorize: (input, { services }) => {
      const { action, keys } = versioned('s3:DeleteObject', 's3:DeleteObjectVersion', input.VersionId);
      return onBucket(services, action, input.Bucket, input.Key, keys);
    },
    handle: (input, { services }) => services.s3Objects.deleteObject(input),
  }),
  s3Op<S3.DeleteObjectsRequest, S3.DeleteObjectsOutput>('DeleteObjects', {
    authorize: () => 'skip',
    handle: deleteEach,
  }),
  s3Op<S3.CopyObjectRequest, S3.CopyObjectOutput>('CopyObject', {
    authorize: async (input, context) => {
      const source = parseCopySource(input.CopySource);
      const from = { Bucket: source.bucket, Key: source.key, VersionId: source.versionId };
      const reading = await onVersionedObject(context.services, 's3:GetObject', 's3:GetObjectVersion', from);
      const tagging = input.TaggingDirective === 'REPLACE' ? input.Tagging : undefined;
      return [reading, ...(await taggedWrite(context, 's3:PutObject', input.Bucket, input.Key, tagging))];
    },
    handle: (input, { services }) => services.s3Objects.copyObject(input),
  }),
  s3Op<S3.GetObjectTaggingRequest, S3.GetObjectTaggingOutput>('GetObjectTagging', {
    authorize: (input, { services }) =>
      onVersionedObject(services, 's3:GetObjectTagging', 's3:GetObjectVersionTagging', input),
    handle: (input, { services }) => services.s3Objects.getObjectTagging(input),
  }),
  s3Op<S3.PutObjectTaggingRequest, S3.PutObjectTaggingOutput>('PutObjectTagging', {
    authorize: (input, { services }) => {
      const tags = (input.Tagging?.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
      return onVersionedObject(
        services,
        's3:PutObjectTagging',
        's3:PutObjectVersionTagging',
        input,
        requestTagKeys(tags),
      );
    },
    handle: (input, { services }) => services.s3Objects.putObjectTagging(input),
  }),
  s3Op<S3.DeleteObjectTaggingRequest, S3.DeleteObjectTaggingOutput>('DeleteObjectTagging', {
    authorize: (input, { services }) =>
      onVersionedObject(services, 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', input),
    handle: (input, { services }) => services.s3Objects.deleteObjectTagging(input),
  }),
];
