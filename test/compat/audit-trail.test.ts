/**
 * The audit trail end to end over real sockets with the JS SDK v3: after a scenario that issues every kind of
 * secret, no sink (the database, the JSON Lines file, the logs) holds any of them; fail-closed mode refuses
 * requests whose record cannot be written (and changes nothing while the sink is broken); and `iamd policy
 * generate`'s policy, attached alone to a fresh role, lets the seed scenario's workload run and denies the rest.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts';
import { Secret, TOTP } from 'otpauth';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { generateRolePolicy } from '../../src/cli/policy/generate.js';
import { loadConfig } from '../../src/config/index.js';
import { clientsFor, type Credentials, failure, policyDocument } from '../support/aws-clients.js';
import { BUCKET, ROLE_NAME, trustPolicy } from '../support/scenario.js';
import { MovableClock, startTestApp, type TestApp } from '../support/test-app.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-audit-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const credentialsOf = (
  c:
    | { AccessKeyId?: string | undefined; SecretAccessKey?: string | undefined; SessionToken?: string | undefined }
    | undefined,
) => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

describe('no secret in any sink', () => {
  it('keeps every issued secret out of the database, the audit file and the logs', async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    );
    const config = loadConfig(
      {
        port: 0,
        dataDir: dir,
        imdsPortRange: '0',
        'audit.file': join(dir, 'audit', 'audit.jsonl'),
        'audit.maxFileBytes': 4096,
      },
      {},
    );
    const clock = new MovableClock();
    const app = await startApp({ config, clock, logger });
    const root = { accessKeyId: app.bootstrap.accessKeyId!, secretAccessKey: app.bootstrap.secretAccessKey! };
    const secrets: string[] = [root.secretAccessKey];
    try {
      const admin = clientsFor({ endpoint: app.url }, root);
      await admin.iam.send(new CreateUserCommand({ UserName: 'alice' }));
      const key = await admin.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
      const alice = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
      secrets.push(alice.secretAccessKey);
      await admin.iam.send(
        new PutUserPolicyCommand({
          UserName: 'alice',
          PolicyName: 'federate',
          PolicyDocument: policyDocument({
            Effect: 'Allow',
            Action: ['sts:GetFederationToken', 's3:*'],
            Resource: '*',
          }),
        }),
      );
      const device = await admin.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
      const seed = Buffer.from(device.VirtualMFADevice!.Base32StringSeed!).toString('utf8');
      secrets.push(seed);
      const totp = new TOTP({ secret: Secret.fromBase32(seed) });
      const now = clock.now().getTime();
      const codes = [totp.generate({ timestamp: now - 30_000 }), totp.generate({ timestamp: now })];
      await admin.iam.send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: device.VirtualMFADevice!.SerialNumber!,
          AuthenticationCode1: codes[0]!,
          AuthenticationCode2: codes[1]!,
        }),
      );
      const sessionCode = totp.generate({ timestamp: now + 30_000 });
      secrets.push(sessionCode);
      const aliceClients = clientsFor({ endpoint: app.url }, alice);
      const mfaSession = await aliceClients.sts.send(
        new GetSessionTokenCommand({ SerialNumber: device.VirtualMFADevice!.SerialNumber!, TokenCode: sessionCode }),
      );
      const federated = await aliceClients.sts.send(
        new GetFederationTokenCommand({
          Name: 'bob',
          Policy: policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
        }),
      );
      await admin.iam.send(
        new CreateRoleCommand({ RoleName: ROLE_NAME, AssumeRolePolicyDocument: trustPolicy(app.config.accountId) }),
      );
      const assumed = await admin.sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${app.config.accountId}:role/${ROLE_NAME}`,
          RoleSessionName: 'scan',
        }),
      );
      const sessions: Credentials[] = [mfaSession, federated, assumed].map((out) => credentialsOf(out.Credentials));
      for (const session of sessions) secrets.push(session.secretAccessKey, session.sessionToken!);
      await admin.s3.send(new CreateBucketCommand({ Bucket: 'scanned' }));
      for (const session of sessions) {
        const clients = clientsFor({ endpoint: app.url }, session);
        await clients.sts.send(new GetCallerIdentityCommand({}));
        // Allowed for alice's sessions, denied for the role session (it has no policy): both are recorded.
        await clients.s3
          .send(new PutObjectCommand({ Bucket: 'scanned', Key: 'k', Body: 'body' }))
          .catch(() => undefined);
      }
      // Refused before they run: a wrong secret (on a call carrying passwords), a secret sent as the key id, an
      // unknown action carrying a password. None of what they carry may be recorded.
      const wrongSecret = 'wrongSecretwrongSecretwrongSecret0123456';
      const passwords = ['Login-Passw0rd-scan!', 'Unkn0wn-Acti0n-Passw0rd!'];
      secrets.push(wrongSecret, ...passwords);
      const forged = clientsFor({ endpoint: app.url }, { ...alice, secretAccessKey: wrongSecret });
      expect(
        await failure(forged.iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: passwords[0]! }))),
      ).toMatchObject({ name: 'SignatureDoesNotMatch' });
      // A secret pasted as the key id (its '/' and '+' would break the Authorization header's syntax first).
      const pasted = alice.secretAccessKey.replace(/[^A-Za-z0-9]/g, '');
      secrets.push(pasted);
      const swapped = clientsFor({ endpoint: app.url }, { accessKeyId: pasted, secretAccessKey: 'x' });
      expect(await failure(swapped.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
        name: 'InvalidClientTokenId',
      });
      const unknown = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `Action=NoSuchAction&Version=2010-05-08&Password=${encodeURIComponent(passwords[1]!)}`,
      });
      expect(unknown.status).toBe(400);
      // An instance of the role: the instance metadata endpoint mints its credentials (EC2's AssumeRole).
      await admin.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'scan-profile' }));
      await admin.iam.send(
        new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'scan-profile', RoleName: ROLE_NAME }),
      );
      const reservation = await app.services.ec2.instances.run(
        app.config.accountId,
        { MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'scan-profile' } },
        new Map(),
      );
      const endpoint = app.services.ec2.metadataEndpointOf(reservation.Instances[0]!.InstanceId)!;
      const imdsToken = await (
        await fetch(`${endpoint}/latest/api/token`, {
          method: 'PUT',
          headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '300' },
        })
      ).text();
      const minted = (await (
        await fetch(`${endpoint}/latest/meta-data/iam/security-credentials/${ROLE_NAME}`, {
          headers: { 'x-aws-ec2-metadata-token': imdsToken },
        })
      ).json()) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
      secrets.push(minted.SecretAccessKey, minted.Token, imdsToken);
      await app.services.audit.flush();
      const events = await app.services.auditEvents.lookupAuditEvents({
        accountId: app.config.accountId,
        order: 'oldest',
        limit: 10_000,
      });
      expect(events.length).toBeGreaterThan(15);
      expect(events.map((e) => e.record.eventName)).toEqual(
        expect.arrayContaining([
          'AssumeRole',
          'GetSessionToken',
          'GetFederationToken',
          'CreateAccessKey',
          'EnableMFADevice',
        ]),
      );
      const database = JSON.stringify(events);
      expect(database).toContain(alice.accessKeyId);
      const records = events.map((e) => e.record);
      expect(records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            eventName: 'CreateLoginProfile',
            errorCode: 'SignatureDoesNotMatch',
            userIdentity: { type: 'Unknown', accountId: app.config.accountId, accessKeyId: alice.accessKeyId },
            requestParameters: null,
          }),
          expect.objectContaining({
            eventName: 'GetCallerIdentity',
            errorCode: 'InvalidClientTokenId',
            userIdentity: { type: 'Unknown' },
          }),
          expect.objectContaining({ eventName: 'NoSuchAction', errorCode: 'InvalidAction', requestParameters: null }),
          expect.objectContaining({
            eventName: 'AssumeRole',
            userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
            eventType: 'AwsApiCall',
            responseElements: expect.objectContaining({
              credentials: expect.objectContaining({ accessKeyId: minted.AccessKeyId }),
            }),
          }),
        ]),
      );
      await app.close();
      const files = readdirSync(join(dir, 'audit'));
      expect(files.length).toBeGreaterThan(1);
      const file = files.map((name) => readFileSync(join(dir, 'audit', name), 'utf8')).join('');
      expect(file.trimEnd().split('\n')).toHaveLength(events.length);
      for (const [sink, text] of [
        ['database', database],
        ['file', file],
        ['logs', logs.join('')],
      ] as const) {
        for (const secret of secrets) expect({ sink, found: text.includes(secret) }).toEqual({ sink, found: false });
      }
    } finally {
      await app.close();
    }
  });
});

describe('fail-closed mode', () => {
  it('refuses requests whose record cannot be written, changes nothing meanwhile, and recovers', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const t = await startTestApp({ 'audit.failClosed': true, 'audit.file': join(blocker, 'audit.jsonl') });
    try {
      const admin = clientsFor(t, t.root);
      const refused = await failure(admin.sts.send(new GetCallerIdentityCommand({})));
      expect(refused).toMatchObject({
        name: 'ServiceUnavailable',
        message: 'The request was refused because its audit record could not be written.',
        status: 503,
      });
      const create = new CreateRoleCommand({
        RoleName: 'unrecorded',
        AssumeRolePolicyDocument: trustPolicy(t.accountId),
      });
      expect(await failure(admin.iam.send(create))).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
      expect(await failure(admin.s3.send(new ListBucketsCommand({})))).toMatchObject({ status: 503 });
      await t.app.services.audit.flush();
      rmSync(blocker);
      // The next refusal probes the sinks again; once the probe has written, requests are served.
      expect(await failure(admin.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ status: 503 });
      await t.app.services.audit.flush();
      expect(await failure(admin.iam.send(new GetRoleCommand({ RoleName: 'unrecorded' })))).toMatchObject({
        name: 'NoSuchEntityException',
      });
      const lines = readFileSync(join(blocker, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ eventName: 'GetRole', errorCode: 'NoSuchEntity' });
      expect(t.app.services.audit.stats.failed).toBeGreaterThanOrEqual(1);
    } finally {
      await t.app.close();
    }
  });
});

describe('iamd policy generate after the seed scenario', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.app.close();
  });

  /** The seed scenario's workload: list the bucket, read the object. */
  const workload = async (session: Credentials) => {
    const { s3 } = clientsFor(t, session);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
    return { keys: listed.Contents?.map((o) => o.Key), body: await object.Body!.transformToString() };
  };

  it('yields a policy that alone lets the workload run and denies anything else', async () => {
    t = await startTestApp();
    const admin = clientsFor(t, t.root);
    const roleArn = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;
    await admin.iam.send(
      new CreateRoleCommand({ RoleName: ROLE_NAME, AssumeRolePolicyDocument: trustPolicy(t.accountId) }),
    );
    // "It works with *": the role starts with far more than it needs.
    const broad = await admin.iam.send(
      new CreatePolicyCommand({
        PolicyName: 'everything-s3',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      }),
    );
    await admin.iam.send(new AttachRolePolicyCommand({ RoleName: ROLE_NAME, PolicyArn: broad.Policy!.Arn! }));
    await admin.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await admin.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello from iamd\n' }));
    await admin.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'secret.txt', Body: 'not for the workload' }));
    const assume = async (name: string) =>
      credentialsOf(
        (await admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'workload' })))
          .Credentials,
      );
    expect(await workload(await assume(ROLE_NAME))).toEqual({
      keys: ['hello.txt', 'secret.txt'],
      body: 'hello from iamd\n',
    });

    await t.app.services.audit.flush();
    const policy = await generateRolePolicy(t.app.services.auditEvents, t.clock, t.accountId, ROLE_NAME, 3_600_000);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/hello.txt` },
        { Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
      ],
    });

    await admin.iam.send(
      new CreateRoleCommand({ RoleName: 'least-privilege', AssumeRolePolicyDocument: trustPolicy(t.accountId) }),
    );
    await admin.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'least-privilege',
        PolicyName: 'generated',
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const session = await assume('least-privilege');
    expect(await workload(session)).toEqual({ keys: ['hello.txt', 'secret.txt'], body: 'hello from iamd\n' });
    const clients = clientsFor(t, session);
    const denied = [
      await failure(clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret.txt' }))),
      await failure(clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'x' }))),
      await failure(clients.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }))),
      await failure(clients.s3.send(new ListBucketsCommand({}))),
      await failure(clients.iam.send(new ListRolesCommand({}))),
    ];
    expect(denied.map((d) => d.name)).toEqual([
      'AccessDenied',
      'AccessDenied',
      'AccessDenied',
      'AccessDenied',
      'AccessDenied',
    ]);
    // Too wide a window adds nothing the role did not do; a window before the workload is empty.
    expect(await generateRolePolicy(t.app.services.auditEvents, t.clock, t.accountId, ROLE_NAME, 86_400_000)).toEqual(
      policy,
    );
    t.clock.advance(2 * 3_600_000);
    expect(
      (await generateRolePolicy(t.app.services.auditEvents, t.clock, t.accountId, ROLE_NAME, 3_600_000)).Statement,
    ).toEqual([]);
  });
});
