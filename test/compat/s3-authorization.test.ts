/**
 * The S3 authorization matrix (issue 7) with the AWS SDK for JavaScript v3 over real sockets: GetObject, PutObject,
 * ListObjectsV2 and DeleteObject, allowed and denied by identity policy, bucket policy, explicit deny, session policy
 * and Block Public Access; anonymous callers and another account's principals. Then Block Public Access itself:
 * BlockPublicPolicy refuses a public bucket policy, RestrictPublicBuckets ignores a public policy's grants to
 * anonymous and cross-account callers but not to the owner's principals, BlockPublicAcls refuses public ACLs.
 */

import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { userWith } from '../support/s3-users.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const B = '222233334444';
let t: TestApp;
let owner: ReturnType<typeof clientsFor>;
let other: ReturnType<typeof clientsFor>;

const anonymous = async (bucket: string, key: string) => (await fetch(`${t.endpoint}/${bucket}/${key}`)).status;

/** Calls each operation and reports `allow` or the error code, keyed by operation. */
async function outcomes(s3: S3Client, bucket: string): Promise<Record<string, string>> {
  const attempt = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'allow';
    } catch (error) {
      return (error as { name: string }).name;
    }
  };
  return {
    get: await attempt(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'obj' }))),
    put: await attempt(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'new', Body: 'x' }))),
    list: await attempt(s3.send(new ListObjectsV2Command({ Bucket: bucket }))),
    delete: await attempt(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone' }))),
  };
}

async function bucketWith(name: string, policy?: object[]): Promise<void> {
  await owner.s3.send(new CreateBucketCommand({ Bucket: name }));
  await owner.s3.send(new PutObjectCommand({ Bucket: name, Key: 'obj', Body: 'data' }));
  if (policy) await owner.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: policyDocument(...policy) }));
}

const all = (result: string) => ({ get: result, put: result, list: result, delete: result });
const objects = (bucket: string) => [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
const readWrite = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'];

beforeAll(async () => {
  t = await startTestApp();
  owner = clientsFor(t, t.root);
  const created = await t.app.services.ensureAccount(B);
  other = clientsFor(t, { accessKeyId: created.accessKeyId!, secretAccessKey: created.secretAccessKey! });
});

afterAll(async () => {
  await t?.app.close();
});

describe('the authorization matrix', () => {
  it('follows identity policies, explicit denies and session policies', async () => {
    await bucketWith('matrix-identity');
    const { s3: allowed } = await userWith(t, owner.iam, 'rw', {
      Effect: 'Allow',
      Action: readWrite,
      Resource: objects('matrix-identity'),
    });
    const { s3: none } = await userWith(t, owner.iam, 'none');
    const { s3: denied } = await userWith(
      t,
      owner.iam,
      'denied',
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: '*' },
    );
    expect(await outcomes(allowed, 'matrix-identity')).toEqual(all('allow'));
    expect(await outcomes(none, 'matrix-identity')).toEqual(all('AccessDenied'));
    expect(await outcomes(denied, 'matrix-identity')).toEqual({
      get: 'AccessDenied',
      put: 'allow',
      list: 'allow',
      delete: 'AccessDenied',
    });

    await owner.iam.send(
      new CreateRoleCommand({
        RoleName: 'matrix-role',
        AssumeRolePolicyDocument: policyDocument({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await owner.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'matrix-role',
        PolicyName: 'rw',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: readWrite, Resource: objects('matrix-identity') }),
      }),
    );
    const session = await owner.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${t.accountId}:role/matrix-role`,
        RoleSessionName: 'narrow',
        Policy: policyDocument({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }),
      }),
    );
    const narrowed = clientsFor(t, {
      accessKeyId: session.Credentials!.AccessKeyId!,
      secretAccessKey: session.Credentials!.SecretAccessKey!,
      sessionToken: session.Credentials!.SessionToken!,
    }).s3;
    expect(await outcomes(narrowed, 'matrix-identity')).toEqual({
      get: 'allow',
      put: 'AccessDenied',
      list: 'allow',
      delete: 'AccessDenied',
    });
  });

  it('lets a bucket policy grant same-account principals, other accounts (with their own allow) and anonymous callers', async () => {
    const { s3: none } = await userWith(t, owner.iam, 'policy-only');
    await bucketWith('matrix-policy', [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${t.accountId}:user/policy-only` },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: objects('matrix-policy'),
      },
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: readWrite,
        Resource: objects('matrix-policy'),
      },
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::matrix-policy/obj' },
      { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::matrix-policy/*' },
    ]);
    expect(await outcomes(none, 'matrix-policy')).toEqual({
      get: 'allow',
      put: 'AccessDenied',
      list: 'allow',
      delete: 'AccessDenied',
    });
    // The other account's root has its own implicit allow; the bucket policy's explicit deny still wins.
    expect(await outcomes(other.s3, 'matrix-policy')).toEqual({
      get: 'allow',
      put: 'allow',
      list: 'allow',
      delete: 'AccessDenied',
    });
    const { s3: otherUser } = await userWith(t, other.iam, 'no-identity-allow');
    expect(await outcomes(otherUser, 'matrix-policy')).toEqual(all('AccessDenied'));
    expect(await anonymous('matrix-policy', 'obj')).toBe(200);
    expect(await anonymous('matrix-identity', 'obj')).toBe(403);
  });
});

describe('Block Public Access', () => {
  const publicRead = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bpa-bucket/*' };

  it('BlockPublicPolicy refuses a public policy and accepts a non-public one', async () => {
    await bucketWith('bpa-bucket');
    await owner.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'bpa-bucket',
        PublicAccessBlockConfiguration: { BlockPublicPolicy: true },
      }),
    );
    const refused = owner.s3.send(
      new PutBucketPolicyCommand({ Bucket: 'bpa-bucket', Policy: policyDocument(publicRead) }),
    );
    expect(await failure(refused)).toMatchObject({ name: 'AccessDenied', status: 403 });
    const fixedAccount = { ...publicRead, Condition: { StringEquals: { 'aws:SourceAccount': B } } };
    await owner.s3.send(new PutBucketPolicyCommand({ Bucket: 'bpa-bucket', Policy: policyDocument(fixedAccount) }));
    const wildcardCondition = { ...publicRead, Condition: { StringLike: { 'aws:SourceAccount': '*' } } };
    const stillPublic = owner.s3.send(
      new PutBucketPolicyCommand({ Bucket: 'bpa-bucket', Policy: policyDocument(wildcardCondition) }),
    );
    expect(await failure(stillPublic)).toMatchObject({ name: 'AccessDenied' });
  });

  it('RestrictPublicBuckets ignores a public policy for anonymous and cross-account callers only', async () => {
    const { s3: sameAccount } = await userWith(t, owner.iam, 'restricted-reader');
    await bucketWith('restricted', [
      { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'], Resource: objects('restricted') },
    ]);
    expect(await anonymous('restricted', 'obj')).toBe(200);
    expect((await outcomes(other.s3, 'restricted')).get).toBe('allow');
    await owner.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'restricted',
        PublicAccessBlockConfiguration: { RestrictPublicBuckets: true },
      }),
    );
    expect(await anonymous('restricted', 'obj')).toBe(403);
    expect(await outcomes(other.s3, 'restricted')).toEqual(all('AccessDenied'));
    // The owner's principals keep the grant.
    expect(await outcomes(sameAccount, 'restricted')).toMatchObject({ get: 'allow', list: 'allow' });
  });

  it('BlockPublicAcls refuses public ACLs with AccessDenied', async () => {
    await bucketWith('acl-blocked');
    await owner.s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'acl-blocked',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    const put = owner.s3.send(new PutObjectCommand({ Bucket: 'acl-blocked', Key: 'k', Body: 'x', ACL: 'public-read' }));
    expect(await failure(put)).toMatchObject({ name: 'AccessDenied', status: 403 });
    await owner.s3.send(new PutObjectCommand({ Bucket: 'acl-blocked', Key: 'k', Body: 'x', ACL: 'private' }));
  });
});
