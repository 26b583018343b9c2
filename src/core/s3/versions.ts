/**
 * @module core/s3/versions
 * Version ids as S3 hands them out ("Using versioning in S3 buckets", "Working with objects in a
 * versioning-suspended bucket"): a new opaque id for each write while versioning is Enabled, the id `null` while it is
 * Suspended, and none at all in a bucket that was never versioned (no `x-amz-version-id` header, as S3 answers).
 * Also the delete markers DeleteObject leaves in versioned buckets.
 */

import { mintOpaqueId } from '../../ids/index.js';
import type { BucketRecord, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { Random } from '../ports.js';

/** The id of the null version. */
export const NULL_VERSION = 'null';

/** Our version ids: 32 URL-safe characters (24 random bytes, ids/opaque-id.ts), like S3's opaque ids. */
const VERSION_ID = /^[A-Za-z0-9_-]{32}$/;

/**
 * The version id a write to `bucket` gets.
 *
 * @example
 * versionIdFor({ ...bucket, versioning: 'Suspended' }, random); // 'null'
 */
export function versionIdFor(bucket: BucketRecord, random: Random): string | undefined {
  if (bucket.versioning === 'Enabled') return mintOpaqueId(random.bytes(24));
  return bucket.versioning === 'Suspended' ? NULL_VERSION : undefined;
}

/**
 * Refuses a `versionId` that cannot name a version, as S3 does (400 InvalidArgument "Invalid version id
 * specified"); a well-formed id that names nothing is the caller's NoSuchVersion.
 */
export function checkVersionId(versionId: string): string {
  if (versionId !== NULL_VERSION && !VERSION_ID.test(versionId)) {
    throw new AwsError('InvalidArgument', 'Invalid version id specified');
  }
  return versionId;
}

/** The delete marker DeleteObject puts on `key` (no body, no ETag). */
export function deleteMarker(bucket: string, key: string, versionId: string, now: Date): ObjectRecord {
  return {
    bucket,
    key,
    versionId,
    deleteMarker: true,
    blobId: '',
    size: 0,
    etag: '',
    lastModified: now,
    metadata: {},
    checksums: {},
  };
}

/** `VersionId` of an output: present only for objects of buckets that were ever versioned. */
export const versionOutput = (object: ObjectRecord): { VersionId?: string } =>
  object.versionId === undefined ? {} : { VersionId: object.versionId };
