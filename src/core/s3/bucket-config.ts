/**
 * @module core/s3/bucket-config
 * Bucket sub-resources (S3 API reference, one page per action): tagging, versioning status, default encryption,
 * ACLs and Object Ownership (bucket owner enforced), and the "not configured" answers for the sub-resources iamd does
 * not implement but clients read, such as the Terraform `aws_s3_bucket` read sequence (WIRE.md §6.4): CORS, website,
 * lifecycle, replication and Object Lock answer their `NoSuch…`/`…NotFoundError` codes; accelerate, request payment
 * and logging answer their unconfigured documents, as S3 does for a new bucket.
 */

import type { S3 } from '../../shapes/index.js';
import type { BucketRecord } from '../entities.js';
import { AwsError, type AwsErrorCode } from '../errors.js';
import type { S3Store } from '../ports.js';
import { checkWriteAcl, ownerAcl } from './bucket-acls.js';
import { requireBucket, requireObject } from './lookups.js';
import { fromWireTags, toWireTags } from './object-tags.js';

/** S3 allows 50 tags per bucket ("Using cost allocation S3 bucket tags"). */
const MAX_BUCKET_TAGS = 50;
const ENCRYPTION_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/** The "not configured" error of each sub-resource iamd answers but does not implement. */
export const UNCONFIGURED: Readonly<Record<string, AwsErrorCode>> = {
  GetBucketCors: 'NoSuchCORSConfiguration',
  GetBucketWebsite: 'NoSuchWebsiteConfiguration',
  GetBucketLifecycleConfiguration: 'NoSuchLifecycleConfiguration',
  GetBucketReplication: 'ReplicationConfigurationNotFoundError',
  GetObjectLockConfiguration: 'ObjectLockConfigurationNotFoundError',
};

/** Bucket sub-resource use cases. */
export class BucketConfig {
  readonly #store: S3Store;

  constructor(store: S3Store) {
    this.#store = store;
  }

  #bucket(name: string): Promise<BucketRecord> {
    return requireBucket(this.#store, name);
  }

  /** Answers a sub-resource that is never configured: its "not found" code once the bucket exists. */
  async unconfigured(operation: string, bucket: string): Promise<never> {
    await this.#bucket(bucket);
    throw new AwsError(UNCONFIGURED[operation] ?? 'NotImplemented');
  }

  /** GetBucketAccelerateConfiguration, GetBucketRequestPayment, GetBucketLogging of a bucket never configured. */
  async defaults(bucket: string): Promise<{ Payer: 'BucketOwner' }> {
    await this.#bucket(bucket);
    return { Payer: 'BucketOwner' };
  }

  /** [GetBucketTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html) */
  async getTagging(input: S3.GetBucketTaggingRequest): Promise<S3.GetBucketTaggingOutput> {
    const bucket = await this.#bucket(input.Bucket);
    if (!bucket.tags || bucket.tags.length === 0) throw new AwsError('NoSuchTagSet');
    return { TagSet: toWireTags(bucket.tags) };
  }

  /** [PutBucketTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html) */
  async putTagging(input: S3.PutBucketTaggingRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    const tags = fromWireTags(input.Tagging.TagSet, MAX_BUCKET_TAGS);
    await this.#store.setBucketTags(input.Bucket, tags.length === 0 ? undefined : tags);
  }

  /** [DeleteBucketTagging](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketTagging.html): 204. */
  async deleteTagging(input: S3.DeleteBucketTaggingRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    await this.#store.setBucketTags(input.Bucket, undefined);
  }

  /**
   * [GetBucketVersioning](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html): an empty
   * document for a bucket whose versioning was never set.
   */
  async getVersioning(input: S3.GetBucketVersioningRequest): Promise<S3.GetBucketVersioningOutput> {
    const bucket = await this.#bucket(input.Bucket);
    return bucket.versioning ? { Status: bucket.versioning, MFADelete: 'Disabled' } : {};
  }

  /**
   * [PutBucketVersioning](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html). The status
   * decides how later writes and deletes version objects (./versions.ts; docs/api-coverage.md).
   */
  async putVersioning(input: S3.PutBucketVersioningRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    const { Status, MFADelete } = input.VersioningConfiguration;
    if (Status !== 'Enabled' && Status !== 'Suspended') throw new AwsError('IllegalVersioningConfigurationException');
    if (MFADelete === 'Enabled') {
      throw new AwsError('InvalidRequest', 'DevPay and Mfa are mutually exclusive authorization methods.');
    }
    await this.#store.setBucketVersioning(input.Bucket, Status);
  }

  /**
   * [GetBucketEncryption](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html): SSE-S3
   * (`AES256`) unless configured, as every S3 bucket has been since January 2023.
   */
  async getEncryption(input: S3.GetBucketEncryptionRequest): Promise<S3.GetBucketEncryptionOutput> {
    const bucket = await this.#bucket(input.Bucket);
    const rule = bucket.encryption ?? { algorithm: 'AES256', bucketKeyEnabled: false };
    return {
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: rule.algorithm as S3.ServerSideEncryption,
              KMSMasterKeyID: rule.kmsMasterKeyId,
            },
            BucketKeyEnabled: rule.bucketKeyEnabled ?? false,
          },
        ],
      },
    };
  }

  /** [PutBucketEncryption](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html) */
  async putEncryption(input: S3.PutBucketEncryptionRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    const rules = input.ServerSideEncryptionConfiguration.Rules ?? [];
    const byDefault = rules[0]?.ApplyServerSideEncryptionByDefault;
    if (rules.length !== 1 || !byDefault || !ENCRYPTION_ALGORITHMS.has(byDefault.SSEAlgorithm)) {
      throw new AwsError('MalformedXML');
    }
    if (byDefault.KMSMasterKeyID !== undefined && byDefault.SSEAlgorithm === 'AES256') {
      throw new AwsError(
        'InvalidArgument',
        'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      );
    }
    await this.#store.setBucketEncryption(input.Bucket, {
      algorithm: byDefault.SSEAlgorithm,
      kmsMasterKeyId: byDefault.KMSMasterKeyID,
      bucketKeyEnabled: rules[0]?.BucketKeyEnabled,
    });
  }

  /** [DeleteBucketEncryption](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html): back to SSE-S3. */
  async deleteEncryption(input: S3.DeleteBucketEncryptionRequest): Promise<void> {
    await this.#bucket(input.Bucket);
    await this.#store.setBucketEncryption(input.Bucket, undefined);
  }

  /** [GetBucketAcl](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html) */
  async getBucketAcl(input: S3.GetBucketAclRequest): Promise<S3.GetBucketAclOutput> {
    return ownerAcl((await this.#bucket(input.Bucket)).accountId);
  }

  /** [PutBucketAcl](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html): only the owner's grant. */
  async putBucketAcl(input: S3.PutBucketAclRequest): Promise<void> {
    const bucket = await this.#bucket(input.Bucket);
    await checkWriteAcl(this.#store, bucket, input);
  }

  /** [GetObjectAcl](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html) */
  async getObjectAcl(input: S3.GetObjectAclRequest): Promise<S3.GetObjectAclOutput> {
    await requireObject(this.#store, input.Bucket, input.Key, input.VersionId);
    return ownerAcl((await this.#bucket(input.Bucket)).accountId);
  }

  /** [PutObjectAcl](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html): only the owner's grant. */
  async putObjectAcl(input: S3.PutObjectAclRequest): Promise<S3.PutObjectAclOutput> {
    const bucket = await this.#bucket(input.Bucket);
    await checkWriteAcl(this.#store, bucket, input);
    await requireObject(this.#store, input.Bucket, input.Key, input.VersionId);
    return {};
  }

  /** [GetBucketOwnershipControls](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html) */
  async getOwnershipControls(
    input: S3.GetBucketOwnershipControlsRequest,
  ): Promise<S3.GetBucketOwnershipControlsOutput> {
    await this.#bucket(input.Bucket);
    return { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
  }
}
