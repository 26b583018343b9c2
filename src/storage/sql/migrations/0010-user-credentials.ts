/**
 * @module storage/sql/migrations/0010-user-credentials
 * The user credentials other than access keys and MFA devices — login profiles, signing certificates, SSH public
 * keys and service-specific credentials — in one table keyed by their id (the kind's own fields as JSON, secrets
 * only as scrypt hashes), indexed by account, kind and folded user name; and the account password policies.
 */

import { type Expression, sql } from 'kysely';
import type { SqlDialectName, SqlMigration } from './migration.js';

function byteOrderedText(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
}

export const userCredentialsMigration: SqlMigration = {
  id: '0010-user-credentials',
  async up(db, dialect) {
    const key = byteOrderedText(dialect);
    await db.schema
      .createTable('iam_user_credentials')
      .addColumn('id', key, (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('user_name_lc', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('create_date', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('iam_user_credentials_owner')
      .on('iam_user_credentials')
      .columns(['account_id', 'kind', 'user_name_lc'])
      .execute();
    await db.schema
      .createTable('iam_password_policies')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
  },
};
