/**
 * @module storage/sql/migrations/0015-audit-events-time-index
 * Drops `audit_events_time`, the index on `event_time` alone. Only the retention purge used it, and the purge now goes
 * account by account through `audit_events_account_time`; every audited request paid for the index (about a tenth of
 * a row's cost in `bench/audit-insert.mjs`, bench/README.md "Audit trail", 2026-11-29).
 */

import type { SqlMigration } from './migration.js';

export const auditEventsTimeIndexMigration: SqlMigration = {
  id: '0015-audit-events-time-index',
  async up(db) {
    await db.schema.dropIndex('audit_events_time').ifExists().execute();
  },
};
