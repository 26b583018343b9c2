/**
 * @module storage/sqlite/sqlite-audit-worker
 * The audit trail's SQLite writes on a worker thread with its own connection to the same file
 * (sqlite-audit-thread.ts). The auditor's sink hands the thread each request's draft (core/audit/audit-draft.ts),
 * encoded at once as UTF-8 text off the heap (audit-draft-lines.ts), and the thread builds the records, their batch
 * rows and the JSON Lines file's lines: the event loop, which also serves every request, never builds a record
 * (bench/README.md, "Audit trail", seventh session). WAL mode lets the two connections share the file: readers never
 * wait, and the main connection begins its transactions `IMMEDIATE` (sqlite-driver.ts), so it waits for the worker's
 * short write lock instead of failing. Each batch is one transaction of a few inserts (a row per 500 records and
 * their key rows, ../sql/audit-batch.ts), which bounds that wait.
 *
 * Durability: a batch a caller waits for (fail-closed mode) is committed with `synchronous = FULL`, and the file
 * fsynced, before the caller is answered; other batches use `NORMAL`, which in WAL mode survives a killed process but
 * not a power loss (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */

import type { Worker } from 'node:worker_threads';
import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditFileOptions, StoreAuditSink } from '../../core/ports.js';
import { builtModuleUrl, startModuleWorker, stopEvalWorker } from '../eval-worker.js';
import { type AuditBatchRows, auditBatchesOf } from '../sql/index.js';
import { Utf8Buffer } from '../utf8-buffer.js';
import { DraftLineWriter } from './audit-draft-lines.js';
import type { AuditThreadData, AuditThreadReply, AuditThreadRequest } from './sqlite-audit-thread.js';

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
  /**
   * The auditor's sink: stages each request's draft as it comes and posts them on `commit`; the thread builds the
   * records, writes them to the database and, given `file`, to the JSON Lines file as well.
   */
  createSink(options: { readonly file?: AuditFileOptions | undefined }): StoreAuditSink;
  /** Waits for the writes under way, then closes the worker's connection and ends the thread. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the writer for a migrated database file. The thread starts on the first append (a CLI command that never
 * appends never starts one) and keeps the process alive only while a write is under way. The trail's file, if the
 * auditor's sink names one, is written by the thread too (one per database: the last sink created names it).
 *
 * @example
 * const writer = createSqliteAuditWorker('/var/lib/iamd/iamd.db', 5000);
 * await writer.append(events);
 * await writer.close();
 */
export function createSqliteAuditWorker(file: string, busyTimeoutMs: number): SqliteAuditWorker {
  const waiting = new Map<number, Waiter>();
  let worker: Worker | undefined;
  let auditFile: AuditFileOptions | undefined;
  let nextId = 0;
  let closed = false;

  const failAll = (error: Error) => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    const data: AuditThreadData = { file, busyTimeoutMs, auditFile };
    const started = startModuleWorker(
      builtModuleUrl('./sqlite-audit-thread.js', import.meta.url),
      data,
      // A crashed thread fails what it was writing; the next append starts a new one.
      (error) => {
        if (worker === started) worker = undefined;
        failAll(error);
      },
      'audit writer',
    );
    started.on('message', (reply: AuditThreadReply) => {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      if (!waiter) return;
      if (waiter.recycle) for (const memory of reply.buffers) waiter.recycle(memory);
      const { database, file: fileError } = reply.errors ?? {};
      if (database === undefined && fileError === undefined) waiter.resolve();
      else {
        const parts = [database && `database: ${database}`, fileError && `file: ${fileError}`].filter(Boolean);
        waiter.reject(new Error(`audit writer: ${parts.join('; ')}`));
      }
    });
    return started;
  };

  const post = (
    request: Omit<AuditThreadRequest, 'id'>,
    transfer: ArrayBuffer[],
    recycle?: (memory: ArrayBuffer) => void,
  ): Promise<void> => {
    if (closed) return Promise.reject(new Error('audit writer: closed'));
    worker ??= start();
    const id = nextId++;
    const target = worker;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject, recycle });
      target.ref();
      target.postMessage({ ...request, id }, transfer);
    });
  };

  return {
    append(events, durable = false) {
      const batches: AuditBatchRows[] = auditBatchesOf(events);
      if (batches.length === 0 && !durable) return Promise.resolve();
      return post({ batches, durable }, []);
    },
    createSink(options) {
      // A running thread is told of the file before anything else it is sent; a new one starts with it.
      const changed = options.file?.path !== auditFile?.path || options.file?.maxBytes !== auditFile?.maxBytes;
      auditFile = options.file;
      // (A thread that fails to take it fails the writes after it, which report the error.)
      if (changed && worker !== undefined) post({ file: { auditFile }, durable: false }, []).catch(() => {});
      const staged = new Utf8Buffer(64 * 1024);
      const lines = new DraftLineWriter();
      const recycle = (memory: ArrayBuffer) => staged.recycle(memory);
      return {
        sink: {
          name: options.file === undefined ? 'database' : 'database and file',
          stageDraft(draft) {
            staged.write(lines.line(draft));
          },
          commit(durable) {
            const bytes = staged.take();
            lines.reset();
            if (bytes.length === 0 && !durable) return Promise.resolve();
            // The staged text's buffer is transferred, not copied, and comes back with the reply to be reused.
            const transfer = bytes.length === 0 ? [] : [bytes.buffer as ArrayBuffer];
            return post({ lines: bytes, durable }, transfer, recycle);
          },
        },
        writesFile: options.file !== undefined,
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopEvalWorker(worker, { close: true });
    },
  };
}
