/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: statements prepared once (one for 50 rows, one for a single row) and a
 * better-sqlite3 transaction per batch, instead of a query built and prepared per batch (the audit sink writes on
 * every request). It runs on the stores' own connection, synchronously, so it never interleaves with Kysely's
 * statements; while Kysely holds a transaction open it waits for the next turn rather than nest inside it.
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { auditEventRow } from '../sql/index.js';

const COLUMNS =
  'event_id, account_id, event_time, event_name, event_source, read_only, username, access_key_id, role_name, resources, authorized, record';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per multi-row statement: one statement step for many rows (12 × 50 parameters, far under the limit). */
const MANY = 50;

function pushRow(values: unknown[], event: AuditEvent): void {
  const row = auditEventRow(event);
  values.push(
    row.event_id,
    row.account_id,
    row.event_time,
    row.event_name,
    row.event_source,
    row.read_only,
    row.username,
    row.access_key_id,
    row.role_name,
    row.resources,
    row.authorized,
    row.record,
  );
}

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
  const insertOne = sqlite.prepare(`insert into audit_events (${COLUMNS}) values ${ROW}`);
  const insertMany = sqlite.prepare(
    `insert into audit_events (${COLUMNS}) values ${Array.from({ length: MANY }, () => ROW).join(', ')}`,
  );
  const insertResource = sqlite.prepare(
    'insert into audit_event_resources (event_id, resource_type, resource_name) values (?, ?, ?)',
  );
  const write = sqlite.transaction((events: readonly AuditEvent[]) => {
    let i = 0;
    for (; i + MANY <= events.length; i += MANY) {
      const values: unknown[] = [];
      for (let j = i; j < i + MANY; j++) pushRow(values, events[j]!);
      insertMany.run(values);
    }
    for (; i < events.length; i++) {
      const values: unknown[] = [];
      pushRow(values, events[i]!);
      insertOne.run(values);
    }
    for (const event of events) {
      for (const resource of event.resources) insertResource.run(event.record.eventID, resource.type, resource.name);
    }
  });
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(events);
  };
}
