/**
 * @module storage/sql/audit-batch
 * How the database holds the audit trail (migration 0016): a batch of records per row of `audit_batches`, and per
 * batch one row of `audit_batch_keys` for each distinct (account, lookup attribute, value) among its records, with
 * the first and last time that key occurs in the batch. A lookup walks the keys of its attribute in time order,
 * reads the batches they name and filters their records exactly; the keys only narrow the search.
 *
 * Why batches: a row per record costs three B-tree inserts per record (the table, its key and the (account, time)
 * index), while a batch row costs little more than writing its text: 3.4–3.8 µs per record against 8.1–8.8 in
 * `bench/audit-insert.mjs`, and about a fifth less of the writer thread's time in the server (bench/README.md,
 * "Audit trail", 2026-11-29, second session). A batch of requests from a few callers has a handful of distinct keys,
 * so the indexes grow by a few entries per batch, not per record.
 *
 * A batch's text is one line per record, lines separated by `\n`: a JSON array of the record's lookup fields
 * (`FIELDS`), a tab, and the record's JSON. JSON text never holds a raw newline or tab, so neither can be mistaken
 * for a separator, and the record's text is kept byte for byte as the request path wrote it.
 */

import {
  type AuditEvent,
  auditEventOf,
  type CloudTrailRecord,
  jsonString,
  sameAuthorized,
} from '../../core/audit/index.js';
import { toIso } from './codec.js';
import type { AuditBatchesTable, AuditBatchKeysTable } from './schema.js';

/** The line format written by this module (the `format` column), so a later layout can tell old batches apart. */
export const AUDIT_BATCH_FORMAT = 1;

/** The most records in one batch row: a lookup reads whole batches, so they stay a few hundred kilobytes at most. */
export const MAX_EVENTS_PER_BATCH = 500;

/**
 * What a key row indexes: `''` (every record of the account), one of LookupEvents' attributes but `EventId` (found
 * through the time an event id carries, see {@link eventIdTime}), or the two of IAM's service last accessed data,
 * which index only allowed requests.
 */
export type AuditKeyKind =
  | ''
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'EventSource'
  | 'AccessKeyId'
  | 'ResourceType'
  | 'ResourceName'
  | 'ActivityUser'
  | 'ActivityRole';

/** One record of a batch, as read back: its lookup fields and its JSON. */
export interface AuditLine {
  readonly accountId: string;
  /** ISO-8601 with milliseconds, as `event_time` columns always were: it sorts chronologically. */
  readonly time: string;
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly readOnly: 'true' | 'false';
  readonly accessKeyId: string | null;
  readonly username: string | null;
  readonly roleName: string | null;
  readonly resources: AuditEvent['resources'];
  readonly authorized: AuditEvent['authorized'];
  readonly recordJson: string;
}

/** A row of `audit_batches`, its text as a string or as UTF-8 bytes (which the insert casts to text). */
export type AuditBatchRow<Text = string> = Omit<AuditBatchesTable, 'events'> & { events: Text };

/** The rows one batch writes. */
export interface AuditBatchRows {
  readonly batch: AuditBatchesTable;
  readonly keys: AuditBatchKeysTable[];
}

/** The last event time formatted: under load, requests of the same millisecond share it. */
let lastMs = Number.NaN;
let lastIso = '';

function isoOf(time: Date): string {
  const ms = time.getTime();
  if (ms !== lastMs) {
    lastIso = toIso(time);
    lastMs = ms;
  }
  return lastIso;
}

/**
 * `jsonString` (or `null`) remembering its last answer: the records of a batch mostly repeat a field's value (the
 * same caller, account and operation, request after request).
 */
function rememberingJsonString(): (text: string | null) => string {
  let last: string | null = null;
  let json = 'null';
  return (text) => {
    if (text !== last) {
      last = text;
      json = text === null ? 'null' : jsonString(text);
    }
    return json;
  };
}

/** The key kinds, in the order a record adds them (an index into {@link KeyCollector}'s maps). */
const KINDS: readonly AuditKeyKind[] = [
  '',
  'EventName',
  'ReadOnly',
  'EventSource',
  'AccessKeyId',
  'Username',
  'ResourceType',
  'ResourceName',
  'ActivityUser',
  'ActivityRole',
];
const KIND = Object.fromEntries(KINDS.map((kind, i) => [kind, i])) as Record<AuditKeyKind, number>;

/**
 * Collects a batch's distinct keys, each with the first and last time it occurs. The maps are nested (account, then
 * kind, then value) so that finding a key hashes strings the record already holds instead of building one per key:
 * this runs on the event loop for every audited request.
 */
class KeyCollector {
  readonly #batchId: string;
  readonly #accounts = new Map<string, Map<string, AuditBatchKeysTable>[]>();
  readonly #rows: AuditBatchKeysTable[] = [];

  constructor(batchId: string) {
    this.#batchId = batchId;
  }

  add(accountId: string, kind: AuditKeyKind, value: string, time: string): void {
    let kinds = this.#accounts.get(accountId);
    if (kinds === undefined) {
      kinds = KINDS.map(() => new Map<string, AuditBatchKeysTable>());
      this.#accounts.set(accountId, kinds);
    }
    const values = kinds[KIND[kind]] as Map<string, AuditBatchKeysTable>;
    const found = values.get(value);
    if (found === undefined) {
      const row = { account_id: accountId, kind, value, first_time: time, last_time: time, batch_id: this.#batchId };
      values.set(value, row);
      this.#rows.push(row);
      return;
    }
    if (time < found.first_time) found.first_time = time;
    if (time > found.last_time) found.last_time = time;
  }

  /** Every key one record contributes (the same whether it comes from an event or from a stored line). */
  addRecord(line: Omit<AuditLine, 'recordJson' | 'authorized' | 'eventId'>, allowed: boolean): void {
    const { accountId: account, time } = line;
    this.add(account, '', '', time);
    this.add(account, 'EventName', line.eventName, time);
    this.add(account, 'ReadOnly', line.readOnly, time);
    this.add(account, 'EventSource', line.eventSource, time);
    if (line.accessKeyId !== null) this.add(account, 'AccessKeyId', line.accessKeyId, time);
    if (line.username !== null) this.add(account, 'Username', line.username, time);
    for (const resource of line.resources) {
      this.add(account, 'ResourceType', resource.type, time);
      this.add(account, 'ResourceName', resource.name, time);
    }
    if (!allowed) return;
    if (line.username !== null) this.add(account, 'ActivityUser', line.username, time);
    if (line.roleName !== null) this.add(account, 'ActivityRole', line.roleName, time);
  }

  rows(): AuditBatchKeysTable[] {
    return this.#rows;
  }
}

/**
 * One batch row being built: its id (its first event's), the lookup-field prefix of each line, its keys and time
 * range. The lines' text is kept by the caller: joined as a string ({@link auditBatchesOf}) or encoded as UTF-8 off
 * the heap (`AuditBatchStager`, audit-batch-stager.ts).
 */
export class BatchRowBuilder {
  readonly batchId: string;
  count = 0;
  readonly #keys: KeyCollector;
  #first = '';
  #last = '';
  readonly #account = rememberingJsonString();
  readonly #name = rememberingJsonString();
  readonly #source = rememberingJsonString();
  readonly #key = rememberingJsonString();
  readonly #user = rememberingJsonString();
  readonly #role = rememberingJsonString();
  /** The last resources and authorized actions written, and their JSON (see `sameAuthorized`). */
  #resources: { list: AuditEvent['resources']; json: string } = { list: [], json: '[]' };
  #authorized: { list: AuditEvent['authorized']; json: string } = { list: [], json: '[]' };

  constructor(batchId: string) {
    this.batchId = batchId;
    this.#keys = new KeyCollector(batchId);
  }

  /** Adds an event's keys and returns its line's prefix: the JSON array of its lookup fields and a tab. */
  add(event: AuditEvent): string {
    const { columns } = event;
    const time = isoOf(event.time);
    if (this.#first === '' || time < this.#first) this.#first = time;
    if (time > this.#last) this.#last = time;
    this.count++;
    const readOnly = columns.readOnly ? 'true' : 'false';
    const accessKeyId = columns.accessKeyId ?? null;
    const username = event.username ?? null;
    const roleName = event.roleName ?? null;
    // The builder shares one resources list among requests naming one resource; actions are compared.
    if (event.resources !== this.#resources.list) {
      this.#resources = { list: event.resources, json: JSON.stringify(event.resources) };
    }
    if (!sameAuthorized(event.authorized, this.#authorized.list)) {
      this.#authorized = { list: event.authorized, json: JSON.stringify(event.authorized) };
    }
    const resources = this.#resources.json;
    const authorized = this.#authorized.json;
    this.#keys.addRecord(
      {
        accountId: event.accountId,
        time,
        eventName: columns.eventName,
        eventSource: columns.eventSource,
        readOnly,
        accessKeyId,
        username,
        roleName,
        resources: event.resources,
      },
      event.authorized.length > 0,
    );
    return `[${this.#account(event.accountId)},"${time}",${jsonString(columns.eventId)},${this.#name(columns.eventName)},${this.#source(columns.eventSource)},"${readOnly}",${this.#key(accessKeyId)},${this.#user(username)},${this.#role(roleName)},${resources},${authorized}]\t`;
  }

  /** The rows, given the lines' text. */
  rows<Text>(events: Text): { batch: AuditBatchRow<Text>; keys: AuditBatchKeysTable[] } {
    return {
      batch: {
        batch_id: this.batchId,
        format: AUDIT_BATCH_FORMAT,
        first_time: this.#first,
        last_time: this.#last,
        event_count: this.count,
        events,
      },
      keys: this.#keys.rows(),
    };
  }
}

/**
 * The rows of a batch of events: one batch row per {@link MAX_EVENTS_PER_BATCH} events, each named after its first
 * event's id (event ids are unique, and a record is in one batch only).
 *
 * @example
 * const [{ batch, keys }] = auditBatchesOf(events);
 */
export function auditBatchesOf(events: readonly AuditEvent[]): AuditBatchRows[] {
  const batches: AuditBatchRows[] = [];
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_BATCH) {
    const end = Math.min(events.length, start + MAX_EVENTS_PER_BATCH);
    const row = new BatchRowBuilder((events[start] as AuditEvent).columns.eventId);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const event = events[i] as AuditEvent;
      lines.push(row.add(event) + event.recordJson);
    }
    batches.push(row.rows(lines.join('\n')));
  }
  return batches;
}

/** The fields before the tab, in order. */
type Fields = [
  string,
  string,
  string,
  string,
  string,
  'true' | 'false',
  string | null,
  string | null,
  string | null,
  AuditEvent['resources'],
  AuditEvent['authorized'],
];

/**
 * The records of a stored batch.
 *
 * @example
 * const lines = readAuditBatch(row.events);
 */
export function readAuditBatch(text: string): AuditLine[] {
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const tab = line.indexOf('\t');
    const fields = JSON.parse(line.slice(0, tab)) as Fields;
    return {
      accountId: fields[0],
      time: fields[1],
      eventId: fields[2],
      eventName: fields[3],
      eventSource: fields[4],
      readOnly: fields[5],
      accessKeyId: fields[6],
      username: fields[7],
      roleName: fields[8],
      resources: fields[9],
      authorized: fields[10],
      recordJson: line.slice(tab + 1),
    };
  });
}

/**
 * The rows of a batch rebuilt from some of a stored batch's records (the retention purge keeps a batch's newer
 * records when it removes the older ones). Lines are written back byte for byte.
 */
export function auditBatchOfLines(lines: readonly AuditLine[]): AuditBatchRows {
  const batchId = (lines[0] as AuditLine).eventId;
  const keys = new KeyCollector(batchId);
  const texts: string[] = [];
  let first = '';
  let last = '';
  for (const line of lines) {
    if (first === '' || line.time < first) first = line.time;
    if (line.time > last) last = line.time;
    keys.addRecord(line, line.authorized.length > 0);
    texts.push(
      `${JSON.stringify([line.accountId, line.time, line.eventId, line.eventName, line.eventSource, line.readOnly, line.accessKeyId, line.username, line.roleName, line.resources, line.authorized])}\t${line.recordJson}`,
    );
  }
  return {
    batch: {
      batch_id: batchId,
      format: AUDIT_BATCH_FORMAT,
      first_time: first,
      last_time: last,
      event_count: lines.length,
      events: texts.join('\n'),
    },
    keys: keys.rows(),
  };
}

/**
 * The event a stored record reads back as.
 *
 * @example
 * const events = readAuditBatch(row.events).map(eventOfLine);
 */
export function eventOfLine(line: AuditLine): AuditEvent {
  return auditEventOf(
    JSON.parse(line.recordJson) as CloudTrailRecord,
    {
      accountId: line.accountId,
      time: new Date(line.time),
      username: line.username ?? undefined,
      roleName: line.roleName ?? undefined,
      resources: line.resources,
      authorized: line.authorized,
    },
    line.recordJson,
  );
}

/**
 * The millisecond an event id minted by iamd carries: its ids are UUID v7 made from the event's time
 * (ids/time-ordered-uuid.ts), so an EventId lookup reads only the batches of that instant. Undefined for any other
 * id, which is then looked for in every batch of the account.
 *
 * @example
 * eventIdTime('019a2b3c-4d5e-7f00-8000-000000000000'); // 1761829100894
 */
export function eventIdTime(eventId: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(eventId)) return undefined;
  return Number.parseInt(eventId.slice(0, 8) + eventId.slice(9, 13), 16);
}
