import { describe, expect, it } from 'vitest';
import {
  type HttpRequestParts,
  MAX_CLOCK_SKEW_MS,
  parseAuthorization,
  type ParsedAuthorization,
  presignQuery,
  type SignRequestInput,
  SigningKeyCache,
  sha256Hex,
  signHeaders,
  verifySignature,
} from './index.js';

const SIGNED_AT = new Date('2015-08-30T12:36:00Z');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const base: SignRequestInput = {
  method: 'POST',
  path: '/',
  headers: { host: 'localhost:4599', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  payloadHash: sha256Hex('Action=GetCallerIdentity&Version=2011-06-15'),
  region: 'us-east-1',
  service: 'sts',
  credentials,
  now: SIGNED_AT,
  normalizePath: true,
};

function headerSigned(input: SignRequestInput = base): { request: HttpRequestParts; auth: ParsedAuthorization } {
  const request = {
    method: input.method,
    path: input.path,
    query: input.query ?? '',
    headers: { ...input.headers, ...signHeaders(input) },
  };
  const parsed = parseAuthorization(request);
  if (!parsed?.ok) throw new Error('test request did not parse');
  return { request, auth: parsed.auth };
}

function presigned(
  expires: number,
  input: SignRequestInput = base,
): { request: HttpRequestParts; auth: ParsedAuthorization } {
  const request = {
    method: input.method,
    path: input.path,
    query: presignQuery(input, expires),
    headers: input.headers,
  };
  const parsed = parseAuthorization(request);
  if (!parsed?.ok) throw new Error('test request did not parse');
  return { request, auth: parsed.auth };
}

const at = (offsetMs: number) => new Date(SIGNED_AT.getTime() + offsetMs);
const verify = (
  signed: { request: HttpRequestParts; auth: ParsedAuthorization },
  now: Date,
  payloadHash = base.payloadHash,
) =>
  verifySignature({ ...signed, secretAccessKey: credentials.secretAccessKey, payloadHash, normalizePath: true, now });

describe('verifySignature: clock skew (header form)', () => {
  const signed = headerSigned();

  it('accepts requests up to 15 minutes either side of the server clock', () => {
    for (const offset of [0, MAX_CLOCK_SKEW_MS, -MAX_CLOCK_SKEW_MS]) expect(verify(signed, at(offset)).ok).toBe(true);
  });

  it('rejects a request signed more than 15 minutes ago', () => {
    expect(verify(signed, at(MAX_CLOCK_SKEW_MS + 1000))).toMatchObject({
      ok: false,
      reason: 'RequestExpired',
      message: 'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)',
    });
  });

  it('rejects a request dated more than 15 minutes in the future', () => {
    expect(verify(signed, at(-MAX_CLOCK_SKEW_MS - 1000))).toMatchObject({
      ok: false,
      reason: 'RequestExpired',
      message:
        'Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)',
    });
  });
});

describe('verifySignature: presigned validity window', () => {
  const signed = presigned(60);

  it('is valid from 15 minutes before X-Amz-Date until X-Amz-Date + X-Amz-Expires', () => {
    for (const offset of [-MAX_CLOCK_SKEW_MS, 0, 60_000]) expect(verify(signed, at(offset)).ok).toBe(true);
  });

  it('expires after X-Amz-Expires seconds', () => {
    expect(verify(signed, at(61_000))).toMatchObject({
      ok: false,
      reason: 'PresignExpired',
      message: 'Request has expired',
    });
  });

  it('is not yet valid more than 15 minutes before X-Amz-Date', () => {
    expect(verify(signed, at(-MAX_CLOCK_SKEW_MS - 1000))).toMatchObject({ ok: false, reason: 'RequestNotYetValid' });
  });

  it('honours a week-long expiry but not a second more', () => {
    const week = presigned(604_800);
    expect(verify(week, at(604_800_000)).ok).toBe(true);
    expect(verify(week, at(604_801_000))).toMatchObject({ reason: 'PresignExpired' });
  });

  it('does not sign X-Amz-Signature itself, and rejects a changed parameter', () => {
    const tampered = {
      ...signed,
      request: { ...signed.request, query: signed.request.query.replace('X-Amz-Expires=60', 'X-Amz-Expires=6000') },
    };
    const parsed = parseAuthorization(tampered.request);
    expect(parsed?.ok && verify({ request: tampered.request, auth: parsed.auth }, SIGNED_AT)).toMatchObject({
      reason: 'SignatureDoesNotMatch',
    });
  });
});

describe('verifySignature: rules', () => {
  it('requires host to be signed', () => {
    const { request, auth } = headerSigned();
    const result = verify(
      { request, auth: { ...auth, signedHeaders: auth.signedHeaders.filter((h) => h !== 'host') } },
      SIGNED_AT,
    );
    expect(result).toMatchObject({ ok: false, reason: 'MissingSignedHost' });
  });

  it('verifies against the Host header as sent, port included', () => {
    const signed = headerSigned();
    const headers = { ...signed.request.headers, host: 'localhost' };
    expect(verify({ ...signed, request: { ...signed.request, headers } }, SIGNED_AT)).toMatchObject({
      reason: 'SignatureDoesNotMatch',
    });
  });

  it('returns the canonical request and string to sign on mismatch', () => {
    const signed = headerSigned();
    const result = verify(signed, SIGNED_AT, sha256Hex('other body'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.canonicalRequest.split('\n').at(-1)).toBe(sha256Hex('other body'));
    expect(result.stringToSign.split('\n').slice(0, 3)).toEqual([
      'AWS4-HMAC-SHA256',
      '20150830T123600Z',
      '20150830/us-east-1/sts/aws4_request',
    ]);
  });

  it('rejects the wrong secret', () => {
    const signed = headerSigned();
    const result = verifySignature({
      ...signed,
      secretAccessKey: 'x'.repeat(40),
      payloadHash: base.payloadHash,
      normalizePath: true,
      now: SIGNED_AT,
    });
    expect(result).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch' });
  });

  it('gives the same answer and key with a signing-key cache, and fills it', () => {
    const signed = headerSigned();
    const cache = new SigningKeyCache(4);
    const input = {
      ...signed,
      secretAccessKey: credentials.secretAccessKey,
      payloadHash: base.payloadHash,
      normalizePath: true,
      now: SIGNED_AT,
    };
    const cold = verifySignature(input);
    const warm = verifySignature({ ...input, cache });
    const hot = verifySignature({ ...input, cache });
    expect(cold.ok && warm.ok && hot.ok).toBe(true);
    if (!cold.ok || !warm.ok || !hot.ok) return;
    expect(Buffer.from(warm.signingKey)).toEqual(Buffer.from(cold.signingKey));
    expect(hot.signingKey).toBe(warm.signingKey);
    expect(cache.size).toBe(1);
  });

  it('keeps S3 paths verbatim and normalises others', () => {
    const s3: SignRequestInput = {
      ...base,
      method: 'GET',
      path: '/bucket/a//b/../c%20d',
      service: 's3',
      normalizePath: false,
      payloadHash: 'UNSIGNED-PAYLOAD',
    };
    const signed = headerSigned(s3);
    const ok = verifySignature({
      ...signed,
      secretAccessKey: credentials.secretAccessKey,
      payloadHash: 'UNSIGNED-PAYLOAD',
      normalizePath: false,
      now: SIGNED_AT,
    });
    expect(ok.ok).toBe(true);
    const wrongRule = verifySignature({
      ...signed,
      secretAccessKey: credentials.secretAccessKey,
      payloadHash: 'UNSIGNED-PAYLOAD',
      normalizePath: true,
      now: SIGNED_AT,
    });
    expect(wrongRule).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch' });
    if (!wrongRule.ok) expect(wrongRule.canonicalRequest.split('\n')[1]).toBe('/bucket/a/c%2520d');
  });
});
