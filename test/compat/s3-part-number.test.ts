/**
 * GetObject/HeadObject `partNumber` with the AWS SDK for JavaScript v3 over real sockets (issue 7): a multipart
 * object answers each part as a 206 range with x-amz-mp-parts-count, an object uploaded in one piece has exactly
 * part 1 (the whole object, still a 206), a part the object lacks is 416 InvalidPartNumber, and a Range with a part
 * number is refused. CompleteMultipartUpload in a versioned bucket returns the new version id.
 */

import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const B = 'parts';
const FIRST = Buffer.alloc(5 * 1024 * 1024, 'a');
const SECOND = Buffer.from('the tail part');
let t: TestApp;
let s3: S3Client;
let versionId: string | undefined;

beforeAll(async () => {
  t = await startTestApp();
  s3 = clientsFor(t, t.root).s3;
  await s3.send(new CreateBucketCommand({ Bucket: B }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mp' }));
  const parts = [];
  for (const [index, Body] of [FIRST, SECOND].entries()) {
    const PartNumber = index + 1;
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: B, Key: 'mp', UploadId, PartNumber, Body }));
    parts.push({ ETag, PartNumber });
  }
  const done = await s3.send(
    new CompleteMultipartUploadCommand({ Bucket: B, Key: 'mp', UploadId, MultipartUpload: { Parts: parts } }),
  );
  versionId = done.VersionId;
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'single', Body: 'one piece' }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('partNumber', () => {
  it('gives the completed upload a version id', () => {
    expect(versionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('reads each part of a multipart object as a 206 range', async () => {
    const total = FIRST.length + SECOND.length;
    const second = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 2 }));
    expect(second.$metadata.httpStatusCode).toBe(206);
    expect([second.ContentRange, second.ContentLength, second.PartsCount]).toEqual([
      `bytes ${FIRST.length}-${total - 1}/${total}`,
      SECOND.length,
      2,
    ]);
    expect(await second.Body!.transformToString()).toBe('the tail part');
    const head = await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 1 }));
    expect([head.$metadata.httpStatusCode, head.ContentLength, head.ContentRange, head.PartsCount]).toEqual([
      206,
      FIRST.length,
      `bytes 0-${FIRST.length - 1}/${total}`,
      2,
    ]);
    const byVersion = await s3.send(
      new GetObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 2, VersionId: versionId }),
    );
    expect(byVersion.ContentLength).toBe(SECOND.length);
    await byVersion.Body!.transformToString();
  });

  it('treats an object uploaded in one piece as one part', async () => {
    const whole = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'single', PartNumber: 1 }));
    expect([whole.$metadata.httpStatusCode, whole.ContentRange]).toEqual([206, 'bytes 0-8/9']);
    expect(await whole.Body!.transformToString()).toBe('one piece');
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: B, Key: 'single', PartNumber: 2 })))).toMatchObject({
      name: 'InvalidPartNumber',
      status: 416,
    });
  });

  it('refuses a part the object lacks, and a Range with a part number', async () => {
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 3 })))).toMatchObject({
      name: 'InvalidPartNumber',
      status: 416,
    });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 3 })))).toMatchObject({
      status: 416,
    });
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: B, Key: 'mp', PartNumber: 1, Range: 'bytes=0-1' }))),
    ).toMatchObject({ name: 'InvalidRequest', status: 400 });
  });
});
