/**
 * @module operations/s3-config-ops
 * Bucket sub-resources and ACLs, each with its action (Service Authorization Reference for Amazon S3): tagging
 * (`s3:GetBucketTagging`, `s3:PutBucketTagging`, which DeleteBucketTagging also uses), versioning, default encryption
 * (`s3:GetEncryptionConfiguration`, `s3:PutEncryptionConfiguration`), ACLs, Object Ownership, and the sub-resources
 * answered as never configured.
 */

import type { S3 } from '../shapes/index.js';
import type { AnyOperation } from './define-operation.js';
import { onBucket, onVersionedObject, s3Op } from './s3-common.js';

type BucketInput = { Bucket: string };

/** An operation that returns nothing (204/200 without a body). */
const bucketWrite = <I extends BucketInput>(
  name: string,
  action: string,
  run: (
    input: I,
    services: Parameters<Parameters<typeof s3Op<I, undefined>>[1]['handle']>[1]['services'],
  ) => Promise<void>,
) =>
  s3Op<I, undefined>(name, {
    authorize: (input, { services }) => onBucket(services, action, input.Bucket),
    handle: async (input, { services }) => {
      await run(input, services);
      return undefined;
    },
  });

/** Sub-resources iamd answers as never configured, with the action S3 authorizes them as. */
const unconfigured: ReadonlyArray<readonly [string, string]> = [
  ['GetBucketCors', 's3:GetBucketCORS'],
  ['GetBucketWebsite', 's3:GetBucketWebsite'],
  ['GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  ['GetBucketReplication', 's3:GetReplicationConfiguration'],
  ['GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration'],
];

/** Unconfigured documents: S3 answers these with an empty configuration, not an error. */
const defaults: ReadonlyArray<readonly [string, string, (payer: { Payer: 'BucketOwner' }) => object]> = [
  ['GetBucketAccelerateConfiguration', 's3:GetAccelerateConfiguration', () => ({})],
  ['GetBucketRequestPayment', 's3:GetBucketRequestPayment', (payer) => payer],
  ['GetBucketLogging', 's3:GetBucketLogging', () => ({})],
];

/** Bucket sub-resource and ACL operations. */
export const configOperations: AnyOperation[] = [
  s3Op<S3.GetBucketTaggingRequest, S3.GetBucketTaggingOutput>('GetBucketTagging', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketTagging', input.Bucket),
    handle: (input, { services }) => services.s3Config.getTagging(input),
  }),
  bucketWrite<S3.PutBucketTaggingRequest>('PutBucketTagging', 's3:PutBucketTagging', (input, services) =>
    services.s3Config.putTagging(input),
  ),
  bucketWrite<S3.DeleteBucketTaggingRequest>('DeleteBucketTagging', 's3:PutBucketTagging', (input, services) =>
    services.s3Config.deleteTagging(input),
  ),
  s3Op<S3.GetBucketVersioningRequest, S3.GetBucketVersioningOutput>('GetBucketVersioning', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketVersioning', input.Bucket),
    handle: (input, { services }) => services.s3Config.getVersioning(input),
  }),
  bucketWrite<S3.PutBucketVersioningRequest>('PutBucketVersioning', 's3:PutBucketVersioning', (input, services) =>
    services.s3Config.putVersioning(input),
  ),
  s3Op<S3.GetBucketEncryptionRequest, S3.GetBucketEncryptionOutput>('GetBucketEncryption', {
    authorize: (input, { services }) => onBucket(services, 's3:GetEncryptionConfiguration', input.Bucket),
    handle: (input, { services }) => services.s3Config.getEncryption(input),
  }),
  bucketWrite<S3.PutBucketEncryptionRequest>(
    'PutBucketEncryption',
    's3:PutEncryptionConfiguration',
    (input, services) => services.s3Config.putEncryption(input),
  ),
  bucketWrite<S3.DeleteBucketEncryptionRequest>(
    'DeleteBucketEncryption',
    's3:PutEncryptionConfiguration',
    (input, services) => services.s3Config.deleteEncryption(input),
  ),
  s3Op<S3.GetBucketAclRequest, S3.GetBucketAclOutput>('GetBucketAcl', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketAcl', input.Bucket),
    handle: (input, { services }) => services.s3Config.getBucketAcl(input),
  }),
  bucketWrite<S3.PutBucketAclRequest>('PutBucketAcl', 's3:PutBucketAcl', (input, services) =>
    services.s3Config.putBucketAcl(input),
  ),
  s3Op<S3.GetObjectAclRequest, S3.GetObjectAclOutput>('GetObjectAcl', {
    authorize: (input, { services }) => onVersionedObject(services, 's3:GetObjectAcl', 's3:GetObjectVersionAcl', input),
    handle: (input, { services }) => services.s3Config.getObjectAcl(input),
  }),
  s3Op<S3.PutObjectAclRequest, S3.PutObjectAclOutput>('PutObjectAcl', {
    authorize: (input, { services }) => onVersionedObject(services, 's3:PutObjectAcl', 's3:PutObjectVersionAcl', input),
    handle: (input, { services }) => services.s3Config.putObjectAcl(input),
  }),
  s3Op<S3.GetBucketOwnershipControlsRequest, S3.GetBucketOwnershipControlsOutput>('GetBucketOwnershipControls', {
    authorize: (input, { services }) => onBucket(services, 's3:GetBucketOwnershipControls', input.Bucket),
    handle: (input, { services }) => services.s3Config.getOwnershipControls(input),
  }),
  ...unconfigured.map(([name, action]) =>
    s3Op<BucketInput, never>(name, {
      authorize: (input, { services }) => onBucket(services, action, input.Bucket),
      handle: (input, { services }) => services.s3Config.unconfigured(name, input.Bucket),
    }),
  ),
  ...defaults.map(([name, action, answer]) =>
    s3Op<BucketInput, object>(name, {
      authorize: (input, { services }) => onBucket(services, action, input.Bucket),
      handle: async (input, { services }) => answer(await services.s3Config.defaults(input.Bucket)),
    }),
  ),
];
