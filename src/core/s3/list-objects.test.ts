import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../storage/index.js';
import type { S3Store } from '../ports.js';
import { listObjects } from './list-objects.js';

async function bucketWith(keys: string[]): Promise<S3Store> {
  const { s3 } = createMemoryStores();
  await s3.createBucket({ name: 'b', accountId: '000000000000', region: 'us-east-1', createDate: new Date(0) });
  for (const key of keys) {
    await s3.putObject({
      bucket: 'b',
      key,
      blobId: key,
      size: 1,
      etag: '"x"',
      lastModified: new Date(0),
      metadata: {},
      checksums: {},
    });
  }
  return s3;
}

const keys = ['a.txt', 'photos/2025/a.jpg', 'photos/2025/b.jpg', 'photos/2026/c.jpg', 'videos/v.mp4', 'z.txt'];

describe('listObjects', () => {
  it('rolls keys up into common prefixes at the delimiter', async () => {
    const store = await bucketWith(keys);
    const page = await listObjects(store, { bucket: 'b', prefix: '', delimiter: '/', maxKeys: 1000, startAfter: '' });
    expect(page.objects.map((o) => o.key)).toEqual(['a.txt', 'z.txt']);
    expect(page.commonPrefixes).toEqual(['photos/', 'videos/']);
    expect(page.isTruncated).toBe(false);
  });

  it('pages through keys and prefixes without repeating a prefix', async () => {
    const store = await bucketWith(keys);
    const seen: string[] = [];
    let token: string | undefined;
    for (let round = 0; round < 10; round += 1) {
      const page = await listObjects(store, {
        bucket: 'b',
        prefix: '',
        delimiter: '/',
        maxKeys: 1,
        startAfter: '',
        continuationToken: token,
      });
      seen.push(...page.objects.map((o) => o.key), ...page.commonPrefixes);
      if (!page.isTruncated) break;
      token = page.nextContinuationToken;
    }
    expect(seen).toEqual(['a.txt', 'photos/', 'videos/', 'z.txt']);
  });

  it('honours prefix with delimiter and rejects a forged continuation token', async () => {
    const store = await bucketWith(keys);
    const page = await listObjects(store, {
      bucket: 'b',
      prefix: 'photos/',
      delimiter: '/',
      maxKeys: 1000,
      startAfter: '',
    });
    expect(page.commonPrefixes).toEqual(['photos/2025/', 'photos/2026/']);
    await expect(
      listObjects(store, { bucket: 'b', prefix: '', maxKeys: 10, startAfter: '', continuationToken: '!!!' }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
