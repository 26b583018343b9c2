/**
 * IAM's service last accessed data over real sockets, from the audit trail: the JS SDK v3 drives a user (with a
 * group and an inline policy), a role session and a managed policy shared by both, then reads the reports of the
 * user, the group, the policy and the role; the job ids expire; with auditing off nothing is reported as
 * accessed; the AWS CLI v2 and boto3 drive the same three operations.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { CLI_TEST_TIMEOUT_MS, findAwsCliV2, findBoto3Python, isolatedCliEnv, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const trust = (accountId: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
  });

/** alice (in group devs, with an inline policy and the managed policy `lister`) and role worker (with `lister`). */
async function seed(t: TestApp) {
  const admin = clientsFor(t, t.root);
  const { iam } = admin;
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
  await iam.send(
    new PutGroupPolicyCommand({
      GroupName: 'devs',
      PolicyName: 'read-user',
      PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }),
    }),
  );
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: 'own',
      PolicyDocument: policyDocument(
        { Effect: 'Allow', Action: ['ec2:RunInstances', 'dynamodb:GetItem', 'sts:AssumeRole'], Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' },
      ),
    }),
  );
  const lister = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'lister',
      PolicyDocument: policyDocument({
        Effect: 'Allow',
        Action: ['s3:ListAllMyBuckets', 's3:CreateBucket'],
        Resource: '*',
      }),
    }),
  );
  const listerArn = lister.Policy!.Arn!;
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: listerArn }));
  await iam.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trust(t.accountId) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: listerArn }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const alice = clientsFor(t, credentials);
  const aliceEc2 = new EC2Client({ endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  return { admin, alice, aliceEc2, listerArn };
}

/** alice lists buckets and reads herself; the worker session lists buckets; alice's RunInstances is denied. */
async function act(t: TestApp, seeded: Awaited<ReturnType<typeof seed>>) {
  const { alice, aliceEc2 } = seeded;
  await alice.s3.send(new ListBucketsCommand({}));
  await alice.iam.send(new GetUserCommand({}));
  const session = await alice.sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${t.accountId}:role/worker`, RoleSessionName: 'job' }),
  );
  const creds = session.Credentials!;
  const worker = clientsFor(t, {
    accessKeyId: creds.AccessKeyId!,
    secretAccessKey: creds.SecretAccessKey!,
    sessionToken: creds.SessionToken!,
  });
  t.clock.advance(60_000);
  await worker.s3.send(new ListBucketsCommand({}));
  expect(
    await failure(aliceEc2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1 }))),
  ).toMatchObject({ name: 'UnauthorizedOperation' });
}

describe('service last accessed with the JS SDK v3', () => {
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    t = await startTestApp();
    seeded = await seed(t);
    await act(t, seeded);
  });
  afterAll(async () => {
    await t?.app.close();
  });

  const report = async (arn: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL') => {
    const { iam } = seeded.admin;
    const { JobId } = await iam.send(
      new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }),
    );
    expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
    return { jobId: JobId!, details: await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId })) };
  };

  it("reports the user's allowed services, with the last use of those it used and its tracked actions", async () => {
    const aliceArn = `arn:aws:iam::${t.accountId}:user/alice`;
    const { details } = await report(aliceArn, 'ACTION_LEVEL');
    expect(details).toMatchObject({ JobStatus: 'COMPLETED', JobType: 'ACTION_LEVEL', IsTruncated: false });
    expect(details.JobCompletionDate!.getTime()).toBeGreaterThanOrEqual(details.JobCreationDate!.getTime());
    const byNamespace = new Map(details.ServicesLastAccessed!.map((s) => [s.ServiceNamespace, s]));
    expect([...byNamespace.keys()]).toEqual(['dynamodb', 'ec2', 'iam', 's3', 'sts']);
    expect(byNamespace.get('s3')).toMatchObject({
      ServiceName: 'Amazon Simple Storage Service',
      LastAuthenticatedEntity: aliceArn,
      LastAuthenticatedRegion: 'us-east-1',
      TotalAuthenticatedEntities: 1,
    });
    expect(byNamespace.get('s3')!.LastAuthenticated).toBeInstanceOf(Date);
    expect(byNamespace.get('s3')!.TrackedActionsLastAccessed).toEqual([
      { ActionName: 'CreateBucket' },
      expect.objectContaining({ ActionName: 'ListAllMyBuckets', LastAccessedEntity: aliceArn }),
    ]);
    expect(byNamespace.get('iam')).toMatchObject({ TotalAuthenticatedEntities: 1, LastAuthenticatedEntity: aliceArn });
    expect(byNamespace.get('sts')).toMatchObject({ TotalAuthenticatedEntities: 1 });
    // Allowed but refused (an explicit deny) is not an access; a service iamd does not serve has no tracked actions.
    expect(byNamespace.get('ec2')).toEqual(
      expect.objectContaining({ ServiceNamespace: 'ec2', TotalAuthenticatedEntities: 0 }),
    );
    expect(byNamespace.get('ec2')!.LastAuthenticated).toBeUndefined();
    expect(byNamespace.get('dynamodb')).toEqual({
      ServiceName: 'dynamodb',
      ServiceNamespace: 'dynamodb',
      TotalAuthenticatedEntities: 0,
    });
  });

  it('reports a managed policy over every entity it applies to, most recent first', async () => {
    const { jobId, details } = await report(seeded.listerArn);
    expect(details.JobType).toBe('SERVICE_LEVEL');
    expect(details.ServicesLastAccessed).toEqual([
      expect.objectContaining({
        ServiceNamespace: 's3',
        TotalAuthenticatedEntities: 2,
        LastAuthenticatedEntity: `arn:aws:iam::${t.accountId}:role/worker`,
      }),
    ]);
    expect(details.ServicesLastAccessed![0]!.TrackedActionsLastAccessed).toBeUndefined();
    const entities = await seeded.admin.iam.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 's3' }),
    );
    expect(entities.EntityDetailsList!.map((e) => [e.EntityInfo!.Type, e.EntityInfo!.Name])).toEqual([
      ['ROLE', 'worker'],
      ['USER', 'alice'],
    ]);
    expect(entities.EntityDetailsList![0]!.LastAuthenticated!.getTime()).toBeGreaterThan(
      entities.EntityDetailsList![1]!.LastAuthenticated!.getTime(),
    );
    const none = await seeded.admin.iam.send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'ec2' }),
    );
    expect(none.EntityDetailsList).toEqual([]);
  });

  it("reports a group's policies over its members, and a role's own use", async () => {
    const group = await report(`arn:aws:iam::${t.accountId}:group/devs`);
    expect(group.details.ServicesLastAccessed).toEqual([
      expect.objectContaining({ ServiceNamespace: 'iam', TotalAuthenticatedEntities: 1 }),
    ]);
    const role = await report(`arn:aws:iam::${t.accountId}:role/worker`);
    expect(role.details.ServicesLastAccessed).toEqual([
      expect.objectContaining({
        ServiceNamespace: 's3',
        TotalAuthenticatedEntities: 1,
        LastAuthenticatedEntity: `arn:aws:iam::${t.accountId}:role/worker`,
      }),
    ]);
  });

  it('pages with MaxItems and Marker', async () => {
    const { jobId } = await report(`arn:aws:iam::${t.accountId}:user/alice`);
    const { iam } = seeded.admin;
    const first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 3 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 3, Marker: first.Marker }),
    );
    expect(second.IsTruncated).toBe(false);
    expect([...first.ServicesLastAccessed!, ...second.ServicesLastAccessed!].map((s) => s.ServiceNamespace)).toEqual([
      'dynamodb',
      'ec2',
      'iam',
      's3',
      'sts',
    ]);
  });

  it('answers NoSuchEntity for unknown and expired job ids, unknown entities and callers without permission', async () => {
    const { iam } = seeded.admin;
    const { jobId } = await report(`arn:aws:iam::${t.accountId}:role/worker`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await failure(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: unknown })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
    expect(
      await failure(
        iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${t.accountId}:role/nobody` })),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException' });
    expect(
      await failure(seeded.alice.iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }))),
    ).toMatchObject({ name: 'AccessDenied' });
    // A day later (the client's clock moved with the server's, so its signatures stay fresh) the id is gone.
    t.clock.advance(24 * 60 * 60 * 1000);
    const later = new IAMClient({
      endpoint: t.endpoint,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
      systemClockOffset: t.clock.offsetMs,
    });
    expect(await failure(later.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('service last accessed with auditing off', () => {
  it('lists the allowed services as not accessed rather than guessing', async () => {
    const t = await startTestApp({ 'audit.enabled': false });
    try {
      const seeded = await seed(t);
      await act(t, seeded);
      const { iam } = seeded.admin;
      const { JobId } = await iam.send(
        new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${t.accountId}:user/alice` }),
      );
      const details = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
      expect(details.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual([
        'dynamodb',
        'ec2',
        'iam',
        's3',
        'sts',
      ]);
      for (const service of details.ServicesLastAccessed!) {
        expect(service.TotalAuthenticatedEntities).toBe(0);
        expect(service.LastAuthenticated).toBeUndefined();
      }
    } finally {
      await t.app.close();
    }
  });
});

const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3 (python3-boto3)', requireAll());

describe('service last accessed with the AWS CLI v2 and boto3', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    await act(t, await seed(t));
    dir = mkdtempSync(join(tmpdir(), 'iamd-last-accessed-'));
  });
  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    ...isolatedCliEnv(dir, t.root.accessKeyId, t.root.secretAccessKey),
  });

  it.skipIf(!cli)('generates and reads a report', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const aws = async (...args: string[]) => {
      const { stdout } = await run(cli!.path, ['--endpoint-url', t.endpoint, '--output', 'json', 'iam', ...args], {
        env: env(),
        cwd: dir,
      });
      return JSON.parse(stdout);
    };
    const policy = `arn:aws:iam::${t.accountId}:policy/lister`;
    const { JobId } = await aws(
      'generate-service-last-accessed-details',
      '--arn',
      policy,
      '--granularity',
      'ACTION_LEVEL',
    );
    const details = await aws('get-service-last-accessed-details', '--job-id', JobId);
    expect(details).toMatchObject({ JobStatus: 'COMPLETED', JobType: 'ACTION_LEVEL' });
    expect(details.ServicesLastAccessed).toEqual([
      expect.objectContaining({ ServiceNamespace: 's3', TotalAuthenticatedEntities: 2 }),
    ]);
    const entities = await aws(
      'get-service-last-accessed-details-with-entities',
      '--job-id',
      JobId,
      '--service-namespace',
      's3',
    );
    expect(entities.EntityDetailsList.map((e: { EntityInfo: { Name: string } }) => e.EntityInfo.Name)).toEqual([
      'worker',
      'alice',
    ]);
  });

  it.skipIf(!python)('generates and reads a report with boto3', async () => {
    const script = new URL('./iam_last_accessed_boto3.py', import.meta.url).pathname;
    const { stdout } = await run(
      python!.path,
      [script, t.endpoint, t.root.accessKeyId, t.root.secretAccessKey, `arn:aws:iam::${t.accountId}:user/alice`],
      { env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' } },
    );
    const out = JSON.parse(stdout);
    expect(out.status).toBe('COMPLETED');
    expect(out.namespaces).toEqual(['dynamodb', 'ec2', 'iam', 's3', 'sts']);
    expect(out.s3_entities).toEqual([['USER', 'alice', true]]);
    expect(out.unknown_job).toBe('NoSuchEntity');
  });
});
