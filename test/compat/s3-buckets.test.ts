/**
 * S3 bucket sub-resources with the AWS SDK for JavaScript v3 over real sockets (issue 7): tagging, versioning status,
 * default encryption, ACLs as a bucket-owner-enforced bucket answers them, Object Ownership, DeleteBucket, and the
 * Terraform `aws_s3_bucket` read sequence (WIRE.md §6.4), each unconfigured sub-resource answering the code the
 * provider tolerates.
 */

import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketTaggingCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectAclCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'config-bucket';
let t: TestApp;
let s3: S3Client;

beforeAll(async () => {
  t = await startTestApp();
  s3 = clientsFor(t, t.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('bucket sub-resources', () => {
  it('puts, gets and deletes bucket tags', async () => {
    expect(await failure(s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET })))).toMatchObject({
      name: 'NoSuchTagSet',
      status: 404,
    });
    const TagSet = [
      { Key: 'team', Value: 'data' },
      { Key: 'env', Value: 'dev' },
    ];
    await s3.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet } }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual(TagSet);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const refused = s3.send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: tooMany } }));
    expect(await failure(refused)).toMatchObject({ name: 'InvalidTag', status: 400 });
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: BUCKET }));
    expect(await failure(s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET })))).toMatchObject({
      name: 'NoSuchTagSet',
    });
  });

  it('stores the versioning status', async () => {
    const before = await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }));
    expect(before.Status).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Suspended');
  });

  it('answers SSE-S3 by default, stores a KMS rule, and deletes back to the default', async () => {
    const rule = async () =>
      (await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(await rule()).toMatchObject({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } });
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/bench' },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    );
    expect(await rule()).toEqual({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/bench' },
      BucketKeyEnabled: true,
    });
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: BUCKET }));
    expect((await rule())?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });

  it('answers ACL calls as a bucket-owner-enforced bucket', async () => {
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: BUCKET }));
    expect(acl.Owner?.ID).toBe(t.accountId);
    expect(acl.Grants).toEqual([
      { Grantee: { Type: 'CanonicalUser', ID: t.accountId, DisplayName: 'iamd' }, Permission: 'FULL_CONTROL' },
    ]);
    await s3.send(new PutBucketAclCommand({ Bucket: BUCKET, ACL: 'private' }));
    const publicRead = s3.send(new PutBucketAclCommand({ Bucket: BUCKET, ACL: 'public-read' }));
    expect(await failure(publicRead)).toMatchObject({ name: 'AccessControlListNotSupported', status: 400 });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x' }));
    expect((await s3.send(new GetObjectAclCommand({ Bucket: BUCKET, Key: 'k' }))).Grants).toHaveLength(1);
    const grant = s3.send(new PutObjectAclCommand({ Bucket: BUCKET, Key: 'k', GrantRead: 'id="someone-else"' }));
    expect(await failure(grant)).toMatchObject({ name: 'AccessControlListNotSupported' });
    const putPublic = s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'p', Body: 'x', ACL: 'public-read' }));
    expect(await failure(putPublic)).toMatchObject({ name: 'AccessControlListNotSupported' });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'o', Body: 'x', ACL: 'bucket-owner-full-control' }));
    const ownership = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }));
    expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
  });

  it('answers the Terraform aws_s3_bucket read sequence with the codes the provider tolerates', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(head.BucketRegion).toBe('us-east-1');
    const notFound = async (promise: Promise<unknown>) => (await failure(promise)).name;
    expect(await notFound(s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toBe('NoSuchBucketPolicy');
    expect(await notFound(s3.send(new GetBucketCorsCommand({ Bucket: BUCKET })))).toBe('NoSuchCORSConfiguration');
    expect(await notFound(s3.send(new GetBucketWebsiteCommand({ Bucket: BUCKET })))).toBe('NoSuchWebsiteConfiguration');
    expect(await notFound(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET })))).toBe(
      'NoSuchLifecycleConfiguration',
    );
    expect(await notFound(s3.send(new GetBucketReplicationCommand({ Bucket: BUCKET })))).toBe(
      'ReplicationConfigurationNotFoundError',
    );
    expect(await notFound(s3.send(new GetObjectLockConfigurationCommand({ Bucket: BUCKET })))).toBe(
      'ObjectLockConfigurationNotFoundError',
    );
    expect((await s3.send(new GetBucketAccelerateConfigurationCommand({ Bucket: BUCKET }))).Status).toBeUndefined();
    expect((await s3.send(new GetBucketRequestPaymentCommand({ Bucket: BUCKET }))).Payer).toBe('BucketOwner');
    expect((await s3.send(new GetBucketLoggingCommand({ Bucket: BUCKET }))).LoggingEnabled).toBeUndefined();
    expect(await notFound(s3.send(new GetBucketCorsCommand({ Bucket: 'no-such-bucket' })))).toBe('NoSuchBucket');
  });

  it('deletes only empty buckets', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'short-lived' }));
    await s3.send(new PutObjectCommand({ Bucket: 'short-lived', Key: 'k', Body: 'x' }));
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'short-lived' })))).toMatchObject({
      name: 'BucketNotEmpty',
      status: 409,
    });
  });
});
