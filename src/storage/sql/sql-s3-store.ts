/**
 * @module storage/sql/sql-s3-store
 * The {@link S3Store} over SQL. Listings are a range scan of the `(bucket, object_key)` primary key: the key column
 * has a binary collation, so `ORDER BY object_key` is UTF-8 byte order, and the prefix becomes the range
 * `[prefix, prefixUpperBound(prefix))` instead of a `LIKE` (whose wildcards and case-folding would be wrong here).
 */

import type { Kysely } from 'kysely';
import type { S3Store } from '../../core/ports.js';
import { prefixUpperBound } from '../ordering.js';
import { toCount, toIso, toJson, touched } from './codec.js';
import type { Database } from './schema.js';
import { bucketFromRow, objectFromRow, upsertObject } from './sql-s3-rows.js';
import { createSqlS3Account } from './sql-s3-account.js';
import { createSqlS3Uploads } from './sql-s3-uploads.js';
import { createSqlS3Versions } from './sql-s3-versions.js';

/**
 * Creates an {@link S3Store} over a migrated database.
 *
 * @example
 * const s3 = createSqlS3Store(db);
 * const page = await s3.listObjects('photos', { prefix: '2024/', startAfter: '', maxKeys: 1000 });
 */
export function createSqlS3Store(db: Kysely<Database>): S3Store {
  const selectObject = (bucket: string, key: string) =>
    db.selectFrom('s3_objects').selectAll().where('bucket', '=', bucket).where('object_key', '=', key);

  const setColumn = async (name: string, column: 'tags' | 'versioning' | 'encryption', value: string | null) => {
    await db
      .updateTable('s3_buckets')
      .set({ [column]: value })
      .where('name', '=', name)
      .execute();
  };

  return {
    ...createSqlS3Uploads(db),
    ...createSqlS3Versions(db),
    ...createSqlS3Account(db),
    async createBucket(bucket) {
      const result = await db
        .insertInto('s3_buckets')
        .values({
          name: bucket.name,
          account_id: bucket.accountId,
          region: bucket.region,
          create_date: toIso(bucket.createDate),
          public_access_block: bucket.publicAccessBlock === undefined ? null : toJson(bucket.publicAccessBlock),
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return touched(result.numInsertedOrUpdatedRows);
    },
    async getBucket(name) {
      const row = await db.selectFrom('s3_buckets').selectAll().where('name', '=', name).executeTakeFirst();
      return row && bucketFromRow(row);
    },
    async listBuckets(accountId) {
      const rows = await db
        .selectFrom('s3_buckets')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name')
        .execute();
      return rows.map(bucketFromRow);
    },
    deleteBucket: (name) =>
      db.transaction().execute(async (trx) => {
        // The domain refuses non-empty buckets first; this keeps the database consistent regardless.
        await trx.deleteFrom('s3_objects').where('bucket', '=', name).execute();
        await trx.deleteFrom('s3_object_versions').where('bucket', '=', name).execute();
        const uploads = trx.selectFrom('s3_uploads').select('upload_id').where('bucket', '=', name);
        await trx.deleteFrom('s3_upload_parts').where('upload_id', 'in', uploads).execute();
        await trx.deleteFrom('s3_uploads').where('bucket', '=', name).execute();
        const result = await trx.deleteFrom('s3_buckets').where('name', '=', name).executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    async setPublicAccessBlock(name, config) {
      await db
        .updateTable('s3_buckets')
        .set({ public_access_block: config === undefined ? null : toJson(config) })
        .where('name', '=', name)
        .execute();
    },
    async setBucketPolicy(name, policy) {
      await db
        .updateTable('s3_buckets')
        .set({ policy: policy ?? null })
        .where('name', '=', name)
        .execute();
    },
    putObject: (object) => db.transaction().execute((trx) => upsertObject(trx, object)),
    async getObject(bucket, key) {
      const row = await selectObject(bucket, key).executeTakeFirst();
      return row && objectFromRow(row);
    },
    // Unversioned buckets only (their keys have no history): one statement, as before versioning existed.
    async deleteObject(bucket, key) {
      const row = await db
        .deleteFrom('s3_objects')
        .where('bucket', '=', bucket)
        .where('object_key', '=', key)
        .returningAll()
        .executeTakeFirst();
      return row && objectFromRow(row);
    },
    async listObjects(bucket, { prefix, startAfter, maxKeys }) {
      const upper = prefixUpperBound(prefix);
      let query = db
        .selectFrom('s3_objects')
        .selectAll()
        .where('bucket', '=', bucket)
        .where('object_key', '>=', prefix)
        .where('object_key', '>', startAfter)
        .where('delete_marker', 'is', null);
      if (upper !== undefined) query = query.where('object_key', '<', upper);
      // One row more than asked tells whether the listing is truncated.
      const rows = await query
        .orderBy('object_key')
        .limit(maxKeys + 1)
        .execute();
      return { objects: rows.slice(0, maxKeys).map(objectFromRow), isTruncated: rows.length > maxKeys };
    },
    async countObjects(bucket) {
      let count = 0;
      for (const table of ['s3_objects', 's3_object_versions'] as const) {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('count'))
          .where('bucket', '=', bucket)
          .executeTakeFirst();
        count += toCount(row?.count);
      }
      return count;
    },
    setBucketTags: (name, tags) => setColumn(name, 'tags', tags === undefined ? null : toJson(tags)),
    setBucketVersioning: (name, status) => setColumn(name, 'versioning', status),
    setBucketEncryption: (name, encryption) =>
      setColumn(name, 'encryption', encryption === undefined ? null : toJson(encryption)),
  };
}
