/**
 * @module storage/memory/audit-ring
 * The memory audit store's records, kept so that the garbage collector never sees them: each record's JSON, event
 * id, resources and authorized actions as UTF-8 in text chunks outside the heap (text-chunks.ts), and its lookup
 * columns as numbers in typed arrays, strings replaced by their numbers in a string table (string-ids.ts). Kept as
 * one small object and a handful of strings and arrays each, 100,000 records were some 600,000 heap objects that
 * every major collection marked; on two cores the collector's helper threads then took the CPU the server and its
 * clients needed, and requests waited tens of milliseconds around each collection (bench/README.md, "STS",
 * 2026-11-29 fifth session). The ring keeps the latest `maxEvents` records, oldest first, and fewer when their text
 * would pass its byte budget.
 */

import { type AuditEvent, auditEventOf, sameAuthorized } from '../../core/audit/index.js';
import { StringIds } from './string-ids.js';
import { TextChunks } from './text-chunks.js';

/** The columns of a record, at these positions of its stride in the integer array. */
export const Field = {
  /** Its text chunk's number. */
  chunk: 0,
  /** Where its JSON starts; its event id starts at `id`, its resources and authorized actions at `extra`. */
  start: 1,
  id: 2,
  extra: 3,
  end: 4,
  /** String numbers. */
  account: 5,
  eventName: 6,
  eventSource: 7,
  accessKeyId: 8,
  username: 9,
  roleName: 10,
  /** READ_ONLY | AUTHORIZED */
  flags: 11,
} as const;

const STRIDE = 12;
const STRING_FIELDS = [
  Field.account,
  Field.eventName,
  Field.eventSource,
  Field.accessKeyId,
  Field.username,
  Field.roleName,
] as const;

/** `flags`: the record is of a read-only operation. */
export const READ_ONLY = 1;
/** `flags`: the request was authorized for at least one action. */
export const AUTHORIZED = 2;

/** Records kept before the arrays first grow; they double up to `maxEvents`. */
const FIRST_CAPACITY = 1024;

/** The largest text reservation: a larger budget's chunks past it are allocated one by one. */
const MAX_RESERVE_BYTES = 256 * 1024 * 1024;

/**
 * The latest `maxEvents` audit records, oldest first. Slots are positions in the arrays; `slotAt(i)` is the slot of
 * the i-th oldest record.
 *
 * @example
 * const ring = new AuditRing(100_000);
 * ring.push(event);
 * ring.event(ring.slotAt(0)).record.eventID === event.record.eventID; // true
 */
export class AuditRing {
  readonly #max: number;
  readonly #maxBytes: number;
  readonly #chunks: TextChunks;
  #ids = new StringIds();
  /** The table size past which it is rebuilt: twice what it held after the last rebuild, and some. */
  #idsLimit = FIRST_CAPACITY;
  #capacity = 0;
  #head = 0;
  #size = 0;
  #times = new Float64Array(0);
  #ints = new Int32Array(0);

  /** The last `extra` text written, and what it was written from. */
  #lastExtra: { resources: AuditEvent['resources']; authorized: AuditEvent['authorized']; text: string } = {
    resources: [],
    authorized: [],
    text: '',
  };

  /**
   * Keeps at most `maxEvents` records, and drops the oldest sooner when their text would take the chunks past
   * `maxBytes` (records vary in size; a policy document in a request makes one far larger than most). A record
   * larger than the whole budget is still kept, alone.
   */
  constructor(maxEvents: number, maxBytes = Number.POSITIVE_INFINITY) {
    this.#max = Math.max(1, maxEvents);
    this.#maxBytes = maxBytes;
    // The text budget, up to 256 MiB, is reserved in one allocation once the store starts filling (text-chunks.ts):
    // V8 then sees external memory grow once instead of starting mark-compacts while the store fills.
    this.#chunks = new TextChunks(Math.min(maxBytes, MAX_RESERVE_BYTES));
  }

  /** How many records are kept. */
  get size(): number {
    return this.#size;
  }

  /** Bytes of the text chunks holding kept records. */
  get textBytes(): number {
    return this.#chunks.liveBytes;
  }

  /** The slot of the i-th oldest record. */
  slotAt(i: number): number {
    const slot = this.#head + i;
    return slot < this.#capacity ? slot : slot - this.#capacity;
  }

  /** Keeps `event`, dropping the oldest records if `maxEvents` are kept or its text would pass the byte budget. */
  push(event: AuditEvent): void {
    const { columns } = event;
    const json = event.recordJson;
    const extra = this.#extraOf(event);
    const chunks = this.#chunks;
    const bytes = TextChunks.mostBytes(json) + TextChunks.mostBytes(columns.eventId) + TextChunks.mostBytes(extra);
    while (this.#size > 0 && !chunks.fits(bytes, this.#maxBytes)) this.#dropOldest();
    if (this.#size === this.#capacity) {
      if (this.#capacity < this.#max) this.#resize(Math.min(this.#max, Math.max(FIRST_CAPACITY, this.#capacity * 2)));
      else this.#dropOldest();
    }
    const slot = this.slotAt(this.#size);
    const at = slot * STRIDE;
    const ints = this.#ints;
    ints[at + Field.chunk] = chunks.reserve(bytes);
    ints[at + Field.start] = chunks.offset;
    ints[at + Field.id] = chunks.append(json);
    const idEnd = chunks.append(columns.eventId);
    ints[at + Field.extra] = idEnd;
    ints[at + Field.end] = extra === '' ? idEnd : chunks.append(extra);
    const ids = this.#ids;
    ints[at + Field.account] = ids.idOf(event.accountId);
    ints[at + Field.eventName] = ids.idOf(columns.eventName);
    ints[at + Field.eventSource] = ids.idOf(columns.eventSource);
    ints[at + Field.accessKeyId] = ids.idOf(columns.accessKeyId);
    ints[at + Field.username] = ids.idOf(event.username);
    ints[at + Field.roleName] = ids.idOf(event.roleName);
    ints[at + Field.flags] = (columns.readOnly ? READ_ONLY : 0) | (event.authorized.length > 0 ? AUTHORIZED : 0);
    this.#times[slot] = event.time.getTime();
    this.#size += 1;
    // A table holding many strings no record refers to any more (a fleet's short-lived access keys) is rebuilt.
    if (ids.size > this.#idsLimit) this.#compactIds();
  }

  /** A record's event time in milliseconds. */
  time(slot: number): number {
    return this.#times[slot] as number;
  }

  /** A record's column `field` (a string number, or the flags). */
  int(slot: number, field: number): number {
    return this.#ints[slot * STRIDE + field] as number;
  }

  /** The number of `value` in the string table, if any record may hold it (0 for `undefined`). */
  idOf(value: string | undefined): number | undefined {
    return this.#ids.find(value);
  }

  /** A record's event id. */
  eventId(slot: number): string {
    const at = slot * STRIDE;
    const ints = this.#ints;
    return this.#chunks.text(ints[at] as number, ints[at + Field.id] as number, ints[at + Field.extra] as number);
  }

  /** A record's resources (type and name) and the actions it was authorized for. */
  extra(slot: number): Pick<AuditEvent, 'resources' | 'authorized'> {
    const at = slot * STRIDE;
    const ints = this.#ints;
    const start = ints[at + Field.extra] as number;
    const end = ints[at + Field.end] as number;
    if (start === end) return { resources: [], authorized: [] };
    const [resources, authorized] = JSON.parse(this.#chunks.text(ints[at] as number, start, end)) as [
      AuditEvent['resources'],
      AuditEvent['authorized'],
    ];
    return { resources, authorized };
  }

  /** The record in `slot`, read back. */
  event(slot: number): AuditEvent {
    const at = slot * STRIDE;
    const ints = this.#ints;
    const json = this.#chunks.text(ints[at] as number, ints[at + Field.start] as number, ints[at + Field.id] as number);
    const ids = this.#ids;
    return auditEventOf(
      JSON.parse(json) as AuditEvent['record'],
      {
        accountId: ids.value(ints[at + Field.account] as number) ?? '',
        time: new Date(this.time(slot)),
        username: ids.value(ints[at + Field.username] as number),
        roleName: ids.value(ints[at + Field.roleName] as number),
        ...this.extra(slot),
      },
      json,
    );
  }

  /** Keeps only the records `keep` accepts, in their order; returns how many were removed. */
  retain(keep: (slot: number) => boolean): number {
    const kept: number[] = [];
    for (let i = 0; i < this.#size; i++) {
      const slot = this.slotAt(i);
      if (keep(slot)) kept.push(slot);
    }
    const removed = this.#size - kept.length;
    if (removed > 0) {
      this.#copy(kept, this.#capacity);
      this.#releaseChunks();
    }
    return removed;
  }

  /**
   * A record's resources and authorized actions as JSON (empty when it has neither). Requests of one kind follow
   * each other, and the builder shares one resources array among the requests naming one resource, so the last text
   * is reused when it was written from the same.
   */
  #extraOf(event: AuditEvent): string {
    const { resources, authorized } = event;
    const last = this.#lastExtra;
    if (resources === last.resources && sameAuthorized(authorized, last.authorized)) return last.text;
    const text = resources.length === 0 && authorized.length === 0 ? '' : JSON.stringify([resources, authorized]);
    this.#lastExtra = { resources, authorized, text };
    return text;
  }

  #dropOldest(): void {
    this.#head = this.slotAt(1);
    this.#size -= 1;
    this.#releaseChunks();
  }

  /** Hands back the text chunks before the oldest record's (records are kept in the order their text was written). */
  #releaseChunks(): void {
    if (this.#size > 0) this.#chunks.release(this.int(this.#head, Field.chunk));
  }

  #resize(capacity: number): void {
    const slots: number[] = [];
    for (let i = 0; i < this.#size; i++) slots.push(this.slotAt(i));
    this.#copy(slots, capacity);
  }

  /** Moves the records in `slots` (in that order) to the start of new arrays of `capacity` slots. */
  #copy(slots: readonly number[], capacity: number): void {
    const times = new Float64Array(capacity);
    const ints = new Int32Array(capacity * STRIDE);
    for (const [to, from] of slots.entries()) {
      times[to] = this.#times[from] as number;
      ints.set(this.#ints.subarray(from * STRIDE, (from + 1) * STRIDE), to * STRIDE);
    }
    this.#times = times;
    this.#ints = ints;
    this.#capacity = capacity;
    this.#head = 0;
    this.#size = slots.length;
  }

  /** Renumbers the strings the kept records refer to in a new table, dropping the rest. */
  #compactIds(): void {
    const old = this.#ids;
    const ids = new StringIds();
    const ints = this.#ints;
    for (let i = 0; i < this.#size; i++) {
      const at = this.slotAt(i) * STRIDE;
      for (const field of STRING_FIELDS) ints[at + field] = ids.idOf(old.value(ints[at + field] as number));
    }
    this.#ids = ids;
    this.#idsLimit = 2 * ids.size + FIRST_CAPACITY;
  }
}
