/**
 * @module core/s3/bucket-policies
 * Bucket policies: PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy (S3 API reference), and the facts the
 * authorize step needs about a bucket — its owner and its policy. A bucket policy is a resource-based policy:
 * it can grant principals of other accounts (who also need their own identity allow) and anonymous callers.
 */

import { parsePolicy } from '../../policy/index.js';
import type { S3 } from '../../shapes/index.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';

/** What authorization needs to know about a bucket. Both are absent when the bucket does not exist. */
export interface BucketAuthInfo {
  readonly owner?: string | undefined;
  readonly policy?: string | undefined;
}

/** S3 bucket policies are limited to 20 KB (S3 User Guide, "Bucket policy examples"). */
const MAX_POLICY_BYTES = 20 * 1024;

/** Bucket policy use cases. */
export class BucketPolicies {
  readonly #store: S3Store;

  constructor(store: S3Store) {
    this.#store = store;
  }

  /** The bucket's owner and policy, for the authorize step. */
  async authInfo(bucket: string): Promise<BucketAuthInfo> {
    const record = await this.#store.getBucket(bucket);
    return { owner: record?.accountId, policy: record?.policy };
  }

  /** [PutBucketPolicy](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html) */
  async put(input: S3.PutBucketPolicyRequest): Promise<void> {
    await this.#existing(input.Bucket);
    const text = input.Policy;
    if (Buffer.byteLength(text) > MAX_POLICY_BYTES) {
      throw new AwsError(
        'MalformedPolicy',
        `Policy exceeds the maximum allowed document size of ${MAX_POLICY_BYTES} bytes.`,
      );
    }
    if (!text.trimStart().startsWith('{')) throw new AwsError('MalformedPolicy');
    const parsed = parsePolicy(text, 'resource');
    if (!parsed.ok) throw new AwsError('MalformedPolicy', parsed.error);
    await this.#store.setBucketPolicy(input.Bucket, text);
  }

  /** [GetBucketPolicy](https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html) */
  async get(input: S3.GetBucketPolicyRequest): Promise<S3.GetBucketPolicyOutput> {
    const bucket = await this.#existing(input.Bucket);
    if (bucket.policy === undefined) throw new AwsError('NoSuchBucketPolicy');
    return { Policy: bucket.policy };
  }

  /** [DeleteBucketPolicy](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html): idempotent, 204. */
  async delete(input: S3.DeleteBucketPolicyRequest): Promise<void> {
    await this.#existing(input.Bucket);
    await this.#store.setBucketPolicy(input.Bucket, undefined);
  }

  async #existing(name: string) {
    const bucket = await this.#store.getBucket(name);
    if (!bucket) throw new AwsError('NoSuchBucket');
    return bucket;
  }
}
