/**
 * Requests that must not authenticate, at the HTTP level against a running server (issue 4): every single-byte
 * change to a signed request (path, query, each signed header, the date, the credential scope, the signature,
 * the body, and the method) is refused and changes nothing; a request replayed outside the 15-minute window is
 * refused (the server clock is moved, never slept on); SigV4A and malformed scopes get their clear errors; S3's
 * SignatureDoesNotMatch carries the diagnostics S3 gives.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGV4A_MESSAGE } from '../../src/sigv4/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { keepAlive, type RawRequest, send, signed } from './sigv4-requests.js';

const BUCKET = 'sigv4-negative';
const ORIGINAL = Buffer.from('original body');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  expect((await send(t, signed(t, { method: 'PUT', path: `/${BUCKET}` }))).status).toBe(200);
  const put = signed(t, { method: 'PUT', path: `/${BUCKET}/kept.txt`, body: ORIGINAL });
  expect((await send(t, put)).status).toBe(200);
});

afterAll(async () => {
  await t?.app.close();
});

/** The next character of the same class, so the request stays well-formed wherever possible. */
function bump(char: string): string {
  const code = char.charCodeAt(0);
  if (char >= '0' && char <= '9') return String((Number(char) + 1) % 10);
  if (char >= 'a' && char <= 'z') return char === 'z' ? 'a' : String.fromCharCode(code + 1);
  if (char >= 'A' && char <= 'Z') return char === 'Z' ? 'A' : String.fromCharCode(code + 1);
  return char === 'x' ? 'y' : 'x';
}

const changeAt = (text: string, i: number) => `${text.slice(0, i)}${bump(text[i]!)}${text.slice(i + 1)}`;

/** Every request that differs from `base` in exactly one byte of a signed part. */
function singleByteChanges(base: RawRequest, signedHeaders: readonly string[]): Array<[string, RawRequest]> {
  const out: Array<[string, RawRequest]> = [];
  for (let i = 1; i < base.target.length; i++) {
    out.push([`target[${i}]`, { ...base, target: changeAt(base.target, i) }]);
  }
  for (const name of signedHeaders) {
    const value = base.headers[name]!;
    for (let i = 0; i < value.length; i++) {
      out.push([`${name}[${i}]`, { ...base, headers: { ...base.headers, [name]: changeAt(value, i) } }]);
    }
  }
  const authorization = base.headers['authorization']!;
  const scopeStart = authorization.indexOf('Credential=') + 'Credential='.length;
  const scopeEnd = authorization.indexOf(',', scopeStart);
  const signatureStart = authorization.indexOf('Signature=') + 'Signature='.length;
  for (const [from, to] of [
    [scopeStart, scopeEnd],
    [signatureStart, authorization.length],
  ] as const) {
    for (let i = from; i < to; i++) {
      out.push([
        `authorization[${i}]`,
        { ...base, headers: { ...base.headers, authorization: changeAt(authorization, i) } },
      ]);
    }
  }
  const body = base.body ?? Buffer.alloc(0);
  for (let i = 0; i < body.length; i++) {
    const changed = Buffer.from(body);
    changed[i] = changed[i]! ^ 0x01;
    out.push([`body[${i}]`, { ...base, body: changed }]);
  }
  return out;
}

function signedHeaderNames(request: RawRequest): string[] {
  const match = /SignedHeaders=([^,]+)/.exec(request.headers['authorization'] ?? '');
  return match ? match[1]!.split(';') : [];
}

describe('every single-byte change to a signed request is refused', () => {
  it('S3 PutObject with a signed payload and user metadata: refused, and the object is never replaced', async () => {
    const base = signed(t, {
      method: 'PUT',
      path: `/${BUCKET}/kept.txt`,
      query: 'x-id=PutObject',
      headers: { 'x-amz-meta-color': 'blue', 'content-type': 'text/plain' },
      body: Buffer.from('REPLACED'),
    });
    const agent = keepAlive();
    const codes = new Map<string, number>();
    const changes = singleByteChanges(base, signedHeaderNames(base));
    expect(changes.length).toBeGreaterThan(250);
    for (const [where, request] of changes) {
      const response = await send(t, request, agent);
      expect(response.status, `${where} was accepted`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${where} failed with ${response.status}`).toBeLessThan(500);
      const code = response.error?.['Code'] ?? String(response.status);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    agent.destroy();
    expect([...codes.keys()].sort()).toEqual(
      expect.arrayContaining(['SignatureDoesNotMatch', 'XAmzContentSHA256Mismatch', 'AuthorizationHeaderMalformed']),
    );
    const allowed = [
      'SignatureDoesNotMatch',
      'XAmzContentSHA256Mismatch',
      'AuthorizationHeaderMalformed',
      'InvalidAccessKeyId',
      'AccessDenied',
      'InvalidArgument',
      'InvalidRequest',
      'NotImplemented',
      'RequestTimeTooSkewed',
      // A changed service in the scope (`s3` → `t3`) routes to a service iamd does not serve.
      'InvalidAction',
    ];
    for (const code of codes.keys()) expect(allowed).toContain(code);
    const get = await send(t, signed(t, { method: 'GET', path: `/${BUCKET}/kept.txt` }));
    expect(get.body.equals(ORIGINAL)).toBe(true);
    // The unchanged request is accepted: the sweep tested the signature, not a broken base.
    expect((await send(t, base)).status).toBe(200);
    await send(t, signed(t, { method: 'PUT', path: `/${BUCKET}/kept.txt`, body: ORIGINAL }));
  });

  it('STS GetCallerIdentity (form POST, body hashed by the server)', async () => {
    const base = signed(t, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    expect((await send(t, base)).status).toBe(200);
    const agent = keepAlive();
    const changes = singleByteChanges(base, signedHeaderNames(base)).filter(
      // A changed Action or Version names another operation or API version: refused, but before authentication.
      ([where]) => !where.startsWith('body['),
    );
    for (const [where, request] of changes) {
      const response = await send(t, request, agent);
      expect(response.status, `${where} was accepted`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    for (let i = 0; i < base.body!.length; i++) {
      const body = Buffer.from(base.body!);
      body[i] = body[i]! ^ 0x01;
      const response = await send(t, { ...base, body }, agent);
      expect(response.status, `body[${i}] was accepted`).toBeGreaterThanOrEqual(400);
    }
    agent.destroy();
  });

  it('a changed method: a signed GET sent as HEAD', async () => {
    const get = signed(t, { method: 'GET', path: `/${BUCKET}`, query: 'list-type=2' });
    expect((await send(t, get)).status).toBe(200);
    expect((await send(t, { ...get, method: 'HEAD' })).status).toBe(403);
    const head = signed(t, { method: 'HEAD', path: `/${BUCKET}/kept.txt` });
    expect((await send(t, head)).status).toBe(200);
    const asGet = await send(t, { ...head, method: 'GET' });
    expect(asGet.status).toBe(403);
    expect(asGet.error?.['Code']).toBe('SignatureDoesNotMatch');
  });
});

describe('S3 SignatureDoesNotMatch diagnostics', () => {
  it('echo the access key, the string to sign, the canonical request and their bytes', async () => {
    const request = signed(t, { method: 'GET', path: `/${BUCKET}/kept.txt`, query: 'a=1' });
    const response = await send(t, { ...request, target: `/${BUCKET}/kept.txt?a=2` });
    expect(response.status).toBe(403);
    const error = response.error!;
    expect(error['Code']).toBe('SignatureDoesNotMatch');
    expect(error['AWSAccessKeyId']).toBe(t.root.accessKeyId);
    expect(error['SignatureProvided']).toBe(/Signature=([0-9a-f]{64})/.exec(request.headers['authorization']!)![1]);
    const canonical = error['CanonicalRequest']!;
    expect(canonical.split('\n').slice(0, 3)).toEqual(['GET', `/${BUCKET}/kept.txt`, 'a=2']);
    expect(error['StringToSign']!.split('\n').slice(0, 3)).toEqual([
      'AWS4-HMAC-SHA256',
      request.headers['x-amz-date'],
      `${request.headers['x-amz-date']!.slice(0, 8)}/us-east-1/s3/aws4_request`,
    ]);
    const bytes = (text: string) => Buffer.from(text).toString('hex').match(/../g)!.join(' ');
    expect(error['CanonicalRequestBytes']).toBe(bytes(canonical));
    expect(error['StringToSignBytes']).toBe(bytes(error['StringToSign']!));
  });

  it('are not given by IAM and STS, which keep the plain message', async () => {
    const request = signed(t, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    const response = await send(t, { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } });
    expect(response.status).toBe(403);
    expect(response.error).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(response.body.toString()).not.toContain('StringToSign');
  });
});

describe('replay outside the 15-minute window', () => {
  it('is refused once the server clock has moved past the window, either way', async () => {
    const s3 = signed(t, { method: 'GET', path: `/${BUCKET}/kept.txt` });
    const sts = signed(t, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    expect((await send(t, s3)).status).toBe(200);
    for (const [offset, label] of [
      [16 * 60_000, 'expired'],
      [-16 * 60_000, 'not yet current'],
    ] as const) {
      t.clock.advance(offset);
      try {
        const replayed = await send(t, s3);
        expect(replayed.status).toBe(403);
        expect(replayed.error).toMatchObject({
          Code: 'RequestTimeTooSkewed',
          RequestTime: s3.headers['x-amz-date'],
          MaxAllowedSkewMilliseconds: '900000',
        });
        const query = await send(t, sts);
        expect(query.status).toBe(400);
        expect(query.error?.['Code']).toBe('RequestExpired');
        expect(query.error?.['Message']).toContain(
          label === 'expired' ? 'Signature expired' : 'Signature not yet current',
        );
      } finally {
        t.clock.advance(-offset);
      }
    }
    // Still inside the window: 14 minutes later the same bytes are accepted (SigV4 has no nonce).
    t.clock.advance(14 * 60_000);
    try {
      expect((await send(t, s3)).status).toBe(200);
    } finally {
      t.clock.advance(-14 * 60_000);
    }
  });
});

describe('SigV4A and malformed credential scopes', () => {
  // A genuine SigV4A header (aws-c-auth's v4a get-vanilla case), aimed at this server.
  const sigv4a = (t: TestApp) => ({
    host: new URL(t.endpoint).host,
    'x-amz-date': '20150830T123600Z',
    'x-amz-region-set': 'us-east-1',
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    authorization:
      'AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/s3/aws4_request, SignedHeaders=host;x-amz-date;x-amz-region-set, Signature=3046022100fddaaf816a31e30d04973875b13bc27b98da10907a3a1872fd5819a221334abc022100de2ee81d83b54f31efc82834de07e6cd4d5c6f25bfa08e0f29a15bb0977c343e',
  });

  it('answers a SigV4A header with a clear error, on S3 and on STS', async () => {
    const s3 = await send(t, { method: 'GET', target: `/${BUCKET}/kept.txt`, headers: sigv4a(t) });
    expect(s3.status).toBe(400);
    expect(s3.error).toMatchObject({ Code: 'AuthorizationHeaderMalformed', Message: SIGV4A_MESSAGE });
    const sts = await send(t, {
      method: 'POST',
      target: '/',
      headers: { ...sigv4a(t), 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    expect(sts.status).toBe(400);
    expect(sts.error).toMatchObject({ Code: 'IncompleteSignature', Message: SIGV4A_MESSAGE });
  });

  it('answers a SigV4A presigned URL with a clear error', async () => {
    const query =
      'X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=3600&X-Amz-Region-Set=us-east-1&X-Amz-Signature=3045022100a2';
    const response = await send(t, {
      method: 'GET',
      target: `/${BUCKET}/kept.txt?${query}`,
      headers: { host: new URL(t.endpoint).host },
    });
    expect(response.status).toBe(400);
    expect(response.error).toMatchObject({ Code: 'AuthorizationQueryParametersError', Message: SIGV4A_MESSAGE });
  });

  const rescoped = (from: string, to: string) => {
    const request = signed(t, { method: 'GET', path: `/${BUCKET}/kept.txt` });
    return {
      ...request,
      headers: { ...request.headers, authorization: request.headers['authorization']!.replace(from, to) },
    };
  };

  it('refuses a request scoped to another service: the scope picks the endpoint, which then refuses it', async () => {
    // Signed for IAM: routed to IAM, where a bucket path is no IAM action.
    const forIam = await send(t, rescoped('/s3/aws4_request', '/iam/aws4_request'));
    expect(forIam.status).toBe(400);
    expect(forIam.error?.['Code']).toBe('MissingAction');
    // Signed for a service iamd does not serve.
    const forEc2 = await send(t, rescoped('/s3/aws4_request', '/sqs/aws4_request'));
    expect(forEc2.status).toBe(400);
    expect(forEc2.body.toString()).not.toContain(ORIGINAL.toString());
  });

  it('refuses a scope for another day than X-Amz-Date, and a wrong terminator', async () => {
    const request = signed(t, { method: 'GET', path: `/${BUCKET}/kept.txt` });
    const day = request.headers['x-amz-date']!.slice(0, 8);
    const otherDay = `${day.slice(0, 7)}${day[7] === '1' ? '2' : '1'}`;
    const wrongDay = await send(t, rescoped(`/${day}/`, `/${otherDay}/`));
    expect(wrongDay.status).toBe(400);
    expect(wrongDay.error).toMatchObject({
      Code: 'AuthorizationHeaderMalformed',
      Message: 'The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.',
    });
    const terminator = await send(t, rescoped('/aws4_request', '/aws4_reques'));
    expect(terminator.error?.['Code']).toBe('AuthorizationHeaderMalformed');
  });

  it('refuses STS requests scoped to another day, in the words of STS', async () => {
    const request = signed(t, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    const day = request.headers['x-amz-date']!.slice(0, 8);
    const otherDay = `${day.slice(0, 7)}${day[7] === '1' ? '2' : '1'}`;
    const authorization = request.headers['authorization']!.replace(`/${day}/`, `/${otherDay}/`);
    const response = await send(t, { ...request, headers: { ...request.headers, authorization } });
    expect(response.status).toBe(403);
    expect(response.error).toMatchObject({
      Code: 'SignatureDoesNotMatch',
      Message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${otherDay}' != '${day}', from '${request.headers['x-amz-date']}'.`,
    });
  });

  it('refuses an IAM action signed for STS as STS would: no such action there', async () => {
    const request = signed(t, {
      method: 'POST',
      path: '/',
      service: 'sts',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Action=ListRoles&Version=2010-05-08'),
    });
    const response = await send(t, request);
    expect(response.status).toBe(400);
    expect(response.error).toMatchObject({ Code: 'InvalidAction' });
  });
});
