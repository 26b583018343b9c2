/**
 * AWS managed policies (arn:aws:iam::aws:policy/…) through the JS SDK v3: read-only, listed with Scope=AWS,
 * attachable (except service-linked role policies), counted per account, and evaluated on real requests.
 */

import {
  AttachRolePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  paginateListPolicies,
  TagPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>;
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root);
});

afterAll(async () => {
  await t?.app.close();
});

describe('AWS managed policies', () => {
  it('reads a policy, its default version and its history', async () => {
    const policy = (await admin.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ }))).Policy!;
    expect(policy).toMatchObject({
      PolicyName: 'AmazonS3ReadOnlyAccess',
      Path: '/',
      IsAttachable: true,
      AttachmentCount: 0,
    });
    expect(policy.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const version = await admin.iam.send(
      new GetPolicyVersionCommand({ PolicyArn: S3_READ, VersionId: policy.DefaultVersionId }),
    );
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)).Statement).toBeDefined();
    const versions = await admin.iam.send(new ListPolicyVersionsCommand({ PolicyArn: S3_READ }));
    expect(versions.Versions?.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId)).toEqual([
      policy.DefaultVersionId,
    ]);
  });

  it('lists the whole catalog with Scope=AWS, page by page, and never with Scope=Local', async () => {
    let count = 0;
    for await (const page of paginateListPolicies({ client: admin.iam, pageSize: 1000 }, { Scope: 'AWS' })) {
      count += page.Policies?.length ?? 0;
    }
    expect(count).toBeGreaterThan(1000);
    const local = await admin.iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.some((p) => p.Arn?.startsWith('arn:aws:iam::aws:'))).toBe(false);
  });

  it('refuses to change AWS managed policies and to attach service-linked role policies', async () => {
    const doc = policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(
      (await failure(admin.iam.send(new CreatePolicyVersionCommand({ PolicyArn: S3_READ, PolicyDocument: doc })))).name,
    ).toBe('AccessDenied');
    expect((await failure(admin.iam.send(new DeletePolicyCommand({ PolicyArn: S3_READ })))).name).toBe('AccessDenied');
    expect(
      (await failure(admin.iam.send(new TagPolicyCommand({ PolicyArn: S3_READ, Tags: [{ Key: 'a', Value: 'b' }] }))))
        .name,
    ).toBe('AccessDenied');
    const trust = policyDocument({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    await admin.iam.send(new CreateRoleCommand({ RoleName: 'customer', AssumeRolePolicyDocument: trust }));
    const slr = 'arn:aws:iam::aws:policy/aws-service-role/AWSElasticBeanstalkServiceRolePolicy';
    expect((await admin.iam.send(new GetPolicyCommand({ PolicyArn: slr }))).Policy?.IsAttachable).toBe(false);
    const refused = await failure(
      admin.iam.send(new AttachRolePolicyCommand({ RoleName: 'customer', PolicyArn: slr })),
    );
    expect(refused).toMatchObject({
      name: 'PolicyNotAttachableException',
      message: 'Cannot attach a Service Role Policy to a Customer Role.',
    });
  });

  it('grants what it allows to a role that attaches it, counted per account', async () => {
    const trust = policyDocument({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
      Action: 'sts:AssumeRole',
    });
    const role = await admin.iam.send(
      new CreateRoleCommand({ RoleName: 's3-reader', AssumeRolePolicyDocument: trust }),
    );
    await admin.iam.send(new AttachRolePolicyCommand({ RoleName: 's3-reader', PolicyArn: S3_READ }));
    await admin.s3.send(new CreateBucketCommand({ Bucket: 'aws-managed-bucket' }));
    const c = (await admin.sts.send(new AssumeRoleCommand({ RoleArn: role.Role!.Arn, RoleSessionName: 'reader' })))
      .Credentials!;
    const session = clientsFor(t, {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    expect((await session.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toContain(
      'aws-managed-bucket',
    );
    const denied = await failure(
      session.s3.send(new PutObjectCommand({ Bucket: 'aws-managed-bucket', Key: 'k', Body: 'x' })),
    );
    expect(denied.name).toBe('AccessDenied');

    expect((await admin.iam.send(new GetPolicyCommand({ PolicyArn: S3_READ }))).Policy?.AttachmentCount).toBe(1);
    const entities = await admin.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: S3_READ }));
    expect(entities.PolicyRoles?.map((r) => r.RoleName)).toEqual(['s3-reader']);
    const attached = await admin.iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    expect(attached.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['AmazonS3ReadOnlyAccess', 1]]);

    const other = await t.app.services.ensureAccount('123456789012');
    const otherIam = clientsFor(t, { accessKeyId: other.accessKeyId!, secretAccessKey: other.secretAccessKey! }).iam;
    expect((await otherIam.send(new GetPolicyCommand({ PolicyArn: S3_READ }))).Policy?.AttachmentCount).toBe(0);
  });
});
