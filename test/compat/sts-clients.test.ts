/**
 * STS as the SDKs' own credential helpers use it: the JS SDK v3 `fromTemporaryCredentials` (chained three roles
 * deep, with transitive tags), the region of the endpoint as `aws:RequestedRegion`, and the "revoke older sessions"
 * deny on `aws:TokenIssueTime` taking effect at once.
 */

import { CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let iam: IAMClient;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const role = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;

beforeAll(async () => {
  t = await startTestApp();
  iam = new IAMClient({ endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 });
  const trusts: Record<string, object> = {
    hop1: {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
    hop2: { Effect: 'Allow', Principal: { AWS: role('hop1') }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    hop3: {
      Effect: 'Allow',
      Principal: { AWS: role('hop2') },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
    },
    regional: {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    },
  };
  for (const [name, statement] of Object.entries(trusts)) {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc(statement) }));
  }
  for (const name of ['hop1', 'hop2']) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'chain',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:*', Resource: '*' }),
      }),
    );
  }
});
afterAll(async () => {
  await t?.app.close();
});

const clientConfig = (region = 'us-east-1') => ({ endpoint: t.endpoint, region, maxAttempts: 1 });

describe('fromTemporaryCredentials', () => {
  it('chains three roles deep, carrying the transitive tag the last trust policy requires', async () => {
    const hop1 = fromTemporaryCredentials({
      masterCredentials: t.root,
      params: {
        RoleArn: role('hop1'),
        RoleSessionName: 'one',
        Tags: [{ Key: 'team', Value: 'blue' }],
        TransitiveTagKeys: ['team'],
      },
      clientConfig: clientConfig(),
    });
    const hop2 = fromTemporaryCredentials({
      masterCredentials: hop1,
      params: { RoleArn: role('hop2'), RoleSessionName: 'two' },
      clientConfig: clientConfig(),
    });
    const hop3 = fromTemporaryCredentials({
      masterCredentials: hop2,
      params: { RoleArn: role('hop3'), RoleSessionName: 'three' },
      clientConfig: clientConfig(),
    });
    const id = await new STSClient({ ...clientConfig(), credentials: hop3 }).send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(`arn:aws:sts::${t.accountId}:assumed-role/hop3/three`);
    // The sessions' requests keep RoleLastUsed current (recorded in the background, so look a few times).
    let lastUsed: { LastUsedDate?: Date | undefined; Region?: string | undefined } | undefined;
    for (let i = 0; i < 20 && !lastUsed?.LastUsedDate; i += 1) {
      lastUsed = (await iam.send(new GetRoleCommand({ RoleName: 'hop2' }))).Role?.RoleLastUsed;
    }
    expect(lastUsed?.Region).toBe('us-east-1');
    expect(lastUsed?.LastUsedDate).toBeInstanceOf(Date);

    const untagged = fromTemporaryCredentials({
      masterCredentials: fromTemporaryCredentials({
        masterCredentials: fromTemporaryCredentials({
          masterCredentials: t.root,
          params: { RoleArn: role('hop1'), RoleSessionName: 'one' },
          clientConfig: clientConfig(),
        }),
        params: { RoleArn: role('hop2'), RoleSessionName: 'two' },
        clientConfig: clientConfig(),
      }),
      params: { RoleArn: role('hop3'), RoleSessionName: 'three' },
      clientConfig: clientConfig(),
    });
    await expect(
      new STSClient({ ...clientConfig(), credentials: untagged }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('sees the region of the endpoint as aws:RequestedRegion', async () => {
    const inEu = fromTemporaryCredentials({
      masterCredentials: t.root,
      params: { RoleArn: role('regional'), RoleSessionName: 'eu' },
      clientConfig: clientConfig('eu-west-1'),
    });
    await expect(
      new STSClient({ ...clientConfig('eu-west-1'), credentials: inEu }).send(new GetCallerIdentityCommand({})),
    ).resolves.toBeDefined();
    const inUs = fromTemporaryCredentials({
      masterCredentials: t.root,
      params: { RoleArn: role('regional'), RoleSessionName: 'us' },
      clientConfig: clientConfig(),
    });
    await expect(
      new STSClient({ ...clientConfig(), credentials: inUs }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});

describe('revoking sessions', () => {
  it('a deny on aws:TokenIssueTime cuts off sessions issued before it at once', async () => {
    const session = fromTemporaryCredentials({
      masterCredentials: t.root,
      params: { RoleArn: role('hop1'), RoleSessionName: 'old' },
      clientConfig: clientConfig(),
    });
    const sts = new STSClient({ ...clientConfig(), credentials: session });
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: role('hop2'), RoleSessionName: 'ok' })),
    ).resolves.toBeDefined();
    const cutoff = new Date(t.clock.now().getTime() + 1000).toISOString();
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'hop1',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: doc({
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } },
        }),
      }),
    );
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: role('hop2'), RoleSessionName: 'revoked' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('with an explicit deny in an identity-based policy'),
    });
  });
});
