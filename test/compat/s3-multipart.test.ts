/**
 * S3 multipart uploads with the AWS SDK for JavaScript v3 over real sockets (issue 7): create, upload part (streamed),
 * upload part copy, complete (S3's `-N` ETag, EntityTooSmall, InvalidPart, InvalidPartOrder), abort, list parts and
 * uploads. `@aws-sdk/lib-storage` is not a dependency of iamd, so its `Upload` is exercised through the same raw
 * commands it sends; boto3's `upload_file`/`download_file` (multipart above 8 MiB) are in s3-boto3.test.ts.
 */

import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { userWith } from '../support/s3-users.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'multipart';
const MIB = 1024 * 1024;
let t: TestApp;
let s3: S3Client;
let clients: ReturnType<typeof clientsFor>;

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

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();
const expectedEtag = (parts: Buffer[]) =>
  `"${createHash('md5')
    .update(Buffer.concat(parts.map(md5)))
    .digest('hex')}-${parts.length}"`;

async function create(Key: string) {
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ContentType: 'video/mp4' }),
  );
  return UploadId!;
}

const upload = (Key: string, UploadId: string, PartNumber: number, Body: Buffer) =>
  s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body }));

beforeAll(async () => {
  t = await startTestApp();
  clients = clientsFor(t, t.root);
  s3 = clients.s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('multipart upload', () => {
  it('assembles parts into one object with S3’s ETag, metadata and part count', async () => {
    const parts = [bytesOf(5 * MIB, 1), bytesOf(5 * MIB, 2), bytesOf(123, 3)];
    const id = await create('big.bin');
    const etags: string[] = [];
    for (const [index, part] of parts.entries()) etags.push((await upload('big.bin', id, index + 1, part)).ETag!);
    expect(etags[0]).toBe(`"${md5(parts[0]!).toString('hex')}"`);
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'big.bin', UploadId: id, MaxParts: 2 }));
    expect([listed.Parts?.map((p) => [p.PartNumber, p.Size]), listed.IsTruncated, listed.NextPartNumberMarker]).toEqual(
      [
        [
          [1, 5 * MIB],
          [2, 5 * MIB],
        ],
        true,
        '2',
      ],
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['big.bin', id]]);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'big.bin',
        UploadId: id,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    expect(done.ETag).toBe(expectedEtag(parts));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    expect(body.equals(Buffer.concat(parts))).toBe(true);
    expect([got.ETag, got.ContentType, got.ContentLength]).toEqual([expectedEtag(parts), 'video/mp4', 10 * MIB + 123]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
    expect(head.PartsCount).toBe(3);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).toEqual([]);
    const again = s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'big.bin',
        UploadId: id,
        MultipartUpload: { Parts: [{ ETag: etags[0], PartNumber: 1 }] },
      }),
    );
    expect(await failure(again)).toMatchObject({ name: 'NoSuchUpload', status: 404 });
  });

  it('refuses small, missing, mismatched and unordered parts', async () => {
    const id = await create('bad.bin');
    const small = await upload('bad.bin', id, 1, Buffer.from('tiny'));
    const big = await upload('bad.bin', id, 2, bytesOf(5 * MIB, 4));
    const complete = (Parts: { ETag?: string | undefined; PartNumber: number }[]) =>
      failure(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key: 'bad.bin',
            UploadId: id,
            MultipartUpload: { Parts },
          }),
        ),
      );
    expect(
      await complete([
        { ETag: small.ETag, PartNumber: 1 },
        { ETag: big.ETag, PartNumber: 2 },
      ]),
    ).toMatchObject({
      name: 'EntityTooSmall',
      status: 400,
    });
    expect(
      await complete([
        { ETag: big.ETag, PartNumber: 2 },
        { ETag: small.ETag, PartNumber: 1 },
      ]),
    ).toMatchObject({
      name: 'InvalidPartOrder',
    });
    expect(await complete([{ ETag: small.ETag, PartNumber: 3 }])).toMatchObject({ name: 'InvalidPart' });
    expect(await complete([{ ETag: '"00000000000000000000000000000000"', PartNumber: 2 }])).toMatchObject({
      name: 'InvalidPart',
    });
    const badNumber = upload('bad.bin', id, 10001, Buffer.from('x'));
    expect(await failure(badNumber)).toMatchObject({ name: 'InvalidArgument' });
    // The last part may be small: completing with part 2 then the small one in order is fine when it is last.
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'bad.bin', UploadId: id }));
    const gone = s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'bad.bin', UploadId: id }));
    expect(await failure(gone)).toMatchObject({ name: 'NoSuchUpload', status: 404 });
    expect(await failure(upload('bad.bin', id, 1, Buffer.from('x')))).toMatchObject({ name: 'NoSuchUpload' });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad.bin' })))).toMatchObject({
      status: 404,
    });
  });

  it('copies ranges of an existing object as parts', async () => {
    const source = bytesOf(6 * MIB, 5);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'source.bin', Body: source }));
    const id = await create('copied.bin');
    const first = await s3.send(
      new UploadPartCopyCommand({
        Bucket: BUCKET,
        Key: 'copied.bin',
        UploadId: id,
        PartNumber: 1,
        CopySource: `${BUCKET}/source.bin`,
        CopySourceRange: `bytes=0-${5 * MIB - 1}`,
      }),
    );
    const second = await upload('copied.bin', id, 2, Buffer.from('tail'));
    const outOfRange = s3.send(
      new UploadPartCopyCommand({
        Bucket: BUCKET,
        Key: 'copied.bin',
        UploadId: id,
        PartNumber: 3,
        CopySource: `${BUCKET}/source.bin`,
        CopySourceRange: `bytes=0-${6 * MIB}`,
      }),
    );
    expect(await failure(outOfRange)).toMatchObject({ name: 'InvalidArgument' });
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'copied.bin',
        UploadId: id,
        MultipartUpload: {
          Parts: [
            { ETag: first.CopyPartResult!.ETag!, PartNumber: 1 },
            { ETag: second.ETag!, PartNumber: 2 },
          ],
        },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copied.bin' }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    expect(body.equals(Buffer.concat([source.subarray(0, 5 * MIB), Buffer.from('tail')]))).toBe(true);
  });

  it('authorizes each step with S3’s actions', async () => {
    const { s3: writer } = await userWith(t, clients.iam, 'mp-writer', {
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    });
    const { UploadId } = await writer.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'w.bin' }));
    await writer.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'w.bin', UploadId, PartNumber: 1, Body: 'x' }));
    for (const denied of [
      writer.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'w.bin', UploadId })),
      writer.send(new ListMultipartUploadsCommand({ Bucket: BUCKET })),
      writer.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'w.bin', UploadId })),
    ]) {
      expect(await failure(denied)).toMatchObject({ name: 'AccessDenied', status: 403 });
    }
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'w.bin', UploadId }));
  });
});
