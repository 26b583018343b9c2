import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY_SHA256,
  parseAuthorization,
  presignQuery,
  type SignRequestInput,
  signHeaders,
  verifySignature,
} from './index.js';

const now = new Date('2015-08-30T12:36:00Z');
const vanilla: SignRequestInput = {
  method: 'GET',
  path: '/',
  headers: { host: 'example.amazonaws.com' },
  payloadHash: EMPTY_SHA256,
  region: 'us-east-1',
  service: 'service',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  now,
  normalizePath: true,
};
const TOKEN = '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267';

describe('signHeaders / presignQuery reproduce the published vectors', () => {
  it('get-vanilla, header form', () => {
    expect(signHeaders(vanilla)).toEqual({
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    });
  });

  it('get-vanilla, query form', () => {
    expect(presignQuery(vanilla, 3600)).toBe(
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d',
    );
  });

  it('get-vanilla-with-session-token, both forms', () => {
    const input = { ...vanilla, credentials: { ...vanilla.credentials, sessionToken: TOKEN } };
    const headers = signHeaders(input);
    expect(headers['x-amz-security-token']).toBe(TOKEN);
    expect(headers['authorization']).toMatch(
      /SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8$/,
    );
    expect(presignQuery(input, 3600)).toMatch(
      /&X-Amz-Signature=7ff2b50b376cb4d151970630573d6291dc128cc5c2a12ffb237f73cc53f67b6c$/,
    );
  });
});

describe('round trip: whatever the signer produces, the verifier accepts', () => {
  const segment = fc.string({ unit: fc.constantFrom(...'aZ09-._~ %+!*ሴ/'.split('')), maxLength: 8 });
  const param = fc.tuple(segment, segment).map(([k, v]) => `${encodeURIComponent(k || 'k')}=${encodeURIComponent(v)}`);
  const headerValue = fc.string({ unit: fc.constantFrom(...'ab ,;:"\t'.split('')), maxLength: 12 });

  it('header form, any path, query and header values', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        fc.array(param, { maxLength: 4 }),
        headerValue,
        fc.boolean(),
        (segments, params, value, s3) => {
          const path = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
          const input: SignRequestInput = {
            ...vanilla,
            path,
            query: params.join('&'),
            headers: { host: 'localhost:4599', 'x-amz-meta-v': value },
            normalizePath: !s3,
          };
          const request = {
            method: 'GET',
            path,
            query: input.query ?? '',
            headers: { ...input.headers, ...signHeaders(input) },
          };
          const parsed = parseAuthorization(request);
          expect(parsed?.ok).toBe(true);
          if (!parsed?.ok) return;
          const result = verifySignature({
            request,
            auth: parsed.auth,
            secretAccessKey: vanilla.credentials.secretAccessKey,
            payloadHash: EMPTY_SHA256,
            normalizePath: !s3,
            now,
          });
          expect(result.ok).toBe(true);
        },
      ),
    );
  });

  it('query form, with and without a session token', () => {
    fc.assert(
      fc.property(
        fc.array(param, { maxLength: 4 }),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
        (params, token) => {
          const credentials =
            token === undefined ? vanilla.credentials : { ...vanilla.credentials, sessionToken: token };
          const input: SignRequestInput = { ...vanilla, query: params.join('&'), credentials };
          const request = { method: 'GET', path: '/', query: presignQuery(input, 900), headers: input.headers };
          const parsed = parseAuthorization(request);
          expect(parsed?.ok && parsed.auth.securityToken).toBe(token ?? undefined);
          if (!parsed?.ok) return;
          const result = verifySignature({
            request,
            auth: parsed.auth,
            secretAccessKey: vanilla.credentials.secretAccessKey,
            payloadHash: EMPTY_SHA256,
            normalizePath: true,
            now,
          });
          expect(result.ok).toBe(true);
        },
      ),
    );
  });
});
