/**
 * Multipart upload ids as the AWS CLI must be able to pass them back (`--upload-id <id>`): never starting with `-`
 * (ids/opaque-id.ts), and still naming their upload.
 */

import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../storage/index.js';
import { MultipartService } from './multipart-service.js';

describe('MultipartService upload ids', () => {
  it('does not start an upload id with "-" even when its random bytes would, and the id names the upload', async () => {
    const stores = createMemoryStores();
    const multipart = new MultipartService({
      store: stores.s3,
      blobs: stores.blobs,
      clock: { now: () => new Date(1_700_000_000_000) },
      // 0xf8 = 0b111110_00: the plain base64url of these bytes starts with '-'.
      random: { bytes: (n) => Buffer.alloc(n, 0xf8), uuid: () => 'u' },
    });
    await stores.s3.createBucket({
      name: 'b',
      accountId: '000000000000',
      region: 'us-east-1',
      createDate: new Date(0),
    });
    const { UploadId } = await multipart.create('000000000000', { Bucket: 'b', Key: 'k' });
    expect(UploadId).toMatch(/^A[A-Za-z0-9_-]{42}$/);
    const parts = await multipart.listParts({ Bucket: 'b', Key: 'k', UploadId: UploadId! });
    expect(parts.UploadId).toBe(UploadId);
  });
});
