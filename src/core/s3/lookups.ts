/**
 * @module core/s3/lookups
 * The existence checks every S3 use case starts with, failing with S3's codes.
 */

import type { BucketRecord, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';

/** The bucket, or NoSuchBucket. */
export async function requireBucket(store: S3Store, name: string): Promise<BucketRecord> {
  const bucket = await store.getBucket(name);
  if (!bucket) throw new AwsError('NoSuchBucket');
  return bucket;
}

/** The object, or NoSuchBucket / NoSuchKey. */
export async function requireObject(store: S3Store, bucket: string, key: string): Promise<ObjectRecord> {
  const object = await store.getObject(bucket, key);
  if (object) return object;
  // Only a miss needs the bucket: it tells NoSuchBucket from NoSuchKey.
  await requireBucket(store, bucket);
  throw new AwsError('NoSuchKey');
}
