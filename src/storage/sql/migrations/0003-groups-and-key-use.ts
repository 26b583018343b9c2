/**
 * @module storage/sql/migrations/0003-groups-and-key-use
 * IAM groups and their members, the last use of access keys, and indexes for permissions-boundary usage counts.
 * Ordering columns use the binary collation of 0001 (UTF-8 byte order in both dialects).
 */

import { type Expression, sql } from 'kysely';
import type { SqlDialectName, SqlMigration } from './migration.js';

function byteOrderedText(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
}

export const groupsAndKeyUseMigration: SqlMigration = {
  id: '0003-groups-and-key-use',
  async up(db, dialect) {
    const key = byteOrderedText(dialect);
    await db.schema
      .createTable('iam_groups')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('group_name', 'text', (c) => c.notNull())
      .addColumn('group_name_lc', key, (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('arn', 'text', (c) => c.notNull())
      .addColumn('create_date', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_groups_pk', ['account_id', 'group_name_lc'])
      .execute();
    await db.schema
      .createTable('iam_group_members')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('group_name_lc', key, (c) => c.notNull())
      .addColumn('user_name_lc', key, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_group_members_pk', ['account_id', 'group_name_lc', 'user_name_lc'])
      .execute();
    await db.schema
      .createIndex('iam_group_members_user')
      .on('iam_group_members')
      .columns(['account_id', 'user_name_lc'])
      .execute();
    await db.schema.alterTable('access_keys').addColumn('last_used_date', 'text').execute();
    await db.schema.alterTable('access_keys').addColumn('last_used_service', 'text').execute();
    await db.schema.alterTable('access_keys').addColumn('last_used_region', 'text').execute();
    await db.schema.createIndex('iam_users_boundary').on('iam_users').column('permissions_boundary_arn').execute();
    await db.schema.createIndex('iam_roles_boundary').on('iam_roles').column('permissions_boundary_arn').execute();
  },
};
