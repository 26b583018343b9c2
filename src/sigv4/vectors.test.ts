/**
 * The 38 aws-c-auth SigV4 cases (test/vectors/sigv4/v4, Apache-2.0), header and presigned variants:
 * each stage (canonical request, string to sign, signature) is asserted on its own (STYLE.md principle 8),
 * then the signed request must verify, and fail once its signature, a signed header or the body changes.
 * The SigV4A cases (`v4a/`) must be refused with the SigV4A error, never mistaken for anonymous or SigV4.
 *
 * `request.txt` paths are what the signer was given. For `normalize: true` cases that is the path as sent
 * (the SDKs sign the already-encoded path and encode it again); for `normalize: false` (S3) the client sends
 * the path encoded once and the server uses it verbatim, so the test URI-encodes it to get the wire form.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  credentialScope,
  deriveSigningKey,
  type HttpRequestParts,
  parseAuthorization,
  type ParsedAuthorization,
  SIGV4A_MESSAGE,
  sha256Hex,
  signString,
  stringToSign,
  uriEncode,
  verifySignature,
} from './index.js';

interface CaseContext {
  credentials: { access_key_id: string; secret_access_key: string; token?: string };
  expiration_in_seconds: number;
  normalize: boolean;
  region: string;
  service: string;
  sign_body: boolean;
  timestamp: string;
  omit_session_token?: boolean;
}

const vectors = fileURLToPath(new URL('../../test/vectors/sigv4/', import.meta.url));
if (!existsSync(vectors)) throw new Error(`SigV4 test vectors not found at ${vectors}; they are required`);
const root = `${vectors}v4/`;
const caseNames = casesIn(root);

function casesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function read(name: string, file: string, dir = root): string {
  return readFileSync(`${dir}${name}/${file}`, 'utf8').replace(/\n$/, '');
}

/** Parses the suite's HTTP/1.1 text; folded continuation lines stay part of the previous value. */
function parseHttp(text: string, normalize: boolean): { request: HttpRequestParts; body: string } {
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  const [requestLine = '', ...lines] = head.split('\n');
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' HTTP/'));
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    last = headers[name] ??= [];
    last.push(line.slice(colon + 1));
  }
  const path = normalize ? rawPath : uriEncode(rawPath, false);
  return { request: { method, path, query: q < 0 ? '' : target.slice(q + 1), headers }, body };
}

function flipLastChar(text: string): string {
  return text.slice(0, -1) + (text.endsWith('0') ? '1' : '0');
}

it('finds all 38 v4 cases', () => {
  expect(caseNames).toHaveLength(38);
});

describe.each(caseNames)('%s', (name) => {
  const context = JSON.parse(read(name, 'context.json')) as CaseContext;
  const now = new Date(context.timestamp);

  describe.each(['header', 'query'] as const)('%s-signed', (variant) => {
    const { request, body } = parseHttp(read(name, `${variant}-signed-request.txt`), context.normalize);
    const payloadHash = sha256Hex(body);
    const parsed = parseAuthorization(request);
    const auth = (parsed?.ok ? parsed.auth : undefined) as ParsedAuthorization;
    // Session tokens added after signing (`omit_session_token`, the legacy STS style) are not in the signature.
    const unsignedToken = variant === 'query' && context.omit_session_token === true;
    const omit = variant === 'query' ? ['X-Amz-Signature', ...(unsignedToken ? ['X-Amz-Security-Token'] : [])] : [];
    const canonical = () =>
      canonicalRequest({
        ...request,
        signedHeaders: auth.signedHeaders,
        payloadHash,
        normalizePath: context.normalize,
        omitQueryParameters: omit,
      });
    const scope = () => credentialScope(auth.date, auth.region, auth.service);

    it('parses the authorization', () => {
      expect(parsed).toMatchObject({ ok: true });
      expect(auth).toMatchObject({
        kind: variant,
        accessKeyId: context.credentials.access_key_id,
        region: context.region,
        service: context.service,
        amzDate: '20150830T123600Z',
        requestTime: now,
        signature: read(name, `${variant}-signature.txt`),
      });
      expect(auth.expiresSeconds).toBe(variant === 'query' ? context.expiration_in_seconds : undefined);
      expect(auth.securityToken).toBe(context.credentials.token);
    });

    it('builds the canonical request', () => {
      expect(canonical()).toBe(read(name, `${variant}-canonical-request.txt`));
    });

    it('builds the string to sign', () => {
      expect(stringToSign(auth.amzDate, scope(), read(name, `${variant}-canonical-request.txt`))).toBe(
        read(name, `${variant}-string-to-sign.txt`),
      );
    });

    it('computes the signature', () => {
      const key = deriveSigningKey(context.credentials.secret_access_key, auth.date, auth.region, auth.service);
      expect(signString(key, read(name, `${variant}-string-to-sign.txt`))).toBe(read(name, `${variant}-signature.txt`));
    });

    const verify = (overrides: { request?: HttpRequestParts; auth?: ParsedAuthorization; payloadHash?: string }) =>
      verifySignature({
        request: overrides.request ?? request,
        auth: overrides.auth ?? auth,
        secretAccessKey: context.credentials.secret_access_key,
        payloadHash: overrides.payloadHash ?? payloadHash,
        normalizePath: context.normalize,
        now,
      });

    if (unsignedToken) {
      it('rejects a presigned token appended after signing (every query parameter but the signature is signed)', () => {
        expect(verify({})).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch' });
      });
      return;
    }

    it('verifies the signed request', () => {
      const result = verify({});
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && Buffer.from(result.signingKey).toString('hex')).toBe(
        Buffer.from(
          deriveSigningKey(context.credentials.secret_access_key, '20150830', context.region, context.service),
        ).toString('hex'),
      );
    });

    it('rejects a changed signature byte', () => {
      const result = verify({ auth: { ...auth, signature: flipLastChar(auth.signature) } });
      expect(result).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch', canonicalRequest: canonical() });
    });

    it('rejects a changed signed header', () => {
      const headers = { ...request.headers, host: ['example.amazonaws.co'] };
      expect(verify({ request: { ...request, headers } })).toMatchObject({
        ok: false,
        reason: 'SignatureDoesNotMatch',
      });
    });

    it('rejects a changed body hash', () => {
      expect(verify({ payloadHash: sha256Hex(`${body}x`) })).toMatchObject({
        ok: false,
        reason: 'SignatureDoesNotMatch',
      });
    });
  });
});

describe('SigV4A (v4a/) requests are refused with a clear error', () => {
  const v4a = `${vectors}v4a/`;
  const signed = casesIn(v4a).filter((name) => existsSync(`${v4a}${name}/header-signed-request.txt`));

  it('finds the signed v4a cases', () => {
    expect(signed.length).toBeGreaterThanOrEqual(38);
  });

  it.each(signed.flatMap((name) => (['header', 'query'] as const).map((variant) => [name, variant] as const)))(
    '%s (%s-signed)',
    (name, variant) => {
      const { request } = parseHttp(read(name, `${variant}-signed-request.txt`, v4a), true);
      expect(parseAuthorization(request)).toEqual({
        ok: false,
        error: { code: 'SigV4A', form: variant, message: SIGV4A_MESSAGE },
      });
    },
  );
});
