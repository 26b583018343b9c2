/**
 * @module storage/sqlite/sqlite-audit-thread
 * The SQLite audit writer thread (started by sqlite-audit-worker.ts): its own connection to the database file, and,
 * when the trail has one, the JSON Lines file. It receives either the auditor's drafts (audit-draft-lines.ts), whose
 * records it writes here, off the event loop, with the same code the loop would run (`eventsOfDraft`), or batch rows
 * already built (`appendAuditEvents`). Each message is one transaction; a message a caller waits for (fail-closed
 * mode) is committed with `synchronous = FULL` and the file fsynced before the reply.
 *
 * Messages: `{ id, lines?: Uint8Array, batches?: AuditBatchRows[], durable }` and `{ close: true }`; replies
 * `{ id, buffers, errors? }`, `buffers` being the transferred memory handed back for reuse.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { eventsOfDraft } from '../../core/audit/build-record.js';
import type { AuditEventSink } from '../../core/ports.js';
import { createJsonLinesSink } from '../audit-file/index.js';
import { type AuditBatchRows, AuditBatchStager, type StagedAuditBatchRows } from '../sql/index.js';
import { forEachDraft } from './audit-draft-lines.js';
import { openSqliteDatabase } from './open-database.js';
import { auditBatchWriter } from './sqlite-audit-append.js';

/** What the thread is started with. */
export interface AuditThreadData {
  readonly file: string;
  readonly busyTimeoutMs: number;
  /** The JSON Lines file the trail also writes, if any. */
  readonly auditFile?: { readonly path: string; readonly maxBytes: number } | undefined;
}

/** A message from the event loop: records to write, or (`file` given) the trail's file from now on. */
export interface AuditThreadRequest {
  readonly id: number;
  readonly durable: boolean;
  readonly lines?: Uint8Array | undefined;
  readonly batches?: readonly AuditBatchRows[] | undefined;
  readonly file?: { readonly auditFile: AuditThreadData['auditFile'] } | undefined;
}

/** The reply to a request: per destination, the error that kept its records from being written. */
export interface AuditThreadReply {
  readonly id: number;
  readonly buffers: ArrayBuffer[];
  readonly errors?: { readonly database?: string; readonly file?: string } | undefined;
}

const port = parentPort;
if (port === null) throw new Error('sqlite-audit-thread runs as a worker thread');
const data = workerData as AuditThreadData;
const db = openSqliteDatabase(data.file, data.busyTimeoutMs);
const write = auditBatchWriter(db);
let synchronous = '';

/** The trail's file sink, if any. Rotated files are named by this thread's clock (the real one: a server's is). */
const fileSink = (options: AuditThreadData['auditFile']): AuditEventSink | undefined =>
  options === undefined
    ? undefined
    : createJsonLinesSink({ file: options.path, maxBytes: options.maxBytes, now: () => new Date() });
let file = fileSink(data.auditFile);

const message = (error: unknown): string => String((error as Error | undefined)?.message ?? error);

/**
 * The batch rows of the auditor's drafts. Each record is encoded into its row's bytes (and the file's) as soon as it
 * is rendered, so no record waits on this thread's heap for the commit: holding a batch's records until its file
 * write finished had them copied by scavenges and promoted, and cost the whole process about as much again as
 * rendering them (`bench/audit-record.mjs`, seventh session).
 */
const stager = new AuditBatchStager();

function stageDrafts(lines: Uint8Array): readonly StagedAuditBatchRows[] {
  try {
    forEachDraft(lines, (draft) => {
      const events = eventsOfDraft(draft);
      for (const event of events) stager.add(event);
      file?.stage(events);
    });
  } catch (error) {
    // A batch that cannot be read or rendered (a defect) fails whole: none of it goes to the database. The file keeps
    // the records rendered before the failure (true records of requests that ran), written with the next batch.
    for (const { batch } of stager.take()) stager.recycle(batch.events.buffer as ArrayBuffer);
    throw error;
  }
  return stager.take();
}

/** Writes one request's records; resolves with what failed. */
async function handle(request: AuditThreadRequest): Promise<AuditThreadReply['errors']> {
  const batches: readonly (AuditBatchRows | StagedAuditBatchRows)[] =
    request.lines === undefined ? (request.batches ?? []) : stageDrafts(request.lines);
  let database: string | undefined;
  try {
    const level = request.durable ? 'FULL' : 'NORMAL';
    if (level !== synchronous) {
      db.pragma(`synchronous = ${level}`);
      synchronous = level;
    }
    // One transaction, so at most one fsync, per message; it holds the write lock for a few inserts, whatever the
    // number of records.
    if (batches.length > 0 || request.durable) write.immediate(batches);
  } catch (error) {
    database = message(error);
  } finally {
    for (const { batch } of batches)
      if (typeof batch.events !== 'string') stager.recycle(batch.events.buffer as ArrayBuffer);
  }
  let fileError: string | undefined;
  // Only the auditor's drafts go to the file (`appendAuditEvents` is the database's own).
  if (file !== undefined && request.lines !== undefined) {
    try {
      await file.commit(request.durable);
    } catch (error) {
      fileError = message(error);
    }
  }
  if (database === undefined && fileError === undefined) return undefined;
  return {
    ...(database === undefined ? {} : { database }),
    ...(fileError === undefined ? {} : { file: fileError }),
  };
}

/** Messages are handled one after another, in order (the file's writes are asynchronous). */
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: AuditThreadRequest | { close: true }) => {
  queue = queue.then(async () => {
    if ('close' in request) {
      db.close();
      await file?.close?.();
      port.close();
      return;
    }
    let errors: AuditThreadReply['errors'];
    try {
      if (request.file !== undefined) {
        await file?.close?.();
        file = fileSink(request.file.auditFile);
      }
      errors = await handle(request);
    } catch (error) {
      errors = { database: message(error) };
    }
    // The staged bytes go back to the event loop to be reused (a fresh buffer's pages fault in on first write).
    const buffers = request.lines === undefined ? [] : [request.lines.buffer as ArrayBuffer];
    const reply: AuditThreadReply =
      errors === undefined ? { id: request.id, buffers } : { id: request.id, buffers, errors };
    port.postMessage(reply, buffers);
  });
});
