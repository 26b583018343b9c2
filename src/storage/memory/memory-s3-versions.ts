/**
 * @module storage/memory/memory-s3-versions
 * How the reference S3 store names versions ("Using versioning in S3 buckets"): the null version is the record with
 * no version id or the id `null`, and a version that stops being current keeps its id (`null` for the null version).
 */

import type { ObjectRecord } from '../../core/entities.js';

/** A key's current version and its noncurrent versions, newest first. */
export interface KeyVersions {
  readonly current: ObjectRecord;
  readonly noncurrent: ObjectRecord[];
}

/** Whether `versionId` names the null version. */
export const isNullVersion = (versionId: string | undefined): boolean =>
  versionId === undefined || versionId === 'null';

/** A copy of `record` as a noncurrent version: the null version is named `null` from now on. */
export const archived = (record: ObjectRecord): ObjectRecord => ({ ...record, versionId: record.versionId ?? 'null' });

/**
 * Where `versionId` is among the key's versions: 0 for the current one, `1 + i` for `noncurrent[i]`, -1 when absent.
 *
 * @example
 * versionIndex({ current: { ...object, versionId: undefined }, noncurrent: [] }, 'null'); // 0
 */
export function versionIndex(versions: KeyVersions, versionId: string): number {
  const matches = (record: ObjectRecord) =>
    versionId === 'null' ? isNullVersion(record.versionId) : record.versionId === versionId;
  if (matches(versions.current)) return 0;
  const at = versions.noncurrent.findIndex(matches);
  return at < 0 ? -1 : at + 1;
}
