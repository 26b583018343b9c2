/**
 * Presigned S3 URLs end to end (issue 4): GET and PUT URLs from iamd's test signer fetched with plain `fetch` and
 * with `curl`, one carrying a session token; expiry measured on the server's clock (moved, never slept on);
 * and signed query strings with repeated and empty parameters. boto3's `generate_presigned_url` is in
 * sigv4-clients.test.ts.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { presigned, send, signed } from './sigv4-requests.js';

const run = promisify(execFile);
const BUCKET = 'sigv4-presign';
const curl = ['/usr/bin/curl', '/bin/curl'].find((path) => existsSync(path));
let t: TestApp;

const url = (target: string) => `${t.endpoint}${target}`;

beforeAll(async () => {
  t = await startTestApp();
  expect((await send(t, signed(t, { method: 'PUT', path: `/${BUCKET}` }))).status).toBe(200);
  await send(t, signed(t, { method: 'PUT', path: `/${BUCKET}/hello.txt`, body: Buffer.from('hello, presigned\n') }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('presigned URLs fetched with plain HTTP clients', () => {
  it('GET with fetch', async () => {
    const response = await fetch(url(presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt` }, 60).target));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello, presigned\n');
  });

  it('PUT with fetch, then read back', async () => {
    // S3 signs the path as sent: encoded once.
    const target = presigned(t, { method: 'PUT', path: `/${BUCKET}/uploaded%20via%20presign.bin` }, 60).target;
    const body = Buffer.from([0, 1, 2, 254, 255]);
    const put = await fetch(url(target), { method: 'PUT', body });
    expect(put.status).toBe(200);
    const get = await send(t, signed(t, { method: 'GET', path: `/${BUCKET}/uploaded%20via%20presign.bin` }));
    expect(get.body.equals(body)).toBe(true);
  });

  it.skipIf(!curl)('GET and PUT with curl', async () => {
    const put = presigned(t, { method: 'PUT', path: `/${BUCKET}/curl.txt` }, 60).target;
    await run(curl!, ['-sS', '--fail-with-body', '-X', 'PUT', '--data-binary', 'from curl', url(put)]);
    const get = presigned(t, { method: 'GET', path: `/${BUCKET}/curl.txt` }, 60).target;
    const { stdout } = await run(curl!, ['-sS', '--fail-with-body', url(get)]);
    expect(stdout).toBe('from curl');
  });

  it('carries a session token as X-Amz-Security-Token', async () => {
    const common = { endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 };
    const iam = new IAMClient(common);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${t.accountId}:root` }, Action: 'sts:AssumeRole' },
      ],
    };
    const role = await iam.send(
      new CreateRoleCommand({ RoleName: 'presign-reader', AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    const read = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }],
    };
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'presign-read', PolicyDocument: JSON.stringify(read) }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'presign-reader', PolicyArn: policy.Policy!.Arn! }));
    const assumed = await new STSClient(common).send(
      new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'presign' }),
    );
    const c = assumed.Credentials!;
    const credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    const target = presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt`, credentials }, 60).target;
    expect(target).toContain('X-Amz-Security-Token=');
    const response = await fetch(url(target));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello, presigned\n');
    const denied = await fetch(url(presigned(t, { method: 'PUT', path: `/${BUCKET}/x`, credentials }, 60).target), {
      method: 'PUT',
      body: 'no',
    });
    expect(denied.status).toBe(403);
  });
});

describe('presigned URL validity, on the server clock', () => {
  it('expires after X-Amz-Expires, with the times in the error', async () => {
    // The server's clock stands still: X-Amz-Date holds whole seconds, so a URL signed at a running clock and checked
    // 59 s later had between 0 and 1 s left for the request to arrive in, which a loaded machine sometimes took.
    t.clock.stop();
    try {
      const { target } = presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt` }, 60);
      t.clock.advance(59_000);
      expect((await send(t, { method: 'GET', target, headers: { host: new URL(t.endpoint).host } })).status).toBe(200);
      t.clock.advance(2_000);
      const response = await send(t, { method: 'GET', target, headers: { host: new URL(t.endpoint).host } });
      expect(response.status).toBe(403);
      expect(response.error).toMatchObject({
        Code: 'AccessDenied',
        Message: 'Request has expired',
        'X-Amz-Expires': '60',
      });
      expect(response.error?.['ServerTime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    } finally {
      t.clock.advance(-61_000);
      t.clock.resume();
    }
  });

  it('is not valid before its X-Amz-Date (beyond the skew allowance)', async () => {
    const later = new Date(t.clock.now().getTime() + 20 * 60_000);
    const { target } = presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt`, now: later }, 3600);
    const response = await send(t, { method: 'GET', target, headers: { host: new URL(t.endpoint).host } });
    expect(response.status).toBe(403);
    expect(response.error).toMatchObject({ Code: 'AccessDenied', Message: 'Request is not valid yet' });
  });

  it('may not claim more than seven days', async () => {
    const { target } = presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt` }, 604_801);
    const response = await send(t, { method: 'GET', target, headers: { host: new URL(t.endpoint).host } });
    expect(response.status).toBe(400);
    expect(response.error?.['Code']).toBe('AuthorizationQueryParametersError');
  });

  it('refuses a changed byte anywhere in the query', async () => {
    const { target } = presigned(t, { method: 'GET', path: `/${BUCKET}/hello.txt` }, 60);
    const start = target.indexOf('?') + 1;
    for (let i = start; i < target.length; i++) {
      const char = target[i]!;
      if (!/[0-9a-f]/.test(char)) continue;
      const changed = `${target.slice(0, i)}${char === '0' ? '1' : '0'}${target.slice(i + 1)}`;
      const response = await send(t, { method: 'GET', target: changed, headers: { host: new URL(t.endpoint).host } });
      expect(response.status, `query[${i}] accepted`).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('signed query strings with repeated and empty parameters', () => {
  it('verify when header-signed', async () => {
    const query = 'list-type=2&prefix=&zeta=2&zeta=1&alpha&empty=&alpha=';
    const response = await send(t, signed(t, { method: 'GET', path: `/${BUCKET}`, query }));
    expect(response.status).toBe(200);
    expect(response.body.toString()).toContain('<Key>hello.txt</Key>');
  });

  it('verify when presigned, and fail when a repeated value is dropped', async () => {
    const { target } = presigned(t, { method: 'GET', path: `/${BUCKET}`, query: 'list-type=2&a=1&a=2&b=' }, 60);
    const host = { host: new URL(t.endpoint).host };
    expect((await send(t, { method: 'GET', target, headers: host })).status).toBe(200);
    const dropped = target.replace('&a=2', '');
    expect((await send(t, { method: 'GET', target: dropped, headers: host })).status).toBe(403);
  });
});
