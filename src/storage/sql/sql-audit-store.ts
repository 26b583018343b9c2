/**
 * @module storage/sql/sql-audit-store
 * The {@link AuditStore} over SQL: a batch of records is one transaction; lookups use the (account, time, id)
 * index and filter on the LookupEvents columns; resource lookups go through `audit_event_resources`.
 */

import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type AuditEvent, auditEventOf, type CloudTrailRecord } from '../../core/audit/index.js';
import type { AuditQuery, AuditStore } from '../../core/ports.js';
import { fromJson, toIso, toJson } from './codec.js';
import type { AuditEventsTable, Database } from './schema.js';

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

/** The last `event_time` formatted: under load, requests of the same millisecond share it. */
let lastMs = Number.NaN;
let lastIso = '';

/** The `audit_events` row of a record (shared with the SQLite fast path, which runs it for every request). */
export function auditEventRow(event: AuditEvent): AuditEventsTable {
  const { columns } = event;
  const ms = event.time.getTime();
  if (ms !== lastMs) {
    lastIso = toIso(event.time);
    lastMs = ms;
  }
  return {
    event_id: columns.eventId,
    account_id: event.accountId,
    event_time: lastIso,
    event_name: columns.eventName,
    event_source: columns.eventSource,
    read_only: String(columns.readOnly),
    username: event.username ?? null,
    access_key_id: columns.accessKeyId ?? null,
    role_name: event.roleName ?? null,
    resources: event.resources.length === 0 ? '[]' : toJson(event.resources),
    authorized: event.authorized.length === 0 ? '[]' : toJson(event.authorized),
    record: event.recordJson,
  };
}

/**
 * The accounts that have records, found by stepping through the (account, time) index from one account to the next
 * (a "loose index scan", which SQLite and PostgreSQL both run as one lookup per account, not a scan of every row).
 */
async function accountsWithEvents(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ id: string | null }>`
    with recursive accounts(id) as (
      select min(account_id) from audit_events
      union all
      select (select min(e.account_id) from audit_events e where e.account_id > accounts.id)
      from accounts where accounts.id is not null
    )
    select id from accounts where id is not null`.execute(db);
  return rows.flatMap((row) => (row.id === null ? [] : [row.id]));
}

type Row = Pick<
  AuditEventsTable,
  'account_id' | 'event_time' | 'username' | 'role_name' | 'resources' | 'authorized' | 'record'
>;

function eventOf(row: Row): AuditEvent {
  return auditEventOf(
    fromJson<CloudTrailRecord>(row.record),
    {
      accountId: row.account_id,
      time: new Date(row.event_time),
      username: row.username ?? undefined,
      roleName: row.role_name ?? undefined,
      resources: fromJson<AuditEvent['resources']>(row.resources),
      authorized: fromJson<AuditEvent['authorized']>(row.authorized),
    },
    row.record,
  );
}

const COLUMNS = {
  EventId: 'event_id',
  EventName: 'event_name',
  ReadOnly: 'read_only',
  Username: 'username',
  EventSource: 'event_source',
  AccessKeyId: 'access_key_id',
} as const;

/** The WHERE condition of a lookup attribute. */
function attributeFilter(attribute: NonNullable<AuditQuery['attribute']>) {
  return (eb: ExpressionBuilder<Database, 'audit_events'>) => {
    if (attribute.key === 'ResourceType' || attribute.key === 'ResourceName') {
      const column = attribute.key === 'ResourceType' ? 'resource_type' : 'resource_name';
      return eb.exists(
        eb
          .selectFrom('audit_event_resources')
          .select('audit_event_resources.event_id')
          .whereRef('audit_event_resources.event_id', '=', 'audit_events.event_id')
          .where(`audit_event_resources.${column}`, '=', attribute.value),
      );
    }
    return eb(`audit_events.${COLUMNS[attribute.key]}`, '=', attribute.value);
  };
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
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < events.length; i += CHUNK) {
          const chunk = events.slice(i, i + CHUNK);
          await trx.insertInto('audit_events').values(chunk.map(auditEventRow)).execute();
          const resources = chunk.flatMap((event) =>
            event.resources.map((resource) => ({
              event_id: event.columns.eventId,
              resource_type: resource.type,
              resource_name: resource.name,
            })),
          );
          if (resources.length > 0) await trx.insertInto('audit_event_resources').values(resources).execute();
        }
      });
    },
    async lookupAuditEvents(query) {
      const newest = query.order === 'newest';
      let select = db
        .selectFrom('audit_events')
        .select(['account_id', 'event_time', 'username', 'role_name', 'resources', 'authorized', 'record'])
        .where('account_id', '=', query.accountId);
      if (query.startTime) select = select.where('event_time', '>=', toIso(query.startTime));
      if (query.endTime) select = select.where('event_time', '<=', toIso(query.endTime));
      if (query.attribute) select = select.where(attributeFilter(query.attribute));
      const cursor = query.cursor;
      if (cursor) {
        const time = toIso(cursor.time);
        const beyond = newest ? '<' : '>';
        select = select.where((eb) =>
          eb.or([
            eb('event_time', beyond, time),
            eb.and([eb('event_time', '=', time), eb('event_id', beyond, cursor.eventId)]),
          ]),
        );
      }
      const direction = newest ? 'desc' : 'asc';
      const rows = await select
        .orderBy('event_time', direction)
        .orderBy('event_id', direction)
        .limit(query.limit)
        .execute();
      return rows.map(eventOf);
    },
    async lookupPrincipalActivity(query) {
      const { userNames, roleNames, cursor } = query;
      if (userNames.length === 0 && roleNames.length === 0) return [];
      let select = db
        .selectFrom('audit_events')
        .select(['account_id', 'event_time', 'username', 'role_name', 'resources', 'authorized', 'record'])
        .where('account_id', '=', query.accountId)
        .where('event_time', '>=', toIso(query.since))
        .where('authorized', '!=', toJson([]))
        .where((eb) =>
          eb.or([
            ...(userNames.length > 0 ? [eb('username', 'in', [...userNames])] : []),
            ...(roleNames.length > 0 ? [eb('role_name', 'in', [...roleNames])] : []),
          ]),
        );
      if (cursor) {
        const time = toIso(cursor.time);
        select = select.where((eb) =>
          eb.or([
            eb('event_time', '<', time),
            eb.and([eb('event_time', '=', time), eb('event_id', '<', cursor.eventId)]),
          ]),
        );
      }
      const rows = await select.orderBy('event_time', 'desc').orderBy('event_id', 'desc').limit(query.limit).execute();
      return rows.map(eventOf);
    },
    async deleteAuditEventsBefore(time) {
      const cutoff = toIso(time);
      return db.transaction().execute(async (trx) => {
        // Account by account, so that each delete is a range of the (account, time) index: there is no index on the
        // time alone (migration 0015), which every insert would pay for.
        let deleted = 0;
        for (const accountId of await accountsWithEvents(trx)) {
          const old = trx
            .selectFrom('audit_events')
            .select('event_id')
            .where('account_id', '=', accountId)
            .where('event_time', '<', cutoff);
          await trx.deleteFrom('audit_event_resources').where('event_id', 'in', old).execute();
          const result = await trx
            .deleteFrom('audit_events')
            .where('account_id', '=', accountId)
            .where('event_time', '<', cutoff)
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },
  };
}
