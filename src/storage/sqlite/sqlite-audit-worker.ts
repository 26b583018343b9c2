/**
 * @module storage/sqlite/sqlite-audit-worker
 * The audit trail's SQLite writes on a worker thread with its own connection to the same file, so the event loop only
 * builds each batch's rows and posts them; the insert transaction (a large part of the cost of auditing, bench/README.md
 * "Audit trail") runs on the other core. WAL mode lets the two connections share the file: readers never wait, and
 * the main connection begins its transactions `IMMEDIATE` (sqlite-driver.ts), so it waits for the worker's short
 * write lock instead of failing. Each batch is one transaction of a few inserts (a row per 500 records and their
 * key rows, ../sql/audit-batch.ts), which bounds that wait.
 *
 * Durability: a batch a caller waits for (fail-closed mode) is committed with `synchronous = FULL`, so its commit is
 * fsynced before the caller is answered; other batches use `NORMAL`, which in WAL mode survives a killed process but
 * not a power loss (https://www.sqlite.org/pragma.html#pragma_synchronous).
 *
 * The worker's code is a string run with `eval`, so it is the same whether iamd runs from its build or from source
 * (the tests); it only prepares the statements it is given and runs them on the rows the main thread builds. The
 * auditor's sink (`createSink`) builds them as records are staged, encoding each line into the row's UTF-8 bytes
 * at once (`AuditBatchStager`), and posts the bytes by transferring their buffer: nothing of a record waits on the
 * event loop's heap, and nothing is copied on the way to the worker.
 */

import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditSink } from '../../core/ports.js';
import { AuditBatchStager, type AuditBatchRows, auditBatchesOf, type StagedAuditBatchRows } from '../sql/index.js';
import { auditInsertSql } from './sqlite-audit-append.js';
import { startEvalWorker, stopEvalWorker } from '../eval-worker.js';

const workerCode = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { file, busyTimeoutMs, sql } = workerData;
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = ' + busyTimeoutMs);
db.pragma('foreign_keys = ON');
const batch = db.prepare(sql.batch);
const key = db.prepare(sql.key);
let synchronous = '';
const write = db.transaction((batches) => {
  for (const rows of batches) {
    const text = rows.batch.events;
    // Staged rows carry their text as UTF-8 bytes (transferred, not copied); the insert casts them to text.
    if (typeof text !== 'string') rows.batch.events = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    batch.run(rows.batch);
    for (const row of rows.keys) key.run(row);
  }
});
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  const { id, batches, durable } = message;
  // The staged rows' bytes go back to the main thread to be reused (a fresh buffer's pages fault in on first write).
  const buffers = [];
  for (const rows of batches) if (typeof rows.batch.events !== 'string') buffers.push(rows.batch.events.buffer);
  try {
    const level = durable ? 'FULL' : 'NORMAL';
    if (level !== synchronous) {
      db.pragma('synchronous = ' + level);
      synchronous = level;
    }
    // One transaction, so at most one fsync, per batch; it holds the write lock for a few inserts, whatever the
    // number of records.
    write.immediate(batches);
    parentPort.postMessage({ id, buffers }, buffers);
  } catch (error) {
    parentPort.postMessage({ id, buffers, error: String((error && error.message) || error) }, buffers);
  }
});
`;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  /** Takes back the memory of the staged rows' text, which the worker returns once it has written them. */
  readonly recycle?: ((memory: ArrayBuffer) => void) | undefined;
}

/** The append side of the worker: what the SQLite stores use as `appendAuditEvents`. */
export interface SqliteAuditWorker {
  /** Writes a batch; resolves once it is committed (and, when `durable`, fsynced). */
  append(events: readonly AuditEvent[], durable?: boolean): Promise<void>;
  /** The auditor's sink: stages records into batch rows as they come, and posts the rows on `commit`. */
  createSink(): AuditSink;
  /** Waits for the writes under way, then closes the worker's connection and ends the thread. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the writer for a migrated database file. The thread starts on the first append (a CLI command that never
 * appends never starts one) and keeps the process alive only while a write is under way.
 *
 * @example
 * const writer = createSqliteAuditWorker('/var/lib/iamd/iamd.db', 5000);
 * await writer.append(events);
 * await writer.close();
 */
export function createSqliteAuditWorker(file: string, busyTimeoutMs: number): SqliteAuditWorker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const waiting = new Map<number, Waiter>();
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;

  const failAll = (error: Error) => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    const started = startEvalWorker(
      workerCode,
      {
        driver,
        file,
        busyTimeoutMs: Math.max(0, Math.trunc(busyTimeoutMs)),
        sql: auditInsertSql,
      },
      // A crashed thread fails what it was writing; the next append starts a new one.
      (error) => {
        if (worker === started) worker = undefined;
        failAll(error);
      },
      'audit writer',
    );
    started.on('message', (message: { id: number; buffers?: ArrayBuffer[]; error?: string }) => {
      const waiter = waiting.get(message.id);
      waiting.delete(message.id);
      if (waiting.size === 0) started.unref();
      if (!waiter) return;
      if (waiter.recycle) for (const memory of message.buffers ?? []) waiter.recycle(memory);
      if (message.error === undefined) waiter.resolve();
      else waiter.reject(new Error(`audit writer: ${message.error}`));
    });
    return started;
  };

  const post = (
    batches: readonly (AuditBatchRows | StagedAuditBatchRows)[],
    durable: boolean,
    recycle?: (memory: ArrayBuffer) => void,
  ): Promise<void> => {
    if (closed) return Promise.reject(new Error('audit writer: closed'));
    if (batches.length === 0 && !durable) return Promise.resolve();
    worker ??= start();
    const id = nextId++;
    const target = worker;
    const transfer: ArrayBuffer[] = [];
    for (const { batch } of batches) {
      if (typeof batch.events !== 'string') transfer.push(batch.events.buffer as ArrayBuffer);
    }
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject, recycle });
      target.ref();
      target.postMessage({ id, batches, durable }, transfer);
    });
  };

  return {
    append(events, durable = false) {
      return post(auditBatchesOf(events), durable);
    },
    createSink() {
      const stager = new AuditBatchStager();
      const recycle = (memory: ArrayBuffer) => stager.recycle(memory);
      return {
        name: 'database',
        stage(events) {
          for (const event of events) stager.add(event);
        },
        commit(durable) {
          return post(stager.take(), durable, recycle);
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopEvalWorker(worker, { close: true });
    },
  };
}
