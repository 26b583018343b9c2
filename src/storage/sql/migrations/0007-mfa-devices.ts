/**
 * @module storage/sql/migrations/0007-mfa-devices
 * Virtual MFA devices: unique per account by folded name; the TOTP seed sealed by the master key; the user a device
 * is enabled for, by folded name, so renames and listings per user are indexed.
 */

import { type Expression, sql } from 'kysely';
import type { SqlDialectName, SqlMigration } from './migration.js';

function byteOrderedText(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
}

export const mfaDevicesMigration: SqlMigration = {
  id: '0007-mfa-devices',
  async up(db, dialect) {
    const key = byteOrderedText(dialect);
    await db.schema
      .createTable('iam_mfa_devices')
      .addColumn('serial_number', key, (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', key, (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('seed_ciphertext', 'text', (c) => c.notNull())
      .addColumn('create_date', 'text', (c) => c.notNull())
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text')
      .addColumn('user_name_lc', 'text')
      .addColumn('enable_date', 'text')
      .addUniqueConstraint('iam_mfa_devices_name', ['account_id', 'name_lc'])
      .execute();
    await db.schema
      .createIndex('iam_mfa_devices_user')
      .on('iam_mfa_devices')
      .columns(['account_id', 'user_name_lc'])
      .execute();
  },
};
