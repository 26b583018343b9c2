/**
 * @module storage/memory/memory-audit-store
 * The {@link AuditStore} in memory: the reference for the SQL adapter (same order, same filters). A long-running
 * `iamd serve --storage memory` must not grow without bound, so only the latest `maxEvents` records are kept.
 */

import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditQuery, AuditStore } from '../../core/ports.js';

/** -1, 0 or 1 comparing two events by (time, event id). */
function compare(a: { time: Date; eventId: string }, b: { time: Date; eventId: string }): number {
  const byTime = a.time.getTime() - b.time.getTime();
  if (byTime !== 0) return Math.sign(byTime);
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

const keyOf = (event: AuditEvent) => ({ time: event.time, eventId: event.record.eventID });

function matches(event: AuditEvent, attribute: NonNullable<AuditQuery['attribute']>): boolean {
  const { record } = event;
  switch (attribute.key) {
    case 'EventId':
      return record.eventID === attribute.value;
    case 'EventName':
      return record.eventName === attribute.value;
    case 'ReadOnly':
      return String(record.readOnly) === attribute.value;
    case 'Username':
      return event.username === attribute.value;
    case 'EventSource':
      return record.eventSource === attribute.value;
    case 'AccessKeyId':
      return record.userIdentity.accessKeyId === attribute.value;
    case 'ResourceType':
      return event.resources.some((resource) => resource.type === attribute.value);
    case 'ResourceName':
      return event.resources.some((resource) => resource.name === attribute.value);
  }
}

/** How many records the memory store keeps by default. */
export const MEMORY_AUDIT_EVENTS = 100_000;

/**
 * Creates an empty in-memory event history keeping the latest `maxEvents` records.
 *
 * @example
 * const audit = createMemoryAuditStore();
 */
export function createMemoryAuditStore(maxEvents: number = MEMORY_AUDIT_EVENTS): AuditStore {
  let events: AuditEvent[] = [];
  return {
    async appendAuditEvents(batch) {
      // The writer's serialization is not kept: it would double the memory of each record.
      for (const { recordJson: _, ...event } of batch) events.push(event);
      // Trimmed in chunks, so the array is not shifted on every batch.
      if (events.length > maxEvents * 1.1) events = events.slice(events.length - maxEvents);
    },
    async lookupAuditEvents(query) {
      const sign = query.order === 'newest' ? -1 : 1;
      const { cursor, attribute } = query;
      return events
        .filter(
          (event) =>
            event.accountId === query.accountId &&
            (!query.startTime || event.time.getTime() >= query.startTime.getTime()) &&
            (!query.endTime || event.time.getTime() <= query.endTime.getTime()) &&
            (!attribute || matches(event, attribute)) &&
            (!cursor || sign * compare(keyOf(event), cursor) > 0),
        )
        .sort((a, b) => sign * compare(keyOf(a), keyOf(b)))
        .slice(0, query.limit);
    },
    async lookupPrincipalActivity(query) {
      const users = new Set(query.userNames);
      const roles = new Set(query.roleNames);
      const { cursor } = query;
      return events
        .filter(
          (event) =>
            event.accountId === query.accountId &&
            event.time.getTime() >= query.since.getTime() &&
            event.authorized.length > 0 &&
            ((event.username !== undefined && users.has(event.username)) ||
              (event.roleName !== undefined && roles.has(event.roleName))) &&
            (!cursor || compare(keyOf(event), cursor) < 0),
        )
        .sort((a, b) => compare(keyOf(b), keyOf(a)))
        .slice(0, query.limit);
    },
    async deleteAuditEventsBefore(time) {
      const before = events.length;
      events = events.filter((event) => event.time.getTime() >= time.getTime());
      return before - events.length;
    },
  };
}
