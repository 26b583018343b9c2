/**
 * S3 payload modes and checksums at the HTTP level (issue 4), with hand-built bodies so every rule can be hit:
 * `x-amz-checksum-*` headers verified against the stored bytes (BadDigest in S3's words), the algorithm header
 * without a value (InvalidRequest), aws-chunked bodies with per-chunk signatures, with a signed trailer and with
 * an unsigned trailer, and their failures (a changed chunk, a changed or missing trailer, an unannounced one).
 */

import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chunkStringToSign,
  credentialScope,
  deriveSigningKey,
  sha256Hex,
  signString,
  trailerStringToSign,
} from '../../src/sigv4/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type RawRequest, send, signed } from './sigv4-requests.js';

const BUCKET = 'sigv4-checksums';
const HELLO = Buffer.from('hello\n');
const HELLO_CRC32 = 'NjowIA==';
let t: TestApp;

const path = (key: string) => `/${BUCKET}/${key}`;
const read = (key: string) => send(t, signed(t, { method: 'GET', path: path(key) }));

beforeAll(async () => {
  t = await startTestApp();
  expect((await send(t, signed(t, { method: 'PUT', path: `/${BUCKET}` }))).status).toBe(200);
});

afterAll(async () => {
  await t?.app.close();
});

describe('x-amz-checksum-* headers', () => {
  it('accepts a matching value and returns it, typed FULL_OBJECT', async () => {
    const put = await send(
      t,
      signed(t, { method: 'PUT', path: path('good'), headers: { 'x-amz-checksum-crc32': HELLO_CRC32 }, body: HELLO }),
    );
    expect(put.status).toBe(200);
    expect(put.headers['x-amz-checksum-crc32']).toBe(HELLO_CRC32);
    expect(put.headers['x-amz-checksum-type']).toBe('FULL_OBJECT');
  });

  it('refuses a mismatch with BadDigest and stores nothing', async () => {
    const put = await send(
      t,
      signed(t, { method: 'PUT', path: path('bad'), headers: { 'x-amz-checksum-crc32': 'AAAAAA==' }, body: HELLO }),
    );
    expect(put.status).toBe(400);
    expect(put.error).toMatchObject({
      Code: 'BadDigest',
      Message: 'The CRC32 you specified did not match the calculated checksum.',
    });
    expect((await read('bad')).status).toBe(404);
  });

  it('refuses the algorithm header without a value, as S3 does', async () => {
    const put = await send(
      t,
      signed(t, {
        method: 'PUT',
        path: path('alg'),
        headers: { 'x-amz-sdk-checksum-algorithm': 'CRC32' },
        body: HELLO,
      }),
    );
    expect(put.status).toBe(400);
    expect(put.error).toMatchObject({
      Code: 'InvalidRequest',
      Message:
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    });
  });

  it('refuses a Content-MD5 mismatch with BadDigest', async () => {
    const md5 = Buffer.alloc(16).toString('base64');
    const put = await send(
      t,
      signed(t, { method: 'PUT', path: path('md5'), headers: { 'content-md5': md5 }, body: HELLO }),
    );
    expect(put.error?.['Code']).toBe('BadDigest');
  });
});

/** aws-chunked framing of `data` in `size`-byte chunks, signed when `signer` is given, then the trailer lines. */
function chunked(
  data: Buffer,
  size: number,
  signer?: { key: Uint8Array; amzDate: string; scope: string; seed: string },
  trailers: Record<string, string> = {},
  signTrailer = false,
): Buffer {
  const parts: Buffer[] = [];
  let previous = signer?.seed ?? '';
  const frame = (piece: Buffer) => {
    let extension = '';
    if (signer) {
      previous = signString(signer.key, chunkStringToSign(signer.amzDate, signer.scope, previous, sha256Hex(piece)));
      extension = `;chunk-signature=${previous}`;
    }
    parts.push(Buffer.from(`${piece.length.toString(16)}${extension}\r\n`), piece);
    if (piece.length > 0) parts.push(Buffer.from('\r\n'));
  };
  for (let offset = 0; offset < data.length; offset += size) frame(data.subarray(offset, offset + size));
  frame(Buffer.alloc(0));
  for (const [name, value] of Object.entries(trailers)) parts.push(Buffer.from(`${name}:${value}\r\n`));
  if (signer && signTrailer) {
    const signature = signString(signer.key, trailerStringToSign(signer.amzDate, signer.scope, previous, trailers));
    parts.push(Buffer.from(`x-amz-trailer-signature:${signature}\r\n`));
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** A streaming upload: headers signed with the mode as payload hash, then the body built from the seed signature. */
function streaming(
  key: string,
  mode: string,
  data: Buffer,
  extraHeaders: Record<string, string>,
  build: (signer: { key: Uint8Array; amzDate: string; scope: string; seed: string }) => Buffer,
): RawRequest {
  const request = signed(t, {
    method: 'PUT',
    path: path(key),
    payloadHash: mode,
    headers: {
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(data.length),
      ...extraHeaders,
    },
  });
  const amzDate = request.headers['x-amz-date']!;
  const signer = {
    key: deriveSigningKey(t.root.secretAccessKey, amzDate.slice(0, 8), 'us-east-1', 's3'),
    amzDate,
    scope: credentialScope(amzDate.slice(0, 8), 'us-east-1', 's3'),
    seed: /Signature=([0-9a-f]{64})/.exec(request.headers['authorization']!)![1]!,
  };
  return { ...request, body: build(signer) };
}

const data = Buffer.alloc(20_000, 'abc');
const dataCrc32 = (() => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
})();

describe('aws-chunked uploads', () => {
  it('STREAMING-AWS4-HMAC-SHA256-PAYLOAD: accepted intact, refused with one changed data byte', async () => {
    const good = streaming('signed', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', data, {}, (s) => chunked(data, 8192, s));
    expect((await send(t, good)).status).toBe(200);
    expect((await read('signed')).body.equals(data)).toBe(true);
    const body = Buffer.from(good.body!);
    body[body.indexOf('abc', 200)] = 'x'.charCodeAt(0);
    const tampered = await send(t, { ...good, body });
    expect(tampered.status).toBe(403);
    expect(tampered.error?.['Code']).toBe('SignatureDoesNotMatch');
  });

  it('STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER with a CRC32 trailer: verified, stored, signature-protected', async () => {
    const headers = { 'x-amz-trailer': 'x-amz-checksum-crc32', 'x-amz-sdk-checksum-algorithm': 'CRC32' };
    const build = (value: string) =>
      streaming('signed-trailer', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', data, headers, (s) =>
        chunked(data, 8192, s, { 'x-amz-checksum-crc32': value }, true),
      );
    const put = await send(t, build(dataCrc32));
    expect(put.status).toBe(200);
    expect(put.headers['x-amz-checksum-crc32']).toBe(dataCrc32);
    const wrong = await send(t, build('AAAAAA=='));
    expect(wrong.error).toMatchObject({ Code: 'BadDigest' });
    const good = build(dataCrc32);
    const swapped = Buffer.from(good.body!.toString('latin1').replace(dataCrc32, 'AAAAAA=='), 'latin1');
    const forged = await send(t, { ...good, body: swapped });
    expect(forged.error?.['Code']).toBe('SignatureDoesNotMatch');
  });

  describe('STREAMING-UNSIGNED-PAYLOAD-TRAILER (the JS SDK default)', () => {
    const upload = (key: string, trailers: Record<string, string>, headers: Record<string, string> = {}) =>
      streaming(
        key,
        'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        data,
        { 'x-amz-trailer': 'x-amz-checksum-crc32', ...headers },
        () => chunked(data, 8192, undefined, trailers),
      );

    it('accepts the announced trailer when it matches', async () => {
      const put = await send(t, upload('unsigned', { 'x-amz-checksum-crc32': dataCrc32 }));
      expect(put.status).toBe(200);
      expect((await read('unsigned')).body.equals(data)).toBe(true);
    });

    it.each([
      ['a mismatching trailer', { 'x-amz-checksum-crc32': 'AAAAAA==' }, 'BadDigest'],
      ['a malformed trailer value', { 'x-amz-checksum-crc32': 'AAAA' }, 'InvalidRequest'],
      [
        'another trailer than announced',
        { 'x-amz-checksum-sha1': 'qvTGHdzF6KLavt4PO0gs2a6pQ00=' },
        'MalformedTrailerError',
      ],
      ['no trailer at all', {}, 'IncompleteBody'],
    ])('refuses %s and stores nothing', async (_name, trailers, code) => {
      const key = `unsigned-${code}`;
      const put = await send(t, upload(key, trailers));
      expect(put.status).toBe(400);
      expect(put.error?.['Code']).toBe(code);
      expect((await read(key)).status).toBe(404);
    });

    it('requires x-amz-decoded-content-length', async () => {
      const { body } = upload('no-length', { 'x-amz-checksum-crc32': dataCrc32 });
      const withoutLength = signed(t, {
        method: 'PUT',
        path: path('no-length'),
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-trailer': 'x-amz-checksum-crc32' },
      });
      const response = await send(t, { ...withoutLength, body });
      expect(response.status).toBe(411);
      expect(response.error?.['Code']).toBe('MissingContentLength');
    });
  });
});
