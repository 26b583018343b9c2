/**
 * @module test/storage-contract/s3-version-cases
 * S3Store versioning ("Using versioning in S3 buckets"): new versions push the current one into history, the null
 * version is unique per key and replaced in place, delete markers hide a key from listObjects, permanent deletes
 * promote the newest noncurrent version, version listings page by (key, version) in newest-first order, and
 * countObjects counts every version and marker (DeleteBucket's BucketNotEmpty).
 */

import { describe, expect, it } from 'vitest';
import type { ObjectRecord } from '../../src/core/entities.js';
import type { S3Store } from '../../src/core/ports.js';
import type { StoresGetter } from './contract.js';
import { at, bucket, object } from './fixtures.js';

const v = (key: string, versionId: string | undefined, overrides: Partial<ObjectRecord> = {}) =>
  object('b', key, { versionId, blobId: `blob-${key}-${versionId ?? 'none'}`, ...overrides });
const marker = (key: string, versionId: string) =>
  object('b', key, {
    versionId,
    deleteMarker: true,
    blobId: '',
    size: 0,
    etag: '',
    metadata: {},
    checksums: {},
    contentType: undefined,
  });

/** `object()` with `versionId: undefined` spelled out is not equal to one without it; drop undefined fields. */
const clean = (record: ObjectRecord): ObjectRecord =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as ObjectRecord;

async function listed(s3: S3Store, query: Partial<Parameters<S3Store['listObjectVersions']>[1]> = {}) {
  const page = await s3.listObjectVersions('b', { prefix: '', keyMarker: '', maxKeys: 1000, ...query });
  return {
    entries: page.versions.map(
      (e) => `${e.key}@${e.versionId ?? '-'}${e.deleteMarker ? '(dm)' : ''}${e.isLatest ? '*' : ''}`,
    ),
    isTruncated: page.isTruncated,
  };
}

export function s3VersionCases(stores: StoresGetter): void {
  describe('S3Store versions', () => {
    it('keeps every version of a versioned key, newest first, and counts them all', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      expect(await s3.putObject(v('k', undefined))).toBeUndefined();
      expect(await s3.putObject(v('k', 'v1', { lastModified: at(9) }))).toBeUndefined();
      expect(await s3.putObject(v('k', 'v2', { lastModified: at(10) }))).toBeUndefined();
      expect(clean((await s3.getObject('b', 'k'))!)).toEqual(clean(v('k', 'v2', { lastModified: at(10) })));
      expect(await s3.getObjectVersion('b', 'k', 'v1')).toEqual(v('k', 'v1', { lastModified: at(9) }));
      // The never-versioned object is the null version; in history it is named `null`.
      expect(await s3.getObjectVersion('b', 'k', 'null')).toEqual(v('k', 'null', { blobId: 'blob-k-none' }));
      expect(await s3.getObjectVersion('b', 'k', 'v9')).toBeUndefined();
      expect((await listed(s3)).entries).toEqual(['k@v2*', 'k@v1', 'k@null']);
      expect(await s3.countObjects('b')).toBe(3);
    });

    it('replaces the null version wherever it is, and only it', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('k', 'null'));
      // Null over null: replaced in place, no history.
      expect((await s3.putObject(v('k', 'null', { blobId: 'second' })))?.blobId).toBe('blob-k-null');
      await s3.putObject(v('k', 'v1'));
      // A null version written over a versioned one replaces the noncurrent null version and archives v1.
      expect((await s3.putObject(v('k', 'null', { blobId: 'third' })))?.blobId).toBe('second');
      expect((await listed(s3)).entries).toEqual(['k@null*', 'k@v1']);
      expect((await s3.getObjectVersion('b', 'k', 'null'))?.blobId).toBe('third');
    });

    it('hides a key behind a delete marker from listObjects but not from version listings', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('a', 'v1'));
      await s3.putObject(v('b', 'v1'));
      await s3.putObject(marker('a', 'm1'));
      expect((await s3.getObject('b', 'a'))?.deleteMarker).toBe(true);
      const page = await s3.listObjects('b', { prefix: '', startAfter: '', maxKeys: 1 });
      expect(page.objects.map((o) => o.key)).toEqual(['b']);
      expect(page.isTruncated).toBe(false);
      expect((await listed(s3)).entries).toEqual(['a@m1(dm)*', 'a@v1', 'b@v1*']);
      expect(await s3.setObjectTags('b', 'a', [{ key: 't', value: '1' }])).toBe(false);
      expect(await s3.setObjectTags('b', 'a', [{ key: 't', value: '1' }], 'm1')).toBe(false);
    });

    it('deletes a version permanently, promoting the newest noncurrent one', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      for (const id of ['v1', 'v2', 'v3']) await s3.putObject(v('k', id));
      expect((await s3.deleteObjectVersion('b', 'k', 'v2'))?.blobId).toBe('blob-k-v2');
      expect(await s3.deleteObjectVersion('b', 'k', 'v2')).toBeUndefined();
      expect((await s3.deleteObjectVersion('b', 'k', 'v3'))?.blobId).toBe('blob-k-v3');
      expect(await s3.getObject('b', 'k')).toEqual(v('k', 'v1'));
      expect((await listed(s3)).entries).toEqual(['k@v1*']);
      // A newer version after the promotion is still ordered before it.
      await s3.putObject(v('k', 'v4'));
      expect((await listed(s3)).entries).toEqual(['k@v4*', 'k@v1']);
      await s3.deleteObjectVersion('b', 'k', 'v4');
      expect((await s3.deleteObjectVersion('b', 'k', 'v1'))?.blobId).toBe('blob-k-v1');
      expect(await s3.getObject('b', 'k')).toBeUndefined();
      expect(await s3.countObjects('b')).toBe(0);
      expect((await s3.listObjects('b', { prefix: '', startAfter: '', maxKeys: 10 })).objects).toEqual([]);
    });

    it('deletes the current null version of an unversioned key with deleteObject', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('k', undefined));
      expect(await s3.deleteObject('b', 'k')).toEqual(v('k', undefined));
      expect(await s3.deleteObject('b', 'k')).toBeUndefined();
      await s3.putObject(v('k', undefined));
      expect((await s3.deleteObjectVersion('b', 'k', 'null'))?.blobId).toBe('blob-k-none');
    });

    it('tags one version without touching the others', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('k', 'v1'));
      await s3.putObject(v('k', 'v2'));
      const tags = [{ key: 'env', value: 'old' }];
      expect(await s3.setObjectTags('b', 'k', tags, 'v1')).toBe(true);
      expect((await s3.getObjectVersion('b', 'k', 'v1'))?.tags).toEqual(tags);
      expect((await s3.getObject('b', 'k'))?.tags).toBeUndefined();
      expect(await s3.setObjectTags('b', 'k', [{ key: 'env', value: 'new' }], 'v2')).toBe(true);
      expect((await s3.getObject('b', 'k'))?.tags).toEqual([{ key: 'env', value: 'new' }]);
      expect(await s3.setObjectTags('b', 'k', [], 'v9')).toBe(false);
      expect(await s3.setObjectTags('b', 'k', [], 'v1')).toBe(true);
      expect((await s3.getObjectVersion('b', 'k', 'v1'))?.tags).toBeUndefined();
    });

    it('pages version listings by key marker and version id marker, within a prefix', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      for (const key of ['a', 'p/1', 'p/2', 'q']) {
        await s3.putObject(v(key, `${key}-1`));
        await s3.putObject(v(key, `${key}-2`));
      }
      await s3.putObject(marker('p/1', 'p/1-3'));
      expect(await listed(s3, { prefix: 'p/' })).toEqual({
        entries: ['p/1@p/1-3(dm)*', 'p/1@p/1-2', 'p/1@p/1-1', 'p/2@p/2-2*', 'p/2@p/2-1'],
        isTruncated: false,
      });
      expect(await listed(s3, { prefix: 'p/', maxKeys: 2 })).toEqual({
        entries: ['p/1@p/1-3(dm)*', 'p/1@p/1-2'],
        isTruncated: true,
      });
      expect((await listed(s3, { prefix: 'p/', keyMarker: 'p/1', versionIdMarker: 'p/1-2' })).entries).toEqual([
        'p/1@p/1-1',
        'p/2@p/2-2*',
        'p/2@p/2-1',
      ]);
      // After the current version: the key's noncurrent versions follow.
      expect((await listed(s3, { keyMarker: 'p/2', versionIdMarker: 'p/2-2' })).entries).toEqual([
        'p/2@p/2-1',
        'q@q-2*',
        'q@q-1',
      ]);
      // A key marker alone, or an unknown version id, resumes at the next key.
      expect((await listed(s3, { keyMarker: 'p/2' })).entries).toEqual(['q@q-2*', 'q@q-1']);
      expect((await listed(s3, { keyMarker: 'p/2', versionIdMarker: 'gone' })).entries).toEqual(['q@q-2*', 'q@q-1']);
      expect((await listed(s3, { keyMarker: 'a', maxKeys: 1 })).isTruncated).toBe(true);
      expect(await listed(s3, { prefix: 'zz' })).toEqual({ entries: [], isTruncated: false });
    });

    it('drops every version and marker with the bucket', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('k', 'v1'));
      await s3.putObject(marker('k', 'm1'));
      expect(await s3.countObjects('b')).toBe(2);
      expect(await s3.deleteBucket('b')).toBe(true);
      await s3.createBucket(bucket('b'));
      expect(await s3.countObjects('b')).toBe(0);
      expect(await s3.getObjectVersion('b', 'k', 'v1')).toBeUndefined();
    });

    it('archives each version once when writers of one key race', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.putObject(v('k', 'v0'));
      await Promise.all(['v1', 'v2', 'v3', 'v4'].map((id) => s3.putObject(v('k', id))));
      const { entries } = await listed(s3);
      expect(entries).toHaveLength(5);
      expect(new Set(entries.map((e) => e.replace('*', ''))).size).toBe(5);
      expect(entries.at(-1)).toBe('k@v0');
      expect(entries.filter((e) => e.endsWith('*'))).toHaveLength(1);
    });

    it('keeps part sizes with the object', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const multipart = v('m', undefined, { partsCount: 2, partSizes: [5242880, 3] });
      await s3.putObject(multipart);
      expect(await s3.getObject('b', 'm')).toEqual(multipart);
    });
  });
}
