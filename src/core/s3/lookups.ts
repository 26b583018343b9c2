/**
 * @module core/s3/lookups
 * The existence checks every S3 use case starts with, failing with S3's codes. A key whose current version is a
 * delete marker answers 404 NoSuchKey with `x-amz-delete-marker: true`; asking for a delete marker by version id
 * answers 405 MethodNotAllowed (GetObject API reference, "versionId"; "Working with delete markers").
 */

import type { BucketRecord, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';
import { checkVersionId } from './versions.js';

/** The bucket, or NoSuchBucket. */
export async function requireBucket(store: S3Store, name: string): Promise<BucketRecord> {
  const bucket = await store.getBucket(name);
  if (!bucket) throw new AwsError('NoSuchBucket');
  return bucket;
}

const markerHeaders = (marker: ObjectRecord): Record<string, string> => ({
  'x-amz-delete-marker': 'true',
  ...(marker.versionId === undefined ? {} : { 'x-amz-version-id': marker.versionId }),
});

/**
 * The object (its current version, or version `versionId`), or NoSuchBucket / NoSuchKey / NoSuchVersion, or the
 * delete-marker answers above.
 */
export async function requireObject(
  store: S3Store,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<ObjectRecord> {
  const object =
    versionId === undefined
      ? await store.getObject(bucket, key)
      : await store.getObjectVersion(bucket, key, checkVersionId(versionId));
  if (object?.deleteMarker) {
    if (versionId === undefined) throw new AwsError('NoSuchKey', undefined, { headers: markerHeaders(object) });
    throw new AwsError('MethodNotAllowed', undefined, {
      headers: { ...markerHeaders(object), 'last-modified': object.lastModified.toUTCString(), allow: 'DELETE' },
    });
  }
  if (object) return object;
  // Only a miss needs the bucket: it tells NoSuchBucket from NoSuchKey.
  await requireBucket(store, bucket);
  throw new AwsError(versionId === undefined ? 'NoSuchKey' : 'NoSuchVersion');
}
