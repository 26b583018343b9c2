/**
 * @module storage/sql/migrations/0001-initial
 * The initial schema (see ../schema.ts for the conventions). Columns that lists are ordered by, and S3 keys above
 * all, use a binary collation so both dialects sort in UTF-8 byte order as S3 requires: SQLite's default `BINARY`
 * compares the UTF-8 bytes, PostgreSQL needs `COLLATE "C"`.
 */

import { type Expression, type Kysely, sql } from 'kysely';
import type { SqlDialectName, SqlMigration } from './migration.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration is not typed against today's schema.
type Db = Kysely<any>;

async function createAccountTables(db: Db, key: Expression<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('access_keys')
    .addColumn('access_key_id', key, (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('user_name_lc', 'text')
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_keys_owner').on('access_keys').columns(['account_id', 'user_name_lc']).execute();
  await db.schema
    .createTable('signing_keys')
    .addColumn('key_id', key, (c) => c.primaryKey())
    .addColumn('material_ciphertext', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .execute();
}

async function createIdentityTables(db: Db, key: Expression<unknown>): Promise<void> {
  await db.schema
    .createTable('iam_change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('iam_change_counter').values({ id: 1, value: 0 }).execute();
  await db.schema
    .createTable('iam_users')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_lc', key, (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('permissions_boundary_arn', 'text')
    .addPrimaryKeyConstraint('iam_users_pk', ['account_id', 'user_name_lc'])
    .execute();
  await db.schema.createIndex('iam_users_id').on('iam_users').column('user_id').execute();
  await db.schema
    .createTable('iam_roles')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('role_name_lc', key, (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addColumn('assume_role_policy_document', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('max_session_duration', 'integer', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('permissions_boundary_arn', 'text')
    .addPrimaryKeyConstraint('iam_roles_pk', ['account_id', 'role_name_lc'])
    .execute();
  await db.schema.createIndex('iam_roles_id').on('iam_roles').column('role_id').execute();
}

async function createPolicyTables(db: Db, key: Expression<unknown>): Promise<void> {
  await db.schema
    .createTable('iam_policies')
    .addColumn('arn', key, (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('policy_name_lc', key, (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('default_version_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addColumn('update_date', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addUniqueConstraint('iam_policies_name', ['account_id', 'policy_name_lc'])
    .execute();
  await db.schema
    .createTable('iam_policy_versions')
    .addColumn('policy_arn', key, (c) => c.notNull())
    .addColumn('version_id', key, (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_policy_versions_pk', ['policy_arn', 'version_id'])
    .addForeignKeyConstraint('iam_policy_versions_policy', ['policy_arn'], 'iam_policies', ['arn'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createTable('iam_policy_attachments')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_name_lc', 'text', (c) => c.notNull())
    .addColumn('policy_arn', key, (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_policy_attachments_pk', ['account_id', 'owner_kind', 'owner_name_lc', 'policy_arn'])
    .execute();
  await db.schema
    .createIndex('iam_policy_attachments_policy')
    .on('iam_policy_attachments')
    .column('policy_arn')
    .execute();
  await db.schema
    .createTable('iam_inline_policies')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_name_lc', 'text', (c) => c.notNull())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('policy_name_lc', key, (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_inline_policies_pk', ['account_id', 'owner_kind', 'owner_name_lc', 'policy_name_lc'])
    .execute();
}

async function createProfileTables(db: Db, key: Expression<unknown>): Promise<void> {
  await db.schema
    .createTable('iam_instance_profiles')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('profile_name', 'text', (c) => c.notNull())
    .addColumn('profile_name_lc', key, (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_instance_profiles_pk', ['account_id', 'profile_name_lc'])
    .execute();
  await db.schema
    .createTable('iam_instance_profile_roles')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('profile_name_lc', key, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('role_name_lc', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('iam_instance_profile_roles_pk', ['account_id', 'profile_name_lc', 'position'])
    .addForeignKeyConstraint(
      'iam_instance_profile_roles_profile',
      ['account_id', 'profile_name_lc'],
      'iam_instance_profiles',
      ['account_id', 'profile_name_lc'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('iam_instance_profile_roles_role')
    .on('iam_instance_profile_roles')
    .columns(['account_id', 'role_name_lc'])
    .execute();
}

async function createS3Tables(db: Db, key: Expression<unknown>): Promise<void> {
  await db.schema
    .createTable('s3_buckets')
    .addColumn('name', key, (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('create_date', 'text', (c) => c.notNull())
    .addColumn('public_access_block', 'text')
    .execute();
  await db.schema.createIndex('s3_buckets_account').on('s3_buckets').columns(['account_id', 'name']).execute();
  await db.schema
    .createTable('s3_objects')
    .addColumn('bucket', key, (c) => c.notNull())
    .addColumn('object_key', key, (c) => c.notNull())
    .addColumn('blob_id', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('checksums', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('s3_objects_pk', ['bucket', 'object_key'])
    .addForeignKeyConstraint('s3_objects_bucket', ['bucket'], 's3_buckets', ['name'], (fk) => fk.onDelete('cascade'))
    .execute();
}

/** Text in UTF-8 byte order in both dialects. */
function byteOrderedText(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
}

/** Accounts, keys, IAM entities, buckets and object metadata. */
export const initialMigration: SqlMigration = {
  id: '0001-initial',
  async up(db, dialect) {
    const key = byteOrderedText(dialect);
    await createAccountTables(db, key);
    await createIdentityTables(db, key);
    await createPolicyTables(db, key);
    await createProfileTables(db, key);
    await createS3Tables(db, key);
  },
};
