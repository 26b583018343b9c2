/**
 * The instance metadata endpoint over real sockets: the IMDSv2 token rules and their negative cases, the documents
 * the SDKs read (WIRE.md §4.1), a role EC2 may not assume, a profile change taking effect on the next fetch, and the
 * JS SDK v3 default credential chain staying signed-in across several credential lifetimes (client and server clocks
 * moved together, no sleeps).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUCKET, PROFILE_NAME, ROLE_NAME } from '../support/scenario.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seedScenario, seedUntrustedProfile } from './workloads/seed.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ imdsPortRange: '0', workloadCredentialSeconds: 1800 });
  await seedScenario(t);
  await seedUntrustedProfile(t, 'tasks-only');
});

afterAll(async () => {
  await t?.app.close();
});

/** Launches an instance directly through the domain (the EC2 API is tested elsewhere) and returns its endpoint. */
async function launch(profile: string | undefined, httpTokens: 'required' | 'optional' = 'required') {
  const reservation = await t.app.services.ec2.instances.run(
    t.accountId,
    {
      MinCount: 1,
      MaxCount: 1,
      MetadataOptions: { HttpTokens: httpTokens },
      ...(profile ? { IamInstanceProfile: { Name: profile } } : {}),
    },
    new Map(),
  );
  const id = reservation.Instances[0]!.InstanceId;
  return { id, endpoint: t.app.services.ec2.metadataEndpointOf(id)! };
}

const token = async (endpoint: string, ttl = '21600', headers: Record<string, string> = {}) =>
  fetch(`${endpoint}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl, ...headers },
  });

const get = async (endpoint: string, path: string, tokenValue?: string) =>
  fetch(
    `${endpoint}/latest/${path}`,
    tokenValue === undefined ? {} : { headers: { 'x-aws-ec2-metadata-token': tokenValue } },
  );

describe('IMDSv2 tokens', () => {
  it('issues a token and echoes its TTL header', async () => {
    const { endpoint } = await launch(PROFILE_NAME);
    const response = await token(endpoint, '300');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-aws-ec2-metadata-token-ttl-seconds')).toBe('300');
    expect((await response.text()).length).toBeGreaterThan(40);
  });

  it('answers 400 to a TTL that is missing or outside 1–21600', async () => {
    const { endpoint } = await launch(PROFILE_NAME);
    for (const ttl of ['0', '21601', 'abc', '-5']) expect((await token(endpoint, ttl)).status, ttl).toBe(400);
    const missing = await fetch(`${endpoint}/latest/api/token`, { method: 'PUT' });
    expect(missing.status).toBe(400);
  });

  it('refuses a token request that came through a proxy', async () => {
    const { endpoint } = await launch(PROFILE_NAME);
    expect((await token(endpoint, '60', { 'x-forwarded-for': '10.0.0.9' })).status).toBe(403);
  });

  it('answers 401 without a token when v2 is required, and 200 when v1 is allowed', async () => {
    const required = await launch(PROFILE_NAME);
    expect((await get(required.endpoint, 'meta-data/instance-id')).status).toBe(401);
    const optional = await launch(PROFILE_NAME, 'optional');
    const response = await get(optional.endpoint, 'meta-data/instance-id');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(optional.id);
  });

  it('answers 401 to an expired token', async () => {
    const { endpoint } = await launch(PROFILE_NAME);
    const value = await (await token(endpoint, '5')).text();
    expect((await get(endpoint, 'meta-data/instance-id', value)).status).toBe(200);
    t.clock.advance(6_000);
    expect((await get(endpoint, 'meta-data/instance-id', value)).status).toBe(401);
  });

  it("answers 401 to another instance's token on this instance's port", async () => {
    const first = await launch(PROFILE_NAME);
    const second = await launch(PROFILE_NAME);
    expect(first.endpoint).not.toBe(second.endpoint);
    const value = await (await token(first.endpoint)).text();
    expect((await get(second.endpoint, 'meta-data/instance-id', value)).status).toBe(401);
    expect((await get(second.endpoint, 'meta-data/iam/security-credentials/', value)).status).toBe(401);
  });
});

describe('metadata documents', () => {
  it('serves instance facts, the identity document and the IAM documents SDKs read', async () => {
    const { id, endpoint } = await launch(PROFILE_NAME);
    const value = await (await token(endpoint)).text();
    const text = async (path: string) => (await get(endpoint, path, value)).text();
    expect(await text('meta-data/instance-id')).toBe(id);
    expect(await text('meta-data/placement/region')).toBe('us-east-1');
    expect(await text('meta-data/local-ipv4')).toMatch(/^172\.31\.\d+\.\d+$/);
    expect((await text('meta-data/')).split('\n')).toEqual(
      expect.arrayContaining(['iam/', 'instance-id', 'placement/']),
    );
    expect(JSON.parse(await text('dynamic/instance-identity/document'))).toMatchObject({
      accountId: t.accountId,
      instanceId: id,
      region: 'us-east-1',
    });
    const info = JSON.parse(await text('meta-data/iam/info'));
    expect(info).toMatchObject({
      Code: 'Success',
      InstanceProfileArn: `arn:aws:iam::${t.accountId}:instance-profile/${PROFILE_NAME}`,
    });
    expect(info.InstanceProfileId).toMatch(/^AIPA/);
    expect(await text('meta-data/iam/security-credentials/')).toBe(ROLE_NAME);
    const credentials = JSON.parse(await text(`meta-data/iam/security-credentials/${ROLE_NAME}`));
    expect(credentials).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC' });
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials.AccountId).toBeUndefined();
    const lifetime = Date.parse(credentials.Expiration) - t.clock.now().getTime();
    expect(lifetime).toBeGreaterThan(15 * 60_000);
    const extended = JSON.parse(await text(`meta-data/iam/security-credentials-extended/${ROLE_NAME}`));
    expect(extended).toMatchObject({ Code: 'Success', AccountId: t.accountId, AccessKeyId: credentials.AccessKeyId });
    expect((await get(endpoint, 'meta-data/iam/security-credentials/other-role', value)).status).toBe(404);
  });

  it('has no iam tree without a profile', async () => {
    const { endpoint } = await launch(undefined);
    const value = await (await token(endpoint)).text();
    expect((await get(endpoint, 'meta-data/iam/info', value)).status).toBe(404);
    expect((await get(endpoint, 'meta-data/iam/security-credentials/', value)).status).toBe(404);
    expect(await (await get(endpoint, 'meta-data/', value)).text()).not.toContain('iam/');
  });

  it('explains a role EC2 may not assume instead of serving keys', async () => {
    const { endpoint } = await launch('tasks-only');
    const value = await (await token(endpoint)).text();
    const response = await get(endpoint, 'meta-data/iam/security-credentials/tasks-only', value);
    expect(response.status).toBe(200);
    const document = JSON.parse(await response.text());
    expect(document.Code).toBe('AssumeRoleUnauthorizedAccess');
    expect(document.AccessKeyId).toBeUndefined();
    expect(document.Message).toBe(
      `User: ec2.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${t.accountId}:role/tasks-only because no resource-based policy allows the sts:AssumeRole action`,
    );
  });

  it('shows a replaced or removed profile on the next fetch', async () => {
    const { id, endpoint } = await launch(PROFILE_NAME);
    const value = await (await token(endpoint)).text();
    const listing = async () => {
      const response = await get(endpoint, 'meta-data/iam/security-credentials/', value);
      return response.status === 200 ? response.text() : response.status;
    };
    expect(await listing()).toBe(ROLE_NAME);
    const [association] = await t.app.services.ec2.associations.describe(t.accountId, {
      Filters: [{ Name: 'instance-id', Values: [id] }],
    });
    await t.app.services.ec2.associations.replace(t.accountId, association!.AssociationId, { Name: 'tasks-only' });
    expect(await listing()).toBe('tasks-only');
    const [replaced] = await t.app.services.ec2.associations.describe(t.accountId, {
      Filters: [{ Name: 'instance-id', Values: [id] }],
    });
    await t.app.services.ec2.associations.disassociate(t.accountId, replaced!.AssociationId);
    expect(await listing()).toBe(404);
  });
});

describe('the audit trail', () => {
  it("records each issue as EC2's AssumeRole, and a refusal once however often the workload asks", async () => {
    const allowed = await launch(PROFILE_NAME);
    const denied = await launch('tasks-only');
    const fetchTwice = async (endpoint: string, role: string) => {
      const value = await (await token(endpoint)).text();
      const documents = [];
      for (let i = 0; i < 2; i++) {
        documents.push(await (await get(endpoint, `meta-data/iam/security-credentials/${role}`, value)).json());
      }
      return documents as { AccessKeyId?: string }[];
    };
    const [issued] = await fetchTwice(allowed.endpoint, ROLE_NAME);
    await fetchTwice(denied.endpoint, 'tasks-only');
    await t.app.services.audit.flush();
    const events = await t.app.services.auditEvents.lookupAuditEvents({
      accountId: t.accountId,
      attribute: { key: 'EventName', value: 'AssumeRole' },
      order: 'oldest',
      limit: 1000,
    });
    const of = (id: string) =>
      events.map((e) => e.record).filter((r) => r.requestParameters?.['roleSessionName'] === id);
    expect(of(allowed.id)).toEqual([
      expect.objectContaining({
        eventSource: 'sts.amazonaws.com',
        userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
        sourceIPAddress: 'ec2.amazonaws.com',
        userAgent: 'ec2.amazonaws.com',
        requestParameters: {
          roleArn: `arn:aws:iam::${t.accountId}:role/${ROLE_NAME}`,
          roleSessionName: allowed.id,
        },
        responseElements: {
          credentials: { accessKeyId: issued!.AccessKeyId, expiration: expect.any(String) },
        },
        eventType: 'AwsApiCall',
        recipientAccountId: t.accountId,
      }),
    ]);
    expect(of(denied.id)).toEqual([expect.objectContaining({ errorCode: 'AccessDenied', responseElements: null })]);
  });
});

describe('rotation with the JS SDK v3 default credential chain', () => {
  const saved = { ...process.env };
  let dir: string;

  afterEach(() => {
    vi.useRealTimers();
    process.env = { ...saved };
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every call working across four credential lifetimes, with rotated keys', async () => {
    const { endpoint } = await launch(PROFILE_NAME);
    dir = mkdtempSync(join(tmpdir(), 'iamd-rotation-'));
    writeFileSync(join(dir, 'empty'), '');
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `${endpoint}/`,
      AWS_CONFIG_FILE: join(dir, 'empty'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
    });
    // Client and server read the same faked Date (the test clock adds its offset to Date.now), so expiry,
    // SigV4 dates and the SDK's refresh window all move together; timers stay real.
    vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
    const s3 = new S3Client({ endpoint: t.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1 });
    // node:http stamps `Date` response headers with the real clock, which the SDK would use to "correct" its faked
    // one (clock-skew correction); dropping the header keeps both sides on the test's time.
    s3.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        delete (result.response as { headers: Record<string, string> }).headers['date'];
        return result;
      },
      { step: 'deserialize', name: 'dropDateHeader' },
    );
    const seen = new Set<string>();
    const lifetimeMs = 1800 * 1000;
    const step = 4 * 60_000;
    for (let elapsed = 0; elapsed <= 4 * lifetimeMs; elapsed += step) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['hello.txt']);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
      expect(await object.Body?.transformToString()).toBe('hello from iamd\n');
      const credentials = await s3.config.credentials();
      expect(credentials.expiration!.getTime() - Date.now()).toBeGreaterThan(0);
      seen.add(credentials.accessKeyId);
      vi.setSystemTime(Date.now() + step);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });
});
