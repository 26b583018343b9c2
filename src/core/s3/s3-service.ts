/**
 * @module core/s3/s3-service
 * The S3 use cases of the walking skeleton: buckets, Block Public Access settings and objects (S3 API reference,
 * one page per action). Authorization happened before these run; they enforce existence, naming and integrity.
 */

import type { Readable } from 'node:stream';
import type { S3 } from '../../shapes/index.js';
import type { BucketRecord, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { BlobStore, Clock, S3Store } from '../ports.js';
import { isValidBucketName } from './bucket-names.js';
import { checksumOutput, createChecksumTap, expectedChecksum, planChecksum, verifyChecksum } from './checksums.js';
import { listObjects } from './list-objects.js';

/** Dependencies of the S3 use cases. */
export interface S3Deps {
  readonly store: S3Store;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  /** Region buckets are created in when the request names none. */
  readonly region: string;
}

/** What the transport verified or promised about an upload's bytes. */
export interface UploadIntegrity {
  /** Hex SHA-256 the signature covered (`x-amz-content-sha256`), when the payload was signed. */
  readonly sha256?: string | undefined;
  /** Length the client declared (Content-Length or x-amz-decoded-content-length). */
  readonly length?: number | undefined;
  /** The `x-amz-trailer` header: the checksum trailer an aws-chunked body announced. */
  readonly trailer?: string | undefined;
  /** The trailers that followed an aws-chunked body (signatures already checked); read after the body ended. */
  readonly trailers?: (() => Readonly<Record<string, string>>) | undefined;
}

const OWNER_DISPLAY = 'iamd';

/**
 * Stored checksums, only when the request says `x-amz-checksum-mode: ENABLED` (GetObject/HeadObject
 * `ChecksumMode`). They describe the whole object, so a ranged read must not return them.
 */
const checksumsIfAsked = (mode: string | undefined, object: ObjectRecord) =>
  mode?.toUpperCase() === 'ENABLED' ? checksumOutput(object.checksums) : {};

/** URL-encodes a key for `encoding-type=url` listings, leaving `/` readable as S3 does. */
const encodeKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/');

/** The headers GetObject and HeadObject share. */
function objectHeaders(object: ObjectRecord, checksumMode: string | undefined) {
  return {
    AcceptRanges: 'bytes',
    LastModified: object.lastModified,
    ContentLength: object.size,
    ETag: object.etag,
    ContentType: object.contentType ?? 'binary/octet-stream',
    Metadata: object.metadata,
    ...checksumsIfAsked(checksumMode, object),
  };
}

/** S3 use cases. */
export class S3Service {
  readonly #deps: S3Deps;

  constructor(deps: S3Deps) {
    this.#deps = deps;
  }

  async #bucket(name: string): Promise<BucketRecord> {
    const bucket = await this.#deps.store.getBucket(name);
    if (!bucket) throw new AwsError('NoSuchBucket');
    return bucket;
  }

  /**
   * [CreateBucket](https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html). Re-creating one's own
   * bucket succeeds in us-east-1 and fails with BucketAlreadyOwnedByYou elsewhere, as the API reference says.
   */
  async createBucket(accountId: string, input: S3.CreateBucketRequest): Promise<S3.CreateBucketOutput> {
    if (!isValidBucketName(input.Bucket)) throw new AwsError('InvalidBucketName');
    const region = input.CreateBucketConfiguration?.LocationConstraint ?? this.#deps.region;
    const created = await this.#deps.store.createBucket({
      name: input.Bucket,
      accountId,
      region,
      createDate: this.#deps.clock.now(),
    });
    if (!created) {
      const existing = await this.#bucket(input.Bucket);
      if (existing.accountId !== accountId) throw new AwsError('BucketAlreadyExists');
      if (existing.region !== 'us-east-1') throw new AwsError('BucketAlreadyOwnedByYou');
    }
    return { Location: `/${input.Bucket}` };
  }

  /** [ListBuckets](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html) */
  async listBuckets(accountId: string): Promise<S3.ListBucketsOutput> {
    const buckets = await this.#deps.store.listBuckets(accountId);
    return {
      Buckets: buckets.map((b) => ({ Name: b.name, CreationDate: b.createDate, BucketRegion: b.region })),
      Owner: { DisplayName: OWNER_DISPLAY, ID: accountId },
    };
  }

  /** [HeadBucket](https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html) */
  async headBucket(input: S3.HeadBucketRequest): Promise<S3.HeadBucketOutput> {
    const bucket = await this.#bucket(input.Bucket);
    return { BucketRegion: bucket.region };
  }

  /** [PutPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html) */
  async putPublicAccessBlock(input: S3.PutPublicAccessBlockRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    const c = input.PublicAccessBlockConfiguration;
    await this.#deps.store.setPublicAccessBlock(input.Bucket, {
      BlockPublicAcls: c.BlockPublicAcls ?? false,
      IgnorePublicAcls: c.IgnorePublicAcls ?? false,
      BlockPublicPolicy: c.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: c.RestrictPublicBuckets ?? false,
    });
  }

  /** [GetPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html) */
  async getPublicAccessBlock(input: S3.GetPublicAccessBlockRequest): Promise<S3.GetPublicAccessBlockOutput> {
    const bucket = await this.#bucket(input.Bucket);
    if (!bucket.publicAccessBlock) throw new AwsError('NoSuchPublicAccessBlockConfiguration');
    return { PublicAccessBlockConfiguration: { ...bucket.publicAccessBlock } };
  }

  /**
   * [PutObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html). The body streams to a blob
   * that becomes visible only after its length, SHA-256, Content-MD5 and additional checksum (header or trailer,
   * "Checking object integrity") checked out; a failed upload leaves the previous object untouched.
   */
  async putObject(input: S3.PutObjectRequest, body: Readable, integrity: UploadIntegrity): Promise<S3.PutObjectOutput> {
    await this.#bucket(input.Bucket);
    const plan = planChecksum(input, integrity.trailer);
    // The blob store measures SHA-256 anyway; any other algorithm is computed by a tap as the bytes stream past.
    const tap = plan && plan.algorithm !== 'SHA256' ? createChecksumTap(plan.algorithm) : undefined;
    const written = await this.#deps.blobs.write(tap ? tap.measure(body) : body);
    let checksums: Record<string, string> = {};
    try {
      if (integrity.length !== undefined && written.size !== integrity.length) throw new AwsError('IncompleteBody');
      if (integrity.sha256 !== undefined && integrity.sha256 !== written.sha256) {
        throw new AwsError('XAmzContentSHA256Mismatch');
      }
      if (input.ContentMD5 !== undefined && Buffer.from(input.ContentMD5, 'base64').toString('hex') !== written.md5) {
        throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
      const expected = expectedChecksum(plan, integrity.trailers?.() ?? {});
      if (plan && expected !== undefined) {
        const actual = tap ? tap.digest() : Buffer.from(written.sha256, 'hex').toString('base64');
        verifyChecksum(plan.algorithm, expected, actual);
        checksums = { [plan.algorithm]: actual };
      }
      await this.#deps.blobs.commit(written.blobId);
    } catch (error) {
      await this.#deps.blobs.discard(written.blobId);
      throw error;
    }
    const record: ObjectRecord = {
      bucket: input.Bucket,
      key: input.Key,
      blobId: written.blobId,
      size: written.size,
      etag: `"${written.md5}"`,
      lastModified: this.#deps.clock.now(),
      contentType: input.ContentType,
      metadata: input.Metadata ?? {},
      checksums,
    };
    const replaced = await this.#deps.store.putObject(record);
    if (replaced) await this.#deps.blobs.discard(replaced.blobId);
    return { ETag: record.etag, ...checksumOutput(checksums) };
  }

  async #object(bucket: string, key: string): Promise<ObjectRecord> {
    await this.#bucket(bucket);
    const object = await this.#deps.store.getObject(bucket, key);
    if (!object) throw new AwsError('NoSuchKey');
    return object;
  }

  /** [HeadObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html) */
  async headObject(input: S3.HeadObjectRequest): Promise<S3.HeadObjectOutput> {
    return objectHeaders(await this.#object(input.Bucket, input.Key), input.ChecksumMode);
  }

  /** [GetObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html) */
  async getObject(input: S3.GetObjectRequest): Promise<S3.GetObjectOutput> {
    const object = await this.#object(input.Bucket, input.Key);
    return { Body: this.#deps.blobs.read(object.blobId), ...objectHeaders(object, input.ChecksumMode) };
  }

  /** [DeleteObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html): idempotent, 204 either way. */
  async deleteObject(input: S3.DeleteObjectRequest): Promise<S3.DeleteObjectOutput> {
    await this.#bucket(input.Bucket);
    const removed = await this.#deps.store.deleteObject(input.Bucket, input.Key);
    if (removed) await this.#deps.blobs.discard(removed.blobId);
    return {};
  }

  /** [ListObjectsV2](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) */
  async listObjectsV2(input: S3.ListObjectsV2Request): Promise<S3.ListObjectsV2Output> {
    await this.#bucket(input.Bucket);
    const maxKeys = input.MaxKeys ?? 1000;
    if (maxKeys < 0) throw new AwsError('InvalidArgument', 'max-keys cannot be negative');
    const result =
      maxKeys === 0
        ? { objects: [], commonPrefixes: [], isTruncated: false }
        : await listObjects(this.#deps.store, {
            bucket: input.Bucket,
            prefix: input.Prefix ?? '',
            delimiter: input.Delimiter,
            maxKeys: Math.min(maxKeys, 1000),
            startAfter: input.StartAfter ?? '',
            continuationToken: input.ContinuationToken,
          });
    // botocore asks for `encoding-type=url` on every listing and decodes the names it gets back.
    const url = input.EncodingType === 'url';
    const name = (text: string | undefined) => (url && text !== undefined ? encodeKey(text) : text);
    return {
      IsTruncated: result.isTruncated,
      Contents: result.objects.map((o) => ({
        Key: name(o.key),
        LastModified: o.lastModified,
        ETag: o.etag,
        Size: o.size,
        StorageClass: 'STANDARD',
      })),
      Name: input.Bucket,
      Prefix: name(input.Prefix ?? ''),
      Delimiter: name(input.Delimiter),
      MaxKeys: maxKeys,
      CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: name(prefix) })),
      EncodingType: url ? 'url' : undefined,
      KeyCount: result.objects.length + result.commonPrefixes.length,
      ContinuationToken: input.ContinuationToken,
      NextContinuationToken: 'nextContinuationToken' in result ? result.nextContinuationToken : undefined,
      StartAfter: name(input.StartAfter),
    };
  }
}
