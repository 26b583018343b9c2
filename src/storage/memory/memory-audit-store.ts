/**
 * @module storage/memory/memory-audit-store
 * The {@link AuditStore} in memory: the reference for the SQL adapter (same order, same filters). A long-running
 * `iamd serve --storage memory` must not grow without bound, so only the latest `maxEvents` records are kept.
 * Each record is kept as its JSON text beside the few fields lookups filter on, not as an object tree: a string is
 * one object to the garbage collector, a record's tree dozens, and 100,000 trees made every major collection long
 * enough to show in the server's tail latency. The text itself is kept as UTF-8 outside the heap (text-chunks.ts),
 * and the auditor's sink keeps each record the moment it is staged, so no record's text is copied by scavenges.
 */

import { type AuditEvent, auditEventOf } from '../../core/audit/index.js';
import type { AuditQuery, AuditStore } from '../../core/ports.js';
import { type ChunkText, TextChunks, textOf } from './text-chunks.js';

/** A kept record: its JSON and what lookups filter on. */
interface Kept {
  readonly json: ChunkText;
  readonly time: number;
  readonly eventId: string;
  readonly eventName: string;
  readonly readOnly: string;
  readonly eventSource: string;
  readonly accessKeyId: string | undefined;
  readonly accountId: string;
  readonly username: string | undefined;
  readonly roleName: string | undefined;
  readonly resources: AuditEvent['resources'];
  readonly authorized: AuditEvent['authorized'];
}

function keep(event: AuditEvent, chunks: TextChunks): Kept {
  const { columns } = event;
  return {
    json: chunks.keep(event.recordJson),
    time: event.time.getTime(),
    eventId: columns.eventId,
    eventName: columns.eventName,
    readOnly: String(columns.readOnly),
    eventSource: columns.eventSource,
    accessKeyId: columns.accessKeyId,
    accountId: event.accountId,
    username: event.username,
    roleName: event.roleName,
    resources: event.resources,
    authorized: event.authorized,
  };
}

function eventOf(kept: Kept): AuditEvent {
  const json = textOf(kept.json);
  return auditEventOf(
    JSON.parse(json) as AuditEvent['record'],
    {
      accountId: kept.accountId,
      time: new Date(kept.time),
      username: kept.username,
      roleName: kept.roleName,
      resources: kept.resources,
      authorized: kept.authorized,
    },
    json,
  );
}

/** -1, 0 or 1 comparing two events by (time, event id). */
function compare(a: { time: number; eventId: string }, b: { time: number; eventId: string }): number {
  const byTime = a.time - b.time;
  if (byTime !== 0) return Math.sign(byTime);
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

const cursorKey = (cursor: { time: Date; eventId: string }) => ({
  time: cursor.time.getTime(),
  eventId: cursor.eventId,
});

function matches(event: Kept, attribute: NonNullable<AuditQuery['attribute']>): boolean {
  switch (attribute.key) {
    case 'EventId':
      return event.eventId === attribute.value;
    case 'EventName':
      return event.eventName === attribute.value;
    case 'ReadOnly':
      return event.readOnly === attribute.value;
    case 'Username':
      return event.username === attribute.value;
    case 'EventSource':
      return event.eventSource === attribute.value;
    case 'AccessKeyId':
      return event.accessKeyId === attribute.value;
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
  let events: Kept[] = [];
  const chunks = new TextChunks();
  const append = (batch: readonly AuditEvent[]) => {
    for (const event of batch) events.push(keep(event, chunks));
    // Trimmed in chunks, so the array is not shifted on every batch.
    if (events.length > maxEvents * 1.1) {
      events = events.slice(events.length - maxEvents);
      release();
    }
  };
  /** Hands the chunks before the oldest kept record's back for reuse (records are kept in the order written). */
  const release = () => {
    const oldest = events[0];
    if (oldest) chunks.release(oldest.json);
  };
  return {
    async appendAuditEvents(batch) {
      append(batch);
    },
    // Kept as soon as they are staged: memory has no commit to wait for.
    createAuditSink: () => ({
      name: 'database',
      stage: append,
      commit: async () => {},
    }),
    async lookupAuditEvents(query) {
      const sign = query.order === 'newest' ? -1 : 1;
      const { attribute } = query;
      const cursor = query.cursor && cursorKey(query.cursor);
      return events
        .filter(
          (event) =>
            event.accountId === query.accountId &&
            (!query.startTime || event.time >= query.startTime.getTime()) &&
            (!query.endTime || event.time <= query.endTime.getTime()) &&
            (!attribute || matches(event, attribute)) &&
            (!cursor || sign * compare(event, cursor) > 0),
        )
        .sort((a, b) => sign * compare(a, b))
        .slice(0, query.limit)
        .map(eventOf);
    },
    async lookupPrincipalActivity(query) {
      const users = new Set(query.userNames);
      const roles = new Set(query.roleNames);
      const cursor = query.cursor && cursorKey(query.cursor);
      return events
        .filter(
          (event) =>
            event.accountId === query.accountId &&
            event.time >= query.since.getTime() &&
            event.authorized.length > 0 &&
            ((event.username !== undefined && users.has(event.username)) ||
              (event.roleName !== undefined && roles.has(event.roleName))) &&
            (!cursor || compare(event, cursor) < 0),
        )
        .sort((a, b) => compare(b, a))
        .slice(0, query.limit)
        .map(eventOf);
    },
    async deleteAuditEventsBefore(time) {
      const before = events.length;
      events = events.filter((event) => event.time >= time.getTime());
      release();
      return before - events.length;
    },
  };
}
