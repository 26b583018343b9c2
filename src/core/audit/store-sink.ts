/**
 * @module core/audit/store-sink
 * The database as an audit sink. A batch is committed before `commit` resolves, so it survives a killed process
 * whether or not the caller asked for durability; a durable batch (fail-closed mode) is also fsynced.
 */

import type { AuditSink, AuditStore } from '../ports.js';
import type { AuditEvent } from './audit-event.js';

/**
 * The store's own staging sink if it has one (SQLite encodes records into its batch rows as they come, the memory
 * store keeps them at once); otherwise one that keeps the staged records as they are and appends them on commit.
 *
 * @example
 * new Auditor({ sinks: [storeSink(stores.audit)], ... });
 */
export function storeSink(store: AuditStore): AuditSink {
  const own = store.createAuditSink?.();
  if (own) return own;
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
