/**
 * @module storage/sql/migrations/0016-audit-batches.test
 * Migrating a database that holds records in the old row-per-record layout keeps every record: each reads back
 * exactly as the old store returned it, and lookups by attribute and by principal still find them.
 */

import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type AuditEvent, auditEventOf } from '../../../core/audit/index.js';
import { openSqliteDatabase } from '../../sqlite/open-database.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { createSqlAuditStore } from '../sql-audit-store.js';
import { sqlMigrations } from './index.js';

const accounts = ['111122223333', '444455556666'];

function event(i: number): AuditEvent {
  const accountId = accounts[i % 3 === 0 ? 1 : 0] as string;
  const time = new Date(Date.UTC(2026, 10, 1) + i * 1000);
  const roleName = i % 5 === 0 ? 'builder' : undefined;
  return auditEventOf(
    {
      eventVersion: '1.08',
      userIdentity: { type: 'IAMUser', accessKeyId: `AKIA${String(i % 7).padStart(16, '0')}`, userName: 'alice' },
      eventTime: `${time.toISOString().slice(0, 19)}Z`,
      eventSource: 's3.amazonaws.com',
      eventName: i % 2 === 0 ? 'GetObject' : 'PutObject',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.1',
      userAgent: `agent "${i}"\n`,
      requestParameters: { bucketName: 'b', key: `k${i}` },
      responseElements: null,
      requestID: `req-${i}`,
      eventID: `id-${String(i).padStart(5, '0')}`,
      readOnly: i % 2 === 0,
      eventType: 'AwsApiCall',
      managementEvent: false,
      recipientAccountId: accountId,
      eventCategory: 'Data',
    },
    {
      accountId,
      time,
      username: i % 4 === 0 ? undefined : 'alice',
      roleName,
      resources: [{ type: 'AWS::S3::Object', name: `b/k${i}` }],
      authorized: i % 6 === 0 ? [] : [{ action: 's3:GetObject', resource: `arn:aws:s3:::b/k${i}` }],
    },
  );
}

/** The row migration 0012 defined, as the store before this migration wrote it. */
function oldRow(e: AuditEvent) {
  return {
    event_id: e.columns.eventId,
    account_id: e.accountId,
    event_time: e.time.toISOString(),
    event_name: e.columns.eventName,
    event_source: e.columns.eventSource,
    read_only: String(e.columns.readOnly),
    username: e.username ?? null,
    access_key_id: e.columns.accessKeyId ?? null,
    role_name: e.roleName ?? null,
    resources: JSON.stringify(e.resources),
    authorized: JSON.stringify(e.authorized),
    record: e.recordJson,
  };
}

describe('migration 0016-audit-batches', () => {
  it('moves every record of the old layout into batches, and lookups still find them', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteDatabase(':memory:') }) });
    try {
      const at = sqlMigrations.findIndex((m) => m.id === '0016-audit-batches');
      await migrateToLatest(db, 'sqlite', sqlMigrations.slice(0, at));
      // Inserted newest first, so the migration must put them in time order itself.
      const events = Array.from({ length: 1203 }, (_, i) => event(i));
      // biome-ignore lint/suspicious/noExplicitAny: the old tables are not in today's schema.
      const old = db as Kysely<any>;
      for (const e of [...events].reverse()) {
        await old.insertInto('audit_events').values(oldRow(e)).execute();
        for (const r of e.resources) {
          await old
            .insertInto('audit_event_resources')
            .values({ event_id: e.columns.eventId, resource_type: r.type, resource_name: r.name })
            .execute();
        }
      }
      expect(await migrateToLatest(db, 'sqlite')).toEqual(['0016-audit-batches']);

      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain('audit_events');
      const batches = await db.selectFrom('audit_batches').select('event_count').execute();
      expect(batches.map((b) => b.event_count)).toEqual([500, 500, 203]);

      const audit = createSqlAuditStore(db);
      for (const accountId of accounts) {
        const mine = events.filter((e) => e.accountId === accountId);
        expect(await audit.lookupAuditEvents({ accountId, order: 'oldest', limit: 2000 })).toEqual(mine);
        const named = await audit.lookupAuditEvents({
          accountId,
          attribute: { key: 'ResourceName', value: (mine[7] as AuditEvent).resources[0]?.name ?? '' },
          order: 'newest',
          limit: 10,
        });
        expect(named).toEqual([mine[7]]);
      }
      const activity = await audit.lookupPrincipalActivity({
        accountId: accounts[0] as string,
        userNames: [],
        roleNames: ['builder'],
        since: new Date(0),
        limit: 2000,
      });
      const expected = events
        .filter((e) => e.accountId === accounts[0] && e.roleName === 'builder' && e.authorized.length > 0)
        .reverse();
      expect(activity).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);
    } finally {
      await db.destroy();
    }
  });
});
