/**
 * @module core/s3-ports
 * What the S3 use cases need from storage: buckets, versioned object metadata and multipart uploads. Re-exported by
 * `ports.ts`.
 */

import type {
  BucketEncryption,
  BucketRecord,
  MultipartPartRecord,
  MultipartUploadRecord,
  ObjectRecord,
  ObjectVersionRecord,
  PublicAccessBlock,
  S3Tag,
} from './entities.js';

/** Options of an S3 listing, already validated. */
export interface ListObjectsQuery {
  readonly prefix: string;
  /** List keys strictly after this one (StartAfter or a decoded continuation token). */
  readonly startAfter: string;
  readonly maxKeys: number;
}

/** One page of an S3 listing. */
export interface ObjectPage {
  readonly objects: readonly ObjectRecord[];
  readonly isTruncated: boolean;
}

/** Options of a version listing (ListObjectVersions), already validated. */
export interface ListVersionsQuery {
  readonly prefix: string;
  /** Resume after this key: with `versionIdMarker`, after that version of it (older versions follow). */
  readonly keyMarker: string;
  /** A version id (`null` for the null version) of `keyMarker`; unknown ids resume at the next key. */
  readonly versionIdMarker?: string | undefined;
  readonly maxKeys: number;
}

/** One page of a version listing: by key (UTF-8 byte order), then newest first. */
export interface VersionPage {
  readonly versions: readonly ObjectVersionRecord[];
  readonly isTruncated: boolean;
}

/**
 * S3 Control's account-level settings: the account's Block Public Access configuration (S3 Control
 * PutPublicAccessBlock), which applies to every bucket of the account together with each bucket's own.
 */
export interface S3AccountSettings {
  getAccountPublicAccessBlock(accountId: string): Promise<PublicAccessBlock | undefined>;
  /** Sets or (with `undefined`) removes the account's configuration. */
  setAccountPublicAccessBlock(accountId: string, config: PublicAccessBlock | undefined): Promise<void>;
}

/** Which blobs S3's records reference, for the start-up sweep of bodies whose record was never written. */
export interface S3BlobReferences {
  /** Every blob id an object (current or noncurrent version) or an in-progress upload's part references. */
  referencedBlobIds(): Promise<ReadonlySet<string>>;
}

/**
 * Buckets and object metadata. Objects are versioned ("Using versioning in S3 buckets"): each key has at most one
 * current record (an object or a delete marker) and, once its bucket was versioned, older ("noncurrent") versions.
 * A key with noncurrent versions always has a current one. The null version (`versionId` absent or `null`) is unique
 * per key.
 */
export interface S3Store extends S3AccountSettings, S3BlobReferences {
  createBucket(bucket: BucketRecord): Promise<boolean>;
  getBucket(name: string): Promise<BucketRecord | undefined>;
  listBuckets(accountId: string): Promise<readonly BucketRecord[]>;
  deleteBucket(name: string): Promise<boolean>;
  setPublicAccessBlock(name: string, config: PublicAccessBlock | undefined): Promise<void>;
  /** Sets or (with `undefined`) removes the bucket policy. */
  setBucketPolicy(name: string, policy: string | undefined): Promise<void>;

  /**
   * Makes `object` (an object or a delete marker) the key's current version, in one transaction. The previous current
   * version becomes noncurrent, unless both are null versions. A null version being written replaces the key's
   * existing null version, current or not: that record is returned, and the caller deletes its blob.
   */
  putObject(object: ObjectRecord): Promise<ObjectRecord | undefined>;
  /** The key's current version (possibly a delete marker). */
  getObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /** One version of the key, current or not; `null` names the null version. */
  getObjectVersion(bucket: string, key: string, versionId: string): Promise<ObjectRecord | undefined>;
  /** Removes the current version of an unversioned bucket's key; returns it so its blob can be deleted. */
  deleteObject(bucket: string, key: string): Promise<ObjectRecord | undefined>;
  /**
   * Permanently removes one version (`null` for the null version); when it was current, the newest noncurrent version
   * becomes current. Returns the removed record so its blob can be deleted.
   */
  deleteObjectVersion(bucket: string, key: string, versionId: string): Promise<ObjectRecord | undefined>;
  /** Current versions that are objects (delete markers are skipped), by key. */
  listObjects(bucket: string, query: ListObjectsQuery): Promise<ObjectPage>;
  /** Every version and delete marker, by key then newest first. */
  listObjectVersions(bucket: string, query: ListVersionsQuery): Promise<VersionPage>;
  /** How many versions and delete markers the bucket holds (DeleteBucket needs none). */
  countObjects(bucket: string): Promise<number>;
  /**
   * Replaces (or with an empty list clears) the tag set of the current version, or of `versionId`; false when there
   * is no such version.
   */
  setObjectTags(bucket: string, key: string, tags: readonly S3Tag[], versionId?: string): Promise<boolean>;

  /** Sets or (with `undefined`) removes the bucket's tag set. */
  setBucketTags(name: string, tags: readonly S3Tag[] | undefined): Promise<void>;
  setBucketVersioning(name: string, status: 'Enabled' | 'Suspended'): Promise<void>;
  /** Sets or (with `undefined`) removes the bucket's default encryption. */
  setBucketEncryption(name: string, encryption: BucketEncryption | undefined): Promise<void>;

  /** Records a new multipart upload (upload ids are unique). */
  createUpload(upload: MultipartUploadRecord): Promise<void>;
  getUpload(uploadId: string): Promise<MultipartUploadRecord | undefined>;
  /** The bucket's in-progress uploads, by key (UTF-8 byte order) then initiation time. */
  listUploads(bucket: string): Promise<readonly MultipartUploadRecord[]>;
  /**
   * Inserts or replaces a part; returns the part it replaced, whose blob the caller then deletes. Throws
   * `NoSuchUpload` when the upload is gone (aborted or completed concurrently).
   */
  putPart(part: MultipartPartRecord): Promise<MultipartPartRecord | undefined>;
  /** The upload's parts by part number. */
  listParts(uploadId: string): Promise<readonly MultipartPartRecord[]>;
  /** Removes the upload and its parts; returns the parts (to delete their blobs), or undefined when it was gone. */
  deleteUpload(uploadId: string): Promise<readonly MultipartPartRecord[] | undefined>;
  /**
   * In one transaction: stores `object` (replacing any object at its key) and removes the upload and its parts.
   * Returns the replaced object and the removed parts, or undefined when the upload was gone.
   */
  completeUpload(
    uploadId: string,
    object: ObjectRecord,
  ): Promise<
    { readonly replaced?: ObjectRecord | undefined; readonly parts: readonly MultipartPartRecord[] } | undefined
  >;
}
