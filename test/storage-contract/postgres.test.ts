/**
 * The storage contract on PostgreSQL (127.0.0.1:5432, database `test`, user `postgres`, or IAMD_TEST_POSTGRES_URL).
 * The run gets its own schema, dropped at the end; each test starts from empty tables. When PostgreSQL is not
 * reachable the suite is skipped with a visible SKIP line, unless IAMD_TEST_REQUIRE_ALL=1 (CI) forbids skipping.
 */

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStores } from '../../src/storage/postgres/index.js';
import { requireAll } from '../support/test-app.js';
import { defineStorageContract } from './contract.js';
import { accountId, role } from './fixtures.js';

const url = process.env['IAMD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `iamd_test_${randomBytes(6).toString('hex')}`;
const blobDir = mkdtempSync(join(tmpdir(), 'iamd-pg-blobs-'));

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const available = await reachable();
if (!available) {
  const message = `PostgreSQL not reachable at ${url.replace(/\/\/[^@]*@/, '//…@')}: skipping its storage contract`;
  if (requireAll()) throw new Error(`${message}; IAMD_TEST_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`SKIP: ${message}`);
}

/** Empties every table of the run's schema (the migrations stay applied) and resets the change counter. */
async function emptySchema(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'
         and table_name not in ('schema_migrations', 'iam_change_counter')`,
      [schema],
    );
    const names = tables.rows.map((row) => `${schema}.${pg.escapeIdentifier(row.table_name)}`);
    if (names.length > 0) await client.query(`truncate ${names.join(', ')} cascade`);
    await client.query(`update ${schema}.iam_change_counter set value = 0`);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  rmSync(blobDir, { recursive: true, force: true });
  if (!available) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

describe.skipIf(!available)('PostgreSQL', () => {
  defineStorageContract('postgres', async () => {
    const stores = await openPostgresStores({ connectionString: url, schema, blobDir });
    await emptySchema();
    return stores;
  });

  describe('postgres specifics', () => {
    it('migrates once when several nodes open the same schema together', async () => {
      const nodes = await Promise.all(
        [1, 2, 3].map(() => openPostgresStores({ connectionString: url, schema, blobDir, poolSize: 2 })),
      );
      try {
        await emptySchema();
        const results = await Promise.all(nodes.map((node) => node.iam.createRole(role('Shared'))));
        expect(results.filter(Boolean)).toHaveLength(1);
        for (const node of nodes) expect((await node.iam.getRole(accountId, 'shared'))?.roleName).toBe('Shared');
      } finally {
        await Promise.all(nodes.map((node) => node.close()));
      }
    });

    it("tells every node about another node's committed IAM writes", async () => {
      const [writer, reader] = await Promise.all(
        [1, 2].map(() => openPostgresStores({ connectionString: url, schema, blobDir, poolSize: 1 })),
      );
      try {
        const heard = new Promise<void>((resolve) => reader!.changes?.subscribe(resolve));
        expect(await writer!.iam.createRole(role('Notified'))).toBe(true);
        await heard;
        expect((await reader!.iam.getRole(accountId, 'notified'))?.roleName).toBe('Notified');
      } finally {
        await Promise.all([writer!.close(), reader!.close()]);
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStores({ connectionString: url, schema: 'x; drop table y', blobDir })).rejects.toThrow(
        'Invalid PostgreSQL schema name',
      );
    });
  });
});
