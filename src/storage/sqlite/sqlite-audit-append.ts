/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: statements prepared once and a better-sqlite3 transaction per batch of
 * records, instead of Kysely building and preparing the query on every batch (the audit sink writes on every
 * request). The rows are those of ../sql/audit-batch.ts, bound by name, so the same write runs on the stores' own
 * connection (`createSqliteAuditAppend`, for a `:memory:` database) or on a worker thread's connection
 * (sqlite-audit-worker.ts, for a file), which receives the rows as they are: a batch's records are one string, so
 * posting it copies one string rather than a dozen values per record.
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { type AuditBatchRows, auditBatchesOf } from '../sql/index.js';

/**
 * The two insert statements, as SQL text (the worker prepares them on its own connection). A batch's text is bound
 * as a string or as its UTF-8 bytes (staged rows); `cast` stores either as the same text.
 */
export const auditInsertSql = {
  batch:
    'insert into audit_batches (batch_id, format, first_time, last_time, event_count, events) ' +
    'values (@batch_id, @format, @first_time, @last_time, @event_count, cast(@events as text))',
  key:
    'insert into audit_batch_keys (account_id, kind, value, first_time, last_time, batch_id) ' +
    'values (@account_id, @kind, @value, @first_time, @last_time, @batch_id)',
} as const;

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
  const write = sqlite.transaction((batches: readonly AuditBatchRows[]) => {
    for (const { batch, keys } of batches) {
      insertBatch.run(batch);
      for (const key of keys) insertKey.run(key);
    }
  });
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(auditBatchesOf(events));
  };
}
