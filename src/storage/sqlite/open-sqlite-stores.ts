/**
 * @module storage/sqlite/open-sqlite-stores
 * The embedded default: one SQLite file through better-sqlite3 and Kysely (sqlite-driver.ts), object bodies as files.
 * The schema is migrated on open. Kysely serialises queries on the single connection, so a transaction never
 * interleaves with another one in the same process.
 */

import { Kysely } from 'kysely';
import type { Stores } from '../../core/ports.js';
import { createAwsManagedPolicyCatalog } from '../aws-managed/index.js';
import { createFsBlobStore } from '../blobs/index.js';
import {
  createSqlAccountStore,
  createSqlAuditStore,
  createSqlEc2Store,
  createSqlIamStore,
  createSqlS3Store,
  type Database,
  migrateToLatest,
} from '../sql/index.js';
import { defaultBusyTimeoutMs, openSqliteDatabase } from './open-database.js';
import { createSqliteAuditAppend } from './sqlite-audit-append.js';
import { createSqliteAuditWorker } from './sqlite-audit-worker.js';
import { ImmediateSqliteDialect } from './sqlite-driver.js';

/** Where the SQLite stores keep their data. */
export interface SqliteStoresOptions {
  /** The database file (created with its directory if missing), or `':memory:'` for a throw-away database. */
  readonly file: string;
  /** The directory of object bodies (see `createFsBlobStore`). */
  readonly blobDir: string;
  /** How long a write waits for another connection's lock, in milliseconds. Defaults to 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating and migrating if needed) the SQLite database and returns the stores over it.
 * `close()` is idempotent.
 *
 * @example
 * const stores = await openSqliteStores({ file: '/var/lib/iamd/iamd.db', blobDir: '/var/lib/iamd/blobs' });
 * try {
 *   await stores.iam.getRole('000000000000', 'ec2-s3-access-role');
 * } finally {
 *   await stores.close();
 * }
 */
export async function openSqliteStores(opts: SqliteStoresOptions): Promise<Stores> {
  const busyTimeoutMs = opts.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const sqlite = openSqliteDatabase(opts.file, busyTimeoutMs);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite, busyTimeoutMs) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    if (sqlite.open) sqlite.close();
    throw error;
  }
  let closed = false;
  // A file's audit records are written on a worker thread (sqlite-audit-worker.ts); a private in-memory database
  // cannot be opened twice, so its records are written on this connection.
  const auditWriter = opts.file === ':memory:' ? undefined : createSqliteAuditWorker(opts.file, busyTimeoutMs);
  const appendAuditEvents = auditWriter?.append ?? createSqliteAuditAppend(sqlite);
  const blobs = createFsBlobStore(opts.blobDir);
  return {
    accounts: createSqlAccountStore(db),
    iam: createSqlIamStore(db),
    s3: createSqlS3Store(db),
    ec2: createSqlEc2Store(db),
    audit: { ...createSqlAuditStore(db), appendAuditEvents, createAuditSink: auditWriter?.createSink },
    blobs,
    awsManagedPolicies: createAwsManagedPolicyCatalog(),
    async close() {
      if (closed) return;
      closed = true;
      await auditWriter?.close();
      await blobs.close?.();
      await db.destroy();
    },
  };
}
