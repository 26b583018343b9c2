/**
 * @module storage/sql/migrations/0009-role-last-used
 * When a role's sessions last made a request, and where (`RoleLastUsed` of GetRole).
 */

import type { SqlMigration } from './migration.js';

export const roleLastUsedMigration: SqlMigration = {
  id: '0009-role-last-used',
  async up(db) {
    await db.schema.alterTable('iam_roles').addColumn('last_used_date', 'text').execute();
    await db.schema.alterTable('iam_roles').addColumn('last_used_region', 'text').execute();
  },
};
