/**
 * @module test/storage-contract/s3-bucket-cases
 * S3Store buckets and single-object operations.
 */

import { describe, expect, it } from 'vitest';
import { isAwsError } from '../../src/core/errors.js';
import type { StoresGetter } from './contract.js';
import { accountId, at, bucket, object, otherAccountId } from './fixtures.js';

const block = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };

export function s3BucketCases(stores: StoresGetter): void {
  describe('S3Store buckets', () => {
    it('creates a bucket once, globally across accounts', async () => {
      const { s3 } = stores();
      expect(await s3.createBucket(bucket('photos'))).toBe(true);
      expect(await s3.createBucket(bucket('photos', { accountId: otherAccountId }))).toBe(false);
      expect(await s3.getBucket('photos')).toEqual(bucket('photos'));
      expect(await s3.getBucket('nope')).toBeUndefined();
    });

    it("lists an account's buckets sorted by name", async () => {
      const { s3 } = stores();
      for (const name of ['logs', 'assets', 'z-bucket', 'a.b']) await s3.createBucket(bucket(name));
      await s3.createBucket(bucket('theirs', { accountId: otherAccountId }));
      expect((await s3.listBuckets(accountId)).map((b) => b.name)).toEqual(['a.b', 'assets', 'logs', 'z-bucket']);
      expect(await s3.listBuckets(otherAccountId)).toEqual([bucket('theirs', { accountId: otherAccountId })]);
      expect(await s3.listBuckets('999999999999')).toEqual([]);
    });

    it('sets and clears the public access block', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b1'));
      expect((await s3.getBucket('b1'))?.publicAccessBlock).toBeUndefined();
      await s3.setPublicAccessBlock('b1', block);
      expect(await s3.getBucket('b1')).toEqual(bucket('b1', { publicAccessBlock: block }));
      await s3.setPublicAccessBlock('b1', undefined);
      const cleared = await s3.getBucket('b1');
      expect(cleared).toEqual(bucket('b1'));
      expect(cleared && 'publicAccessBlock' in cleared ? cleared.publicAccessBlock : 'absent').toBe('absent');
      await s3.setPublicAccessBlock('missing', block);
      expect(await s3.getBucket('missing')).toBeUndefined();
    });

    it('sets, replaces and clears the bucket policy', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b1', { publicAccessBlock: block }));
      const policy = '{"Version":"2012-10-17","Statement":[]}';
      await s3.setBucketPolicy('b1', policy);
      expect(await s3.getBucket('b1')).toEqual(bucket('b1', { publicAccessBlock: block, policy }));
      await s3.setBucketPolicy('b1', `${policy} `);
      expect((await s3.getBucket('b1'))?.policy).toBe(`${policy} `);
      await s3.setBucketPolicy('b1', undefined);
      const cleared = await s3.getBucket('b1');
      expect(cleared).toEqual(bucket('b1', { publicAccessBlock: block }));
      expect(cleared && 'policy' in cleared ? cleared.policy : 'absent').toBe('absent');
      await s3.setBucketPolicy('missing', policy);
      expect(await s3.getBucket('missing')).toBeUndefined();
    });

    it('deletes a bucket once, taking its object rows with it', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('tmp'));
      await s3.putObject(object('tmp', 'k'));
      expect(await s3.deleteBucket('tmp')).toBe(true);
      expect(await s3.deleteBucket('tmp')).toBe(false);
      expect(await s3.getBucket('tmp')).toBeUndefined();
      await s3.createBucket(bucket('tmp'));
      expect(await s3.countObjects('tmp')).toBe(0);
      expect(await s3.getObject('tmp', 'k')).toBeUndefined();
    });
  });

  describe('S3Store objects', () => {
    it('puts an object, returning the record it replaces', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const first = object('b', 'docs/readme.txt');
      const second = object('b', 'docs/readme.txt', {
        blobId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        size: 5_000_000_000,
        etag: '"00000000000000000000000000000000"',
        lastModified: at(99),
        metadata: {},
        checksums: {},
      });
      expect(await s3.putObject(first)).toBeUndefined();
      expect(await s3.getObject('b', 'docs/readme.txt')).toEqual(first);
      expect(await s3.putObject(second)).toEqual(first);
      expect(await s3.getObject('b', 'docs/readme.txt')).toEqual(second);
      expect(await s3.countObjects('b')).toBe(1);
    });

    it('treats keys as case-sensitive and round-trips an object without content type', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const { contentType: _c, ...bare } = object('b', 'Key');
      await s3.putObject(bare);
      await s3.putObject(object('b', 'key'));
      expect(await s3.getObject('b', 'Key')).toEqual(bare);
      expect(await s3.countObjects('b')).toBe(2);
      expect(await s3.getObject('B', 'Key')).toBeUndefined();
    });

    it('deletes an object, returning the removed record once', async () => {
      const { s3 } = stores();
      await s3.createBucket(bucket('b'));
      const o = object('b', 'gone');
      await s3.putObject(o);
      expect(await s3.deleteObject('b', 'gone')).toEqual(o);
      expect(await s3.deleteObject('b', 'gone')).toBeUndefined();
      expect(await s3.deleteObject('missing-bucket', 'gone')).toBeUndefined();
      expect(await s3.getObject('b', 'gone')).toBeUndefined();
      expect(await s3.countObjects('b')).toBe(0);
      expect(await s3.countObjects('missing-bucket')).toBe(0);
    });

    it('rejects an object for a bucket that does not exist with NoSuchBucket', async () => {
      const { s3 } = stores();
      const error = await s3.putObject(object('missing', 'k')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAwsError(error) ? error.code : error).toBe('NoSuchBucket');
    });
  });
}
