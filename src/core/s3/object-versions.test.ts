/**
 * The object use cases on a versioned bucket, over the memory stores: which blobs are kept and which are deleted as
 * versions come and go, and the delete-marker answers.
 */

import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../storage/index.js';
import { type AwsError, isAwsError } from '../errors.js';
import type { Stores } from '../ports.js';
import { ObjectService } from './object-service.js';

let stores: Stores;
let objects: ObjectService;
let counter = 0;

const put = async (Key: string, text: string) =>
  objects.putObject({ Bucket: 'b', Key }, Readable.from([Buffer.from(text)]), {});
const read = async (blobId: string) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stores.blobs.read(blobId)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};
const blobOf = async (key: string, versionId: string) =>
  (await stores.s3.getObjectVersion('b', key, versionId))!.blobId;
async function error(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (caught) {
    if (isAwsError(caught)) return caught;
    throw caught;
  }
  throw new Error('expected an AwsError');
}

beforeEach(async () => {
  stores = createMemoryStores();
  objects = new ObjectService({
    store: stores.s3,
    blobs: stores.blobs,
    clock: { now: () => new Date(1_700_000_000_000) },
    random: { bytes: (n) => Buffer.alloc(n, ++counter), uuid: () => 'u' },
  });
  await stores.s3.createBucket({ name: 'b', accountId: '000000000000', region: 'us-east-1', createDate: new Date(0) });
});

describe('ObjectService on versioned buckets', () => {
  it('keeps no version and deletes the blob in a never-versioned bucket', async () => {
    expect((await put('k', 'one')).VersionId).toBeUndefined();
    const blobId = (await stores.s3.getObject('b', 'k'))!.blobId;
    expect(await objects.deleteObject({ Bucket: 'b', Key: 'k' })).toEqual({});
    expect(await stores.s3.countObjects('b')).toBe(0);
    await expect(read(blobId)).rejects.toThrow();
  });

  it('keeps every version body until that version is deleted for good', async () => {
    await stores.s3.setBucketVersioning('b', 'Enabled');
    const v1 = (await put('k', 'one')).VersionId!;
    const v2 = (await put('k', 'two')).VersionId!;
    const marker = await objects.deleteObject({ Bucket: 'b', Key: 'k' });
    expect(marker.DeleteMarker).toBe(true);
    const v1Blob = await blobOf('k', v1);
    expect(await read(v1Blob)).toBe('one');
    expect(await read(await blobOf('k', v2))).toBe('two');

    const missing = await error(objects.getObject({ Bucket: 'b', Key: 'k' }));
    expect([missing.code, missing.headers]).toEqual([
      'NoSuchKey',
      { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.VersionId },
    ]);
    const byId = await error(objects.headObject({ Bucket: 'b', Key: 'k', VersionId: marker.VersionId }));
    expect([byId.code, byId.headers['allow'], byId.headers['last-modified']]).toEqual([
      'MethodNotAllowed',
      'DELETE',
      'Tue, 14 Nov 2023 22:13:20 GMT',
    ]);

    expect(await objects.deleteObject({ Bucket: 'b', Key: 'k', VersionId: v1 })).toEqual({ VersionId: v1 });
    await expect(read(v1Blob)).rejects.toThrow();
    expect(await objects.deleteObject({ Bucket: 'b', Key: 'k', VersionId: marker.VersionId })).toEqual({
      VersionId: marker.VersionId,
      DeleteMarker: true,
    });
    const body = (await objects.getObject({ Bucket: 'b', Key: 'k' })).Body as Readable;
    expect((await body.toArray()).join('')).toBe('two');
  });

  it('replaces the null version in a suspended bucket, deleting its body, and keeps the others', async () => {
    await stores.s3.setBucketVersioning('b', 'Enabled');
    const v1 = (await put('k', 'kept')).VersionId!;
    await stores.s3.setBucketVersioning('b', 'Suspended');
    expect((await put('k', 'first null')).VersionId).toBe('null');
    const firstNull = await blobOf('k', 'null');
    await put('k', 'second null');
    await expect(read(firstNull)).rejects.toThrow();
    const secondNull = await blobOf('k', 'null');
    // The null delete marker replaces the null version too.
    expect(await objects.deleteObject({ Bucket: 'b', Key: 'k' })).toEqual({ DeleteMarker: true, VersionId: 'null' });
    await expect(read(secondNull)).rejects.toThrow();
    expect(await read(await blobOf('k', v1))).toBe('kept');
    expect(await stores.s3.countObjects('b')).toBe(2);
  });

  it('answers NoSuchVersion for a well-formed id that names nothing, and InvalidArgument for a malformed one', async () => {
    await stores.s3.setBucketVersioning('b', 'Enabled');
    await put('k', 'x');
    expect((await error(objects.getObject({ Bucket: 'b', Key: 'k', VersionId: 'A'.repeat(32) }))).code).toBe(
      'NoSuchVersion',
    );
    expect((await error(objects.getObject({ Bucket: 'b', Key: 'k', VersionId: 'nope' }))).code).toBe('InvalidArgument');
    expect((await error(objects.deleteObject({ Bucket: 'b', Key: 'k', VersionId: 'nope' }))).code).toBe(
      'InvalidArgument',
    );
  });

  it('lets a conditional write create a key whose current version is a delete marker', async () => {
    await stores.s3.setBucketVersioning('b', 'Enabled');
    await put('k', 'x');
    await objects.deleteObject({ Bucket: 'b', Key: 'k' });
    const created = await objects.putObject(
      { Bucket: 'b', Key: 'k', IfNoneMatch: '*' },
      Readable.from([Buffer.from('again')]),
      {},
    );
    expect(created.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
