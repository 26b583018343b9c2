/**
 * @module core/s3/object-service
 * The object use cases (S3 API reference, one page per action): PutObject, GetObject, HeadObject, DeleteObject,
 * CopyObject and object tagging. Authorization happened before these run; they enforce existence, preconditions,
 * limits and integrity. A write becomes visible only once its blob is committed, and the replaced blob is deleted
 * only after the new record is stored, so a crash leaves the old or the new object, never a torn one. In a versioned
 * bucket each write adds a version and DeleteObject adds a delete marker ("Using versioning in S3 buckets"); a
 * `versionId` reads, tags or permanently deletes one version.
 */

import type { Readable } from 'node:stream';
import type { S3 } from '../../shapes/index.js';
import type { ObjectRecord, S3Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import type { BlobStore, Clock, Random, S3Store } from '../ports.js';
import { checkWriteAcl } from './bucket-acls.js';
import { checksumOutput } from './checksums.js';
import { parseCopySource } from './copy-source.js';
import { requireBucket, requireObject } from './lookups.js';
import { checkCopySourceConditions, checkReadConditions, checkWriteConditions } from './object-conditions.js';
import { checkKey, contentHeadersOf, metadataOf, objectHeaders } from './object-headers.js';
import { fromWireTags, parseTaggingHeader, toWireTags } from './object-tags.js';
import { readRange } from './read-range.js';
import type { UploadIntegrity } from './s3-service.js';
import { writeVerified } from './verified-write.js';
import { checkVersionId, deleteMarker, versionIdFor, versionOutput } from './versions.js';

/** Dependencies of the object use cases. */
export interface ObjectDeps {
  readonly store: S3Store;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  /** Version ids of versioned buckets. */
  readonly random: Random;
}

/** GetObject's `response-*` overrides (presigned downloads use them to name the file). */
function overrides(input: S3.GetObjectRequest) {
  const out: Record<string, unknown> = {};
  if (input.ResponseCacheControl !== undefined) out['CacheControl'] = input.ResponseCacheControl;
  if (input.ResponseContentDisposition !== undefined) out['ContentDisposition'] = input.ResponseContentDisposition;
  if (input.ResponseContentEncoding !== undefined) out['ContentEncoding'] = input.ResponseContentEncoding;
  if (input.ResponseContentLanguage !== undefined) out['ContentLanguage'] = input.ResponseContentLanguage;
  if (input.ResponseContentType !== undefined) out['ContentType'] = input.ResponseContentType;
  if (input.ResponseExpires !== undefined) out['Expires'] = input.ResponseExpires;
  return out;
}

/** Object use cases. */
export class ObjectService {
  readonly #deps: ObjectDeps;

  constructor(deps: ObjectDeps) {
    this.#deps = deps;
  }

  /** The object's (or version's) tags, for `s3:ExistingObjectTag/*` (undefined when there is no such object). */
  async existingTags(bucket: string, key: string, versionId?: string): Promise<readonly S3Tag[] | undefined> {
    const { store } = this.#deps;
    const object =
      versionId === undefined
        ? await store.getObject(bucket, key)
        : await store.getObjectVersion(bucket, key, versionId);
    return object?.tags;
  }

  /** Stores `record`, then deletes the blob of the null version it replaced. */
  async #store(record: ObjectRecord): Promise<void> {
    const replaced = await this.#deps.store.putObject(record).catch(async (error: unknown) => {
      if (!record.deleteMarker) await this.#deps.blobs.discard(record.blobId);
      throw error;
    });
    await this.#discard(replaced, record.blobId);
  }

  /** Deletes the blob of a record that left the store (delete markers have none). */
  async #discard(removed: ObjectRecord | undefined, keep?: string): Promise<void> {
    if (removed && !removed.deleteMarker && removed.blobId !== keep) await this.#deps.blobs.discard(removed.blobId);
  }

  /** [PutObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html) */
  async putObject(input: S3.PutObjectRequest, body: Readable, integrity: UploadIntegrity): Promise<S3.PutObjectOutput> {
    const bucket = await requireBucket(this.#deps.store, input.Bucket);
    await checkWriteAcl(this.#deps.store, bucket, input);
    checkKey(input.Key);
    const metadata = metadataOf(input);
    const tags = parseTaggingHeader(input.Tagging);
    const conditional = input.IfMatch !== undefined || input.IfNoneMatch !== undefined;
    const current = () => this.#deps.store.getObject(input.Bucket, input.Key);
    if (conditional) checkWriteConditions(await current(), input);
    const blob = await writeVerified(this.#deps.blobs, body, integrity, input);
    // Checked again once the bytes are in: another writer may have won meanwhile (S3 evaluates at completion).
    if (conditional) {
      try {
        checkWriteConditions(await current(), input);
      } catch (error) {
        await this.#deps.blobs.discard(blob.blobId);
        throw error;
      }
    }
    const record: ObjectRecord = {
      bucket: input.Bucket,
      key: input.Key,
      blobId: blob.blobId,
      size: blob.size,
      etag: `"${blob.md5}"`,
      lastModified: this.#deps.clock.now(),
      contentType: input.ContentType,
      metadata,
      checksums: blob.checksums,
      headers: contentHeadersOf(input),
      tags,
      versionId: versionIdFor(bucket, this.#deps.random),
    };
    await this.#store(record);
    return {
      ETag: record.etag,
      ServerSideEncryption: 'AES256' as const,
      ...versionOutput(record),
      ...checksumOutput(blob.checksums),
    };
  }

  /** [HeadObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html) */
  async headObject(input: S3.HeadObjectRequest): Promise<S3.HeadObjectOutput> {
    const object = await requireObject(this.#deps.store, input.Bucket, input.Key, input.VersionId);
    checkReadConditions(object, input);
    const range = readRange(object, input.Range, input.PartNumber);
    const headers = { ...objectHeaders(object, input.ChecksumMode, range !== undefined), ...versionOutput(object) };
    return range
      ? { ...headers, ContentLength: range.end - range.start + 1, ContentRange: contentRange(range, object.size) }
      : headers;
  }

  /** [GetObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html): ranges and parts answer 206. */
  async getObject(input: S3.GetObjectRequest): Promise<S3.GetObjectOutput> {
    const object = await requireObject(this.#deps.store, input.Bucket, input.Key, input.VersionId);
    checkReadConditions(object, input);
    const range = readRange(object, input.Range, input.PartNumber);
    const headers = {
      ...objectHeaders(object, input.ChecksumMode, range !== undefined),
      ...versionOutput(object),
      ...overrides(input),
    };
    // The whole object as a range too: the stream then stops at the recorded size instead of reading again to find
    // the end of the file (one file operation fewer per GetObject, which matters for small objects).
    if (!range) {
      const whole = object.size > 0 ? { start: 0, end: object.size - 1 } : undefined;
      return { Body: this.#deps.blobs.read(object.blobId, whole), ...headers };
    }
    return {
      Body: this.#deps.blobs.read(object.blobId, range),
      ...headers,
      ContentLength: range.end - range.start + 1,
      ContentRange: contentRange(range, object.size),
    };
  }

  /**
   * [DeleteObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html): idempotent, 204 either
   * way. With a `versionId` the version goes for good; otherwise a versioned bucket gets a delete marker (in a
   * Suspended bucket the null one, replacing the null version: "Deleting objects from versioning-suspended buckets").
   */
  async deleteObject(input: S3.DeleteObjectRequest): Promise<S3.DeleteObjectOutput> {
    const { store, clock, random } = this.#deps;
    const bucket = await requireBucket(store, input.Bucket);
    if (input.VersionId !== undefined) {
      const removed = await store.deleteObjectVersion(input.Bucket, input.Key, checkVersionId(input.VersionId));
      await this.#discard(removed);
      return { VersionId: input.VersionId, DeleteMarker: removed?.deleteMarker };
    }
    const versionId = versionIdFor(bucket, random);
    if (versionId === undefined) {
      await this.#discard(await store.deleteObject(input.Bucket, input.Key));
      return {};
    }
    await this.#store(deleteMarker(input.Bucket, input.Key, versionId, clock.now()));
    return { DeleteMarker: true, VersionId: versionId };
  }

  /**
   * [CopyObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html): the bytes are streamed into a
   * new blob; metadata and tags are copied or replaced per the directives.
   */
  async copyObject(input: S3.CopyObjectRequest): Promise<S3.CopyObjectOutput> {
    const source = parseCopySource(input.CopySource);
    const object = await requireObject(this.#deps.store, source.bucket, source.key, source.versionId);
    const bucket = await requireBucket(this.#deps.store, input.Bucket);
    await checkWriteAcl(this.#deps.store, bucket, input);
    checkKey(input.Key);
    checkCopySourceConditions(object, input);
    const replaceMetadata = input.MetadataDirective === 'REPLACE';
    const replaceTags = input.TaggingDirective === 'REPLACE';
    const current = await this.#deps.store.getObject(input.Bucket, input.Key);
    // Copying an older version onto its key is how a version is restored ("Restoring previous versions").
    const ofCurrent = source.versionId === undefined || source.versionId === (current?.versionId ?? 'null');
    if (source.bucket === input.Bucket && source.key === input.Key && ofCurrent && !replaceMetadata) {
      throw new AwsError(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    checkWriteConditions(current, input);
    const written = await this.#deps.blobs.write(this.#deps.blobs.read(object.blobId), { sha256: false });
    await this.#deps.blobs.commit(written.blobId);
    const record: ObjectRecord = {
      bucket: input.Bucket,
      key: input.Key,
      blobId: written.blobId,
      size: written.size,
      etag: `"${written.md5}"`,
      lastModified: this.#deps.clock.now(),
      contentType: replaceMetadata ? input.ContentType : object.contentType,
      metadata: replaceMetadata ? metadataOf(input) : object.metadata,
      // A multipart object's checksums are composite over its parts; a single-part copy cannot keep them.
      checksums: object.partsCount === undefined ? object.checksums : {},
      headers: replaceMetadata ? contentHeadersOf(input) : object.headers,
      tags: replaceTags ? parseTaggingHeader(input.Tagging) : object.tags,
      versionId: versionIdFor(bucket, this.#deps.random),
    };
    await this.#store(record);
    return {
      CopyObjectResult: { ETag: record.etag, LastModified: record.lastModified },
      ServerSideEncryption: 'AES256' as const,
      CopySourceVersionId: source.versionId ?? object.versionId,
      ...versionOutput(record),
    };
  }

  /** [GetObjectTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html) */
  async getObjectTagging(input: S3.GetObjectTaggingRequest): Promise<S3.GetObjectTaggingOutput> {
    const object = await requireObject(this.#deps.store, input.Bucket, input.Key, input.VersionId);
    return { TagSet: toWireTags(object.tags), ...versionOutput(object) };
  }

  /** [PutObjectTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html) */
  async putObjectTagging(input: S3.PutObjectTaggingRequest): Promise<S3.PutObjectTaggingOutput> {
    return this.#setTags(input, fromWireTags(input.Tagging.TagSet, 10));
  }

  /** [DeleteObjectTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html): 204. */
  async deleteObjectTagging(input: S3.DeleteObjectTaggingRequest): Promise<S3.DeleteObjectTaggingOutput> {
    return this.#setTags(input, []);
  }

  /** Replaces the tags of the current version or of `VersionId`; answers with the version tagged. */
  async #setTags(
    input: { readonly Bucket: string; readonly Key: string; readonly VersionId?: string | undefined },
    tags: readonly S3Tag[],
  ): Promise<{ VersionId?: string }> {
    const object = await requireObject(this.#deps.store, input.Bucket, input.Key, input.VersionId);
    const versionId = input.VersionId ?? object.versionId;
    if (!(await this.#deps.store.setObjectTags(input.Bucket, input.Key, tags, versionId))) {
      throw new AwsError(input.VersionId === undefined ? 'NoSuchKey' : 'NoSuchVersion');
    }
    return versionOutput(object);
  }
}

const contentRange = (range: { start: number; end: number }, size: number): string =>
  `bytes ${range.start}-${range.end}/${size}`;
