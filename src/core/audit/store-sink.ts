/**
 * @module core/audit/store-sink
 * The database as an audit sink. A batch is committed before `append` resolves, so it survives a killed process
 * whether or not the caller asked for durability; a durable batch (fail-closed mode) is also fsynced.
 */

import type { AuditSink, AuditStore } from '../ports.js';

/**
 * Wraps the event-history store as a sink.
 *
 * @example
 * new Auditor({ sinks: [storeSink(stores.audit)], ... });
 */
export function storeSink(store: AuditStore): AuditSink {
  return { name: 'database', append: (events, durable) => store.appendAuditEvents(events, durable) };
}
