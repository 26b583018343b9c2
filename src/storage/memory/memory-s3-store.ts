/**
 * @module storage/memory/memory-s3-store
 * The reference {@link S3Store}. Each bucket keeps its keys in a sorted array (UTF-8 byte order, as S3 lists them),
 * so a listing is a binary search and a slice rather than a sort of the whole bucket.
 */

import type { BucketRecord, ObjectRecord, PublicAccessBlock } from '../../core/entities.js';
import { AwsError } from '../../core/errors.js';
import type { S3Store } from '../../core/ports.js';
import { compareUtf8 } from '../ordering.js';
import { createMemoryUploads } from './memory-s3-uploads.js';

interface BucketState {
  record: BucketRecord;
  readonly keys: string[];
  readonly objects: Map<string, ObjectRecord>;
}

/** Index of the first key that is `>= target` (or `> target` when `exclusive`). */
function lowerBound(keys: readonly string[], target: string, exclusive: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const cmp = compareUtf8(keys[mid] ?? '', target);
    if (cmp < 0 || (exclusive && cmp === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

const copy = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : structuredClone(value));

/**
 * Creates an empty in-memory {@link S3Store}.
 *
 * @example
 * const s3 = createMemoryS3Store();
 * await s3.createBucket({ name: 'photos', accountId, region: 'us-east-1', createDate: clock.now() }); // true
 */
export function createMemoryS3Store(): S3Store {
  const buckets = new Map<string, BucketState>();

  function bucketOrThrow(name: string): BucketState {
    const bucket = buckets.get(name);
    // The domain checks first; this only fires when a concurrent DeleteBucket won the race.
    if (bucket === undefined) throw new AwsError('NoSuchBucket');
    return bucket;
  }

  /** Replaces one optional field of a bucket's record (absent when `value` is undefined). */
  function setField<K extends 'tags' | 'versioning' | 'encryption'>(name: string, field: K, value: BucketRecord[K]) {
    const bucket = buckets.get(name);
    if (bucket === undefined) return;
    const rest: BucketRecord = { ...bucket.record };
    delete (rest as Partial<BucketRecord>)[field];
    bucket.record = value === undefined ? rest : { ...rest, [field]: structuredClone(value) };
  }

  async function putObject(object: ObjectRecord): Promise<ObjectRecord | undefined> {
    const bucket = bucketOrThrow(object.bucket);
    const previous = bucket.objects.get(object.key);
    if (previous === undefined) bucket.keys.splice(lowerBound(bucket.keys, object.key, false), 0, object.key);
    bucket.objects.set(object.key, structuredClone(object));
    return previous;
  }

  const { partBlobIds, ...uploads } = createMemoryUploads(putObject, (name) => buckets.has(name));
  const accountBlocks = new Map<string, PublicAccessBlock>();

  return {
    ...uploads,
    async getAccountPublicAccessBlock(accountId) {
      return copy(accountBlocks.get(accountId));
    },
    async setAccountPublicAccessBlock(accountId, config) {
      if (config === undefined) accountBlocks.delete(accountId);
      else accountBlocks.set(accountId, structuredClone(config));
    },
    async referencedBlobIds() {
      const objects = [...buckets.values()].flatMap((bucket) => [...bucket.objects.values()].map((o) => o.blobId));
      return new Set([...objects, ...partBlobIds()]);
    },
    async createBucket(bucket) {
      if (buckets.has(bucket.name)) return false;
      buckets.set(bucket.name, { record: structuredClone(bucket), keys: [], objects: new Map() });
      return true;
    },
    async getBucket(name) {
      return copy(buckets.get(name)?.record);
    },
    async listBuckets(accountId) {
      return [...buckets.values()]
        .map((bucket) => bucket.record)
        .filter((bucket) => bucket.accountId === accountId)
        .sort((a, b) => compareUtf8(a.name, b.name))
        .map((bucket) => structuredClone(bucket));
    },
    async deleteBucket(name) {
      uploads.dropBucket(name);
      return buckets.delete(name);
    },
    async setPublicAccessBlock(name, config: PublicAccessBlock | undefined) {
      const bucket = buckets.get(name);
      if (bucket === undefined) return;
      const { publicAccessBlock: _previous, ...rest } = bucket.record;
      bucket.record = config === undefined ? rest : { ...rest, publicAccessBlock: structuredClone(config) };
    },
    async setBucketPolicy(name, policy: string | undefined) {
      const bucket = buckets.get(name);
      if (bucket === undefined) return;
      const { policy: _previous, ...rest } = bucket.record;
      bucket.record = policy === undefined ? rest : { ...rest, policy };
    },
    putObject,
    async getObject(bucketName, key) {
      return copy(buckets.get(bucketName)?.objects.get(key));
    },
    async deleteObject(bucketName, key) {
      const bucket = buckets.get(bucketName);
      const removed = bucket?.objects.get(key);
      if (bucket === undefined || removed === undefined) return undefined;
      bucket.objects.delete(key);
      bucket.keys.splice(lowerBound(bucket.keys, key, false), 1);
      return removed;
    },
    async listObjects(bucketName, query) {
      const bucket = buckets.get(bucketName);
      if (bucket === undefined) return { objects: [], isTruncated: false };
      const { prefix, startAfter, maxKeys } = query;
      const afterStart = compareUtf8(startAfter, prefix) >= 0;
      let index = afterStart ? lowerBound(bucket.keys, startAfter, true) : lowerBound(bucket.keys, prefix, false);
      const objects: ObjectRecord[] = [];
      for (; index < bucket.keys.length; index++) {
        const key = bucket.keys[index] ?? '';
        if (!key.startsWith(prefix)) break;
        if (objects.length === maxKeys) return { objects, isTruncated: true };
        const record = bucket.objects.get(key);
        if (record !== undefined) objects.push(structuredClone(record));
      }
      return { objects, isTruncated: false };
    },
    async countObjects(bucketName) {
      return buckets.get(bucketName)?.objects.size ?? 0;
    },
    async setObjectTags(bucketName, key, tags) {
      const objects = buckets.get(bucketName)?.objects;
      const object = objects?.get(key);
      if (objects === undefined || object === undefined) return false;
      const { tags: _previous, ...rest } = object;
      objects.set(key, tags.length === 0 ? rest : { ...rest, tags: structuredClone(tags) });
      return true;
    },
    async setBucketTags(name, tags) {
      setField(name, 'tags', tags);
    },
    async setBucketVersioning(name, status) {
      setField(name, 'versioning', status);
    },
    async setBucketEncryption(name, encryption) {
      setField(name, 'encryption', encryption);
    },
  };
}
