/**
 * @module storage/sqlite/sqlite-audit-worker.test
 * The audit writer thread against a real file: its commits are visible to the main connection, the auditor's drafts
 * become the rows (and file lines) the event loop would have written, durable batches and probes resolve, close waits for what was posted, and the main connection's read-then-write transactions survive
 * the second writer (the reason they begin IMMEDIATE: a deferred one fails with SQLITE_BUSY_SNAPSHOT), waiting for
 * its lock off the event loop.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuditDraft, type AuditEvent, auditEventOf, eventsOfDraft } from '../../core/audit/index.js';
import { auditBatchesOf, type Database, eventOfLine, migrateToLatest, readAuditBatch } from '../sql/index.js';
import { openSqliteDatabase } from './open-database.js';
import { createSqliteAuditWorker } from './sqlite-audit-worker.js';
import { ImmediateSqliteDialect } from './sqlite-driver.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function migratedFile(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-audit-worker-'));
  dirs.push(dir);
  const file = join(dir, 'iamd.db');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
  await migrateToLatest(db, 'sqlite');
  await db.destroy();
  return file;
}

/** A draft of a GetCallerIdentity by a root key; every seventh with a user agent of awkward text. */
function draft(id: string, i: number): AuditDraft {
  return {
    service: 'sts',
    operation: 'GetCallerIdentity',
    identity: '{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root"}',
    accessKeyId: 'AKIAEXAMPLE',
    time: new Date(Date.UTC(2026, 10, 28, 0, 0, 0, i)),
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    userAgent: i % 7 === 0 ? `é€😀 "${i}"` : 'test',
    requestId: `req-${id}`,
    errorCode: i % 11 === 0 ? 'AccessDenied' : null,
    errorMessage: i % 11 === 0 ? 'not allowed\n' : null,
    requestJson: 'null',
    responseJson: 'null',
    additionalJson: null,
    resourcesJson: null,
    resources: [],
    recipients: ['111122223333'],
    eventIds: [id],
    sharedEventId: null,
    username: 'root',
    roleName: null,
    authorized: i % 11 === 0 ? [] : [{ action: 'sts:GetCallerIdentity', resource: '*' }],
  };
}

function event(id: string): AuditEvent {
  return auditEventOf(
    {
      eventVersion: '1.08',
      userIdentity: { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root' },
      eventTime: '2026-11-28T00:00:00Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'GetCallerIdentity',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      userAgent: 'test',
      requestParameters: null,
      responseElements: null,
      requestID: `req-${id}`,
      eventID: id,
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111122223333',
      eventCategory: 'Management',
    },
    {
      accountId: '111122223333',
      time: new Date('2026-11-28T00:00:00Z'),
      resources: [{ type: 'AWS::IAM::Role', name: `r-${id}` }],
      authorized: [],
    },
  );
}

const count = async (db: Kysely<Database>, table: 'audit_batches' | 'audit_batch_keys') =>
  Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

/** The records of every stored batch, oldest batch first. */
const storedEvents = async (db: Kysely<Database>) =>
  (await db.selectFrom('audit_batches').select('events').orderBy('batch_id').execute()).flatMap((row) =>
    readAuditBatch(row.events).map(eventOfLine),
  );

describe('createSqliteAuditWorker', () => {
  it('commits batches of any size, a row per 500 records, with their keys', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    try {
      const events = Array.from({ length: 763 }, (_, i) => event(`e${String(i).padStart(3, '0')}`));
      await Promise.all([writer.append(events.slice(0, 750)), writer.append(events.slice(750), true)]);
      await writer.append([], true);
      expect(await count(db, 'audit_batches')).toBe(3);
      expect((await storedEvents(db)).map((e) => e.record.eventID)).toEqual(events.map((e) => e.record.eventID));
      const names = await db
        .selectFrom('audit_batch_keys')
        .select('value')
        .where('kind', '=', 'ResourceName')
        .execute();
      expect(names).toHaveLength(763);
    } finally {
      await writer.close();
      await db.destroy();
    }
  });

  it("builds the auditor's drafts into the rows the loop would have appended, as text", async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    try {
      const drafts = Array.from({ length: 1203 }, (_, i) => draft(`s${String(i).padStart(4, '0')}`, i));
      const { sink, writesFile } = writer.createSink({});
      expect(writesFile).toBe(false);
      for (const one of drafts.slice(0, 1100)) sink.stageDraft?.(one);
      const first = sink.commit(false);
      // Staged after the commit began: written by the next commit.
      for (const one of drafts.slice(1100)) sink.stageDraft?.(one);
      await first;
      expect(await count(db, 'audit_batches')).toBe(3);
      await sink.commit(true);
      const eventsOf = (some: readonly AuditDraft[]) => some.flatMap(eventsOfDraft);
      const expected = [
        ...auditBatchesOf(eventsOf(drafts.slice(0, 1100))),
        ...auditBatchesOf(eventsOf(drafts.slice(1100))),
      ];
      const rows = await db.selectFrom('audit_batches').selectAll().orderBy('batch_id').execute();
      expect(rows).toEqual(expected.map((rowsOf) => rowsOf.batch));
      const keys = await db.selectFrom('audit_batch_keys').selectAll().orderBy('batch_id').orderBy('kind').execute();
      const expectedKeys = expected.flatMap((rowsOf) => rowsOf.keys);
      expect(keys).toHaveLength(expectedKeys.length);
      expect(keys).toEqual(expect.arrayContaining(expectedKeys));
      const types = await sql<{ type: string }>`select distinct typeof(events) as type from audit_batches`.execute(db);
      expect(types.rows).toEqual([{ type: 'text' }]);
      expect((await storedEvents(db)).map((e) => e.recordJson)).toEqual(eventsOf(drafts).map((e) => e.recordJson));
    } finally {
      await writer.close();
      await db.destroy();
    }
  });

  it("writes the trail's file too when the sink names it, line for line as the database", async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const auditFile = join(dirname(file), 'logs', 'audit.jsonl');
    try {
      // The thread is running (an append started it) before the sink names the file: it is told at once.
      await writer.append([event('before')]);
      const { sink, writesFile } = writer.createSink({ file: { path: auditFile, maxBytes: 1024 ** 2 } });
      expect(writesFile).toBe(true);
      expect(sink.name).toBe('database and file');
      const drafts = Array.from({ length: 30 }, (_, i) => draft(`f${i}`, i));
      for (const one of drafts.slice(0, 20)) sink.stageDraft?.(one);
      await sink.commit(false);
      for (const one of drafts.slice(20)) sink.stageDraft?.(one);
      await sink.commit(true);
      const lines = readFileSync(auditFile, 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toEqual(drafts.flatMap(eventsOfDraft).map((e) => e.recordJson));
      // Only the auditor's records: the appended event is the database's alone.
      expect(lines.some((line) => line.includes('"before"'))).toBe(false);
    } finally {
      await writer.close();
    }
  });

  it('reports a file that cannot be written by name, and still commits the database', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const blocked = join(dirname(file), 'not-a-directory');
    writeFileSync(blocked, '');
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    try {
      const { sink } = writer.createSink({ file: { path: join(blocked, 'audit.jsonl'), maxBytes: 1024 } });
      sink.stageDraft?.(draft('x', 1));
      await expect(sink.commit(false)).rejects.toThrow(/^audit writer: file: /);
      expect((await storedEvents(db)).map((e) => e.record.eventID)).toEqual(['x']);
    } finally {
      await writer.close();
      await db.destroy();
    }
  });

  it('stores every value exactly as the SQL store would, whatever text it holds', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    // Values that could confuse a length-prefixed encoding: separators, digits, NUL, an astral character, ''. (Lone
    // surrogates are left out: SQLite's UTF-8 cannot hold them on any path, and no wire value decodes to one.)
    const awkward = ['12:~', '~', '', '0:', 'a\u0000b', 'k\u{1F600}ey', '9'.repeat(40)];
    try {
      const events = awkward.map((text, i): AuditEvent => {
        const base = event(`w${i}`);
        return auditEventOf(
          { ...base.record, userAgent: text, userIdentity: { type: 'IAMUser', accessKeyId: text } },
          {
            ...base,
            username: text,
            ...(i % 2 === 0 ? { roleName: text } : {}),
            resources: [
              { type: text, name: text },
              { type: 'AWS::S3::Object', name: `${text}/${i}` },
            ],
            authorized: [{ action: 's3:GetObject', resource: text }],
          },
        );
      });
      await writer.append(events);
      const [expected] = auditBatchesOf(events);
      expect(await db.selectFrom('audit_batches').selectAll().execute()).toEqual([expected?.batch]);
      const keys = await db.selectFrom('audit_batch_keys').selectAll().execute();
      expect(keys).toEqual(expected?.keys);
      expect(await storedEvents(db)).toEqual(events);
    } finally {
      await writer.close();
      await db.destroy();
    }
  });

  it('reports a failed batch (a duplicate batch id) without losing the thread', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    try {
      await writer.append([event('a')]);
      await expect(writer.append([event('a')])).rejects.toThrow(/audit writer: database: UNIQUE constraint failed/);
      await writer.append([event('b')]);
    } finally {
      await writer.close();
    }
  });

  it('finishes what was posted before close, then refuses', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const posted = writer.append([event('x'), event('y')]);
    await writer.close();
    await posted;
    await expect(writer.append([event('z')])).rejects.toThrow(/closed/);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    expect((await storedEvents(db)).map((e) => e.record.eventID)).toEqual(['x', 'y']);
    await db.destroy();
  });

  it('does not break a read-then-write transaction on the main connection', async () => {
    const file = await migratedFile();
    const writer = createSqliteAuditWorker(file, 5000);
    const deferred = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteDatabase(file) }) });
    const immediate = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    try {
      // Kysely's own driver begins DEFERRED: the worker commits between the read and the write, and the write fails.
      await expect(
        deferred.transaction().execute(async (trx) => {
          await count(trx, 'audit_batches');
          await writer.append([event('d1')]);
          await trx.insertInto('audit_batches').values(row('m1')).execute();
        }),
      ).rejects.toThrow(/SQLITE_BUSY|database is locked/);
      // iamd's begins IMMEDIATE: the worker waits for the write lock instead, and both writes land.
      let posted: Promise<void> | undefined;
      await immediate.transaction().execute(async (trx) => {
        await count(trx, 'audit_batches');
        posted = writer.append([event('d2')]);
        for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
        await trx.insertInto('audit_batches').values(row('m2')).execute();
      });
      await posted;
      const ids = await immediate.selectFrom('audit_batches').select('batch_id').orderBy('batch_id').execute();
      expect(ids.map((r) => r.batch_id)).toEqual(['d1', 'd2', 'm2']);
    } finally {
      await writer.close();
      await deferred.destroy();
      await immediate.destroy();
    }
  });
});

describe('ImmediateSqliteDialect', () => {
  it("waits for another connection's write lock without blocking the event loop", async () => {
    const file = await migratedFile();
    const holder = openSqliteDatabase(file);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
    try {
      holder.exec('begin immediate');
      let settled = false;
      const insert = db
        .insertInto('audit_batches')
        .values(row('waited'))
        .execute()
        .finally(() => {
          settled = true;
        });
      // The event loop keeps turning while the insert waits for the lock.
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      holder.exec('commit');
      await insert;
      expect(await count(db, 'audit_batches')).toBe(1);
    } finally {
      if (holder.inTransaction) holder.exec('rollback');
      holder.close();
      await db.destroy();
    }
  });

  it('gives up with SQLITE_BUSY once its busy timeout has passed', async () => {
    const file = await migratedFile();
    const holder = openSqliteDatabase(file);
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 20) });
    try {
      holder.exec('begin immediate');
      await expect(db.transaction().execute((trx) => count(trx, 'audit_batches'))).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
    } finally {
      holder.exec('rollback');
      holder.close();
      await db.destroy();
    }
  });
});

function row(id: string) {
  return {
    batch_id: id,
    format: 1,
    first_time: '2026-11-28T00:00:00.000Z',
    last_time: '2026-11-28T00:00:00.000Z',
    event_count: 0,
    events: '',
  };
}
