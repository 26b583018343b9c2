/**
 * @module storage/sql/migrations/0013-s3-object-versions
 * S3 object versioning ("Using versioning in S3 buckets"). `s3_objects` keeps each key's current version, so reads
 * and writes of never-versioned buckets touch the same one row as before; it gains the version id (NULL for objects
 * written before the bucket was versioned), the delete-marker flag (1 or NULL) and the part sizes of multipart
 * objects (JSON, for GetObject `partNumber`). Noncurrent versions move to `s3_object_versions`, ordered per key by
 * `seq` (higher is newer); the null version is stored there under the id `null`.
 */

import { sql } from 'kysely';
import type { SqlMigration } from './migration.js';

export const s3ObjectVersionsMigration: SqlMigration = {
  id: '0013-s3-object-versions',
  async up(db, dialect) {
    // Listed by key in UTF-8 byte order, like objects (0001-initial).
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
    await db.schema.alterTable('s3_objects').addColumn('version_id', 'text').execute();
    await db.schema.alterTable('s3_objects').addColumn('delete_marker', 'integer').execute();
    await db.schema.alterTable('s3_objects').addColumn('part_sizes', 'text').execute();
    await db.schema
      .createTable('s3_object_versions')
      .addColumn('bucket', key, (c) => c.notNull())
      .addColumn('object_key', key, (c) => c.notNull())
      .addColumn('version_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('blob_id', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('last_modified', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text')
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('checksums', 'text', (c) => c.notNull())
      .addColumn('headers', 'text')
      .addColumn('tags', 'text')
      .addColumn('parts_count', 'integer')
      .addColumn('part_sizes', 'text')
      .addColumn('delete_marker', 'integer')
      .addPrimaryKeyConstraint('s3_object_versions_pk', ['bucket', 'object_key', 'version_id'])
      .addForeignKeyConstraint('s3_object_versions_bucket', ['bucket'], 's3_buckets', ['name'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('s3_object_versions_order')
      .on('s3_object_versions')
      .columns(['bucket', 'object_key', 'seq'])
      .execute();
  },
};
