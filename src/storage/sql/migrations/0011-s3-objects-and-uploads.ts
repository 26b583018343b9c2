/**
 * @module storage/sql/migrations/0011-s3-objects-and-uploads
 * The rest of S3's state: content headers, tags and part counts of objects; tags, versioning status and default
 * encryption of buckets (JSON text columns, absent as NULL); and multipart uploads with their parts, whose bytes
 * live in the blob store like objects'.
 */

import { sql } from 'kysely';
import type { SqlMigration } from './migration.js';

export const s3ObjectsAndUploadsMigration: SqlMigration = {
  id: '0011-s3-objects-and-uploads',
  async up(db, dialect) {
    // Listed by key in UTF-8 byte order, like objects (0001-initial).
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
    await db.schema.alterTable('s3_objects').addColumn('headers', 'text').execute();
    await db.schema.alterTable('s3_objects').addColumn('tags', 'text').execute();
    await db.schema.alterTable('s3_objects').addColumn('parts_count', 'integer').execute();
    await db.schema.alterTable('s3_buckets').addColumn('tags', 'text').execute();
    await db.schema.alterTable('s3_buckets').addColumn('versioning', 'text').execute();
    await db.schema.alterTable('s3_buckets').addColumn('encryption', 'text').execute();
    await db.schema
      .createTable('s3_uploads')
      .addColumn('upload_id', 'text', (col) => col.primaryKey())
      .addColumn('bucket', key, (col) => col.notNull())
      .addColumn('object_key', key, (col) => col.notNull())
      .addColumn('initiated', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('s3_uploads_bucket').on('s3_uploads').columns(['bucket', 'object_key']).execute();
    await db.schema
      .createTable('s3_upload_parts')
      .addColumn('upload_id', 'text', (col) => col.notNull())
      .addColumn('part_number', 'integer', (col) => col.notNull())
      .addColumn('blob_id', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('etag', 'text', (col) => col.notNull())
      .addColumn('last_modified', 'text', (col) => col.notNull())
      .addColumn('checksums', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('s3_upload_parts_pk', ['upload_id', 'part_number'])
      .execute();
  },
};
