/**
 * @module test/storage-contract/s3-account-cases
 * S3Store account-wide state: S3 Control's account Block Public Access configuration, and the blob ids objects and
 * in-progress parts reference (what the start-up sweep of orphaned bodies must keep).
 */

import { describe, expect, it } from 'vitest';
import type { PublicAccessBlock } from '../../src/core/entities.js';
import type { StoresGetter } from './contract.js';
import { accountId, at, bucket, object, otherAccountId } from './fixtures.js';

const blocked: PublicAccessBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: false,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: false,
};

const blobId = (n: number) => `0f8fad5b-d9cb-469f-a165-7086772895${String(n).padStart(2, '0')}`;

export function s3AccountCases(get: StoresGetter): void {
  describe('S3 account settings and blob references', () => {
    it('keeps one Block Public Access configuration per account, replaced and removed whole', async () => {
      const { s3 } = get();
      expect(await s3.getAccountPublicAccessBlock(accountId)).toBeUndefined();
      await s3.setAccountPublicAccessBlock(accountId, blocked);
      expect(await s3.getAccountPublicAccessBlock(accountId)).toEqual(blocked);
      expect(await s3.getAccountPublicAccessBlock(otherAccountId)).toBeUndefined();
      const open = { ...blocked, BlockPublicAcls: false, RestrictPublicBuckets: true };
      await s3.setAccountPublicAccessBlock(accountId, open);
      expect(await s3.getAccountPublicAccessBlock(accountId)).toEqual(open);
      await s3.setAccountPublicAccessBlock(accountId, undefined);
      expect(await s3.getAccountPublicAccessBlock(accountId)).toBeUndefined();
      await s3.setAccountPublicAccessBlock(accountId, undefined);
      expect(await s3.getAccountPublicAccessBlock(accountId)).toBeUndefined();
    });

    it('lists the blobs of objects and of in-progress parts, and forgets removed ones', async () => {
      const { s3 } = get();
      expect([...(await s3.referencedBlobIds())]).toEqual([]);
      await s3.createBucket(bucket('b'));
      await s3.putObject(object('b', 'kept', { blobId: blobId(1) }));
      await s3.putObject(object('b', 'gone', { blobId: blobId(2) }));
      await s3.deleteObject('b', 'gone');
      await s3.createUpload({
        uploadId: 'u1',
        bucket: 'b',
        key: 'big',
        initiated: at(1),
        initiator: accountId,
        metadata: {},
      });
      const part = { uploadId: 'u1', size: 1, etag: '"e"', lastModified: at(2), checksums: {} };
      await s3.putPart({ ...part, partNumber: 1, blobId: blobId(3) });
      await s3.putPart({ ...part, partNumber: 2, blobId: blobId(4) });
      expect([...(await s3.referencedBlobIds())].sort()).toEqual([blobId(1), blobId(3), blobId(4)]);
      await s3.deleteUpload('u1');
      expect([...(await s3.referencedBlobIds())]).toEqual([blobId(1)]);
    });

    it('lists the blobs of noncurrent versions, so the start-up sweep keeps old versions', async () => {
      const { s3 } = get();
      await s3.createBucket(bucket('b'));
      await s3.putObject(object('b', 'k', { versionId: 'v1', blobId: blobId(5) }));
      await s3.putObject(object('b', 'k', { versionId: 'v2', blobId: blobId(6) }));
      expect([...(await s3.referencedBlobIds())].sort()).toEqual([blobId(5), blobId(6)]);
    });
  });
}
