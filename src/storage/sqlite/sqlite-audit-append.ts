/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: statements prepared once and a better-sqlite3 transaction per batch of
 * records, instead of Kysely building and preparing the query on every batch (the audit sink writes on every
 * request). The rows, in the batch layout of ../sql/audit-batch.ts, are flattened here into plain values, so the
 * same write runs on the stores' own connection (`createSqliteAuditAppend`, for a `:memory:` database) or on a
 * worker thread's connection (sqlite-audit-worker.ts, for a file).
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { auditBatchesOf } from '../sql/index.js';

/** Values per `audit_batches` row, and per `audit_batch_keys` row. */
export const auditBatchWidth = 6;
export const auditKeyWidth = 6;

/** The two insert statements, as SQL text (the worker prepares them on its own connection). */
export const auditInsertSql = {
  batch:
    'insert into audit_batches (batch_id, format, first_time, last_time, event_count, events) values (?, ?, ?, ?, ?, ?)',
  key: 'insert into audit_batch_keys (account_id, kind, value, first_time, last_time, batch_id) values (?, ?, ?, ?, ?, ?)',
} as const;

/** Batches as flat value lists: `batches` holds `auditBatchWidth` values per batch, `keys` six per key row. */
export interface FlatAuditBatch {
  readonly batches: unknown[];
  readonly keys: unknown[];
}

/**
 * Flattens events into statement parameters. A batch's records become one string, so posting it to the writer
 * thread copies one string rather than a dozen values per record.
 *
 * @example
 * const { batches, keys } = flattenAuditEvents(events); // batches.length === 6 for up to 500 events
 */
export function flattenAuditEvents(events: readonly AuditEvent[]): FlatAuditBatch {
  const batches: unknown[] = [];
  const keys: unknown[] = [];
  for (const { batch, keys: rows } of auditBatchesOf(events)) {
    batches.push(batch.batch_id, batch.format, batch.first_time, batch.last_time, batch.event_count, batch.events);
    for (const key of rows) {
      keys.push(key.account_id, key.kind, key.value, key.first_time, key.last_time, key.batch_id);
    }
  }
  return { batches, keys };
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
  const insertBatch = sqlite.prepare(auditInsertSql.batch);
  const insertKey = sqlite.prepare(auditInsertSql.key);
  const write = sqlite.transaction(({ batches, keys }: FlatAuditBatch) => {
    for (let i = 0; i < batches.length; i += auditBatchWidth) insertBatch.run(batches.slice(i, i + auditBatchWidth));
    for (let i = 0; i < keys.length; i += auditKeyWidth) insertKey.run(keys.slice(i, i + auditKeyWidth));
  });
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(flattenAuditEvents(events));
  };
}
