/**
 * @module core/s3/s3-service
 * The S3 bucket use cases: buckets, Block Public Access settings and listings (S3 API reference, one page per
 * action). Objects are in ./object-service.ts, multipart uploads in ./multipart-service.ts. Authorization happened
 * before these run; they enforce existence and naming.
 */

import type { S3 } from '../../shapes/index.js';
import type { BucketRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { BlobStore, Clock, S3Store } from '../ports.js';
import { effectivePublicAccessBlock, publicAccessBlockOf } from './account-public-access.js';
import { isValidBucketName } from './bucket-names.js';
import { encoder, type ListResult, listObjects } from './list-objects.js';
import { listVersions } from './list-versions.js';
import { isPublicPolicy } from './public-policy.js';

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

  /**
   * Block Public Access on PutBucketPolicy: with BlockPublicPolicy on (for the bucket or its account), a public
   * policy is refused with AccessDenied (PublicAccessBlockConfiguration, "BlockPublicPolicy"). A document that is
   * not JSON is left for the policy validation to refuse as MalformedPolicy.
   */
  async checkBucketPolicy(name: string, document: string): Promise<void> {
    const bucket = await this.#bucket(name);
    if (!(await effectivePublicAccessBlock(this.#deps.store, bucket))?.BlockPublicPolicy) return;
    try {
      JSON.parse(document);
    } catch {
      return;
    }
    if (isPublicPolicy(document)) throw new AwsError('AccessDenied', 'Access Denied');
  }

  /** Whether RestrictPublicBuckets is on for the bucket or its account (false for a bucket that does not exist). */
  async restrictsPublicBuckets(name: string): Promise<boolean> {
    const bucket = await this.#deps.store.getBucket(name);
    return (
      bucket !== undefined &&
      (await effectivePublicAccessBlock(this.#deps.store, bucket))?.RestrictPublicBuckets === true
    );
  }

  /** [PutPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html) */
  async putPublicAccessBlock(input: S3.PutPublicAccessBlockRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    await this.#deps.store.setPublicAccessBlock(
      input.Bucket,
      publicAccessBlockOf(input.PublicAccessBlockConfiguration),
    );
  }

  /** [GetPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html) */
  async getPublicAccessBlock(input: S3.GetPublicAccessBlockRequest): Promise<S3.GetPublicAccessBlockOutput> {
    const bucket = await this.#bucket(input.Bucket);
    if (!bucket.publicAccessBlock) throw new AwsError('NoSuchPublicAccessBlockConfiguration');
    return { PublicAccessBlockConfiguration: { ...bucket.publicAccessBlock } };
  }

  /** [DeleteBucket](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html): only when empty. */
  async deleteBucket(input: S3.DeleteBucketRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    if ((await this.#deps.store.countObjects(input.Bucket)) > 0) throw new AwsError('BucketNotEmpty');
    // In-progress multipart uploads do not keep a bucket alive; their parts go with it.
    for (const upload of await this.#deps.store.listUploads(input.Bucket)) {
      for (const part of (await this.#deps.store.deleteUpload(upload.uploadId)) ?? []) {
        await this.#deps.blobs.discard(part.blobId);
      }
    }
    await this.#deps.store.deleteBucket(input.Bucket);
  }

  async #list(
    bucket: BucketRecord,
    input: { Prefix?: string | undefined; Delimiter?: string | undefined; MaxKeys?: number | undefined },
    after: { startAfter: string; continuationToken?: string | undefined },
  ): Promise<ListResult & { maxKeys: number }> {
    const maxKeys = input.MaxKeys ?? 1000;
    if (maxKeys < 0) throw new AwsError('InvalidArgument', 'max-keys cannot be negative');
    if (maxKeys === 0) return { objects: [], commonPrefixes: [], isTruncated: false, maxKeys };
    const result = await listObjects(this.#deps.store, {
      bucket: bucket.name,
      prefix: input.Prefix ?? '',
      delimiter: input.Delimiter,
      maxKeys: Math.min(maxKeys, 1000),
      ...after,
    });
    return { ...result, maxKeys };
  }

  /** [ListObjectsV2](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) */
  async listObjectsV2(input: S3.ListObjectsV2Request): Promise<S3.ListObjectsV2Output> {
    const bucket = await this.#bucket(input.Bucket);
    const name = encoder(input.EncodingType);
    const result = await this.#list(bucket, input, {
      startAfter: input.StartAfter ?? '',
      continuationToken: input.ContinuationToken,
    });
    const owner = input.FetchOwner ? { DisplayName: OWNER_DISPLAY, ID: bucket.accountId } : undefined;
    return {
      IsTruncated: result.isTruncated,
      Contents: result.objects.map((o) => ({
        Key: name(o.key),
        LastModified: o.lastModified,
        ETag: o.etag,
        Size: o.size,
        StorageClass: 'STANDARD',
        Owner: owner,
      })),
      Name: input.Bucket,
      Prefix: name(input.Prefix ?? ''),
      Delimiter: name(input.Delimiter),
      MaxKeys: result.maxKeys,
      CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: name(prefix) })),
      EncodingType: input.EncodingType,
      KeyCount: result.objects.length + result.commonPrefixes.length,
      ContinuationToken: input.ContinuationToken,
      NextContinuationToken: result.nextContinuationToken,
      StartAfter: name(input.StartAfter),
    };
  }

  /**
   * [ListObjectVersions](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html): every version
   * and delete marker, by key then newest first.
   */
  async listObjectVersions(input: S3.ListObjectVersionsRequest): Promise<S3.ListObjectVersionsOutput> {
    const bucket = await this.#bucket(input.Bucket);
    return listVersions(this.#deps.store, bucket, input);
  }

  /**
   * [ListObjects](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html) (version 1): `marker`
   * instead of tokens, and NextMarker only when a delimiter was given ("If response does not include the NextMarker
   * element and it is truncated, you can use the value of the last Key element in the response as the marker").
   */
  async listObjects(input: S3.ListObjectsRequest): Promise<S3.ListObjectsOutput> {
    const bucket = await this.#bucket(input.Bucket);
    const name = encoder(input.EncodingType);
    const result = await this.#list(bucket, input, { startAfter: input.Marker ?? '' });
    const last = [...result.objects.map((o) => o.key), ...result.commonPrefixes].sort().at(-1);
    return {
      IsTruncated: result.isTruncated,
      Marker: name(input.Marker ?? ''),
      NextMarker: result.isTruncated && input.Delimiter ? name(last) : undefined,
      Contents: result.objects.map((o) => ({
        Key: name(o.key),
        LastModified: o.lastModified,
        ETag: o.etag,
        Size: o.size,
        StorageClass: 'STANDARD',
        Owner: { DisplayName: OWNER_DISPLAY, ID: bucket.accountId },
      })),
      Name: input.Bucket,
      Prefix: name(input.Prefix ?? ''),
      Delimiter: name(input.Delimiter),
      MaxKeys: result.maxKeys,
      CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: name(prefix) })),
      EncodingType: input.EncodingType,
    };
  }
}
