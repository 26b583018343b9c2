/**
 * @module test/storage-contract/s3-upload-cases
 * S3Store object tags and content headers, bucket sub-resources, and multipart uploads.
 */

import { describe, expect, it } from 'vitest';
import type { MultipartPartRecord, MultipartUploadRecord } from '../../src/core/entities.js';
import { isAwsError } from '../../src/core/errors.js';
import type { StoresGetter } from './contract.js';
import { at, bucket, object } from './fixtures.js';

const tags = [
  { key: 'b-team', value: 'data' },
  { key: 'a-env', value: '' },
];

function upload(uploadId: string, key: string, overrides: Partial<MultipartUploadRecord> = {}): MultipartUploadRecord {
  return {
    uploadId,
    bucket: 'b',
    key,
    initiated: at(10),
    initiator: '111122223333',
    contentType: 'video/mp4',
    metadata: { camera: 'x' },
    headers: { CacheControl: 'no-cache' },
    tags,
    checksumAlgorithm: 'CRC32',
    checksumType: 'COMPOSITE',
    ...overrides,
  };
}

function part(uploadId: string, partNumber: number, overrides: Partial<MultipartPartRecord> = {}): MultipartPartRecord {
  return {
    uploadId,
    partNumber,
    blobId: `0f8fad5b-d9cb-469f-a165-7086772895${String(partNumber).padStart(2, '0')}`,
    size: 5 * 1024 * 1024,
    etag: `"${String(partNumber).repeat(32).slice(0, 32)}"`,
    lastModified: at(20 + partNumber),
    checksums: { CRC32: 'AAAAAA==' },
    ...overrides,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isAwsError(error) ? error.code : error;
}

export function s3UploadCases(stores: StoresGetter): void {
  describe('S3Store object tags, headers and bucket settings', () => {
    it('round-trips content headers, tags and part counts, and replaces or clears tags', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const o = object('b', 'k', {
        headers: { CacheControl: 'max-age=60', Expires: 'Thu, 01 Jan 2026 00:00:00 GMT', ContentLanguage: 'en' },
        tags,
        partsCount: 3,
      });
      await s3.putObject(o);
      expect(await s3.getObject('b', 'k')).toEqual(o);
      expect(await s3.setObjectTags('b', 'k', [{ key: 'x', value: 'y' }])).toBe(true);
      expect((await s3.getObject('b', 'k'))?.tags).toEqual([{ key: 'x', value: 'y' }]);
      expect(await s3.setObjectTags('b', 'k', [])).toBe(true);
      const cleared = await s3.getObject('b', 'k');
      expect(cleared && 'tags' in cleared ? cleared.tags : 'absent').toBe('absent');
      expect(await s3.setObjectTags('b', 'missing', tags)).toBe(false);
    });

    it('sets and clears bucket tags, versioning and encryption', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const encryption = { algorithm: 'aws:kms', kmsMasterKeyId: 'alias/k', bucketKeyEnabled: true };
      await s3.setBucketTags('b', tags);
      await s3.setBucketVersioning('b', 'Enabled');
      await s3.setBucketEncryption('b', encryption);
      expect(await s3.getBucket('b')).toEqual(bucket('b', { tags, versioning: 'Enabled', encryption }));
      await s3.setBucketVersioning('b', 'Suspended');
      await s3.setBucketTags('b', undefined);
      await s3.setBucketEncryption('b', undefined);
      expect(await s3.getBucket('b')).toEqual(bucket('b', { versioning: 'Suspended' }));
    });
  });

  describe('S3Store multipart uploads', () => {
    it('creates, lists by key, and deletes uploads with their parts', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.createBucket(bucket('other'));
      const u2 = upload('u2', 'z/key');
      const u1 = upload('u1', 'a/key', { initiated: at(30) });
      const u0 = upload('u0', 'a/key');
      for (const u of [u2, u1, u0]) await s3.createUpload(u);
      await s3.createUpload(upload('u9', 'k', { bucket: 'other' }));
      expect(await s3.getUpload('u1')).toEqual(u1);
      expect(await s3.getUpload('nope')).toBeUndefined();
      expect((await s3.listUploads('b')).map((u) => u.uploadId)).toEqual(['u0', 'u1', 'u2']);
      expect(await s3.putPart(part('u1', 2))).toBeUndefined();
      expect(await s3.putPart(part('u1', 1))).toBeUndefined();
      const replacement = part('u1', 2, { blobId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', size: 1 });
      expect(await s3.putPart(replacement)).toEqual(part('u1', 2));
      expect(await s3.listParts('u1')).toEqual([part('u1', 1), replacement]);
      expect(await s3.deleteUpload('u1')).toEqual([part('u1', 1), replacement]);
      expect(await s3.deleteUpload('u1')).toBeUndefined();
      expect(await s3.listParts('u1')).toEqual([]);
      expect(await codeOf(s3.putPart(part('u1', 3)))).toBe('NoSuchUpload');
      expect(await codeOf(s3.createUpload(upload('u5', 'k', { bucket: 'missing' })))).toBe('NoSuchBucket');
    });

    it('completes an upload into an object in one step, returning the replaced object and the parts', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const old = object('b', 'big');
      await s3.putObject(old);
      await s3.createUpload(upload('u1', 'big'));
      await s3.putPart(part('u1', 1));
      const assembled = object('b', 'big', { blobId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', partsCount: 1, tags });
      expect(await s3.completeUpload('u1', assembled)).toEqual({ replaced: old, parts: [part('u1', 1)] });
      expect(await s3.getObject('b', 'big')).toEqual(assembled);
      expect(await s3.getUpload('u1')).toBeUndefined();
      expect(await s3.completeUpload('u1', assembled)).toBeUndefined();
    });

    it('forgets a bucket’s uploads when the bucket is deleted', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      await s3.createUpload(upload('u1', 'k'));
      await s3.putPart(part('u1', 1));
      expect(await s3.deleteBucket('b')).toBe(true);
      await s3.createBucket(bucket('b'));
      expect(await s3.listUploads('b')).toEqual([]);
      expect(await s3.getUpload('u1')).toBeUndefined();
      expect(await s3.listParts('u1')).toEqual([]);
    });
  });
}
