/**
 * @module storage/sql/audit-batch-stager
 * Batch rows built as the SQLite writer thread renders records (../sqlite/sqlite-audit-thread.ts): each record's line
 * is encoded into its row's UTF-8 bytes outside the heap at once, in the layout of ./audit-batch.ts, so the thread's
 * records die young instead of waiting on its heap for the batch's commit.
 */

import type { AuditEvent } from '../../core/audit/index.js';
import { Utf8Buffer } from '../utf8-buffer.js';
import { type AuditBatchRow, BatchRowBuilder, MAX_EVENTS_PER_BATCH } from './audit-batch.js';
import type { AuditBatchKeysTable } from './schema.js';

/** The rows of a staged batch: the same as {@link AuditBatchRows}, the text as UTF-8 bytes. */
export interface StagedAuditBatchRows {
  readonly batch: AuditBatchRow<Uint8Array>;
  readonly keys: AuditBatchKeysTable[];
}

/**
 * Builds batch rows one event at a time, as the audit trail stages them: each line is encoded into the row's bytes
 * at once (../utf8-buffer.ts), so no record waits on the heap for its batch. `take` hands over the rows staged so
 * far; a row holds at most {@link MAX_EVENTS_PER_BATCH} events, like those of `auditBatchesOf`.
 *
 * @example
 * const stager = new AuditBatchStager();
 * for (const event of events) stager.add(event);
 * const rows = stager.take();
 */
export class AuditBatchStager {
  #sealed: StagedAuditBatchRows[] = [];
  #row: BatchRowBuilder | undefined;
  readonly #text = new Utf8Buffer(256 * 1024);

  /** Stages one event. */
  add(event: AuditEvent): void {
    if (this.#row === undefined) this.#row = new BatchRowBuilder(event.columns.eventId);
    else this.#text.writeNewline();
    this.#text.write(this.#row.add(event));
    this.#text.write(event.recordJson);
    if (this.#row.count >= MAX_EVENTS_PER_BATCH) this.#seal();
  }

  /** Gives back the memory of a taken row's text once it is written (see Utf8Buffer.recycle). */
  recycle(memory: ArrayBuffer): void {
    this.#text.recycle(memory);
  }

  /** The rows of every event staged since the last call. */
  take(): StagedAuditBatchRows[] {
    this.#seal();
    const rows = this.#sealed;
    this.#sealed = [];
    return rows;
  }

  #seal(): void {
    if (this.#row === undefined) return;
    this.#sealed.push(this.#row.rows(this.#text.take()));
    this.#row = undefined;
  }
}
