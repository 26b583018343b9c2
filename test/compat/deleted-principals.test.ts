/**
 * A bucket policy naming a user or role that is then deleted, through the JS SDK v3: as in AWS, the policy shows the
 * principal's unique id (AIDA…/AROA…) instead of its ARN, and a user or role created again with the same name does
 * not regain the access the policy gave the old one (IAM User Guide, "IAM JSON policy elements: Principal").
 */

import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserPolicyCommand,
  PutUserPolicyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root);
  await admin.s3.send(new CreateBucketCommand({ Bucket: 'shared-data' }));
  await admin.s3.send(new PutObjectCommand({ Bucket: 'shared-data', Key: 'report.csv', Body: 'a,b\n' }));
});

afterAll(async () => {
  await t?.app.close();
});

const trust = (accountId: string) =>
  policyDocument({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' });

/** A bucket policy letting `principals` read the report. */
const readPolicy = (...principals: string[]) =>
  policyDocument({
    Sid: 'Readers',
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::shared-data/*',
  });

async function userClients(name: string) {
  const user = (await admin.iam.send(new CreateUserCommand({ UserName: name }))).User!;
  const key = (await admin.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { user, key, s3: clientsFor(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).s3 };
}

async function roleClients(name: string) {
  const role = (
    await admin.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(t.accountId) }))
  ).Role!;
  const session = await admin.sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: 'reader' }));
  const c = session.Credentials!;
  return {
    role,
    s3: clientsFor(t, {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    }).s3,
  };
}

const read = (s3: ReturnType<typeof clientsFor>['s3']) =>
  s3.send(new GetObjectCommand({ Bucket: 'shared-data', Key: 'report.csv' }));

describe('bucket policies naming deleted principals', () => {
  it('show the unique ids of a deleted user and role, and do not trust their namesakes', async () => {
    const alice = await userClients('alice');
    const reader = await roleClients('reader');
    const other = `arn:aws:iam::${t.accountId}:user/somebody-else`;
    await admin.iam.send(new CreateUserCommand({ UserName: 'somebody-else' }));
    await admin.s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'shared-data',
        Policy: readPolicy(alice.user.Arn!, reader.role.Arn!, other),
      }),
    );
    expect((await read(alice.s3)).$metadata.httpStatusCode).toBe(200);
    expect((await read(reader.s3)).$metadata.httpStatusCode).toBe(200);

    await admin.iam.send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: alice.key.AccessKeyId }));
    await admin.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
    await admin.iam.send(new DeleteRoleCommand({ RoleName: 'reader' }));
    const shown = JSON.parse((await admin.s3.send(new GetBucketPolicyCommand({ Bucket: 'shared-data' }))).Policy!);
    expect(shown.Statement[0].Principal.AWS).toEqual([alice.user.UserId, reader.role.RoleId, other]);
    expect(alice.user.UserId).toMatch(/^AIDA/);
    expect(reader.role.RoleId).toMatch(/^AROA/);

    const aliceAgain = await userClients('alice');
    expect(aliceAgain.user.Arn).toBe(alice.user.Arn);
    expect(await failure(read(aliceAgain.s3))).toMatchObject({ name: 'AccessDenied', status: 403 });
    const readerAgain = await roleClients('reader');
    expect(await failure(read(readerAgain.s3))).toMatchObject({ name: 'AccessDenied', status: 403 });

    // Naming the new entities again grants them, as in AWS.
    await admin.s3.send(
      new PutBucketPolicyCommand({ Bucket: 'shared-data', Policy: readPolicy(aliceAgain.user.Arn!) }),
    );
    expect((await read(aliceAgain.s3)).$metadata.httpStatusCode).toBe(200);
  });

  it("rewrites another account's bucket policy that granted the deleted user", async () => {
    const other = await t.app.services.ensureAccount('222233334444');
    const owner = clientsFor(t, { accessKeyId: other.accessKeyId!, secretAccessKey: other.secretAccessKey! });
    await owner.s3.send(new CreateBucketCommand({ Bucket: 'partner-data' }));
    await owner.s3.send(new PutObjectCommand({ Bucket: 'partner-data', Key: 'feed.json', Body: '{}' }));
    const readFeed = (s3: ReturnType<typeof clientsFor>['s3']) =>
      s3.send(new GetObjectCommand({ Bucket: 'partner-data', Key: 'feed.json' }));
    // Cross-account access needs the caller's own identity allow as well as the bucket policy.
    const identityAllow = policyDocument({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    const carol = await userClients('carol');
    await admin.iam.send(
      new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'read', PolicyDocument: identityAllow }),
    );
    const grant = policyDocument({
      Effect: 'Allow',
      Principal: { AWS: carol.user.Arn },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::partner-data/*',
    });
    await owner.s3.send(new PutBucketPolicyCommand({ Bucket: 'partner-data', Policy: grant }));
    expect((await readFeed(carol.s3)).$metadata.httpStatusCode).toBe(200);

    await admin.iam.send(new DeleteUserPolicyCommand({ UserName: 'carol', PolicyName: 'read' }));
    await admin.iam.send(new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: carol.key.AccessKeyId }));
    await admin.iam.send(new DeleteUserCommand({ UserName: 'carol' }));
    const shown = JSON.parse((await owner.s3.send(new GetBucketPolicyCommand({ Bucket: 'partner-data' }))).Policy!);
    expect(shown.Statement[0].Principal.AWS).toBe(carol.user.UserId);

    const carolAgain = await userClients('carol');
    await admin.iam.send(
      new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'read', PolicyDocument: identityAllow }),
    );
    expect(await failure(readFeed(carolAgain.s3))).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});
