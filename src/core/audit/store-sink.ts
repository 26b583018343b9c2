/**
 * @module core/audit/store-sink
 * The trail's sinks: the database, and the JSON Lines file when one is configured. A batch is committed to the
 * database before `commit` resolves, so it survives a killed process whether or not the caller asked for durability;
 * a durable batch (fail-closed mode) is also fsynced.
 */

import type { AuditEventSink, AuditFileOptions, AuditSink, AuditStore } from '../ports.js';
import type { AuditEvent } from './audit-event.js';

/** The trail's file: where, and how to open a sink for it on the event loop (storage/audit-file). */
export interface AuditFile {
  readonly options: AuditFileOptions;
  readonly createSink: (options: AuditFileOptions) => AuditEventSink;
}

/**
 * The sinks of the trail: the store's own staging sink if it has one (the SQLite writer thread builds the records
 * from drafts, and writes the file too when asked; the memory store keeps records at once), otherwise one that keeps
 * the staged records as they are and appends them on commit; and the file's sink unless the store writes it.
 *
 * @example
 * new Auditor({ sinks: auditSinks(stores.audit, file), ... });
 */
export function auditSinks(store: AuditStore, file?: AuditFile): AuditSink[] {
  const own = store.createAuditSink?.({ file: file?.options });
  const database = own?.sink ?? appendingSink(store);
  if (file === undefined || own?.writesFile === true) return [database];
  return [database, file.createSink(file.options)];
}

/** A sink that keeps staged records as they are and appends them to the store on commit. */
function appendingSink(store: AuditStore): AuditEventSink {
  let staged: AuditEvent[] = [];
  return {
    name: 'database',
    stage(events) {
      for (const event of events) staged.push(event);
    },
    commit(durable) {
      const batch = staged;
      staged = [];
      return store.appendAuditEvents(batch, durable);
    },
  };
}
