/**
 * @module storage/sql/migrations/0002-bucket-policy
 * Bucket policies: one nullable JSON text column on `s3_buckets`.
 */

import type { SqlMigration } from './migration.js';

export const bucketPolicyMigration: SqlMigration = {
  id: '0002-bucket-policy',
  async up(db) {
    await db.schema.alterTable('s3_buckets').addColumn('policy', 'text').execute();
  },
};
