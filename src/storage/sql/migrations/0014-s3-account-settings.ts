/**
 * @module storage/sql/migrations/0014-s3-account-settings
 * S3 Control's account-level settings: one row per account that has any, the Block Public Access configuration as
 * JSON text (S3 Control PutPublicAccessBlock).
 */

import type { SqlMigration } from './migration.js';

export const s3AccountSettingsMigration: SqlMigration = {
  id: '0014-s3-account-settings',
  async up(db) {
    await db.schema
      .createTable('s3_account_settings')
      .addColumn('account_id', 'text', (col) => col.primaryKey())
      .addColumn('public_access_block', 'text')
      .execute();
  },
};
