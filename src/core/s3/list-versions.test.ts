import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../storage/index.js';
import type { BucketRecord } from '../entities.js';
import { isAwsError } from '../errors.js';
import type { S3Store } from '../ports.js';
import { listVersions } from './list-versions.js';

const bucket: BucketRecord = { name: 'b', accountId: '000000000000', region: 'us-east-1', createDate: new Date(0) };

/** Two versions of each key; `gone` ends with a delete marker. */
async function store(): Promise<S3Store> {
  const { s3 } = createMemoryStores();
  await s3.createBucket(bucket);
  const base = { bucket: 'b', size: 1, etag: '"e"', lastModified: new Date(0), metadata: {}, checksums: {} };
  for (const key of ['a b', 'dir/1', 'dir/2', 'gone', 'z']) {
    for (const n of [1, 2]) await s3.putObject({ ...base, key, blobId: `${key}${n}`, versionId: `${key}-${n}` });
  }
  await s3.putObject({ ...base, key: 'gone', blobId: '', versionId: 'gone-dm', deleteMarker: true });
  return s3;
}

const entries = (out: Awaited<ReturnType<typeof listVersions>>) => [
  ...(out.Versions ?? []).map((v) => `${v.Key}@${v.VersionId}${v.IsLatest ? '*' : ''}`),
  ...(out.DeleteMarkers ?? []).map((d) => `${d.Key}@${d.VersionId}(dm)${d.IsLatest ? '*' : ''}`),
];

describe('listVersions', () => {
  it('lists versions newest first and markers apart, with IsLatest on the current one', async () => {
    const out = await listVersions(await store(), bucket, { Bucket: 'b', Prefix: 'g' });
    expect(entries(out)).toEqual(['gone@gone-2', 'gone@gone-1', 'gone@gone-dm(dm)*']);
    expect([out.IsTruncated, out.KeyMarker, out.VersionIdMarker, out.MaxKeys]).toEqual([false, '', '', 1000]);
  });

  it('counts a common prefix once toward MaxKeys and resumes after it without repeating it', async () => {
    const s3 = await store();
    const first = await listVersions(s3, bucket, { Bucket: 'b', Delimiter: '/', MaxKeys: 3 });
    expect([entries(first), first.CommonPrefixes]).toEqual([['a b@a b-2*', 'a b@a b-1'], [{ Prefix: 'dir/' }]]);
    expect([first.IsTruncated, first.NextKeyMarker, first.NextVersionIdMarker]).toEqual([true, 'dir/', undefined]);
    const second = await listVersions(s3, bucket, { Bucket: 'b', Delimiter: '/', MaxKeys: 3, KeyMarker: 'dir/' });
    expect(second.CommonPrefixes).toEqual([]);
    expect(entries(second)).toEqual(['gone@gone-2', 'gone@gone-1', 'gone@gone-dm(dm)*']);
    expect([second.NextKeyMarker, second.NextVersionIdMarker]).toEqual(['gone', 'gone-1']);
  });

  it('URL-encodes keys and markers for encoding-type=url', async () => {
    const out = await listVersions(await store(), bucket, {
      Bucket: 'b',
      EncodingType: 'url',
      MaxKeys: 1,
      KeyMarker: 'a',
    });
    expect([out.Versions?.[0]?.Key, out.NextKeyMarker]).toEqual(['a%20b', 'a%20b']);
  });

  it('answers an empty page for MaxKeys 0 and refuses a version id marker without a key marker', async () => {
    const s3 = await store();
    const empty = await listVersions(s3, bucket, { Bucket: 'b', MaxKeys: 0 });
    expect([entries(empty), empty.IsTruncated]).toEqual([[], false]);
    for (const input of [{ VersionIdMarker: 'null' }, { MaxKeys: -1 }, { KeyMarker: 'a', VersionIdMarker: 'bad' }]) {
      const error = await listVersions(s3, bucket, { Bucket: 'b', ...input }).catch((e: unknown) => e);
      expect(isAwsError(error) && error.code).toBe('InvalidArgument');
    }
  });
});
