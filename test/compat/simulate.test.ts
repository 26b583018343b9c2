/**
 * The IAM policy simulator (SimulateCustomPolicy, SimulatePrincipalPolicy) through the JS SDK v3 and the AWS CLI v2,
 * the way users script policy tests against AWS.
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, missingTool } from '../support/tools.js';

const run = promisify(execFile);
let t: TestApp;
let iam: IAMClient;

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement }, null, 2);
const readBucket = doc(
  { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::demo' },
  { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo/*' },
);

beforeAll(async () => {
  t = await startTestApp();
  iam = new IAMClient({ endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 });
});
afterAll(async () => {
  await t?.app.close();
});

describe('SimulateCustomPolicy', () => {
  it('decides each action and resource, naming the deciding statement and its position', async () => {
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [readBucket],
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::demo/key'],
      }),
    );
    const [get, put] = out.EvaluationResults!;
    expect(get).toMatchObject({
      EvalActionName: 's3:GetObject',
      EvalResourceName: 'arn:aws:s3:::demo/key',
      EvalDecision: 'allowed',
    });
    expect(get!.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'PolicyInputList.1',
        SourcePolicyType: 'none',
        StartPosition: { Line: 10, Column: 5 },
        EndPosition: { Line: 15, Column: 5 },
      },
    ]);
    expect(put).toMatchObject({ EvalActionName: 's3:PutObject', EvalDecision: 'implicitDeny', MatchedStatements: [] });
    expect(out.IsTruncated).toBe(false);
  });

  it('reports missing context keys and uses the ContextEntries given', async () => {
    const fenced = doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:SecureTransport': 'true' } },
    });
    const without = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [fenced], ActionNames: ['s3:GetObject'] }),
    );
    expect(without.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');
    // The engine stops at the first condition that fails, so it reports the first missing key it needed.
    expect(without.EvaluationResults?.[0]?.MissingContextValues).toContain('aws:sourceip');
    const within = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [fenced],
        ActionNames: ['s3:GetObject'],
        ContextEntries: [
          { ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.1.2.3'] },
          { ContextKeyName: 'aws:SecureTransport', ContextKeyType: 'boolean', ContextKeyValues: ['true'] },
        ],
      }),
    );
    expect(within.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });

  it('applies an explicit deny, a permissions boundary and a resource policy', async () => {
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [
          doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
          doc({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }),
        ],
        PermissionsBoundaryPolicyInputList: [
          doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: '*' }),
        ],
        ActionNames: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      }),
    );
    expect(
      out.EvaluationResults?.map((r) => [
        r.EvalActionName,
        r.EvalDecision,
        r.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary,
      ]),
    ).toEqual([
      ['s3:GetObject', 'allowed', true],
      ['s3:PutObject', 'implicitDeny', false],
      ['s3:DeleteObject', 'explicitDeny', true],
    ]);
    expect(out.EvaluationResults?.[2]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('PolicyInputList.2');

    const viaResource = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' })],
        ResourcePolicy: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.accountId}:user/alice` },
          Action: 's3:GetObject',
          Resource: '*',
        }),
        CallerArn: `arn:aws:iam::${t.accountId}:user/alice`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::demo/k'],
      }),
    );
    expect(viaResource.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' }],
    });
  });

  it('rejects a malformed input policy and a resource policy without a caller', async () => {
    await expect(
      iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Statement":['], ActionNames: ['s3:GetObject'] })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [readBucket],
          ResourcePolicy: readBucket,
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });
});

describe('SimulatePrincipalPolicy', () => {
  it('simulates the stored policies of a role, with exclusions and extra input policies', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'sim-role',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'sim-read', PolicyDocument: readBucket }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'sim-role', PolicyArn: managed.Policy!.Arn! }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'sim-role',
        PolicyName: 'no-deletes',
        PolicyDocument: doc({ Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }),
      }),
    );
    const roleArn = `arn:aws:iam::${t.accountId}:role/sim-role`;
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        ActionNames: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::demo/k'],
      }),
    );
    expect(
      out.EvaluationResults?.map((r) => [
        r.EvalDecision,
        r.MatchedStatements?.[0]?.SourcePolicyId,
        r.MatchedStatements?.[0]?.SourcePolicyType,
      ]),
    ).toEqual([
      ['allowed', 'sim-read', 'user-managed'],
      ['explicitDeny', 'no-deletes', 'role'],
      ['implicitDeny', undefined, undefined],
    ]);
    const excluded = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        PolicyExclusionList: [{ PolicyArn: managed.Policy!.Arn! }],
        PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' })],
        ActionNames: ['s3:GetObject', 's3:PutObject'],
        ResourceArns: ['arn:aws:s3:::demo/k'],
      }),
    );
    expect(excluded.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['implicitDeny', 'allowed']);
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${t.accountId}:role/none`,
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());

describe.skipIf(!cli)('aws iam simulate-custom-policy', () => {
  it('prints the decision the way scripts read it', async () => {
    const { stdout } = await run(
      cli!.path,
      [
        '--endpoint-url',
        t.endpoint,
        '--output',
        'json',
        'iam',
        'simulate-custom-policy',
        '--policy-input-list',
        readBucket,
        '--action-names',
        's3:GetObject',
        's3:PutObject',
        '--resource-arns',
        'arn:aws:s3:::demo/key',
        '--query',
        'EvaluationResults[].[EvalActionName,EvalDecision]',
      ],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: '/nonexistent',
          AWS_ACCESS_KEY_ID: t.root.accessKeyId,
          AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );
    expect(JSON.parse(stdout)).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
  });
});
