/**
 * S3 objects with the AWS SDK for JavaScript v3 over real sockets (issue 7): ranges and conditional reads, conditional
 * writes, metadata and content headers, DeleteObjects with per-key errors, CopyObject, ListObjects v1 and v2 options,
 * and object tagging with its condition keys.
 */

import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { userWith } from '../support/s3-users.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const BUCKET = 'objects';
const OTHER = 'objects-copy';
let t: TestApp;
let s3: S3Client;
let clients: ReturnType<typeof clientsFor>;

const text = async (body: { transformToString(): Promise<string> } | undefined) => body!.transformToString();
const put = (Key: string, Body: string, extra: object = {}) =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ...extra }));

beforeAll(async () => {
  t = await startTestApp();
  clients = clientsFor(t, t.root);
  s3 = clients.s3;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new CreateBucketCommand({ Bucket: OTHER }));
});

afterAll(async () => {
  await t?.app.close();
});

describe('GetObject ranges and conditions', () => {
  it('answers 206 with Content-Range, and InvalidRange 416 past the end', async () => {
    await put('range.txt', '0123456789');
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(part.ContentLength).toBe(4);
    expect(await text(part.Body)).toBe('2345');
    const suffix = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await text(suffix.Body)).toBe('789');
    const open = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=7-100' }));
    expect([open.ContentRange, await text(open.Body)]).toEqual(['bytes 7-9/10', '789']);
    expect(
      await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=10-' }))),
    ).toMatchObject({ name: 'InvalidRange', status: 416 });
    const whole = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'lines=1-2' }));
    expect([whole.$metadata.httpStatusCode, await text(whole.Body)]).toEqual([200, '0123456789']);
  });

  it('answers 304 and 412 as S3 does for If-None-Match, If-Match and the date conditions', async () => {
    const { ETag } = await put('cond.txt', 'conditional');
    const get = (extra: object) => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', ...extra }));
    expect(await failure(get({ IfNoneMatch: ETag }))).toMatchObject({ status: 304 });
    expect(await failure(get({ IfMatch: '"0000"' }))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    expect(await text((await get({ IfMatch: ETag })).Body)).toBe('conditional');
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    expect(await failure(get({ IfModifiedSince: future }))).toMatchObject({ status: 304 });
    expect(await failure(get({ IfUnmodifiedSince: past }))).toMatchObject({ status: 412 });
    expect((await get({ IfModifiedSince: past })).$metadata.httpStatusCode).toBe(200);
    // If-Match wins over a failing If-Unmodified-Since; If-None-Match over If-Modified-Since.
    expect((await get({ IfMatch: ETag, IfUnmodifiedSince: past })).$metadata.httpStatusCode).toBe(200);
    expect((await get({ IfNoneMatch: '"other"', IfModifiedSince: future })).$metadata.httpStatusCode).toBe(200);
    const head = s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', IfNoneMatch: ETag }));
    expect(await failure(head)).toMatchObject({ status: 304 });
  });
});

describe('PutObject', () => {
  it('honours If-None-Match: * and If-Match', async () => {
    await put('once.txt', 'first', { IfNoneMatch: '*' });
    expect(await failure(put('once.txt', 'second', { IfNoneMatch: '*' }))).toMatchObject({
      name: 'PreconditionFailed',
      status: 412,
    });
    const { ETag } = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'once.txt' }));
    expect(await failure(put('once.txt', 'x', { IfMatch: '"abc"' }))).toMatchObject({ status: 412 });
    expect(await failure(put('never.txt', 'x', { IfMatch: ETag }))).toMatchObject({ name: 'NoSuchKey', status: 404 });
    await put('once.txt', 'third', { IfMatch: ETag });
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'once.txt' }))).Body)).toBe('third');
  });

  it('stores user metadata and content headers and returns them', async () => {
    const expires = new Date('2030-01-02T03:04:05Z');
    await put('meta.html', '<p>hi</p>', {
      ContentType: 'text/html',
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="hi.html"',
      ContentEncoding: 'identity',
      ContentLanguage: 'en',
      Expires: expires,
      Metadata: { color: 'blue', Mixed: 'Case' },
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'meta.html' }));
    expect(head).toMatchObject({
      ContentType: 'text/html',
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="hi.html"',
      ContentEncoding: 'identity',
      ContentLanguage: 'en',
      Metadata: { color: 'blue', mixed: 'Case' },
    });
    expect(head.Expires?.toISOString()).toBe(expires.toISOString());
    const overridden = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'meta.html', ResponseContentType: 'text/plain' }),
    );
    expect(overridden.ContentType).toBe('text/plain');
    const big = { big: 'x'.repeat(2100) };
    expect(await failure(put('too-much.txt', 'x', { Metadata: big }))).toMatchObject({ name: 'MetadataTooLarge' });
  });
});

describe('DeleteObjects', () => {
  it('deletes a batch, reports quietly, and denies keys one by one', async () => {
    for (const key of ['d/1', 'd/2', 'keep/3']) await put(key, key);
    const { s3: limited } = await userWith(t, clients.iam, 'deleter', {
      Effect: 'Allow',
      Action: 's3:DeleteObject',
      Resource: `arn:aws:s3:::${BUCKET}/d/*`,
    });
    const result = await limited.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: 'd/1' }, { Key: 'keep/3' }, { Key: 'd/missing' }] },
      }),
    );
    expect(result.Deleted?.map((d) => d.Key)).toEqual(['d/1', 'd/missing']);
    expect(result.Errors).toEqual([{ Key: 'keep/3', Code: 'AccessDenied', Message: 'Access Denied' }]);
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'd/2' }], Quiet: true } }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(quiet.Errors ?? []).toEqual([]);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'd/' }));
    expect(left.KeyCount).toBe(0);
    expect(await text((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'keep/3' }))).Body)).toBe('keep/3');
  });
});

describe('CopyObject', () => {
  it('copies bytes and metadata (COPY) or replaces them (REPLACE), with encoded source keys', async () => {
    await put('src/a b+c%.txt', 'copy me', { ContentType: 'text/plain', Metadata: { v: '1' }, Tagging: 't=1' });
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: OTHER,
        Key: 'dst.txt',
        CopySource: `${BUCKET}/${encodeURIComponent('src/a b+c%.txt')}`,
      }),
    );
    expect(copied.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: OTHER, Key: 'dst.txt' }));
    expect([await text(got.Body), got.ContentType, got.Metadata, got.TagCount]).toEqual([
      'copy me',
      'text/plain',
      { v: '1' },
      1,
    ]);
    await s3.send(
      new CopyObjectCommand({
        Bucket: OTHER,
        Key: 'dst.txt',
        CopySource: `/${OTHER}/dst.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/json',
        Metadata: { v: '2' },
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: OTHER, Key: 'dst.txt' }));
    expect([head.ContentType, head.Metadata]).toEqual(['application/json', { v: '2' }]);
    const self = s3.send(new CopyObjectCommand({ Bucket: OTHER, Key: 'dst.txt', CopySource: `${OTHER}/dst.txt` }));
    expect(await failure(self)).toMatchObject({ name: 'InvalidRequest', status: 400 });
    const stale = s3.send(
      new CopyObjectCommand({ Bucket: OTHER, Key: 'x', CopySource: `${OTHER}/dst.txt`, CopySourceIfMatch: '"nope"' }),
    );
    expect(await failure(stale)).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    const missing = s3.send(new CopyObjectCommand({ Bucket: OTHER, Key: 'x', CopySource: `${OTHER}/none` }));
    expect(await failure(missing)).toMatchObject({ name: 'NoSuchKey', status: 404 });
  });

  it('needs s3:GetObject on the source and s3:PutObject on the destination', async () => {
    await put('secret/s.txt', 'secret');
    await put('open/o.txt', 'open');
    const { s3: copier } = await userWith(
      t,
      clients.iam,
      'copier',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/open/*` },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${OTHER}/*` },
    );
    await copier.send(new CopyObjectCommand({ Bucket: OTHER, Key: 'o.txt', CopySource: `${BUCKET}/open/o.txt` }));
    const denied = copier.send(
      new CopyObjectCommand({ Bucket: OTHER, Key: 's.txt', CopySource: `${BUCKET}/secret/s.txt` }),
    );
    expect(await failure(denied)).toMatchObject({ name: 'AccessDenied', status: 403 });
    const wrongDestination = copier.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: 'open/copy.txt', CopySource: `${BUCKET}/open/o.txt` }),
    );
    expect(await failure(wrongDestination)).toMatchObject({ name: 'AccessDenied' });
  });
});

describe('listings', () => {
  const LIST = 'listing';
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: LIST }));
    for (const key of ['a/1', 'a/2', 'b/1', 'c', 'd e/f', 'z']) {
      await s3.send(new PutObjectCommand({ Bucket: LIST, Key: key, Body: key }));
    }
  });

  it('ListObjects v1 pages with Marker, giving NextMarker only with a delimiter', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: LIST, MaxKeys: 2 }));
    expect([first.Contents?.map((o) => o.Key), first.IsTruncated, first.NextMarker]).toEqual([
      ['a/1', 'a/2'],
      true,
      undefined,
    ]);
    expect(first.Contents?.[0]?.Owner?.ID).toBe(t.accountId);
    const second = await s3.send(new ListObjectsCommand({ Bucket: LIST, MaxKeys: 2, Marker: 'a/2' }));
    expect(second.Contents?.map((o) => o.Key)).toEqual(['b/1', 'c']);
    const rolled = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: '/', MaxKeys: 2 }));
    expect([rolled.CommonPrefixes?.map((p) => p.Prefix), rolled.NextMarker]).toEqual([['a/', 'b/'], 'b/']);
    const rest = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: '/', Marker: 'b/' }));
    expect([rest.Contents?.map((o) => o.Key), rest.CommonPrefixes?.map((p) => p.Prefix), rest.IsTruncated]).toEqual([
      ['c', 'z'],
      ['d e/'],
      false,
    ]);
  });

  it('ListObjectsV2 honours start-after, continuation tokens, common prefixes and fetch-owner', async () => {
    const after = await s3.send(new ListObjectsV2Command({ Bucket: LIST, StartAfter: 'b/1', FetchOwner: true }));
    expect(after.Contents?.map((o) => o.Key)).toEqual(['c', 'd e/f', 'z']);
    expect(after.Contents?.[0]?.Owner?.ID).toBe(t.accountId);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: LIST, Delimiter: '/', MaxKeys: 1, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = page.NextContinuationToken;
    } while (token);
    expect(keys).toEqual(['a/', 'b/', 'c', 'd e/', 'z']);
    const bad = s3.send(new ListObjectsV2Command({ Bucket: LIST, ContinuationToken: 'garbage!' }));
    expect(await failure(bad)).toMatchObject({ name: 'InvalidArgument' });
  });
});

describe('object tagging', () => {
  it('puts, gets and deletes tag sets, from x-amz-tagging or PutObjectTagging', async () => {
    await put('tagged.txt', 'x', { Tagging: 'team=data&env=dev%20box' });
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged.txt' }));
    expect(tags.TagSet).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: 'env', Value: 'dev box' },
    ]);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET,
        Key: 'tagged.txt',
        Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] },
      }),
    );
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged.txt' }))).TagSet).toEqual([
      { Key: 'k', Value: 'v' },
    ]);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged.txt' }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tagged.txt' }))).TagSet).toEqual([]);
    const tooMany = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    expect(await failure(put('many.txt', 'x', { Tagging: tooMany }))).toMatchObject({
      name: 'InvalidTag',
      status: 400,
    });
    const duplicate = s3.send(
      new PutObjectTaggingCommand({
        Bucket: BUCKET,
        Key: 'tagged.txt',
        Tagging: {
          TagSet: [
            { Key: 'k', Value: '1' },
            { Key: 'k', Value: '2' },
          ],
        },
      }),
    );
    expect(await failure(duplicate)).toMatchObject({ name: 'InvalidTag' });
  });

  it('evaluates s3:ExistingObjectTag and s3:RequestObjectTag conditions', async () => {
    await put('public/p.txt', 'p', { Tagging: 'classification=public' });
    await put('public/s.txt', 's', { Tagging: 'classification=secret' });
    const { s3: reader } = await userWith(
      t,
      clients.iam,
      'tag-reader',
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } },
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:PutObjectTagging'],
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { StringEquals: { 's3:RequestObjectTag/owner': 'reader' } },
      },
    );
    expect(await text((await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/p.txt' }))).Body)).toBe(
      'p',
    );
    expect(await failure(reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/s.txt' })))).toMatchObject({
      name: 'AccessDenied',
    });
    await reader.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'mine.txt', Body: 'm', Tagging: 'owner=reader' }));
    const untagged = reader.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'mine2.txt', Body: 'm' }));
    expect(await failure(untagged)).toMatchObject({ name: 'AccessDenied' });
    const wrongTag = reader.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'mine3.txt', Body: 'm', Tagging: 'owner=someone' }),
    );
    expect(await failure(wrongTag)).toMatchObject({ name: 'AccessDenied' });
  });
});
