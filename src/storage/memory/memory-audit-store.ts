/**
 * @module storage/memory/memory-audit-store
 * The {@link AuditStore} in memory: the reference for the SQL adapter (same order, same filters). A long-running
 * `iamd serve --storage memory` must not grow without bound, so only the latest `maxEvents` records are kept (fewer
 * when their text passes a byte budget), in a ring that keeps them off the JavaScript heap (audit-ring.ts); lookups
 * scan its columns and read back only the records they return.
 */

import type { AuditEvent } from '../../core/audit/index.js';
import type { AuditCursor, AuditQuery, AuditStore } from '../../core/ports.js';
import { AUTHORIZED, AuditRing, Field, READ_ONLY } from './audit-ring.js';

/** How many records the memory store keeps by default. */
export const MEMORY_AUDIT_EVENTS = 100_000;

/**
 * How many bytes of record text it keeps at most by default: twice what 100,000 typical records take (about 1 KB
 * each), so the count is the bound unless records are unusually large.
 */
export const MEMORY_AUDIT_BYTES = 256 * 1024 * 1024;

/** Tells whether a record matches a lookup attribute; `undefined` when no record can. */
type Matcher = (slot: number) => boolean;

/** A matcher on a string column: only records holding the value's number match. */
function columnMatcher(ring: AuditRing, field: number, value: string): Matcher | undefined {
  const id = ring.idOf(value);
  return id === undefined ? undefined : (slot) => ring.int(slot, field) === id;
}

function matcherOf(ring: AuditRing, attribute: NonNullable<AuditQuery['attribute']>): Matcher | undefined {
  const { value } = attribute;
  switch (attribute.key) {
    case 'EventId':
      return (slot) => ring.eventId(slot) === value;
    case 'EventName':
      return columnMatcher(ring, Field.eventName, value);
    case 'ReadOnly':
      // The column holds `true` or `false` as LookupEvents spells them; any other value matches nothing.
      if (value !== 'true' && value !== 'false') return undefined;
      return (slot) => ((ring.int(slot, Field.flags) & READ_ONLY) !== 0) === (value === 'true');
    case 'Username':
      return columnMatcher(ring, Field.username, value);
    case 'EventSource':
      return columnMatcher(ring, Field.eventSource, value);
    case 'AccessKeyId':
      return columnMatcher(ring, Field.accessKeyId, value);
    case 'ResourceType':
      return (slot) => ring.extra(slot).resources.some((resource) => resource.type === value);
    case 'ResourceName':
      return (slot) => ring.extra(slot).resources.some((resource) => resource.name === value);
  }
}

/** -1, 0 or 1 comparing a record with a cursor by (time, event id). */
function compareToCursor(ring: AuditRing, slot: number, cursor: AuditCursor): number {
  const byTime = ring.time(slot) - cursor.time.getTime();
  if (byTime !== 0) return Math.sign(byTime);
  const eventId = ring.eventId(slot);
  return eventId < cursor.eventId ? -1 : eventId > cursor.eventId ? 1 : 0;
}

/**
 * The first `limit` of `slots` in order of (time, event id), ascending (`sign` 1) or descending (-1). They are
 * sorted by time alone, and event ids are read only to order records sharing a time, as far as the limit reaches.
 */
function firstInOrder(ring: AuditRing, slots: number[], sign: 1 | -1, limit: number): number[] {
  slots.sort((a, b) => sign * (ring.time(a) - ring.time(b)));
  const out: number[] = [];
  for (let i = 0; i < slots.length && out.length < limit; ) {
    let j = i + 1;
    while (j < slots.length && ring.time(slots[j] as number) === ring.time(slots[i] as number)) j++;
    if (j - i === 1) out.push(slots[i] as number);
    else {
      const tied = slots.slice(i, j).map((slot) => ({ slot, eventId: ring.eventId(slot) }));
      tied.sort((a, b) => sign * (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
      for (const { slot } of tied.slice(0, limit - out.length)) out.push(slot);
    }
    i = j;
  }
  return out;
}

/**
 * Creates an empty in-memory event history keeping the latest `maxEvents` records, fewer if their text would take
 * more than `maxBytes`.
 *
 * @example
 * const audit = createMemoryAuditStore();
 */
export function createMemoryAuditStore(
  maxEvents: number = MEMORY_AUDIT_EVENTS,
  maxBytes: number = MEMORY_AUDIT_BYTES,
): AuditStore {
  const ring = new AuditRing(maxEvents, maxBytes);
  const append = (batch: readonly AuditEvent[]) => {
    for (const event of batch) ring.push(event);
  };
  /** The slots of the account's records that `accept` takes, oldest first. */
  const scan = (accountId: string, accept: (slot: number) => boolean): number[] => {
    const account = ring.idOf(accountId);
    const slots: number[] = [];
    if (account === undefined) return slots;
    for (let i = 0; i < ring.size; i++) {
      const slot = ring.slotAt(i);
      if (ring.int(slot, Field.account) === account && accept(slot)) slots.push(slot);
    }
    return slots;
  };
  return {
    async appendAuditEvents(batch) {
      append(batch);
    },
    // Kept as soon as they are staged: memory has no commit to wait for.
    createAuditSink: () => ({
      sink: { name: 'database', stage: append, commit: async () => {} },
      writesFile: false,
    }),
    async lookupAuditEvents(query) {
      const sign = query.order === 'newest' ? -1 : 1;
      const { attribute, cursor } = query;
      const match = attribute && matcherOf(ring, attribute);
      if (attribute && !match) return [];
      const start = query.startTime?.getTime() ?? Number.NEGATIVE_INFINITY;
      const end = query.endTime?.getTime() ?? Number.POSITIVE_INFINITY;
      const slots = scan(query.accountId, (slot) => {
        const time = ring.time(slot);
        return (
          time >= start &&
          time <= end &&
          (!match || match(slot)) &&
          (!cursor || sign * compareToCursor(ring, slot, cursor) > 0)
        );
      });
      return firstInOrder(ring, slots, sign, query.limit).map((slot) => ring.event(slot));
    },
    async lookupPrincipalActivity(query) {
      const users = new Set(query.userNames.map((name) => ring.idOf(name)).filter((id) => id !== undefined));
      const roles = new Set(query.roleNames.map((name) => ring.idOf(name)).filter((id) => id !== undefined));
      const since = query.since.getTime();
      const { cursor } = query;
      const slots = scan(query.accountId, (slot) => {
        if (ring.time(slot) < since || (ring.int(slot, Field.flags) & AUTHORIZED) === 0) return false;
        const user = ring.int(slot, Field.username);
        const role = ring.int(slot, Field.roleName);
        return (
          ((user !== 0 && users.has(user)) || (role !== 0 && roles.has(role))) &&
          (!cursor || compareToCursor(ring, slot, cursor) < 0)
        );
      });
      return firstInOrder(ring, slots, -1, query.limit).map((slot) => ring.event(slot));
    },
    async deleteAuditEventsBefore(time) {
      const cut = time.getTime();
      return ring.retain((slot) => ring.time(slot) >= cut);
    },
  };
}
