/**
 * Each policy type taking effect through the real API, with the JS SDK v3 over sockets (issue 3, "Done when"):
 * a permissions boundary capping a role, a session policy narrowing an AssumeRole session, a bucket policy granting
 * a principal of another account only together with its own identity policy, an explicit Deny on aws:SourceIp,
 * and anonymous access through a public bucket policy.
 */

import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { failure } from '../support/aws-clients.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const OTHER = '111111111111';

let t: TestApp;
let other: Credentials;
const clients = (credentials: Credentials) => {
  const common = { endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
};

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const trustAccount = (account: string) =>
  doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });

/** Creates a role with an inline policy (and optional boundary) and returns a session of it. */
async function session(name: string, inline: string, extra: { boundary?: string; sessionPolicy?: string } = {}) {
  const admin = clients(t.root);
  await admin.iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trustAccount(t.accountId),
      ...(extra.boundary ? { PermissionsBoundary: extra.boundary } : {}),
    }),
  );
  await admin.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: inline }));
  const assumed = await admin.sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${t.accountId}:role/${name}`,
      RoleSessionName: 'test',
      ...(extra.sessionPolicy ? { Policy: extra.sessionPolicy } : {}),
    }),
  );
  const c = assumed.Credentials!;
  return clients({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
}

/** A user of `account`, without policies, and its access key. */
async function user(account: Credentials, name: string) {
  const iam = clients(account).iam;
  await iam.send(new CreateUserCommand({ UserName: name }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
}

beforeAll(async () => {
  t = await startTestApp();
  const created = await t.app.services.ensureAccount(OTHER);
  other = { accessKeyId: created.accessKeyId!, secretAccessKey: created.secretAccessKey! };
  const admin = clients(t.root).s3;
  for (const bucket of ['pt-data', 'pt-public', 'pt-shared']) {
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'a' }));
  }
});

afterAll(async () => {
  await t?.app.close();
});

describe('policy types through the real API', () => {
  it('a permissions boundary caps what the role policy grants', async () => {
    const boundary = await clients(t.root).iam.send(
      new CreatePolicyCommand({
        PolicyName: 'read-only-boundary',
        PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }),
      }),
    );
    const s = await session('bounded', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), {
      boundary: boundary.Policy!.Arn!,
    });
    await expect(s.s3.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' }))).resolves.toBeDefined();
    const denied = await failure(s.s3.send(new PutObjectCommand({ Bucket: 'pt-data', Key: 'b.txt', Body: 'b' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toMatch(/because no permissions boundary allows the s3:PutObject action$/);
  });

  it('a session policy narrows the AssumeRole session', async () => {
    const s = await session(
      'narrowed',
      doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }),
      {
        sessionPolicy: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      },
    );
    await expect(s.s3.send(new ListObjectsV2Command({ Bucket: 'pt-data' }))).resolves.toBeDefined();
    const denied = await failure(s.s3.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' })));
    expect(denied.message).toMatch(/because no session policy allows the s3:GetObject action$/);
  });

  it('an explicit Deny on aws:SourceIp wins over an Allow', async () => {
    const s = await session(
      'ip-fenced',
      doc(
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:PutObject',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
        {
          Effect: 'Deny',
          Action: 's3:DeleteObject',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ),
    );
    const denied = await failure(s.s3.send(new PutObjectCommand({ Bucket: 'pt-data', Key: 'c.txt', Body: 'c' })));
    expect(denied.message).toMatch(/with an explicit deny in an identity-based policy$/);
    // 127.0.0.1 is not in 10.0.0.0/8, so the IpAddress Deny does not apply and the Allow stands.
    await expect(s.s3.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' }))).resolves.toBeDefined();
  });

  it('a bucket policy grants another account only together with its identity policy', async () => {
    // Account OTHER: a role its users may assume, whose policy allows reading pt-shared (or not).
    const otherAdmin = clients(other);
    const allowRead = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::pt-shared/*' });
    for (const [name, inline] of [
      ['reader', allowRead],
      ['nothing', doc({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' })],
    ] as const) {
      await otherAdmin.iam.send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustAccount(OTHER) }),
      );
      await otherAdmin.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: inline }));
    }
    const assume = async (name: string) => {
      const c = (
        await otherAdmin.sts.send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/${name}`, RoleSessionName: 'x1' }),
        )
      ).Credentials!;
      return clients({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      });
    };
    const reader = await assume('reader');
    const nothing = await assume('nothing');
    const get = (c: ReturnType<typeof clients>) =>
      c.s3.send(new GetObjectCommand({ Bucket: 'pt-shared', Key: 'a.txt' }));

    // No bucket policy: the identity policy of another account is not enough.
    expect((await failure(get(reader))).name).toBe('AccessDenied');

    const admin = clients(t.root).s3;
    const bucketPolicy = doc({
      Sid: 'OtherAccountReads',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::pt-shared/*',
    });
    await admin.send(new PutBucketPolicyCommand({ Bucket: 'pt-shared', Policy: bucketPolicy }));
    expect(JSON.parse((await admin.send(new GetBucketPolicyCommand({ Bucket: 'pt-shared' }))).Policy!)).toEqual(
      JSON.parse(bucketPolicy),
    );
    // Both sides allow: granted. Bucket policy alone: still denied.
    expect(await (await get(reader)).Body?.transformToString()).toBe('a');
    expect((await failure(get(nothing))).name).toBe('AccessDenied');

    await admin.send(new DeleteBucketPolicyCommand({ Bucket: 'pt-shared' }));
    expect((await failure(get(reader))).name).toBe('AccessDenied');
    expect((await failure(admin.send(new GetBucketPolicyCommand({ Bucket: 'pt-shared' })))).name).toBe(
      'NoSuchBucketPolicy',
    );
  });

  it('a bucket policy naming a user of the same account grants without an identity policy', async () => {
    const carol = await user(t.root, 'carol');
    const c = clients(carol).s3;
    expect((await failure(c.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' })))).name).toBe(
      'AccessDenied',
    );
    await clients(t.root).s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'pt-data',
        Policy: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.accountId}:user/carol` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::pt-data/*',
        }),
      }),
    );
    expect(
      await (await c.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' }))).Body?.transformToString(),
    ).toBe('a');
  });

  it('a public bucket policy admits anonymous readers, and only for what it names', async () => {
    await clients(t.root).s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'pt-public',
        Policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pt-public/*' }),
      }),
    );
    const ok = await fetch(`${t.endpoint}/pt-public/a.txt`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('a');
    const list = await fetch(`${t.endpoint}/pt-public?list-type=2`);
    expect(list.status).toBe(403);
    expect(await list.text()).toContain('<Code>AccessDenied</Code>');
    const otherBucket = await fetch(`${t.endpoint}/pt-data/a.txt`);
    expect(otherBucket.status).toBe(403);
  });

  it("rejects a malformed bucket policy with S3's code", async () => {
    const error = await failure(
      clients(t.root).s3.send(
        new PutBucketPolicyCommand({ Bucket: 'pt-data', Policy: doc({ Effect: 'Allow', Action: 's3:GetObject' }) }),
      ),
    );
    expect(error.name).toBe('MalformedPolicy');
  });
});

describe('condition keys the server fills in', () => {
  it('aws:ResourceTag of a role and sts:ExternalId in a trust policy', async () => {
    const admin = clients(t.root);
    await admin.iam.send(
      new CreateRoleCommand({
        RoleName: 'tagged-blue',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'expected-id' } },
        }),
        Tags: [{ Key: 'team', Value: 'blue' }],
      }),
    );
    const roleArn = `arn:aws:iam::${t.accountId}:role/tagged-blue`;
    expect(
      (await failure(admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-id' })))).name,
    ).toBe('AccessDenied');
    expect(
      (
        await failure(
          admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bad', ExternalId: 'other-id' })),
        )
      ).name,
    ).toBe('AccessDenied');
    await expect(
      admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'good', ExternalId: 'expected-id' })),
    ).resolves.toBeDefined();

    const s = await session(
      'blue-reader',
      doc({
        Effect: 'Allow',
        Action: 'iam:GetRole',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } },
      }),
    );
    await expect(s.iam.send(new GetRoleCommand({ RoleName: 'tagged-blue' }))).resolves.toBeDefined();
    await admin.iam.send(
      new CreateRoleCommand({ RoleName: 'untagged', AssumeRolePolicyDocument: trustAccount(t.accountId) }),
    );
    const denied = await failure(s.iam.send(new GetRoleCommand({ RoleName: 'untagged' })));
    expect(denied.name).toBe('AccessDenied');
  });
});

describe('group policies', () => {
  it('a user gets the policies of its groups, and loses them when it leaves', async () => {
    const { AddUserToGroupCommand, CreateGroupCommand, PutGroupPolicyCommand, RemoveUserFromGroupCommand } =
      await import('@aws-sdk/client-iam');
    const admin = clients(t.root);
    const erin = await user(t.root, 'erin');
    const get = () => clients(erin).s3.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' }));
    await admin.iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await admin.iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'readers',
        PolicyName: 'read',
        PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pt-data/*' }),
      }),
    );
    expect((await failure(get())).name).toBe('AccessDenied');
    await admin.iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'erin' }));
    expect(await (await get()).Body?.transformToString()).toBe('a');
    await admin.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'erin' }));
    expect((await failure(get())).name).toBe('AccessDenied');
  });
});

describe('S3 request keys', () => {
  it('s3:authType tells header-signed requests from presigned URLs', async () => {
    const { presigned } = await import('./sigv4-requests.js');
    const s = await session(
      'header-only',
      doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 's3:authType': 'REST-HEADER' } },
      }),
    );
    expect(
      await (await s.s3.send(new GetObjectCommand({ Bucket: 'pt-data', Key: 'a.txt' }))).Body?.transformToString(),
    ).toBe('a');
    const credentials = await s.s3.config.credentials();
    const url = presigned(t, { method: 'GET', path: '/pt-data/a.txt', credentials }, 60);
    const response = await fetch(`${t.endpoint}${url.target}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('s3:GetObject');
  });
});

describe('large policies', () => {
  it('an AWS managed policy beyond the customer size quota still grants (ReadOnlyAccess)', async () => {
    const admin = clients(t.root);
    await admin.iam.send(
      new CreateRoleCommand({ RoleName: 'read-only', AssumeRolePolicyDocument: trustAccount(t.accountId) }),
    );
    const { AttachRolePolicyCommand } = await import('@aws-sdk/client-iam');
    await admin.iam.send(
      new AttachRolePolicyCommand({ RoleName: 'read-only', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
    const c = (
      await admin.sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${t.accountId}:role/read-only`, RoleSessionName: 'ro' }),
      )
    ).Credentials!;
    const s = clients({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    await expect(s.s3.send(new ListObjectsV2Command({ Bucket: 'pt-data' }))).resolves.toBeDefined();
    await expect(s.iam.send(new GetRoleCommand({ RoleName: 'read-only' }))).resolves.toBeDefined();
    expect((await failure(s.s3.send(new PutObjectCommand({ Bucket: 'pt-data', Key: 'ro.txt', Body: 'x' })))).name).toBe(
      'AccessDenied',
    );
  });

  it('a role inline policy may exceed 6,144 characters within the role aggregate of 10,240', async () => {
    const admin = clients(t.root);
    await admin.iam.send(
      new CreateRoleCommand({ RoleName: 'big-inline', AssumeRolePolicyDocument: trustAccount(t.accountId) }),
    );
    const statements = Array.from({ length: 60 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-number-${i}-with-a-long-name/*`,
    }));
    const big = doc(...statements);
    expect(big.replace(/\s/g, '').length).toBeGreaterThan(6144);
    expect(big.replace(/\s/g, '').length).toBeLessThan(10240);
    await expect(
      admin.iam.send(new PutRolePolicyCommand({ RoleName: 'big-inline', PolicyName: 'big', PolicyDocument: big })),
    ).resolves.toBeDefined();
  });
});
