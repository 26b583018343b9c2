/**
 * @module storage/sql/sql-s3-store
 * The {@link S3Store} over SQL. Listings are a range scan of the `(bucket, object_key)` primary key: the key column
 * has a binary collation, so `ORDER BY object_key` is UTF-8 byte order, and the prefix becomes the range
 * `[prefix, prefixUpperBound(prefix))` instead of a `LIKE` (whose wildcards and case-folding would be wrong here).
 */

import type { Kysely, Selectable } from 'kysely';
import type { BucketRecord, ObjectRecord, PublicAccessBlock } from '../../core/entities.js';
import { AwsError } from '../../core/errors.js';
import type { S3Store } from '../../core/ports.js';
import { prefixUpperBound } from '../ordering.js';
import { fromIso, fromJson, optional, toCount, toIso, toJson, touched } from './codec.js';
import type { Database, S3BucketsTable, S3ObjectsTable } from './schema.js';

function bucketFromRow(row: Selectable<S3BucketsTable>): BucketRecord {
  return {
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    createDate: fromIso(row.create_date),
    ...optional(
      'publicAccessBlock',
      row.public_access_block === null ? null : fromJson<PublicAccessBlock>(row.public_access_block),
    ),
    ...optional('policy', row.policy),
  };
}

function objectFromRow(row: Selectable<S3ObjectsTable>): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.object_key,
    blobId: row.blob_id,
    size: Number(row.size),
    etag: row.etag,
    lastModified: fromIso(row.last_modified),
    ...optional('contentType', row.content_type),
    metadata: fromJson<Record<string, string>>(row.metadata),
    checksums: fromJson<Record<string, string>>(row.checksums),
  };
}

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

  return {
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
    putObject: (object) =>
      db.transaction().execute(async (trx) => {
        const bucket = await trx
          .selectFrom('s3_buckets')
          .select('name')
          .where('name', '=', object.bucket)
          .executeTakeFirst();
        // The domain checks first; this only fires when a concurrent DeleteBucket won the race.
        if (bucket === undefined) throw new AwsError('NoSuchBucket');
        const previous = await trx
          .selectFrom('s3_objects')
          .selectAll()
          .where('bucket', '=', object.bucket)
          .where('object_key', '=', object.key)
          .executeTakeFirst();
        const columns = {
          blob_id: object.blobId,
          size: object.size,
          etag: object.etag,
          last_modified: toIso(object.lastModified),
          content_type: object.contentType ?? null,
          metadata: toJson(object.metadata),
          checksums: toJson(object.checksums),
        };
        await trx
          .insertInto('s3_objects')
          .values({ bucket: object.bucket, object_key: object.key, ...columns })
          .onConflict((oc) => oc.columns(['bucket', 'object_key']).doUpdateSet(columns))
          .execute();
        return previous && objectFromRow(previous);
      }),
    async getObject(bucket, key) {
      const row = await selectObject(bucket, key).executeTakeFirst();
      return row && objectFromRow(row);
    },
    deleteObject: (bucket, key) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('s3_objects')
          .selectAll()
          .where('bucket', '=', bucket)
          .where('object_key', '=', key)
          .executeTakeFirst();
        if (row === undefined) return undefined;
        await trx.deleteFrom('s3_objects').where('bucket', '=', bucket).where('object_key', '=', key).execute();
        return objectFromRow(row);
      }),
    async listObjects(bucket, { prefix, startAfter, maxKeys }) {
      const upper = prefixUpperBound(prefix);
      let query = db
        .selectFrom('s3_objects')
        .selectAll()
        .where('bucket', '=', bucket)
        .where('object_key', '>=', prefix)
        .where('object_key', '>', startAfter);
      if (upper !== undefined) query = query.where('object_key', '<', upper);
      // One row more than asked tells whether the listing is truncated.
      const rows = await query
        .orderBy('object_key')
        .limit(maxKeys + 1)
        .execute();
      return { objects: rows.slice(0, maxKeys).map(objectFromRow), isTruncated: rows.length > maxKeys };
    },
    async countObjects(bucket) {
      const row = await db
        .selectFrom('s3_objects')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('bucket', '=', bucket)
        .executeTakeFirst();
      return toCount(row?.count);
    },
  };
}
