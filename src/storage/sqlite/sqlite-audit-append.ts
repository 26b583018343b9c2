/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: statements prepared once (one for 50 rows, one for a single row) and a
 * better-sqlite3 transaction per batch, instead of a query built and prepared per batch (the audit sink writes on
 * every request). The rows are flattened here into plain values, so the same write runs on the stores' own
 * connection (`createSqliteAuditAppend`, for a `:memory:` database) or on a worker thread's connection
 * (sqlite-audit-worker.ts, for a file).
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { auditEventRow } from '../sql/index.js';

const COLUMNS =
  'event_id, account_id, event_time, event_name, event_source, read_only, username, access_key_id, role_name, resources, authorized, record';
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Values per `audit_events` row, and per `audit_event_resources` row. */
export const auditRowWidth = 12;
export const auditResourceWidth = 3;
/** Rows per multi-row statement: one statement step for many rows (12 × 50 parameters, far under the limit). */
export const auditRowsPerStatement = 50;

/** The three insert statements, as SQL text (the worker prepares them on its own connection). */
export const auditInsertSql = {
  one: `insert into audit_events (${COLUMNS}) values ${ROW}`,
  many: `insert into audit_events (${COLUMNS}) values ${Array.from({ length: auditRowsPerStatement }, () => ROW).join(', ')}`,
  resource: 'insert into audit_event_resources (event_id, resource_type, resource_name) values (?, ?, ?)',
} as const;

/** A batch as flat value lists: `rows` holds `auditRowWidth` values per event, `resources` three per resource. */
export interface FlatAuditBatch {
  readonly count: number;
  readonly rows: unknown[];
  readonly resources: unknown[];
}

/**
 * Flattens events into statement parameters.
 *
 * @example
 * const batch = flattenAuditEvents(events); // batch.rows.length === events.length * auditRowWidth
 */
export function flattenAuditEvents(events: readonly AuditEvent[]): FlatAuditBatch {
  const rows: unknown[] = [];
  const resources: unknown[] = [];
  for (const event of events) {
    const row = auditEventRow(event);
    rows.push(
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
    for (const resource of event.resources) resources.push(row.event_id, resource.type, resource.name);
  }
  return { count: events.length, rows, resources };
}

/**
 * Prepares the append of a migrated database on this thread's connection. While Kysely holds a transaction open on
 * that connection it waits for the next turn rather than nest inside it.
 *
 * @example
 * const append = createSqliteAuditAppend(sqlite);
 * await append(events);
 */
export function createSqliteAuditAppend(
  sqlite: BetterSqlite3.Database,
): (events: readonly AuditEvent[]) => Promise<void> {
  const insertOne = sqlite.prepare(auditInsertSql.one);
  const insertMany = sqlite.prepare(auditInsertSql.many);
  const insertResource = sqlite.prepare(auditInsertSql.resource);
  const write = sqlite.transaction(({ count, rows, resources }: FlatAuditBatch) => {
    const width = auditRowWidth;
    let i = 0;
    for (; i + auditRowsPerStatement <= count; i += auditRowsPerStatement) {
      insertMany.run(rows.slice(i * width, (i + auditRowsPerStatement) * width));
    }
    for (; i < count; i++) insertOne.run(rows.slice(i * width, (i + 1) * width));
    for (let j = 0; j < resources.length; j += auditResourceWidth) {
      insertResource.run(resources.slice(j, j + auditResourceWidth));
    }
  });
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(flattenAuditEvents(events));
  };
}
