/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: two statements prepared once and a better-sqlite3 transaction per batch,
 * instead of a query built and prepared per batch (the audit sink writes on every request). It runs on the stores'
 * own connection, synchronously, so it never interleaves with Kysely's statements; while Kysely holds a
 * transaction open it waits for the next turn rather than nest inside it.
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { auditEventRow } from '../sql/index.js';

const COLUMNS = [
  'event_id',
  'account_id',
  'event_time',
  'event_name',
  'event_source',
  'read_only',
  'username',
  'access_key_id',
  'role_name',
  'resources',
  'authorized',
  'record',
] as const;

/**
 * Prepares the append of a migrated database.
 *
 * @example
 * const append = createSqliteAuditAppend(sqlite);
 * await append(events);
 */
export function createSqliteAuditAppend(
  sqlite: BetterSqlite3.Database,
): (events: readonly AuditEvent[]) => Promise<void> {
  const insertEvent = sqlite.prepare(
    `insert into audit_events (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertResource = sqlite.prepare(
    'insert into audit_event_resources (event_id, resource_type, resource_name) values (?, ?, ?)',
  );
  const write = sqlite.transaction((events: readonly AuditEvent[]) => {
    for (const event of events) {
      const row = auditEventRow(event);
      insertEvent.run(COLUMNS.map((column) => row[column]));
      for (const resource of event.resources) insertResource.run(row.event_id, resource.type, resource.name);
    }
  });
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(events);
  };
}
