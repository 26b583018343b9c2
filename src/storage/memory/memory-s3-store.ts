/**
 * @module storage/memory/memory-s3-store
 * The reference {@link S3Store}. Each bucket keeps its keys in a sorted array (UTF-8 byte order, as S3 lists them),
 * so a listing is a binary search and a slice rather than a sort of the whole bucket. A key's noncurrent versions
 * sit beside it, newest first (./memory-s3-versions.ts).
 */

import type { BucketRecord, ObjectRecord, ObjectVersionRecord, PublicAccessBlock } from '../../core/entities.js';
import { AwsError } from '../../core/errors.js';
import type { S3Store } from '../../core/ports.js';
import { compareUtf8 } from '../ordering.js';
import { createMemoryUploads } from './memory-s3-uploads.js';
import { archived, isNullVersion, type KeyVersions, versionIndex } from './memory-s3-versions.js';

interface BucketState {
  record: BucketRecord;
  readonly keys: string[];
  /** Current versions (objects and delete markers). */
  readonly objects: Map<string, ObjectRecord>;
  /** Noncurrent versions, newest first; only keys that have some. */
  readonly noncurrent: Map<string, ObjectRecord[]>;
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
    const history = bucket.noncurrent.get(object.key) ?? [];
    let replaced: ObjectRecord | undefined;
    if (isNullVersion(object.versionId)) {
      const at = history.findIndex((version) => isNullVersion(version.versionId));
      if (at >= 0) replaced = history.splice(at, 1)[0];
    }
    if (previous === undefined) bucket.keys.splice(lowerBound(bucket.keys, object.key, false), 0, object.key);
    else if (isNullVersion(object.versionId) && isNullVersion(previous.versionId)) replaced = previous;
    else history.unshift(archived(previous));
    bucket.objects.set(object.key, structuredClone(object));
    if (history.length > 0) bucket.noncurrent.set(object.key, history);
    else bucket.noncurrent.delete(object.key);
    return replaced;
  }

  /** The key's versions, current first, or undefined when the key has none. */
  function versionsOf(bucket: BucketState | undefined, key: string): KeyVersions | undefined {
    const current = bucket?.objects.get(key);
    if (bucket === undefined || current === undefined) return undefined;
    return { current, noncurrent: bucket.noncurrent.get(key) ?? [] };
  }

  async function deleteObjectVersion(bucketName: string, key: string, versionId: string) {
    const bucket = buckets.get(bucketName);
    const versions = versionsOf(bucket, key);
    if (bucket === undefined || versions === undefined) return undefined;
    const at = versionIndex(versions, versionId);
    if (at > 0) return versions.noncurrent.splice(at - 1, 1)[0];
    if (at < 0) return undefined;
    const promoted = versions.noncurrent.shift();
    if (versions.noncurrent.length === 0) bucket.noncurrent.delete(key);
    if (promoted !== undefined) bucket.objects.set(key, promoted);
    else {
      bucket.objects.delete(key);
      bucket.keys.splice(lowerBound(bucket.keys, key, false), 1);
    }
    return versions.current;
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
      // Noncurrent versions keep their bodies too: a sweep that missed them would delete old versions' data.
      const objects = [...buckets.values()].flatMap((bucket) => [
        ...[...bucket.objects.values()].map((o) => o.blobId),
        ...[...bucket.noncurrent.values()].flatMap((history) => history.map((o) => o.blobId)),
      ]);
      return new Set([...objects, ...partBlobIds()]);
    },
    async createBucket(bucket) {
      if (buckets.has(bucket.name)) return false;
      buckets.set(bucket.name, {
        record: structuredClone(bucket),
        keys: [],
        objects: new Map(),
        noncurrent: new Map(),
      });
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
    async getObjectVersion(bucketName, key, versionId) {
      const versions = versionsOf(buckets.get(bucketName), key);
      const at = versions === undefined ? -1 : versionIndex(versions, versionId);
      return copy(at === 0 ? versions?.current : versions?.noncurrent[at - 1]);
    },
    async deleteObject(bucketName, key) {
      const current = buckets.get(bucketName)?.objects.get(key);
      return current && deleteObjectVersion(bucketName, key, current.versionId ?? 'null');
    },
    deleteObjectVersion,
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
        const record = bucket.objects.get(key);
        if (record === undefined || record.deleteMarker) continue;
        if (objects.length === maxKeys) return { objects, isTruncated: true };
        objects.push(structuredClone(record));
      }
      return { objects, isTruncated: false };
    },
    async listObjectVersions(bucketName, { prefix, keyMarker, versionIdMarker, maxKeys }) {
      const bucket = buckets.get(bucketName);
      if (bucket === undefined) return { versions: [], isTruncated: false };
      const resume = keyMarker !== '' && versionIdMarker !== undefined;
      const start = compareUtf8(keyMarker, prefix) >= 0 ? keyMarker : prefix;
      const out: ObjectVersionRecord[] = [];
      for (
        let index = lowerBound(bucket.keys, start, start === keyMarker && !resume);
        index < bucket.keys.length;
        index++
      ) {
        const key = bucket.keys[index] ?? '';
        if (!key.startsWith(prefix)) break;
        const versions = versionsOf(bucket, key);
        if (versions === undefined) continue;
        let entries: ObjectVersionRecord[] = [
          { ...versions.current, isLatest: true },
          ...versions.noncurrent.map((version) => ({ ...version, isLatest: false })),
        ];
        if (resume && key === keyMarker) {
          const at = versionIndex(versions, versionIdMarker);
          entries = at < 0 ? [] : entries.slice(at + 1);
        }
        for (const entry of entries) {
          if (out.length === maxKeys) return { versions: out, isTruncated: true };
          out.push(structuredClone(entry));
        }
      }
      return { versions: out, isTruncated: false };
    },
    async countObjects(bucketName) {
      const bucket = buckets.get(bucketName);
      if (bucket === undefined) return 0;
      let count = bucket.objects.size;
      for (const history of bucket.noncurrent.values()) count += history.length;
      return count;
    },
    async setObjectTags(bucketName, key, tags, versionId) {
      const bucket = buckets.get(bucketName);
      const versions = versionsOf(bucket, key);
      if (bucket === undefined || versions === undefined) return false;
      const at = versionIndex(versions, versionId ?? versions.current.versionId ?? 'null');
      const target = at === 0 ? versions.current : versions.noncurrent[at - 1];
      if (target === undefined || target.deleteMarker) return false;
      const { tags: _previous, ...rest } = target;
      const updated = tags.length === 0 ? rest : { ...rest, tags: structuredClone(tags) };
      if (at === 0) bucket.objects.set(key, updated);
      else versions.noncurrent[at - 1] = updated;
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
