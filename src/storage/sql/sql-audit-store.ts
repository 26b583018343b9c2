/**
 * @module storage/sql/sql-audit-store
 * The {@link AuditStore} over SQL, in the batch layout of ./audit-batch.ts: a batch of records is one row and a few
 * key rows, written in one transaction; a lookup walks the key rows of what it looks for in its order, reads the
 * batches they name and keeps the records that match exactly, stopping once no further batch can hold a record
 * that would make the page.
 */

import type { Kysely } from 'kysely';
import type { AuditCursor, AuditQuery, AuditStore } from '../../core/ports.js';
import {
  type AuditBatchRows,
  type AuditKeyKind,
  type AuditLine,
  auditBatchesOf,
  auditBatchOfLines,
  eventIdTime,
  eventOfLine,
  readAuditBatch,
} from './audit-batch.js';
import { toIso } from './codec.js';
import type { Database } from './schema.js';

/** Key rows read per query while walking, and ids per `in (…)` list. */
const KEY_PAGE = 64;
const ID_CHUNK = 200;

/** A batch a key row names, with the first and last time of that key in it. */
interface Candidate {
  readonly batch_id: string;
  readonly first_time: string;
  readonly last_time: string;
}

/** What one walk looks for. */
interface Search {
  readonly accountId: string;
  /** The batches of any of these keys are read. */
  readonly keys: readonly { readonly kind: AuditKeyKind; readonly value: string }[];
  /** Only batches whose key occurs within these inclusive bounds (ISO) are read. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly order: 'newest' | 'oldest';
  /** Whether a record of those batches belongs in the result. */
  readonly keep: (line: AuditLine) => boolean;
  readonly limit: number;
}

/** Chronological order of records, ties broken by event id (as the memory store and the old row layout). */
function compareLines(a: AuditLine, b: AuditLine): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId ? -1 : 1;
  return 0;
}

/** Whether a record lies strictly beyond the cursor in the order. */
function beyondCursor(line: AuditLine, cursor: AuditCursor | undefined, newest: boolean): boolean {
  if (!cursor) return true;
  const time = toIso(cursor.time);
  if (line.time !== time) return newest ? line.time < time : line.time > time;
  return newest ? line.eventId < cursor.eventId : line.eventId > cursor.eventId;
}

const later = (a: string | undefined, b: string | undefined) => (a === undefined || (b !== undefined && b > a) ? b : a);
const earlier = (a: string | undefined, b: string | undefined) =>
  a === undefined || (b !== undefined && b < a) ? b : a;

/**
 * Walks the candidate batches in the search's order and collects the first `limit` matching records. Newest first,
 * candidates come by the last time of their key, and once `limit` records are held, a batch whose last time is
 * earlier than the last of them cannot change the page; oldest first, symmetrically by the first time.
 */
async function search(db: Kysely<Database>, s: Search): Promise<AuditLine[]> {
  if (s.keys.length === 0 || s.limit <= 0) return [];
  const newest = s.order === 'newest';
  const bound = newest ? 'last_time' : 'first_time';
  const direction = newest ? 'desc' : 'asc';
  const beyond = newest ? '<' : '>';
  const results: AuditLine[] = [];
  const seen = new Set<string>();
  const finished = (candidate: Candidate) => {
    const last = results[s.limit - 1];
    if (last === undefined) return false;
    return newest ? candidate.last_time < last.time : candidate.first_time > last.time;
  };
  let after: Candidate | undefined;
  for (;;) {
    let select = db
      .selectFrom('audit_batch_keys')
      .select(['batch_id', 'first_time', 'last_time'])
      .where('account_id', '=', s.accountId)
      .where((eb) => eb.or(s.keys.map((key) => eb.and([eb('kind', '=', key.kind), eb('value', '=', key.value)]))));
    if (s.from !== undefined) select = select.where('last_time', '>=', s.from);
    if (s.to !== undefined) select = select.where('first_time', '<=', s.to);
    if (after) {
      const time = after[bound];
      const id = after.batch_id;
      select = select.where((eb) =>
        eb.or([eb(bound, beyond, time), eb.and([eb(bound, '=', time), eb('batch_id', beyond, id)])]),
      );
    }
    const page: Candidate[] = await select
      .orderBy(bound, direction)
      .orderBy('batch_id', direction)
      .limit(KEY_PAGE)
      .execute();
    for (const candidate of page) {
      if (finished(candidate)) return results;
      if (seen.has(candidate.batch_id)) continue;
      seen.add(candidate.batch_id);
      const row = await db
        .selectFrom('audit_batches')
        .select('events')
        .where('batch_id', '=', candidate.batch_id)
        .executeTakeFirst();
      if (!row) continue;
      for (const line of readAuditBatch(row.events)) if (s.keep(line)) results.push(line);
      results.sort(newest ? (a, b) => compareLines(b, a) : compareLines);
      if (results.length > s.limit) results.length = s.limit;
    }
    if (page.length < KEY_PAGE) return results;
    after = page[page.length - 1];
  }
}

/** Whether a record matches a lookup attribute (the key rows only narrowed the search). */
function matchesAttribute(line: AuditLine, attribute: NonNullable<AuditQuery['attribute']>): boolean {
  const { value } = attribute;
  switch (attribute.key) {
    case 'EventId':
      return line.eventId === value;
    case 'EventName':
      return line.eventName === value;
    case 'ReadOnly':
      return line.readOnly === value;
    case 'Username':
      return line.username === value;
    case 'EventSource':
      return line.eventSource === value;
    case 'AccessKeyId':
      return line.accessKeyId === value;
    case 'ResourceType':
      return line.resources.some((resource) => resource.type === value);
    case 'ResourceName':
      return line.resources.some((resource) => resource.name === value);
  }
}

/** The keys and time window that narrow a LookupEvents query whose inclusive bounds are `start` and `end` (ISO). */
function narrowing(
  query: AuditQuery,
  start: string | undefined,
  end: string | undefined,
): Pick<Search, 'keys' | 'from' | 'to'> {
  const { attribute, cursor } = query;
  let from = start;
  let to = end;
  if (cursor) {
    if (query.order === 'newest') to = earlier(to, toIso(cursor.time));
    else from = later(from, toIso(cursor.time));
  }
  if (!attribute) return { keys: [{ kind: '', value: '' }], from, to };
  if (attribute.key !== 'EventId') return { keys: [{ kind: attribute.key, value: attribute.value }], from, to };
  const ms = eventIdTime(attribute.value);
  if (ms !== undefined) {
    const at = toIso(new Date(ms));
    from = later(from, at);
    to = earlier(to, at);
  }
  return { keys: [{ kind: '', value: '' }], from, to };
}

async function insertBatches(db: Kysely<Database>, batches: readonly AuditBatchRows[]): Promise<void> {
  for (const { batch, keys } of batches) {
    await db.insertInto('audit_batches').values(batch).execute();
    for (let i = 0; i < keys.length; i += ID_CHUNK) {
      await db
        .insertInto('audit_batch_keys')
        .values(keys.slice(i, i + ID_CHUNK))
        .execute();
    }
  }
}

async function deleteBatches(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    await db.deleteFrom('audit_batch_keys').where('batch_id', 'in', chunk).execute();
    await db.deleteFrom('audit_batches').where('batch_id', 'in', chunk).execute();
  }
}

/**
 * Creates an {@link AuditStore} over a migrated database.
 *
 * @example
 * const audit = createSqlAuditStore(db);
 * await audit.lookupAuditEvents({ accountId: '000000000000', order: 'newest', limit: 50 });
 */
export function createSqlAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async appendAuditEvents(events) {
      if (events.length === 0) return;
      await db.transaction().execute((trx) => insertBatches(trx, auditBatchesOf(events)));
    },
    async lookupAuditEvents(query) {
      const newest = query.order === 'newest';
      const start = query.startTime && toIso(query.startTime);
      const end = query.endTime && toIso(query.endTime);
      const { attribute, cursor } = query;
      const lines = await search(db, {
        ...narrowing(query, start, end),
        accountId: query.accountId,
        order: query.order,
        limit: query.limit,
        keep: (line) =>
          line.accountId === query.accountId &&
          (start === undefined || line.time >= start) &&
          (end === undefined || line.time <= end) &&
          (!attribute || matchesAttribute(line, attribute)) &&
          beyondCursor(line, cursor, newest),
      });
      return lines.map(eventOfLine);
    },
    async lookupPrincipalActivity(query) {
      const users = new Set(query.userNames);
      const roles = new Set(query.roleNames);
      const since = toIso(query.since);
      const { cursor } = query;
      const lines = await search(db, {
        accountId: query.accountId,
        keys: [
          ...query.userNames.map((value) => ({ kind: 'ActivityUser' as const, value })),
          ...query.roleNames.map((value) => ({ kind: 'ActivityRole' as const, value })),
        ],
        from: since,
        to: cursor && toIso(cursor.time),
        order: 'newest',
        limit: query.limit,
        keep: (line) =>
          line.accountId === query.accountId &&
          line.time >= since &&
          line.authorized.length > 0 &&
          ((line.username !== null && users.has(line.username)) ||
            (line.roleName !== null && roles.has(line.roleName))) &&
          beyondCursor(line, cursor, true),
      });
      return lines.map(eventOfLine);
    },
    async deleteAuditEventsBefore(time) {
      const cutoff = toIso(time);
      return db.transaction().execute(async (trx) => {
        // Batches wholly older than the cut-off go at once; one that straddles it is rewritten with its newer records.
        const old = await trx
          .selectFrom('audit_batches')
          .select(['batch_id', 'event_count'])
          .where('last_time', '<', cutoff)
          .execute();
        let deleted = old.reduce((sum, batch) => sum + Number(batch.event_count), 0);
        await deleteBatches(
          trx,
          old.map((batch) => batch.batch_id),
        );
        const straddling = await trx
          .selectFrom('audit_batches')
          .select(['batch_id', 'events'])
          .where('first_time', '<', cutoff)
          .where('last_time', '>=', cutoff)
          .execute();
        for (const batch of straddling) {
          const lines = readAuditBatch(batch.events);
          const kept = lines.filter((line) => line.time >= cutoff);
          deleted += lines.length - kept.length;
          await deleteBatches(trx, [batch.batch_id]);
          if (kept.length > 0) await insertBatches(trx, [auditBatchOfLines(kept)]);
        }
        return deleted;
      });
    },
  };
}
