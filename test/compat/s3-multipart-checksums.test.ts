/**
 * Additional checksums of multipart uploads with the AWS SDK for JavaScript v3 over real sockets (issue 7):
 * `@aws-sdk/lib-storage`'s `Upload` with `ChecksumAlgorithm` (a COMPOSITE checksum, `<base64>-<parts>`), a
 * CRC64NVME upload (FULL_OBJECT: the CRC of the whole object, checked against the SDK's own CRC64NVME of the same
 * bytes), and the refusals S3 answers: a part with another algorithm or none, a wrong part checksum (BadDigest), a
 * Complete that omits or alters a part checksum (InvalidRequest, InvalidPart).
 */

import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'checksummed';
const MIB = 1024 * 1024;
let t: TestApp;
let s3: S3Client;

/** Deterministic, non-repeating bytes. */
function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i + 4 <= size; i += 4) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.writeUInt32LE(x, i);
  }
  return out;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

beforeAll(async () => {
  t = await startTestApp();
  s3 = clientsFor(t, t.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('multipart checksums', () => {
  it('stores lib-storage’s SHA256 upload with S3’s composite checksum', async () => {
    const body = bytesOf(11 * MIB, 7);
    const upload = new Upload({
      client: s3,
      partSize: 5 * MIB,
      queueSize: 2,
      params: { Bucket: BUCKET, Key: 'composite.bin', Body: body, ChecksumAlgorithm: 'SHA256' },
    });
    await upload.done();
    const parts = [body.subarray(0, 5 * MIB), body.subarray(5 * MIB, 10 * MIB), body.subarray(10 * MIB)];
    const composite = `${sha256(Buffer.concat(parts.map(sha256))).toString('base64')}-3`;
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'composite.bin', ChecksumMode: 'ENABLED' }),
    );
    expect([head.ChecksumSHA256, head.ChecksumType, head.PartsCount]).toEqual([composite, 'COMPOSITE', 3]);
    const plain = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'composite.bin' }));
    expect([plain.ChecksumSHA256, plain.ChecksumType]).toEqual([undefined, undefined]);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'composite.bin', ChecksumMode: 'ENABLED' }));
    expect([got.ChecksumSHA256, got.ChecksumType]).toEqual([composite, 'COMPOSITE']);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('gives a CRC64NVME upload the full-object CRC of its bytes', async () => {
    const parts = [bytesOf(5 * MIB, 8), bytesOf(1234, 9)];
    const created = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'full.bin', ChecksumAlgorithm: 'CRC64NVME' }),
    );
    expect([created.ChecksumAlgorithm, created.ChecksumType]).toEqual(['CRC64NVME', 'FULL_OBJECT']);
    const UploadId = created.UploadId!;
    const sent = [];
    for (const [index, Body] of parts.entries()) {
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'full.bin',
          UploadId,
          PartNumber: index + 1,
          Body,
          ChecksumAlgorithm: 'CRC64NVME',
        }),
      );
      sent.push({ ETag: part.ETag!, PartNumber: index + 1, ChecksumCRC64NVME: part.ChecksumCRC64NVME! });
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'full.bin', UploadId }));
    expect(listed.ChecksumType).toBe('FULL_OBJECT');
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'full.bin',
        UploadId,
        MultipartUpload: { Parts: sent },
      }),
    );
    // The oracle: the SDK's own CRC64NVME of the same bytes, sent with a single PutObject.
    const single = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'single.bin',
        Body: Buffer.concat(parts),
        ChecksumAlgorithm: 'CRC64NVME',
      }),
    );
    expect(single.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    expect([done.ChecksumCRC64NVME, done.ChecksumType]).toEqual([single.ChecksumCRC64NVME, 'FULL_OBJECT']);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'full.bin', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC64NVME, head.ChecksumType]).toEqual([single.ChecksumCRC64NVME, 'FULL_OBJECT']);
  });

  it('checksums a copied part with the upload’s algorithm', async () => {
    const source = bytesOf(64 * 1024, 11);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy-source.bin', Body: source }));
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'copied.bin', ChecksumAlgorithm: 'CRC32' }),
    );
    const copied = await s3.send(
      new UploadPartCopyCommand({
        Bucket: BUCKET,
        Key: 'copied.bin',
        UploadId,
        PartNumber: 1,
        CopySource: `${BUCKET}/copy-source.bin`,
        CopySourceRange: 'bytes=100-4195',
      }),
    );
    const raw = Buffer.alloc(4);
    raw.writeUInt32BE(crc32(source.subarray(100, 4196)));
    expect(copied.CopyPartResult?.ChecksumCRC32).toBe(raw.toString('base64'));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'copied.bin',
        UploadId,
        MultipartUpload: {
          Parts: [{ ETag: copied.CopyPartResult!.ETag!, PartNumber: 1, ChecksumCRC32: raw.toString('base64') }],
        },
      }),
    );
    const composite = Buffer.alloc(4);
    composite.writeUInt32BE(crc32(raw));
    expect([done.ChecksumCRC32, done.ChecksumType]).toEqual([`${composite.toString('base64')}-1`, 'COMPOSITE']);
  });

  it('refuses parts and completions whose checksums do not hold', async () => {
    const Key = 'refused.bin';
    const { UploadId, ChecksumType } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ChecksumAlgorithm: 'CRC32' }),
    );
    expect(ChecksumType).toBe('COMPOSITE');
    const part = (PartNumber: number, Body: Buffer, extra: Record<string, string> = {}) =>
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body, ...extra }));
    expect(await failure(part(1, Buffer.from('x'), { ChecksumAlgorithm: 'SHA256' }))).toMatchObject({
      name: 'InvalidRequest',
      message: 'Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: sha256',
    });
    expect(await failure(part(1, Buffer.from('x'), { ChecksumCRC32: 'AAAAAA==' }))).toMatchObject({
      name: 'BadDigest',
      status: 400,
    });
    const first = await part(1, bytesOf(5 * MIB, 10), { ChecksumAlgorithm: 'CRC32' });
    const second = await part(2, Buffer.from('tail'), { ChecksumAlgorithm: 'CRC32' });
    const complete = (Parts: { ETag: string; PartNumber: number; ChecksumCRC32?: string }[]) =>
      failure(
        s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts } })),
      );
    expect(
      await complete([
        { ETag: first.ETag!, PartNumber: 1, ChecksumCRC32: first.ChecksumCRC32! },
        { ETag: second.ETag!, PartNumber: 2 },
      ]),
    ).toMatchObject({
      name: 'InvalidRequest',
      message:
        'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 2 in the request.',
    });
    expect(
      await complete([
        { ETag: first.ETag!, PartNumber: 1, ChecksumCRC32: first.ChecksumCRC32! },
        { ETag: second.ETag!, PartNumber: 2, ChecksumCRC32: first.ChecksumCRC32! },
      ]),
    ).toMatchObject({ name: 'InvalidPart', status: 400 });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).toMatchObject({ status: 404 });
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
  });
});
