/**
 * @module core/s3/account-public-access
 * Block Public Access at the account level (S3 Control API: PutPublicAccessBlock, GetPublicAccessBlock,
 * DeletePublicAccessBlock; S3 User Guide, "Blocking public access to your Amazon S3 storage"). The account's
 * configuration applies to every bucket it owns together with each bucket's own: "Amazon S3 applies the most
 * restrictive combination of the bucket-level and account-level settings", so a flag on at either level is on.
 */

import type { BucketRecord, PublicAccessBlock } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';

/** A configuration as a request carries it: absent flags are off (PublicAccessBlockConfiguration). */
export type PublicAccessBlockInput = Readonly<Partial<Record<keyof PublicAccessBlock, boolean | undefined>>>;

/** The four flags, absent ones off. */
export function publicAccessBlockOf(input: PublicAccessBlockInput): PublicAccessBlock {
  return {
    BlockPublicAcls: input.BlockPublicAcls ?? false,
    IgnorePublicAcls: input.IgnorePublicAcls ?? false,
    BlockPublicPolicy: input.BlockPublicPolicy ?? false,
    RestrictPublicBuckets: input.RestrictPublicBuckets ?? false,
  };
}

/**
 * The most restrictive combination of two configurations: each flag on when it is on in either.
 *
 * @example
 * strictest({ ...off, BlockPublicAcls: true }, { ...off, RestrictPublicBuckets: true }); // both flags on
 */
export function strictest(
  a: PublicAccessBlock | undefined,
  b: PublicAccessBlock | undefined,
): PublicAccessBlock | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return {
    BlockPublicAcls: a.BlockPublicAcls || b.BlockPublicAcls,
    IgnorePublicAcls: a.IgnorePublicAcls || b.IgnorePublicAcls,
    BlockPublicPolicy: a.BlockPublicPolicy || b.BlockPublicPolicy,
    RestrictPublicBuckets: a.RestrictPublicBuckets || b.RestrictPublicBuckets,
  };
}

/**
 * The Block Public Access settings in force for `bucket`: its own combined with its owner account's.
 *
 * @example
 * (await effectivePublicAccessBlock(store, bucket))?.BlockPublicPolicy; // true if either level blocks
 */
export async function effectivePublicAccessBlock(
  store: S3Store,
  bucket: BucketRecord,
): Promise<PublicAccessBlock | undefined> {
  return strictest(bucket.publicAccessBlock, await store.getAccountPublicAccessBlock(bucket.accountId));
}

/** The S3 Control account-level use cases. The caller's account was checked against the request's by authorization. */
export class AccountPublicAccess {
  readonly #store: S3Store;

  constructor(store: S3Store) {
    this.#store = store;
  }

  /** [PutPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html) */
  async put(accountId: string, config: PublicAccessBlockInput | undefined): Promise<void> {
    if (config === undefined) throw new AwsError('MalformedXML');
    await this.#store.setAccountPublicAccessBlock(accountId, publicAccessBlockOf(config));
  }

  /** [GetPublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html) */
  async get(accountId: string): Promise<PublicAccessBlock> {
    const config = await this.#store.getAccountPublicAccessBlock(accountId);
    if (config === undefined) throw new AwsError('NoSuchPublicAccessBlockConfiguration');
    return config;
  }

  /** [DeletePublicAccessBlock](https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DeletePublicAccessBlock.html): idempotent. */
  async delete(accountId: string): Promise<void> {
    await this.#store.setAccountPublicAccessBlock(accountId, undefined);
  }
}
