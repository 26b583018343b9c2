/**
 * @module storage/sql/migrations/0006-account-alias
 * Account aliases: one per account, unique across accounts (IAM API reference, CreateAccountAlias).
 */

import type { SqlMigration } from './migration.js';

export const accountAliasMigration: SqlMigration = {
  id: '0006-account-alias',
  async up(db) {
    await db.schema.alterTable('accounts').addColumn('alias', 'text').execute();
    await db.schema.createIndex('accounts_alias').on('accounts').column('alias').unique().execute();
  },
};
