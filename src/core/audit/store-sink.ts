/**
 * @module core/audit/store-sink
 * The database as an audit sink. A batch is one insert transaction, committed before `append` resolves, so it is
 * durable whether or not the caller asked for it.
 */

import type { AuditSink, AuditStore } from '../ports.js';

/**
 * Wraps the event-history store as a sink.
 *
 * @example
 * new Auditor({ sinks: [storeSink(stores.audit)], ... });
 */
export function storeSink(store: AuditStore): AuditSink {
  return { name: 'database', append: (events) => store.appendAuditEvents(events) };
}
