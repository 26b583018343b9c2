/**
 * SigV4 and S3 payload modes with the AWS SDK for JavaScript v3 over real sockets (issue 4): uploads of 0 B to
 * 64 MiB from a stream (aws-chunked, STREAMING-UNSIGNED-PAYLOAD-TRAILER with a checksum trailer) and from a
 * Buffer (signed payload with an x-amz-checksum-* header), in every checksum algorithm the SDK offers, read back
 * and compared by hash; the checksums the server stored are checked against independent computations (zlib's
 * CRC32, node's SHA-1/SHA-256) and, for CRC32C/CRC64NVME, against the SDK's own, which the server accepted.
 * Keys with spaces, unicode, `+`, `%`, `//`, `./` and `../` segments travel unnormalised.
 */

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  type ChecksumAlgorithm,
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'sigv4-sdk';
const MIB = 1024 * 1024;

let t: TestApp;
let s3: S3Client;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const crc32Base64 = (bytes: Uint8Array) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes));
  return out.toString('base64');
};

/** Deterministic, non-repeating bytes (so a misplaced chunk cannot go unnoticed). */
function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i + 4 <= size; i += 4) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.writeUInt32LE(x, i);
  }
  for (let i = size - (size % 4); i < size; i++) out[i] = i & 0xff;
  return out;
}

/** A stream of the bytes in 64 KiB pieces, as a file read would deliver them. */
function streamOf(bytes: Buffer): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) pieces.push(bytes.subarray(offset, offset + 65536));
  return Readable.from(pieces);
}

async function readBack(key: string): Promise<{ bytes: Buffer; checksums: Record<string, string | undefined> }> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: 'ENABLED' }));
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key, ChecksumMode: 'ENABLED' }));
  return {
    bytes,
    checksums: {
      CRC32: head.ChecksumCRC32,
      CRC32C: head.ChecksumCRC32C,
      CRC64NVME: head.ChecksumCRC64NVME,
      SHA1: head.ChecksumSHA1,
      SHA256: head.ChecksumSHA256,
      type: head.ChecksumType,
    },
  };
}

/** Captures the request headers the SDK sent for the next command. */
function sentHeaders(client: S3Client): () => Record<string, string> {
  let headers: Record<string, string> = {};
  client.middlewareStack.add(
    (next) => async (args) => {
      headers = { ...(args.request as { headers: Record<string, string> }).headers };
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low' },
  );
  return () => headers;
}

const newClient = () =>
  new S3Client({
    endpoint: t.endpoint,
    region: 'us-east-1',
    credentials: t.root,
    forcePathStyle: true,
    maxAttempts: 1,
  });

beforeAll(async () => {
  t = await startTestApp();
  s3 = newClient();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  s3?.destroy();
  await t?.app.close();
});

describe('JS SDK v3 uploads in its default payload modes', () => {
  it.each([
    ['0 B', 0],
    ['1 B', 1],
    ['5 MiB', 5 * MIB],
    ['64 MiB', 64 * MIB],
  ])(
    '%s from a stream (aws-chunked, CRC32 trailer) and from a Buffer (CRC32 header)',
    async (_label, size) => {
      const data = bytesOf(size, size + 7);
      const client = newClient();
      const headers = sentHeaders(client);

      const streamed = await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `stream-${size}`, Body: streamOf(data), ContentLength: size }),
      );
      expect(headers()).toMatchObject({
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'x-amz-decoded-content-length': String(size),
      });
      expect(streamed.ChecksumCRC32).toBe(crc32Base64(data));

      const buffered = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `buffer-${size}`, Body: data }));
      expect(headers()['x-amz-content-sha256']).toBe(sha256(data));
      expect(headers()['x-amz-checksum-crc32']).toBe(crc32Base64(data));
      expect(buffered.ETag).toBe(`"${createHash('md5').update(data).digest('hex')}"`);

      for (const key of [`stream-${size}`, `buffer-${size}`]) {
        const back = await readBack(key);
        expect(back.bytes.length).toBe(size);
        expect(sha256(back.bytes)).toBe(sha256(data));
        expect(back.checksums).toMatchObject({ CRC32: crc32Base64(data), type: 'FULL_OBJECT' });
      }
      client.destroy();
      // 256 MiB through the SDK in all (two uploads, two reads): give a loaded 2-core CI machine room.
    },
    120_000,
  );

  it.each(['CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
    'verifies and stores %s, sent as a header and as a trailer',
    async (algorithm: ChecksumAlgorithm) => {
      const data = bytesOf(300_001, 42);
      const header = await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `alg-h-${algorithm}`, Body: data, ChecksumAlgorithm: algorithm }),
      );
      const trailer = await s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `alg-t-${algorithm}`,
          Body: streamOf(data),
          ContentLength: data.length,
          ChecksumAlgorithm: algorithm,
        }),
      );
      const field = `Checksum${algorithm}` as const;
      // The SDK computed these; the server accepted them, so both implementations agree.
      expect(header[field]).toBeDefined();
      expect(trailer[field]).toBe(header[field]);
      const independent: Partial<Record<string, string>> = {
        SHA1: createHash('sha1').update(data).digest('base64'),
        SHA256: createHash('sha256').update(data).digest('base64'),
      };
      if (independent[algorithm]) expect(header[field]).toBe(independent[algorithm]);
      for (const key of [`alg-h-${algorithm}`, `alg-t-${algorithm}`]) {
        const back = await readBack(key);
        expect(sha256(back.bytes)).toBe(sha256(data));
        expect(back.checksums[algorithm]).toBe(header[field]);
        expect(back.checksums['CRC32']).toBeUndefined();
      }
    },
  );

  it('returns stored checksums only when asked with x-amz-checksum-mode', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'alg-h-SHA1' }));
    expect(head.ChecksumSHA1).toBeUndefined();
    expect(head.ChecksumType).toBeUndefined();
  });
});

describe('keys the SDK sends unnormalised', () => {
  const keys = [
    'with space/and  two spaces.txt',
    'unicode/é ü 日本語 🙂.txt',
    'plus+sign+and%percent%20literal',
    'double//slash//key',
    'dot/./segment',
    'dotdot/../segment',
    './leading-dot',
    '../leading-dotdot',
    'trailing/slash/',
    "odd chars !$&'()*,;=:@[]~",
  ];

  it.each(keys)('%j round-trips and lists as itself', async (key) => {
    const body = Buffer.from(`body of ${key}`);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(body)).toBe(true);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: key }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(key);
  });
});
