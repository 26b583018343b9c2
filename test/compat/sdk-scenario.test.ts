/**
 * The seed scenario with the AWS SDK for JavaScript v3 over real sockets: only the endpoint differs from AWS.
 * Denials are asserted by code and message, as a user would see them.
 */

import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateAccessKeyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, POLICY_NAME, PROFILE_NAME, ROLE_NAME, readPolicy, trustPolicy } from '../support/scenario.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { failure } from '../support/aws-clients.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let t: TestApp;
const clients = (credentials: Credentials, systemClockOffset = 0) => {
  const common = { endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1, systemClockOffset };
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
};

let roleArn: string;
let session: Credentials;

beforeAll(async () => {
  t = await startTestApp();
  const admin = clients(t.root);
  const role = await admin.iam.send(
    new CreateRoleCommand({ RoleName: ROLE_NAME, AssumeRolePolicyDocument: trustPolicy(t.accountId) }),
  );
  roleArn = role.Role!.Arn!;
  const policy = await admin.iam.send(new CreatePolicyCommand({ PolicyName: POLICY_NAME, PolicyDocument: readPolicy }));
  await admin.iam.send(new AttachRolePolicyCommand({ RoleName: ROLE_NAME, PolicyArn: policy.Policy!.Arn! }));
  await admin.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE_NAME }));
  await admin.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: PROFILE_NAME, RoleName: ROLE_NAME }));
  await admin.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await admin.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello from iamd\n' }));
  const assumed = await admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'demo' }));
  const c = assumed.Credentials!;
  session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
});

afterAll(async () => {
  await t?.app.close();
});

describe('the EC2 → role → S3 scenario with the JS SDK v3', () => {
  it('identifies the root caller', async () => {
    const id = await clients(t.root).sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: t.accountId, Arn: `arn:aws:iam::${t.accountId}:root`, UserId: t.accountId });
  });

  it('stores the role, its policy and the instance profile as IAM returns them', async () => {
    const admin = clients(t.root).iam;
    const role = await admin.send(new GetRoleCommand({ RoleName: ROLE_NAME }));
    expect(role.Role?.Arn).toBe(`arn:aws:iam::${t.accountId}:role/${ROLE_NAME}`);
    expect(role.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(
      JSON.parse(trustPolicy(t.accountId)),
    );
    const attached = await admin.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE_NAME }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual([POLICY_NAME]);
    const profile = await admin.send(new GetInstanceProfileCommand({ InstanceProfileName: PROFILE_NAME }));
    expect(profile.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual([ROLE_NAME]);
  });

  it('issues ASIA session credentials that identify the assumed role', async () => {
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const id = await clients(session).sts.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(`arn:aws:sts::${t.accountId}:assumed-role/${ROLE_NAME}/demo`);
    expect(id.UserId).toMatch(/^AROA[A-Z2-7]{17}:demo$/);
  });

  it('lets the session list the bucket and read the object', async () => {
    const s3 = clients(session).s3;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['hello.txt']);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello from iamd\n');
  });

  it('denies the session a write, naming principal, action, resource and reason', async () => {
    const error = await failure(
      clients(session).s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'x.txt', Body: 'no' })),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:sts::${t.accountId}:assumed-role/${ROLE_NAME}/demo is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::${BUCKET}/x.txt because no identity-based policy allows the s3:PutObject action`,
    );
  });

  it('denies the session IAM calls its policy does not allow', async () => {
    const error = await failure(clients(session).iam.send(new GetRoleCommand({ RoleName: ROLE_NAME })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('is not authorized to perform: iam:GetRole');
  });

  it('denies AssumeRole to a user the trust policy does not let in', async () => {
    const admin = clients(t.root).iam;
    await admin.send(new CreateUserCommand({ UserName: 'bob' }));
    const key = await admin.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    const bob = clients({ accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! });
    const error = await failure(bob.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bob' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain(
      `User: arn:aws:iam::${t.accountId}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  });

  it('denies AssumeRole of a role whose trust policy names only EC2', async () => {
    const admin = clients(t.root);
    const onlyEc2 = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const role = await admin.iam.send(
      new CreateRoleCommand({ RoleName: 'ec2-only', AssumeRolePolicyDocument: onlyEc2 }),
    );
    const error = await failure(
      admin.sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'probe' })),
    );
    expect(error.name).toBe('AccessDenied');
  });

  it('rejects a tampered signature', async () => {
    // Change the last character to a different one (a fixed replacement would sometimes equal the original).
    const last = t.root.secretAccessKey.slice(-1);
    const wrong = { ...t.root, secretAccessKey: `${t.root.secretAccessKey.slice(0, -1)}${last === 'X' ? 'Y' : 'X'}` };
    const error = await failure(clients(wrong).sts.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.status).toBe(403);
  });

  it('rejects an unknown access key', async () => {
    const error = await failure(
      clients({ accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: 'x'.repeat(40) }).sts.send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(error.name).toBe('InvalidClientTokenId');
  });

  it('rejects a request without authentication', async () => {
    const response = await fetch(t.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('rejects a session token that was tampered with', async () => {
    const token = session.sessionToken!;
    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    const error = await failure(
      clients({ ...session, sessionToken: flipped }).sts.send(new GetCallerIdentityCommand({})),
    );
    expect(error.name).toBe('InvalidClientTokenId');
  });

  it('rejects the session once it has expired (server clock moved forward)', async () => {
    const twoHours = 2 * 3600 * 1000;
    t.clock.advance(twoHours);
    try {
      const error = await failure(clients(session, t.clock.offsetMs).sts.send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('ExpiredToken');
      expect(error.status).toBe(403);
      const s3Error = await failure(
        clients(session, t.clock.offsetMs).s3.send(new ListObjectsV2Command({ Bucket: BUCKET })),
      );
      expect(s3Error.name).toBe('ExpiredToken');
    } finally {
      t.clock.advance(-twoHours);
    }
  });
});

describe('virtual-hosted-style S3 addressing (<bucket>.localhost)', () => {
  it('serves the bucket named in the Host header', async () => {
    const { Agent } = await import('node:http');
    // *.localhost does not resolve through glibc here; answer loopback for it, as browsers and systemd do.
    const lookup = (_host: string, options: unknown, callback: (...args: unknown[]) => void) => {
      if ((options as { all?: boolean }).all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const agent = new Agent({ keepAlive: false, lookup } as never);
    const port = new URL(t.endpoint).port;
    const s3 = new S3Client({
      endpoint: `http://localhost:${port}`,
      region: 'us-east-1',
      credentials: session,
      forcePathStyle: false,
      maxAttempts: 1,
      requestHandler: { httpAgent: agent },
    });
    const hosts: string[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(hosts).toEqual([`${BUCKET}.localhost`]);
    expect(listed.Name).toBe(BUCKET);
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['hello.txt']);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello from iamd\n');
    agent.destroy();
  });
});

describe('S3 uploads in the payload modes the SDK chooses', () => {
  it('accepts a streaming body (aws-chunked with a CRC32 trailer) and stores exactly its bytes', async () => {
    const { Readable } = await import('node:stream');
    const { createHash } = await import('node:crypto');
    const s3 = clients(t.root).s3;
    const parts = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const whole = Buffer.concat(parts);
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'streamed.bin',
        Body: Readable.from(parts),
        ContentLength: whole.length,
      }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'streamed.bin' }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(bytes.length).toBe(whole.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(whole).digest('hex'));
    expect(object.ETag).toBe(`"${createHash('md5').update(whole).digest('hex')}"`);
  });

  it('rejects a body whose bytes do not match the signed SHA-256, keeping the old object', async () => {
    const s3 = clients(t.root).s3;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept.txt', Body: 'original' }));
    s3.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: unknown };
        request.body = 'tampered';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const error = await failure(
      s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'kept.txt', Body: 'replaced', ChecksumAlgorithm: undefined }),
      ),
    );
    expect(error.name).toBe('XAmzContentSHA256Mismatch');
    expect(error.status).toBe(400);
    const object = await clients(t.root).s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }));
    expect(await object.Body?.transformToString()).toBe('original');
  });
});
