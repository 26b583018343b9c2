/**
 * @module storage/sqlite/open-sqlite-stores.test
 * Connection pragmas and the migrator on a real SQLite database.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, migrateToLatest, type SqlMigration, sqlMigrations } from '../sql/index.js';
import { openSqliteDatabase } from './open-database.js';
import { openSqliteStores } from './open-sqlite-stores.js';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-sqlite-'));
  dirs.push(dir);
  return join(dir, 'nested', 'iamd.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function kysely(file: string): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteDatabase(file) }) });
}

describe('openSqliteDatabase', () => {
  it('creates the directory and enables WAL, busy_timeout and foreign keys', () => {
    const sqlite = openSqliteDatabase(tempFile(), 1234);
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      sqlite.close();
    }
  });
});

describe('migrateToLatest on SQLite', () => {
  it('applies every migration once and records it', async () => {
    const file = tempFile();
    const db = kysely(file);
    try {
      expect(await migrateToLatest(db, 'sqlite')).toEqual(sqlMigrations.map((m) => m.id));
      expect(await migrateToLatest(db, 'sqlite')).toEqual([]);
      const rows = await db.selectFrom('schema_migrations').selectAll().orderBy('id').execute();
      expect(rows.map((r) => r.id)).toEqual(sqlMigrations.map((m) => m.id));
      expect(rows[0]?.applied_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    } finally {
      await db.destroy();
    }
    const stores = await openSqliteStores({ file, blobDir: join(file, '..', 'blobs') });
    expect(await stores.iam.changeCounter()).toBe(0);
    await stores.close();
  });

  it('rolls a failing migration back entirely, record included', async () => {
    const db = kysely(':memory:');
    const failing: SqlMigration = {
      id: '9000-broken',
      async up(trx) {
        await trx.schema.createTable('half_done').addColumn('x', 'text').execute();
        throw new Error('boom');
      },
    };
    try {
      await expect(migrateToLatest(db, 'sqlite', [...sqlMigrations, failing])).rejects.toThrow('boom');
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
      expect(tables.rows.map((t) => t.name)).not.toContain('half_done');
      expect(tables.rows.map((t) => t.name)).toContain('iam_roles');
      const ids = await db.selectFrom('schema_migrations').select('id').orderBy('id').execute();
      expect(ids.map((r) => r.id)).toEqual(sqlMigrations.map((m) => m.id));
    } finally {
      await db.destroy();
    }
  });

  it('refuses a database migrated by a newer iamd', async () => {
    const file = tempFile();
    const db = kysely(file);
    try {
      await migrateToLatest(db, 'sqlite');
      await db.insertInto('schema_migrations').values({ id: '9999-future' }).execute();
    } finally {
      await db.destroy();
    }
    await expect(openSqliteStores({ file, blobDir: join(file, '..', 'blobs') })).rejects.toThrow('9999-future');
  });

  it('stores S3 keys with a binary collation, so SQL ordering is UTF-8 byte order', async () => {
    const db = kysely(':memory:');
    try {
      await migrateToLatest(db, 'sqlite');
      await db.insertInto('s3_buckets').values({ name: 'b', account_id: '1', region: 'r', create_date: 'd' }).execute();
      for (const key of ['\u{1F600}', '\uFF21', 'a', 'A']) {
        await db
          .insertInto('s3_objects')
          .values({
            bucket: 'b',
            object_key: key,
            blob_id: 'x',
            size: 0,
            etag: 'e',
            last_modified: 'd',
            metadata: '{}',
            checksums: '{}',
          })
          .execute();
      }
      const rows = await db.selectFrom('s3_objects').select('object_key').orderBy('object_key').execute();
      expect(rows.map((r) => r.object_key)).toEqual(['A', 'a', '\uFF21', '\u{1F600}']);
    } finally {
      await db.destroy();
    }
  });
});
