/**
 * @module storage/sql/sql-s3-versions
 * The version half of the SQL {@link S3Store} ("Using versioning in S3 buckets"): reading, tagging and permanently
 * deleting one version, and listing every version. Current versions live in `s3_objects`, noncurrent ones in
 * `s3_object_versions` (migration 0013); a listing is one ordered UNION of both, by key, then current first, then
 * newest first.
 */

import { type Kysely, sql } from 'kysely';
import type { ObjectVersionRecord } from '../../core/entities.js';
import type { ListVersionsQuery, S3Store } from '../../core/ports.js';
import { prefixUpperBound } from '../ordering.js';
import { touched, toJson } from './codec.js';
import type { Database } from './schema.js';
import { objectFromRow } from './sql-s3-rows.js';

type VersionMethods = Pick<
  S3Store,
  'getObjectVersion' | 'deleteObjectVersion' | 'listObjectVersions' | 'setObjectTags'
>;

const COLUMNS = [
  'bucket',
  'object_key',
  'version_id',
  'blob_id',
  'size',
  'etag',
  'last_modified',
  'content_type',
  'metadata',
  'checksums',
  'headers',
  'tags',
  'parts_count',
  'part_sizes',
  'delete_marker',
] as const;

/**
 * The version methods over a migrated database.
 *
 * @example
 * const versions = createSqlS3Versions(db);
 */
export function createSqlS3Versions(db: Kysely<Database>): VersionMethods {
  /** The key's current row when it is version `versionId`. */
  const currentIf = (trx: Kysely<Database>, bucket: string, key: string, versionId: string) =>
    trx
      .selectFrom('s3_objects')
      .selectAll()
      .where('bucket', '=', bucket)
      .where('object_key', '=', key)
      .where((eb) =>
        versionId === 'null'
          ? eb.or([eb('version_id', 'is', null), eb('version_id', '=', 'null')])
          : eb('version_id', '=', versionId),
      )
      .executeTakeFirst();

  const noncurrent = (trx: Kysely<Database>, bucket: string, key: string, versionId: string) =>
    trx
      .selectFrom('s3_object_versions')
      .selectAll()
      .where('bucket', '=', bucket)
      .where('object_key', '=', key)
      .where('version_id', '=', versionId)
      .executeTakeFirst();

  /** Replaces the current row of a key with its newest noncurrent version, if it has one. */
  async function promoteNewest(trx: Kysely<Database>, bucket: string, key: string): Promise<void> {
    const newest = await trx
      .selectFrom('s3_object_versions')
      .selectAll()
      .where('bucket', '=', bucket)
      .where('object_key', '=', key)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (newest === undefined) return;
    const { seq: _seq, ...row } = newest;
    await trx
      .deleteFrom('s3_object_versions')
      .where('bucket', '=', bucket)
      .where('object_key', '=', key)
      .where('version_id', '=', row.version_id)
      .execute();
    await trx.insertInto('s3_objects').values(row).execute();
  }

  /** Where a listing resumes: every key after `keyMarker`, plus the marker key's versions older than `seq`. */
  async function resumePoint(bucket: string, query: ListVersionsQuery): Promise<number | undefined> {
    const { keyMarker, versionIdMarker } = query;
    if (keyMarker === '' || versionIdMarker === undefined) return undefined;
    if (await currentIf(db, bucket, keyMarker, versionIdMarker)) return Number.MAX_SAFE_INTEGER;
    const row = await noncurrent(db, bucket, keyMarker, versionIdMarker);
    return row === undefined ? undefined : Number(row.seq);
  }

  return {
    async getObjectVersion(bucket, key, versionId) {
      const row = (await currentIf(db, bucket, key, versionId)) ?? (await noncurrent(db, bucket, key, versionId));
      return row && objectFromRow(row);
    },
    deleteObjectVersion: (bucket, key, versionId) =>
      db.transaction().execute(async (trx) => {
        const current = await currentIf(trx, bucket, key, versionId);
        if (current !== undefined) {
          await trx.deleteFrom('s3_objects').where('bucket', '=', bucket).where('object_key', '=', key).execute();
          await promoteNewest(trx, bucket, key);
          return objectFromRow(current);
        }
        const row = await trx
          .deleteFrom('s3_object_versions')
          .where('bucket', '=', bucket)
          .where('object_key', '=', key)
          .where('version_id', '=', versionId)
          .returningAll()
          .executeTakeFirst();
        return row && objectFromRow(row);
      }),
    async listObjectVersions(bucket, query) {
      const { prefix, keyMarker, maxKeys } = query;
      const seq = await resumePoint(bucket, query);
      const upper = prefixUpperBound(prefix);
      const current = db
        .selectFrom('s3_objects')
        .select([...COLUMNS, sql<number>`1`.as('is_latest'), sql<number>`0`.as('seq')])
        .where('bucket', '=', bucket)
        .where('object_key', '>=', prefix)
        .where('object_key', '>', keyMarker)
        .$if(upper !== undefined, (q) => q.where('object_key', '<', upper ?? ''));
      const older = db
        .selectFrom('s3_object_versions')
        .select([...COLUMNS, sql<number>`0`.as('is_latest'), 'seq'])
        .where('bucket', '=', bucket)
        .where('object_key', '>=', prefix)
        .where((eb) =>
          seq === undefined
            ? eb('object_key', '>', keyMarker)
            : eb.or([
                eb('object_key', '>', keyMarker),
                eb.and([eb('object_key', '=', keyMarker), eb('seq', '<', seq)]),
              ]),
        )
        .$if(upper !== undefined, (q) => q.where('object_key', '<', upper ?? ''));
      const rows = await current
        .unionAll(older)
        .orderBy('object_key')
        .orderBy('is_latest', 'desc')
        .orderBy('seq', 'desc')
        .limit(maxKeys + 1)
        .execute();
      const versions: ObjectVersionRecord[] = rows
        .slice(0, maxKeys)
        .map((row) => ({ ...objectFromRow(row), isLatest: Number(row.is_latest) === 1 }));
      return { versions, isTruncated: rows.length > maxKeys };
    },
    async setObjectTags(bucket, key, tags, versionId) {
      const value = tags.length === 0 ? null : toJson(tags);
      const current = await db
        .updateTable('s3_objects')
        .set({ tags: value })
        .where('bucket', '=', bucket)
        .where('object_key', '=', key)
        .where('delete_marker', 'is', null)
        .$if(versionId !== undefined, (q) =>
          q.where((eb) =>
            versionId === 'null'
              ? eb.or([eb('version_id', 'is', null), eb('version_id', '=', 'null')])
              : eb('version_id', '=', versionId ?? ''),
          ),
        )
        .executeTakeFirst();
      if (touched(current.numUpdatedRows) || versionId === undefined) return touched(current.numUpdatedRows);
      const older = await db
        .updateTable('s3_object_versions')
        .set({ tags: value })
        .where('bucket', '=', bucket)
        .where('object_key', '=', key)
        .where('version_id', '=', versionId)
        .where('delete_marker', 'is', null)
        .executeTakeFirst();
      return touched(older.numUpdatedRows);
    },
  };
}
