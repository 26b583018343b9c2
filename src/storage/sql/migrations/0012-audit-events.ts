/**
 * @module storage/sql/migrations/0012-audit-events
 * The audit trail's event history: one row per CloudTrail record (the record as JSON, plus the columns LookupEvents
 * filters on), and the resources each record names, for the ResourceType and ResourceName lookups.
 */

import type { SqlMigration } from './migration.js';

export const auditEventsMigration: SqlMigration = {
  id: '0012-audit-events',
  async up(db) {
    await db.schema
      .createTable('audit_events')
      .addColumn('event_id', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('event_time', 'text', (col) => col.notNull())
      .addColumn('event_name', 'text', (col) => col.notNull())
      .addColumn('event_source', 'text', (col) => col.notNull())
      .addColumn('read_only', 'text', (col) => col.notNull())
      .addColumn('username', 'text')
      .addColumn('access_key_id', 'text')
      .addColumn('role_name', 'text')
      .addColumn('resources', 'text', (col) => col.notNull())
      .addColumn('authorized', 'text', (col) => col.notNull())
      .addColumn('record', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_account_time')
      .on('audit_events')
      .columns(['account_id', 'event_time', 'event_id'])
      .execute();
    await db.schema.createIndex('audit_events_time').on('audit_events').column('event_time').execute();
    await db.schema
      .createTable('audit_event_resources')
      .addColumn('event_id', 'text', (col) => col.notNull().references('audit_events.event_id').onDelete('cascade'))
      .addColumn('resource_type', 'text', (col) => col.notNull())
      .addColumn('resource_name', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('audit_event_resources_event').on('audit_event_resources').column('event_id').execute();
  },
};
