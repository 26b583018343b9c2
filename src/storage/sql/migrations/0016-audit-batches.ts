/**
 * @module storage/sql/migrations/0016-audit-batches
 * The audit trail moves from a row per record to a row per batch of records with a few key rows per batch
 * (../audit-batch.ts says why and how). Existing records are copied into batches of 500 in time order, keys and all,
 * before the old tables are dropped, all in the migration's transaction: no record is lost.
 *
 * The conversion is written out here rather than imported: a migration is frozen in time, and the line format it
 * writes is format 1 whatever later code writes.
 */

import type { Kysely } from 'kysely';
import type { SqlMigration } from './migration.js';

/** Old rows per batch, and per read. */
const BATCH = 500;

interface OldRow {
  event_id: string;
  account_id: string;
  event_time: string;
  event_name: string;
  event_source: string;
  read_only: string;
  username: string | null;
  access_key_id: string | null;
  role_name: string | null;
  resources: string;
  authorized: string;
  record: string;
}

interface KeyRow {
  account_id: string;
  kind: string;
  value: string;
  first_time: string;
  last_time: string;
  batch_id: string;
}

/** Format 1 of ../audit-batch.ts: a batch row and its distinct keys. */
function batchOf(rows: readonly OldRow[]) {
  const batchId = (rows[0] as OldRow).event_id;
  const keys = new Map<string, KeyRow>();
  const add = (account: string, kind: string, value: string, time: string) => {
    const id = `${account}\u0000${kind}\u0000${value}`;
    const found = keys.get(id);
    if (!found) {
      keys.set(id, { account_id: account, kind, value, first_time: time, last_time: time, batch_id: batchId });
      return;
    }
    if (time < found.first_time) found.first_time = time;
    if (time > found.last_time) found.last_time = time;
  };
  const lines: string[] = [];
  let first = '';
  let last = '';
  for (const row of rows) {
    const time = row.event_time;
    if (first === '' || time < first) first = time;
    if (time > last) last = time;
    const resources = JSON.parse(row.resources) as { type: string; name: string }[];
    const authorized = JSON.parse(row.authorized) as unknown[];
    const account = row.account_id;
    add(account, '', '', time);
    add(account, 'EventName', row.event_name, time);
    add(account, 'ReadOnly', row.read_only, time);
    add(account, 'EventSource', row.event_source, time);
    if (row.access_key_id !== null) add(account, 'AccessKeyId', row.access_key_id, time);
    if (row.username !== null) add(account, 'Username', row.username, time);
    for (const resource of resources) {
      add(account, 'ResourceType', resource.type, time);
      add(account, 'ResourceName', resource.name, time);
    }
    if (authorized.length > 0) {
      if (row.username !== null) add(account, 'ActivityUser', row.username, time);
      if (row.role_name !== null) add(account, 'ActivityRole', row.role_name, time);
    }
    const fields = [
      account,
      time,
      row.event_id,
      row.event_name,
      row.event_source,
      row.read_only,
      row.access_key_id,
      row.username,
      row.role_name,
      resources,
      authorized,
    ];
    lines.push(`${JSON.stringify(fields)}\t${row.record}`);
  }
  return {
    batch: {
      batch_id: batchId,
      format: 1,
      first_time: first,
      last_time: last,
      event_count: rows.length,
      events: lines.join('\n'),
    },
    keys: [...keys.values()],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema (./migration.ts).
async function copyEvents(db: Kysely<any>): Promise<void> {
  let after: { time: string; id: string } | undefined;
  for (;;) {
    let select = db.selectFrom('audit_events').selectAll();
    if (after) {
      const { time, id } = after;
      select = select.where((eb) =>
        eb.or([eb('event_time', '>', time), eb.and([eb('event_time', '=', time), eb('event_id', '>', id)])]),
      );
    }
    const rows = (await select.orderBy('event_time').orderBy('event_id').limit(BATCH).execute()) as OldRow[];
    if (rows.length === 0) return;
    const { batch, keys } = batchOf(rows);
    await db.insertInto('audit_batches').values(batch).execute();
    for (let i = 0; i < keys.length; i += 100) {
      await db
        .insertInto('audit_batch_keys')
        .values(keys.slice(i, i + 100))
        .execute();
    }
    const lastRow = rows[rows.length - 1] as OldRow;
    after = { time: lastRow.event_time, id: lastRow.event_id };
  }
}

export const auditBatchesMigration: SqlMigration = {
  id: '0016-audit-batches',
  async up(db) {
    await db.schema
      .createTable('audit_batches')
      .addColumn('batch_id', 'text', (col) => col.primaryKey())
      .addColumn('format', 'integer', (col) => col.notNull())
      .addColumn('first_time', 'text', (col) => col.notNull())
      .addColumn('last_time', 'text', (col) => col.notNull())
      .addColumn('event_count', 'integer', (col) => col.notNull())
      .addColumn('events', 'text', (col) => col.notNull())
      .execute();
    // The retention purge finds whole old batches by their last time, and batches it must split by their first.
    await db.schema.createIndex('audit_batches_last').on('audit_batches').column('last_time').execute();
    await db.schema.createIndex('audit_batches_first').on('audit_batches').column('first_time').execute();
    await db.schema
      .createTable('audit_batch_keys')
      .addColumn('account_id', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('first_time', 'text', (col) => col.notNull())
      .addColumn('last_time', 'text', (col) => col.notNull())
      .addColumn('batch_id', 'text', (col) => col.notNull().references('audit_batches.batch_id').onDelete('cascade'))
      .execute();
    // Newest-first lookups walk a key's batches by their last time, oldest-first ones by their first.
    await db.schema
      .createIndex('audit_batch_keys_last')
      .on('audit_batch_keys')
      .columns(['account_id', 'kind', 'value', 'last_time', 'batch_id'])
      .execute();
    await db.schema
      .createIndex('audit_batch_keys_first')
      .on('audit_batch_keys')
      .columns(['account_id', 'kind', 'value', 'first_time', 'batch_id'])
      .execute();
    await db.schema.createIndex('audit_batch_keys_batch').on('audit_batch_keys').column('batch_id').execute();
    await copyEvents(db);
    await db.schema.dropTable('audit_event_resources').execute();
    await db.schema.dropTable('audit_events').execute();
  },
};
