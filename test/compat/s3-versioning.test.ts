/**
 * S3 versioning with the AWS SDK for JavaScript v3 over real sockets (issue 7): the version lifecycle in Enabled and
 * Suspended buckets, delete markers (404 with x-amz-delete-marker, 405 by version id), permanent deletes,
 * ListObjectVersions paging, DeleteObjects with version ids, tagging and copying one version, BucketNotEmpty while
 * versions remain, and the `…Version…` actions with `s3:versionid`.
 */

import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectAclCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure } from '../support/aws-clients.js';
import { userWith } from '../support/s3-users.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let s3: S3Client;
let clients: ReturnType<typeof clientsFor>;

const text = async (body: { transformToString(): Promise<string> } | undefined) => body!.transformToString();
const versioning = (Bucket: string, Status: 'Enabled' | 'Suspended') =>
  s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));
const put = (Bucket: string, Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body }));
const get = (Bucket: string, Key: string, VersionId?: string) =>
  s3.send(new GetObjectCommand({ Bucket, Key, VersionId }));

/** The response headers of a failed call (the SDK keeps the raw response on its errors). */
async function failedHeaders(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    return (error as { $response?: { headers: Record<string, string> } }).$response?.headers ?? {};
  }
  throw new Error('expected the call to fail');
}

/** `key@version` for each version and delete marker, in the order S3 returns them (both lists merged by key). */
const summary = (out: ListObjectVersionsCommandOutput) => [
  ...(out.Versions ?? []).map((v) => ({
    key: v.Key!,
    id: v.VersionId!,
    at: v.LastModified!,
    dm: false,
    latest: v.IsLatest,
  })),
  ...(out.DeleteMarkers ?? []).map((d) => ({
    key: d.Key!,
    id: d.VersionId!,
    at: d.LastModified!,
    dm: true,
    latest: d.IsLatest,
  })),
];

beforeAll(async () => {
  t = await startTestApp();
  clients = clientsFor(t, t.root);
  s3 = clients.s3;
});

afterAll(async () => {
  await t?.app.close();
});

describe('versions in an Enabled bucket', () => {
  const B = 'ver-life';

  it('keeps every write as a version, hides the key behind a delete marker, and restores it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    const before = await put(B, 'doc', 'unversioned');
    expect(before.VersionId).toBeUndefined();
    await versioning(B, 'Enabled');
    const v1 = (await put(B, 'doc', 'one')).VersionId!;
    const v2 = (await put(B, 'doc', 'two')).VersionId!;
    expect(v1).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v2).not.toBe(v1);

    const latest = await get(B, 'doc');
    expect([await text(latest.Body), latest.VersionId]).toEqual(['two', v2]);
    expect(await text((await get(B, 'doc', v1)).Body)).toBe('one');
    expect(await text((await get(B, 'doc', 'null')).Body)).toBe('unversioned');
    const head = await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'doc', VersionId: v1 }));
    expect([head.VersionId, head.ContentLength]).toEqual([v1, 3]);

    const removed = await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'doc' }));
    expect(removed.DeleteMarker).toBe(true);
    const markerId = removed.VersionId!;
    expect(await failure(get(B, 'doc'))).toMatchObject({ name: 'NoSuchKey', status: 404 });
    expect(await failedHeaders(get(B, 'doc'))).toMatchObject({
      'x-amz-delete-marker': 'true',
      'x-amz-version-id': markerId,
    });
    expect(await failure(get(B, 'doc', markerId))).toMatchObject({ name: 'MethodNotAllowed', status: 405 });
    expect(await failedHeaders(get(B, 'doc', markerId))).toMatchObject({ 'x-amz-delete-marker': 'true' });
    expect((await s3.send(new ListObjectsV2Command({ Bucket: B }))).KeyCount).toBe(0);

    const listed = summary(await s3.send(new ListObjectVersionsCommand({ Bucket: B })));
    expect(listed.map(({ id, dm, latest }) => [id, dm, latest])).toEqual([
      [v2, false, false],
      [v1, false, false],
      ['null', false, false],
      [markerId, true, true],
    ]);

    // Deleting the marker by id brings the newest version back.
    const unmarked = await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'doc', VersionId: markerId }));
    expect([unmarked.DeleteMarker, unmarked.VersionId]).toEqual([true, markerId]);
    expect(await text((await get(B, 'doc')).Body)).toBe('two');
    // Deleting the current version for good makes the previous one current.
    await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'doc', VersionId: v2 }));
    expect(await text((await get(B, 'doc')).Body)).toBe('one');
    expect(await failure(get(B, 'doc', v2))).toMatchObject({ name: 'NoSuchVersion', status: 404 });
    expect(await failure(get(B, 'doc', 'not-a-version'))).toMatchObject({ name: 'InvalidArgument', status: 400 });
    // Deleting a version that is gone is still a 204.
    expect(
      (await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'doc', VersionId: v2 }))).$metadata.httpStatusCode,
    ).toBe(204);
  });

  it('refuses DeleteBucket while a version or delete marker remains', async () => {
    const bucket = 'ver-empty';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await versioning(bucket, 'Enabled');
    const { VersionId } = await put(bucket, 'k', 'x');
    const { VersionId: marker } = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k' }));
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: bucket })))).toMatchObject({
      name: 'BucketNotEmpty',
      status: 409,
    });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k', VersionId }));
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: bucket })))).toMatchObject({
      name: 'BucketNotEmpty',
    });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'k', VersionId: marker }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  });

  it('deletes versions and adds markers in DeleteObjects, tags and copies one version', async () => {
    const bucket = 'ver-multi';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await versioning(bucket, 'Enabled');
    const a1 = (await put(bucket, 'a', 'a1')).VersionId!;
    await put(bucket, 'a', 'a2');
    await put(bucket, 'b', 'b1');
    const result = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'a', VersionId: a1 }, { Key: 'b' }] } }),
    );
    expect(result.Deleted?.[0]).toEqual({ Key: 'a', VersionId: a1 });
    expect(result.Deleted?.[1]).toMatchObject({ Key: 'b', DeleteMarker: true });
    expect(result.Deleted?.[1]?.DeleteMarkerVersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await failure(get(bucket, 'a', a1))).toMatchObject({ name: 'NoSuchVersion' });

    const c1 = (await put(bucket, 'c', 'first')).VersionId!;
    const c2 = (await put(bucket, 'c', 'second')).VersionId!;
    const tagged = await s3.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: 'c',
        VersionId: c1,
        Tagging: { TagSet: [{ Key: 'v', Value: '1' }] },
      }),
    );
    expect(tagged.VersionId).toBe(c1);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'c', VersionId: c1 }))).TagSet).toEqual([
      { Key: 'v', Value: '1' },
    ]);
    const current = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'c' }));
    expect([current.TagSet, current.VersionId]).toEqual([[], c2]);

    const copy = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'c-copy', CopySource: `${bucket}/c?versionId=${c1}` }),
    );
    expect(copy.CopySourceVersionId).toBe(c1);
    expect(copy.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await text((await get(bucket, 'c-copy')).Body)).toBe('first');
    // Copying an older version over its own key restores it as a new version.
    const restored = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'c', CopySource: `${bucket}/c?versionId=${c1}` }),
    );
    expect(restored.VersionId).not.toBe(c2);
    expect(await text((await get(bucket, 'c')).Body)).toBe('first');
  });
});

describe('versions in a Suspended bucket', () => {
  it('writes the null version, replacing the previous null version and keeping the others', async () => {
    const B = 'ver-suspended';
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    await versioning(B, 'Enabled');
    const v1 = (await put(B, 'k', 'enabled')).VersionId!;
    await versioning(B, 'Suspended');
    expect((await put(B, 'k', 'null one')).VersionId).toBe('null');
    expect((await put(B, 'k', 'null two')).VersionId).toBe('null');
    const listed = summary(await s3.send(new ListObjectVersionsCommand({ Bucket: B })));
    expect(listed.map(({ id, latest }) => [id, latest])).toEqual([
      ['null', true],
      [v1, false],
    ]);
    expect(await text((await get(B, 'k')).Body)).toBe('null two');
    // A delete in a suspended bucket leaves a null delete marker, which replaces the null version.
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'k' }));
    expect([marker.DeleteMarker, marker.VersionId]).toEqual([true, 'null']);
    const after = summary(await s3.send(new ListObjectVersionsCommand({ Bucket: B })));
    expect(after.map(({ id, dm }) => [id, dm])).toEqual([
      [v1, false],
      ['null', true],
    ]);
    expect(await text((await get(B, 'k', v1)).Body)).toBe('enabled');
  });
});

describe('ListObjectVersions', () => {
  const B = 'ver-pages';

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    await versioning(B, 'Enabled');
    for (const key of ['a', 'dir/x', 'dir/y', 'z']) {
      for (let n = 1; n <= 3; n++) await put(B, key, `${key}-${n}`);
    }
    await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'dir/x' }));
  });

  it('pages with key and version id markers through every version exactly once', async () => {
    const all = summary(await s3.send(new ListObjectVersionsCommand({ Bucket: B })));
    expect(all).toHaveLength(13);
    const pages: string[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: B, MaxKeys: 4, KeyMarker, VersionIdMarker }));
      const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
      expect(entries.length).toBeLessThanOrEqual(4);
      pages.push(...entries.map((e) => `${e.Key}@${e.VersionId}`));
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
    expect(pages.sort()).toEqual(all.map((e) => `${e.key}@${e.id}`).sort());
  });

  it('rolls keys up with a delimiter and filters by prefix', async () => {
    const rolled = await s3.send(new ListObjectVersionsCommand({ Bucket: B, Delimiter: '/' }));
    expect(rolled.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    expect([...new Set(rolled.Versions?.map((v) => v.Key))]).toEqual(['a', 'z']);
    const prefixed = summary(await s3.send(new ListObjectVersionsCommand({ Bucket: B, Prefix: 'dir/' })));
    const latest = prefixed.filter((e) => e.latest).sort((x, y) => x.key.localeCompare(y.key));
    expect(latest.map((e) => [e.key, e.dm])).toEqual([
      ['dir/x', true],
      ['dir/y', false],
    ]);
    expect(await failure(s3.send(new ListObjectVersionsCommand({ Bucket: B, VersionIdMarker: 'null' })))).toMatchObject(
      { name: 'InvalidArgument', status: 400 },
    );
  });
});

describe('authorization of versioned requests', () => {
  const B = 'ver-authz';
  let v1: string;

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    await versioning(B, 'Enabled');
    v1 = (await put(B, 'k', 'old')).VersionId!;
    await put(B, 'k', 'new');
  });

  it('needs s3:GetObjectVersion to read a version, and s3:GetObject is not enough', async () => {
    const { s3: reader } = await userWith(t, clients.iam, 'plain-reader', {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`],
    });
    expect(await text((await reader.send(new GetObjectCommand({ Bucket: B, Key: 'k' }))).Body)).toBe('new');
    expect(await failure(reader.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: v1 })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect(await failure(reader.send(new ListObjectVersionsCommand({ Bucket: B })))).toMatchObject({
      name: 'AccessDenied',
    });
    expect(await failure(reader.send(new DeleteObjectCommand({ Bucket: B, Key: 'k', VersionId: v1 })))).toMatchObject({
      name: 'AccessDenied',
    });

    const { s3: versionReader } = await userWith(t, clients.iam, 'version-reader', {
      Effect: 'Allow',
      Action: ['s3:GetObjectVersion', 's3:ListBucketVersions'],
      Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`],
      Condition: { StringNotEquals: { 's3:versionid': 'null' } },
    });
    const old = await versionReader.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: v1 }));
    expect(await text(old.Body)).toBe('old');
    expect(await failure(versionReader.send(new GetObjectCommand({ Bucket: B, Key: 'k' })))).toMatchObject({
      name: 'AccessDenied',
    });
    expect(
      await failure(versionReader.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: 'null' }))),
    ).toMatchObject({ name: 'AccessDenied' });
    expect((await versionReader.send(new ListObjectVersionsCommand({ Bucket: B }))).Versions).toHaveLength(2);
  });

  it('decides DeleteObjects per key with s3:DeleteObjectVersion, and version ACL reads with s3:GetObjectVersionAcl', async () => {
    const { s3: deleter } = await userWith(t, clients.iam, 'marker-only', {
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObjectAcl'],
      Resource: `arn:aws:s3:::${B}/*`,
    });
    const result = await deleter.send(
      new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'k', VersionId: v1 }, { Key: 'other' }] } }),
    );
    expect(result.Errors).toEqual([{ Key: 'k', VersionId: v1, Code: 'AccessDenied', Message: 'Access Denied' }]);
    expect(result.Deleted).toMatchObject([{ Key: 'other', DeleteMarker: true }]);
    expect((await deleter.send(new GetObjectAclCommand({ Bucket: B, Key: 'k' }))).Grants).toHaveLength(1);
    expect(await failure(deleter.send(new GetObjectAclCommand({ Bucket: B, Key: 'k', VersionId: v1 })))).toMatchObject({
      name: 'AccessDenied',
    });
    expect(await text(await get(B, 'k', v1).then((r) => r.Body))).toBe('old');
  });
});
