/**
 * @module core/s3/list-versions
 * ListObjectVersions over the store's version pages (API reference, ListObjectVersions): every version and delete
 * marker by key, newest first; prefix and delimiter roll-up into CommonPrefixes, MaxKeys counting versions, markers
 * and prefixes together; paging by `key-marker` and `version-id-marker`, which must come with a key marker.
 */

import type { S3 } from '../../shapes/index.js';
import type { BucketRecord, ObjectVersionRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';
import { encoder, rollUp } from './list-objects.js';
import { checkVersionId, NULL_VERSION } from './versions.js';

const PAGE = 1000;
const OWNER_DISPLAY = 'iamd';

/** Where the next page starts: a version, or (after a common prefix) the prefix alone. */
type Next = { readonly key: string; readonly versionId?: string | undefined };

interface Collected {
  readonly entries: ObjectVersionRecord[];
  readonly prefixes: string[];
  readonly next?: Next | undefined;
}

function checkMarkers(input: S3.ListObjectVersionsRequest): void {
  if (input.VersionIdMarker === undefined) return;
  if (!input.KeyMarker) {
    throw new AwsError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.');
  }
  checkVersionId(input.VersionIdMarker);
}

/** Up to `maxKeys` entries and prefixes after the request's markers. */
async function collect(store: S3Store, bucket: string, input: S3.ListObjectVersionsRequest, maxKeys: number) {
  const prefix = input.Prefix ?? '';
  const delimiter = input.Delimiter;
  const out: Collected = { entries: [], prefixes: [] };
  let keyMarker = input.KeyMarker ?? '';
  let versionIdMarker = input.VersionIdMarker;
  // Resuming after a common prefix: its remaining keys must not roll up into it a second time.
  const resumed = rollUp(keyMarker, prefix, delimiter) === keyMarker ? keyMarker : undefined;
  let last: Next | undefined;
  for (;;) {
    const page = await store.listObjectVersions(bucket, { prefix, keyMarker, versionIdMarker, maxKeys: PAGE });
    for (const entry of page.versions) {
      keyMarker = entry.key;
      versionIdMarker = entry.versionId ?? NULL_VERSION;
      const rolled = rollUp(entry.key, prefix, delimiter);
      if (rolled !== undefined && rolled === (out.prefixes.at(-1) ?? resumed)) continue;
      if (out.entries.length + out.prefixes.length >= maxKeys) return { ...out, next: last };
      if (rolled !== undefined) out.prefixes.push(rolled);
      else out.entries.push(entry);
      last = rolled === undefined ? { key: entry.key, versionId: versionIdMarker } : { key: rolled };
    }
    if (!page.isTruncated) return out;
  }
}

/**
 * Lists one page of a bucket's versions.
 *
 * @example
 * await listVersions(store, bucket, { Bucket: 'photos', Prefix: '2024/', MaxKeys: 100 });
 */
export async function listVersions(
  store: S3Store,
  bucket: BucketRecord,
  input: S3.ListObjectVersionsRequest,
): Promise<S3.ListObjectVersionsOutput> {
  const name = encoder(input.EncodingType);
  const maxKeys = input.MaxKeys ?? 1000;
  if (maxKeys < 0) throw new AwsError('InvalidArgument', 'max-keys cannot be negative');
  checkMarkers(input);
  const result: Collected =
    maxKeys === 0 ? { entries: [], prefixes: [] } : await collect(store, bucket.name, input, Math.min(maxKeys, 1000));
  const owner = { DisplayName: OWNER_DISPLAY, ID: bucket.accountId };
  const common = (e: ObjectVersionRecord) => ({
    Key: name(e.key),
    VersionId: e.versionId ?? NULL_VERSION,
    IsLatest: e.isLatest,
    LastModified: e.lastModified,
    Owner: owner,
  });
  return {
    IsTruncated: result.next !== undefined,
    KeyMarker: name(input.KeyMarker ?? ''),
    VersionIdMarker: input.VersionIdMarker ?? '',
    NextKeyMarker: name(result.next?.key),
    NextVersionIdMarker: result.next?.versionId,
    Versions: result.entries
      .filter((e) => !e.deleteMarker)
      .map((e) => ({ ETag: e.etag, Size: e.size, StorageClass: 'STANDARD' as const, ...common(e) })),
    DeleteMarkers: result.entries.filter((e) => e.deleteMarker).map(common),
    Name: bucket.name,
    Prefix: name(input.Prefix ?? ''),
    Delimiter: name(input.Delimiter),
    MaxKeys: maxKeys,
    CommonPrefixes: result.prefixes.map((prefix) => ({ Prefix: name(prefix) })),
    EncodingType: input.EncodingType,
  };
}
