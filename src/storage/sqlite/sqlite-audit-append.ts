/**
 * @module storage/sqlite/sqlite-audit-append
 * The audit trail's hot write on SQLite: statements prepared once and a better-sqlite3 transaction per batch of
 * records, instead of Kysely building and preparing the query on every batch (the audit sink writes on every
 * request). The rows are those of ../sql/audit-batch.ts, bound by name, so the same write (`auditBatchWriter`) runs
 * on the stores' own connection (`createSqliteAuditAppend`, for a `:memory:` database) or on the writer thread's
 * connection (sqlite-audit-thread.ts, for a file).
 */

import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEvent } from '../../core/audit/index.js';
import { type AuditBatchRows, auditBatchesOf, type StagedAuditBatchRows } from '../sql/index.js';

/**
 * The two insert statements. A batch's text is bound as a string or as its UTF-8 bytes (staged rows); `cast` stores
 * either as the same text.
 */
const auditInsertSql = {
  batch:
    'insert into audit_batches (batch_id, format, first_time, last_time, event_count, events) ' +
    'values (@batch_id, @format, @first_time, @last_time, @event_count, cast(@events as text))',
  key:
    'insert into audit_batch_keys (account_id, kind, value, first_time, last_time, batch_id) ' +
    'values (@account_id, @kind, @value, @first_time, @last_time, @batch_id)',
} as const;

/**
 * The insert statements prepared on `sqlite`, and one transaction that writes batches of rows with them (rows whose
 * text is a string or staged UTF-8 bytes).
 *
 * @example
 * const write = auditBatchWriter(sqlite);
 * write.immediate(auditBatchesOf(events));
 */
export function auditBatchWriter(
  sqlite: BetterSqlite3.Database,
): BetterSqlite3.Transaction<(batches: readonly (AuditBatchRows | StagedAuditBatchRows)[]) => void> {
  const insertBatch = sqlite.prepare(auditInsertSql.batch);
  const insertKey = sqlite.prepare(auditInsertSql.key);
  return sqlite.transaction((batches: readonly (AuditBatchRows | StagedAuditBatchRows)[]) => {
    for (const { batch, keys } of batches) {
      insertBatch.run(batch);
      for (const key of keys) insertKey.run(key);
    }
  });
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
  const write = auditBatchWriter(sqlite);
  return async (events) => {
    if (events.length === 0) return;
    while (sqlite.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    write(auditBatchesOf(events));
  };
}
