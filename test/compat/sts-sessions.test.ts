/**
 * STS sessions beyond plain AssumeRole, with the JS SDK v3: GetSessionToken, GetFederationToken (no permissions
 * without a session policy), GetAccessKeyInfo, role chaining (one-hour cap, transitive tags, source identity).
 */

import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  AssumeRoleCommand,
  DecodeAuthorizationMessageCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { failure } from '../support/aws-clients.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
let t: TestApp;
const clients = (credentials: Credentials) => {
  const common = { endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
};
const fromSts = (
  c:
    | { AccessKeyId?: string | undefined; SecretAccessKey?: string | undefined; SessionToken?: string | undefined }
    | undefined,
): Credentials => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

let dana: Credentials;

beforeAll(async () => {
  t = await startTestApp();
  const admin = clients(t.root);
  await admin.iam.send(new CreateUserCommand({ UserName: 'dana' }));
  const key = await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'dana' }));
  dana = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  await admin.s3.send(new CreateBucketCommand({ Bucket: 'sts-sessions' }));
  for (const [name, trust] of [
    [
      'first',
      doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      }),
    ],
    [
      'second',
      doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${t.accountId}:role/first` },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:PrincipalTag/project': 'apollo' } },
      }),
    ],
  ] as const) {
    await admin.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  }
  await admin.iam.send(
    new PutRolePolicyCommand({
      RoleName: 'first',
      PolicyName: 'chain',
      PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
    }),
  );
});
afterAll(async () => {
  await t?.app.close();
});

describe('GetSessionToken', () => {
  it('gives a user temporary credentials that act as the user, and refuses IAM without MFA', async () => {
    const out = await clients(dana).sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const session = clients(fromSts(out.Credentials));
    const id = await session.sts.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(`arn:aws:iam::${t.accountId}:user/dana`);
    const iamError = await failure(session.iam.send(new GetRoleCommand({ RoleName: 'first' })));
    expect(iamError.name).toBe('AccessDenied');
    expect(iamError.message).toContain('GetSessionToken sessions created without MFA cannot call IAM');
    const again = await failure(session.sts.send(new GetSessionTokenCommand({})));
    expect(again.message).toContain('Cannot call GetSessionToken with session credentials');
  });

  it('refuses an MFA code it cannot verify', async () => {
    const error = await failure(
      clients(dana).sts.send(
        new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${t.accountId}:mfa/dana`, TokenCode: '123456' }),
      ),
    );
    expect(error.name).toBe('AccessDenied');
  });
});

describe('GetFederationToken', () => {
  it('needs sts:GetFederationToken, and a federated user without a session policy can do nothing', async () => {
    const root = clients(t.root);
    const out = await root.sts.send(new GetFederationTokenCommand({ Name: 'fed-user' }));
    expect(out.FederatedUser).toEqual({
      FederatedUserId: `${t.accountId}:fed-user`,
      Arn: `arn:aws:sts::${t.accountId}:federated-user/fed-user`,
    });
    const fed = clients(fromSts(out.Credentials));
    expect((await fed.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${t.accountId}:federated-user/fed-user`,
    );
    const denied = await failure(fed.s3.send(new ListObjectsV2Command({ Bucket: 'sts-sessions' })));
    expect(denied.message).toMatch(/because no session policy allows the s3:ListBucket action$/);
    expect((await failure(fed.iam.send(new GetRoleCommand({ RoleName: 'first' })))).message).toContain(
      'cannot call IAM',
    );

    const scoped = await root.sts.send(
      new GetFederationTokenCommand({
        Name: 'reader',
        Policy: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }),
      }),
    );
    await expect(
      clients(fromSts(scoped.Credentials)).s3.send(new ListObjectsV2Command({ Bucket: 'sts-sessions' })),
    ).resolves.toBeDefined();
    expect((await failure(clients(dana).sts.send(new GetFederationTokenCommand({ Name: 'nope' })))).name).toBe(
      'AccessDenied',
    );
  });
});

describe('GetAccessKeyInfo', () => {
  it('decodes the account from the key id', async () => {
    const out = await clients(t.root).sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: dana.accessKeyId }));
    expect(out.Account).toBe(t.accountId);
    const other = await clients(t.root).sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }));
    expect(other.Account).toBe('609629065308');
  });
});

describe('role chaining', () => {
  it('carries transitive tags, caps the duration at one hour and keeps the source identity', async () => {
    const root = clients(t.root);
    const first = await root.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${t.accountId}:role/first`,
        RoleSessionName: 'one',
        Tags: [
          { Key: 'project', Value: 'apollo' },
          { Key: 'cost', Value: 'x' },
        ],
        TransitiveTagKeys: ['project'],
      }),
    );
    const chained = clients(fromSts(first.Credentials));
    const secondArn = `arn:aws:iam::${t.accountId}:role/second`;
    const tooLong = await failure(
      chained.sts.send(new AssumeRoleCommand({ RoleArn: secondArn, RoleSessionName: 'two', DurationSeconds: 7200 })),
    );
    expect(tooLong.message).toContain('1 hour session limit for roles assumed by role chaining');
    // The trust policy of `second` requires aws:PrincipalTag/project = apollo, which only the transitive tag gives.
    const second = await chained.sts.send(new AssumeRoleCommand({ RoleArn: secondArn, RoleSessionName: 'two' }));
    expect(second.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${t.accountId}:assumed-role/second/two`);
    const clash = await failure(
      chained.sts.send(
        new AssumeRoleCommand({
          RoleArn: secondArn,
          RoleSessionName: 'three',
          Tags: [{ Key: 'Project', Value: 'other' }],
        }),
      ),
    );
    expect(clash.name).toBe('InvalidParameterValue');
  });

  it('refuses ProvidedContexts instead of ignoring them', async () => {
    const error = await failure(
      clients(t.root).sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${t.accountId}:role/first`,
          RoleSessionName: 'ctx',
          ProvidedContexts: [
            { ProviderArn: 'arn:aws:iam::aws:contextProvider/IdentityCenter', ContextAssertion: 'abcd' },
          ],
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('refuses a TransitiveTagKeys entry that is not a passed tag', async () => {
    const error = await failure(
      clients(t.root).sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${t.accountId}:role/first`,
          RoleSessionName: 'bad',
          Tags: [{ Key: 'a', Value: 'b' }],
          TransitiveTagKeys: ['z'],
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValue');
  });
});

describe('DecodeAuthorizationMessage', () => {
  it('decodes the message a denial carries when the client asks for one, for callers of the same account', async () => {
    const s3 = clients(dana).s3;
    s3.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-iamd-encode-authorization-message'] = 'true';
        return next(args);
      },
      { step: 'build' },
    );
    const denied = await failure(s3.send(new ListObjectsV2Command({ Bucket: 'sts-sessions' })));
    const encoded = /Encoded authorization failure message: (\S+)$/.exec(denied.message)?.[1];
    expect(encoded).toBeDefined();
    const decoded = await clients(t.root).sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded! }));
    const message = JSON.parse(decoded.DecodedMessage!);
    expect(message).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: {
        principal: { name: 'dana', arn: `arn:aws:iam::${t.accountId}:user/dana` },
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::sts-sessions',
      },
    });
    expect(message.context.conditions.items).toContainEqual({
      key: 'aws:username',
      values: { items: [{ value: 'dana' }] },
    });
    // dana has no permission to decode; a tampered message is invalid.
    expect(
      (await failure(clients(dana).sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded! })))).name,
    ).toBe('AccessDenied');
    const tampered = `${encoded!.slice(0, -2)}${encoded!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(
      (await failure(clients(t.root).sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: tampered }))))
        .name,
    ).toBe('InvalidAuthorizationMessageException');
  });
});

describe('MFA on STS calls', () => {
  it('GetSessionToken and AssumeRole accept the current code of the user device once, and trust policies see it', async () => {
    const { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } = await import('@aws-sdk/client-iam');
    const { Secret, TOTP } = await import('otpauth');
    const admin = clients(t.root);
    await admin.iam.send(new CreateUserCommand({ UserName: 'mfa-user' }));
    const key = await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'mfa-user' }));
    const user = clients({
      accessKeyId: key.AccessKey!.AccessKeyId!,
      secretAccessKey: key.AccessKey!.SecretAccessKey!,
    });
    const device = (await admin.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-phone' })))
      .VirtualMFADevice!;
    const app = new TOTP({ secret: Secret.fromBase32(Buffer.from(device.Base32StringSeed!).toString('ascii')) });
    const now = () => t.clock.now().getTime();
    await admin.iam.send(
      new EnableMFADeviceCommand({
        UserName: 'mfa-user',
        SerialNumber: device.SerialNumber,
        AuthenticationCode1: app.generate({ timestamp: now() - 60_000 }),
        AuthenticationCode2: app.generate({ timestamp: now() - 30_000 }),
      }),
    );
    const code = app.generate({ timestamp: now() });
    const session = await user.sts.send(
      new GetSessionTokenCommand({ SerialNumber: device.SerialNumber, TokenCode: code }),
    );
    const mfaSession = clients(fromSts(session.Credentials));
    // With MFA the IAM call reaches the policies (which deny it) instead of the session restriction.
    const iamError = await failure(mfaSession.iam.send(new GetRoleCommand({ RoleName: 'first' })));
    expect(iamError.message).toContain('because no identity-based policy allows the iam:GetRole action');
    // The same code cannot be used twice.
    const replay = await failure(
      user.sts.send(new GetSessionTokenCommand({ SerialNumber: device.SerialNumber, TokenCode: code })),
    );
    expect(replay.name).toBe('AccessDenied');

    // A role that requires MFA in its trust policy.
    await admin.iam.send(
      new CreateRoleCommand({
        RoleName: 'needs-mfa',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.accountId}:user/mfa-user` },
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      }),
    );
    const roleArn = `arn:aws:iam::${t.accountId}:role/needs-mfa`;
    expect(
      (await failure(user.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-mfa' })))).name,
    ).toBe('AccessDenied');
    const wrong = String((Number(app.generate({ timestamp: now() + 120_000 })) + 1) % 1_000_000).padStart(6, '0');
    expect(
      (
        await failure(
          user.sts.send(
            new AssumeRoleCommand({
              RoleArn: roleArn,
              RoleSessionName: 'bad',
              SerialNumber: device.SerialNumber,
              TokenCode: wrong,
            }),
          ),
        )
      ).name,
    ).toBe('AccessDenied');
    const next = app.generate({ timestamp: now() + 30_000 });
    const assumed = await user.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'with-mfa',
        SerialNumber: device.SerialNumber,
        TokenCode: next,
      }),
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${t.accountId}:assumed-role/needs-mfa/with-mfa`);
  });
});
