/**
 * Every STS validation limit at its bound, just inside it and just outside it, through the JS SDK v3 over a socket
 * (the SDK does not validate lengths or ranges itself, so each request reaches iamd as written). Bounds come from
 * the STS model (models/sts) and the IAM User Guide's "IAM and AWS STS quotas"; the packed-policy bound is iamd's
 * documented rule (docs/sts.md, "Packed policy size").
 */

import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  DecodeAuthorizationMessageCommand,
  GetAccessKeyInfoCommand,
  GetFederationTokenCommand,
  type GetFederationTokenCommandInput,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument, type Credentials } from '../support/aws-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let root: ReturnType<typeof clientsFor>;
let user: ReturnType<typeof clientsFor>;
const policyArns: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  root = clientsFor(t, t.root);
  const trust = policyDocument({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${t.accountId}:root` },
    Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
  });
  await root.iam.send(new CreateRoleCommand({ RoleName: 'std', AssumeRolePolicyDocument: trust }));
  await root.iam.send(
    new CreateRoleCommand({ RoleName: 'wide', AssumeRolePolicyDocument: trust, MaxSessionDuration: 43200 }),
  );
  for (let i = 0; i < 11; i++) {
    const created = await root.iam.send(
      new CreatePolicyCommand({
        PolicyName: `p${i}`,
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
      }),
    );
    policyArns.push(created.Policy!.Arn!);
  }
  await root.iam.send(new CreateUserCommand({ UserName: 'dana' }));
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName: 'dana',
      PolicyName: 'federate',
      PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: '*' }),
    }),
  );
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: 'dana' }))).AccessKey!;
  user = clientsFor(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } as Credentials);
});

afterAll(async () => {
  await t?.app.close();
});

type Expectation = 'ok' | { readonly code: string; readonly message: RegExp };
/** The model validation message for a bound, as STS words it. */
const bound = (what: 'length' | 'value', side: 'greater' | 'less', n: number) => ({
  code: 'ValidationError',
  message: new RegExp(`Member must have ${what} ${side} than or equal to ${n}`),
});
const lengthAtLeast = (n: number) => bound('length', 'greater', n);
const lengthAtMost = (n: number) => bound('length', 'less', n);
const valueAtLeast = (n: number) => bound('value', 'greater', n);
const valueAtMost = (n: number) => bound('value', 'less', n);
const pattern = { code: 'ValidationError', message: /Member must satisfy regular expression pattern/ };

async function outcome(send: Promise<unknown>, expected: Expectation): Promise<void> {
  if (expected === 'ok') {
    const result = await send.then(
      () => 'ok',
      (error: Error) => `${error.name}: ${error.message}`,
    );
    expect(result).toBe('ok');
    return;
  }
  const error = await failure(send);
  expect({ code: error.name, message: error.message }).toMatchObject({ code: expected.code });
  expect(error.message).toMatch(expected.message);
}

const role = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;
const assume = (input: Partial<AssumeRoleCommandInput>) =>
  root.sts.send(new AssumeRoleCommand({ RoleArn: role('std'), RoleSessionName: 'limits', ...input }));
/** A valid policy document of exactly `length` characters, none of them whitespace. */
const policyOfLength = (length: number) => {
  const prefix = 'arn:aws:s3:::';
  const shell = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: prefix }],
  });
  return shell.replace(`"${prefix}"`, `"${prefix}${'a'.repeat(length - shell.length)}"`);
};
const tags = (count: number, key = (i: number) => `k${i}`, value = () => 'v') =>
  Array.from({ length: count }, (_, i) => ({ Key: key(i), Value: value() }));

/** Stands for the 12-hour role's ARN in the case table, which is built before the account exists. */
const WIDE = 'role:wide';

describe('AssumeRole limits', () => {
  const cases: Array<[string, Partial<AssumeRoleCommandInput>, Expectation]> = [
    ['RoleSessionName of 2 characters', { RoleSessionName: 'ab' }, 'ok'],
    ['RoleSessionName of 1 character', { RoleSessionName: 'a' }, lengthAtLeast(2)],
    ['RoleSessionName of 64 characters', { RoleSessionName: 'a'.repeat(64) }, 'ok'],
    ['RoleSessionName of 65 characters', { RoleSessionName: 'a'.repeat(65) }, lengthAtMost(64)],
    ['RoleSessionName with every allowed symbol', { RoleSessionName: 'a_+=,.@-Z9' }, 'ok'],
    ['RoleSessionName with a space', { RoleSessionName: 'a b' }, pattern],
    ['DurationSeconds 900', { DurationSeconds: 900 }, 'ok'],
    ['DurationSeconds 899', { DurationSeconds: 899 }, valueAtLeast(900)],
    ['DurationSeconds at the role maximum (3600)', { DurationSeconds: 3600 }, 'ok'],
    [
      'DurationSeconds one over the role maximum',
      { DurationSeconds: 3601 },
      { code: 'ValidationError', message: /exceeds the MaxSessionDuration set for this role/ },
    ],
    ['DurationSeconds 43200 on a 12-hour role', { RoleArn: WIDE, DurationSeconds: 43200 }, 'ok'],
    ['DurationSeconds 43201 on a 12-hour role', { RoleArn: WIDE, DurationSeconds: 43201 }, valueAtMost(43200)],
    ['ExternalId of 2 characters', { ExternalId: 'ab' }, 'ok'],
    ['ExternalId of 1 character', { ExternalId: 'a' }, lengthAtLeast(2)],
    ['ExternalId of 1224 characters', { ExternalId: 'a'.repeat(1224) }, 'ok'],
    ['ExternalId of 1225 characters', { ExternalId: 'a'.repeat(1225) }, lengthAtMost(1224)],
    ['ExternalId with : and /', { ExternalId: 'urn:a/b' }, 'ok'],
    ['ExternalId with a space', { ExternalId: 'a b' }, pattern],
    ['SourceIdentity of 2 characters', { SourceIdentity: 'ab' }, 'ok'],
    ['SourceIdentity of 1 character', { SourceIdentity: 'a' }, lengthAtLeast(2)],
    ['SourceIdentity of 64 characters', { SourceIdentity: 'a'.repeat(64) }, 'ok'],
    ['SourceIdentity of 65 characters', { SourceIdentity: 'a'.repeat(65) }, lengthAtMost(64)],
    ['RoleArn of 19 characters', { RoleArn: 'arn:aws:iam::1:role' }, lengthAtLeast(20)],
    ['RoleArn of 2049 characters', { RoleArn: `arn:aws:iam::${'1'.repeat(2036)}` }, lengthAtMost(2048)],
    ['SerialNumber of 8 characters', { SerialNumber: 'a'.repeat(8), TokenCode: '123456' }, lengthAtLeast(9)],
    ['SerialNumber of 257 characters', { SerialNumber: 'a'.repeat(257), TokenCode: '123456' }, lengthAtMost(256)],
    ['TokenCode of 5 digits', { SerialNumber: 'arn:aws:iam::1:mfa/x', TokenCode: '12345' }, lengthAtLeast(6)],
    ['TokenCode of 7 digits', { SerialNumber: 'arn:aws:iam::1:mfa/x', TokenCode: '1234567' }, lengthAtMost(6)],
    ['TokenCode with a letter', { SerialNumber: 'arn:aws:iam::1:mfa/x', TokenCode: '12345a' }, pattern],
    ['Policy of 2048 characters', { Policy: policyOfLength(2048) }, 'ok'],
    [
      'Policy of 2049 characters',
      { Policy: policyOfLength(2049) },
      { code: 'PackedPolicyTooLargeException', message: /Packed policy consumes 101% of allotted space/ },
    ],
    ['10 PolicyArns', { PolicyArns: [] }, 'ok'],
    // AWS documents the limit of 10 but not its error; iamd answers InvalidParameterValue (docs/sts.md).
    ['11 PolicyArns', { PolicyArns: [] }, { code: 'InvalidParameterValue', message: /10/ }],
    ['50 Tags', { Tags: tags(50) }, 'ok'],
    ['51 Tags', { Tags: tags(51) }, lengthAtMost(50)],
    ['a tag key of 128 characters', { Tags: [{ Key: 'k'.repeat(128), Value: 'v' }] }, 'ok'],
    ['a tag key of 129 characters', { Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }, lengthAtMost(128)],
    ['an empty tag key', { Tags: [{ Key: '', Value: 'v' }] }, lengthAtLeast(1)],
    ['a tag value of 256 characters', { Tags: [{ Key: 'k', Value: 'v'.repeat(256) }] }, 'ok'],
    ['a tag value of 257 characters', { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, lengthAtMost(256)],
    ['an empty tag value', { Tags: [{ Key: 'k', Value: '' }] }, 'ok'],
    ['a tag key with a comma', { Tags: [{ Key: 'a,b', Value: 'v' }] }, pattern],
    ['50 TransitiveTagKeys', { Tags: tags(50), TransitiveTagKeys: tags(50).map((tag) => tag.Key) }, 'ok'],
    [
      '51 TransitiveTagKeys',
      { Tags: tags(50), TransitiveTagKeys: [...tags(50).map((tag) => tag.Key), 'k50'] },
      lengthAtMost(50),
    ],
    // Eight tags of a 128-character key and a 128-character value are exactly 2,048 packed characters.
    [
      'tags at the packed limit',
      {
        Tags: tags(
          8,
          (i) => `${i}`.padStart(128, 'k'),
          () => 'v'.repeat(128),
        ),
      },
      'ok',
    ],
    [
      'tags one character over the packed limit',
      {
        Tags: [
          ...tags(
            7,
            (i) => `${i}`.padStart(128, 'k'),
            () => 'v'.repeat(128),
          ),
          { Key: 'k'.repeat(128), Value: 'v'.repeat(129) },
        ],
      },
      { code: 'PackedPolicyTooLargeException', message: /Packed policy consumes 101% of allotted space/ },
    ],
  ];
  it.each(cases)('%s', async (label, input, expected) => {
    const resolved = { ...input, ...(input.RoleArn === WIDE ? { RoleArn: role('wide') } : {}) };
    if (label.endsWith('PolicyArns')) {
      resolved.PolicyArns = policyArns.slice(0, Number.parseInt(label, 10)).map((arn) => ({ arn }));
    }
    await outcome(assume(resolved), expected);
  });
});

describe('GetSessionToken limits', () => {
  it.each([
    [900, 'ok'],
    [899, valueAtLeast(900)],
    [129600, 'ok'],
    [129601, valueAtMost(129600)],
  ] as Array<[number, Expectation]>)('DurationSeconds %i for a user', async (DurationSeconds, expected) => {
    await outcome(user.sts.send(new GetSessionTokenCommand({ DurationSeconds })), expected);
  });

  it('caps the root user at one hour rather than refusing a longer DurationSeconds, as AWS documents', async () => {
    for (const DurationSeconds of [3600, 3601, 129600]) {
      const issued = (await root.sts.send(new GetSessionTokenCommand({ DurationSeconds }))).Credentials!;
      const seconds = (issued.Expiration!.getTime() - t.clock.now().getTime()) / 1000;
      expect(seconds).toBeGreaterThan(3590);
      expect(seconds).toBeLessThanOrEqual(3600);
    }
  });
});

describe('GetFederationToken limits', () => {
  const federate = (input: Partial<GetFederationTokenCommandInput>) =>
    user.sts.send(new GetFederationTokenCommand({ Name: 'fed', ...input }));
  it.each([
    ['Name of 2 characters', { Name: 'ab' }, 'ok'],
    ['Name of 1 character', { Name: 'a' }, lengthAtLeast(2)],
    ['Name of 32 characters', { Name: 'a'.repeat(32) }, 'ok'],
    ['Name of 33 characters', { Name: 'a'.repeat(33) }, lengthAtMost(32)],
    ['DurationSeconds 900', { DurationSeconds: 900 }, 'ok'],
    ['DurationSeconds 899', { DurationSeconds: 899 }, valueAtLeast(900)],
    ['DurationSeconds 129600', { DurationSeconds: 129600 }, 'ok'],
    ['DurationSeconds 129601', { DurationSeconds: 129601 }, valueAtMost(129600)],
    ['Policy of 2048 characters', { Policy: policyOfLength(2048) }, 'ok'],
    ['Policy of 2049 characters', { Policy: policyOfLength(2049) }, lengthAtMost(2048)],
  ] as Array<[string, Partial<GetFederationTokenCommandInput>, Expectation]>)('%s', async (_label, input, expected) => {
    await outcome(federate(input), expected);
  });
});

describe('GetAccessKeyInfo and DecodeAuthorizationMessage limits', () => {
  const unknownKey = { code: 'InvalidParameterValue', message: /^The access key ID AKIA\w+ is not valid\.$/ };
  it.each([
    // Past validation, an id that encodes no account and is not one of iamd's keys is InvalidParameterValue.
    ['AccessKeyId of 16 characters', 'AKIAAAAAAAAAAAAA', unknownKey],
    ['AccessKeyId of 15 characters', 'AKIAAAAAAAAAAAA', lengthAtLeast(16)],
    ['AccessKeyId of 128 characters', `AKIA${'A'.repeat(124)}`, unknownKey],
    ['AccessKeyId of 129 characters', `AKIA${'A'.repeat(125)}`, lengthAtMost(128)],
  ] as Array<[string, string, Expectation]>)('%s', async (_label, AccessKeyId, expected) => {
    await outcome(root.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId })), expected);
  });

  it.each([
    ['EncodedMessage of 10240 characters', 10240, { code: 'InvalidAuthorizationMessageException', message: /./ }],
    ['EncodedMessage of 10241 characters', 10241, lengthAtMost(10240)],
  ] as Array<[string, number, Expectation]>)('%s', async (_label, length, expected) => {
    await outcome(
      root.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'a'.repeat(length) })),
      expected,
    );
  });
});
