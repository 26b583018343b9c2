/**
 * @module storage/sql/migrations/0008-identity-providers
 * OIDC and SAML identity providers, one row per ARN, their settings as JSON.
 */

import { type Expression, sql } from 'kysely';
import type { SqlDialectName, SqlMigration } from './migration.js';

function byteOrderedText(dialect: SqlDialectName): Expression<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : sql`text collate binary`;
}

export const identityProvidersMigration: SqlMigration = {
  id: '0008-identity-providers',
  async up(db, dialect) {
    await db.schema
      .createTable('iam_identity_providers')
      .addColumn('arn', byteOrderedText(dialect), (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('create_date', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('iam_identity_providers_account')
      .on('iam_identity_providers')
      .columns(['account_id', 'kind'])
      .execute();
  },
};
