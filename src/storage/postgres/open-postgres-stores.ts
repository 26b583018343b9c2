/**
 * @module storage/postgres/open-postgres-stores
 * PostgreSQL through `pg` and Kysely's `PostgresDialect`, with the same SQL repositories as SQLite (../sql). For
 * deployments with several nodes sharing one database: the schema is migrated under an advisory lock, so nodes
 * starting together migrate once; writes are transactions; name uniqueness is the database's (`ON CONFLICT DO
 * NOTHING` on the folded-name keys), so concurrent creates of one name have exactly one winner.
 */

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Stores } from '../../core/ports.js';
import { createAwsManagedPolicyCatalog } from '../aws-managed/index.js';
import { createFsBlobStore } from '../blobs/index.js';
import { listenForIamChanges, type PostgresChangeFeed } from './change-feed.js';
import {
  createSqlAccountStore,
  createSqlAuditStore,
  createSqlEc2Store,
  createSqlIamStore,
  createSqlS3Store,
  type Database,
  migrateToLatest,
} from '../sql/index.js';

/** Where the PostgreSQL stores keep their data. */
export interface PostgresStoresOptions {
  /** `postgres://user:password@host:port/database` (libpq syntax, as `pg` accepts it). */
  readonly connectionString: string;
  /** A schema to use (created if missing) instead of the connection's default search path. */
  readonly schema?: string | undefined;
  /** The directory of object bodies (a volume every node shares). */
  readonly blobDir: string;
  /** Connections in the pool. Defaults to 10. */
  readonly poolSize?: number | undefined;
}

/** Any stable 64-bit number: the advisory lock every iamd node takes to migrate. */
const MIGRATION_LOCK = 7_413_205_111;

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool, migrates the schema (once across nodes) and returns the stores over it. `close()` ends the pool.
 *
 * @example
 * const stores = await openPostgresStores({ connectionString: 'postgres://iamd@db/iamd', blobDir: '/srv/iamd/objects' });
 */
export async function openPostgresStores(opts: PostgresStoresOptions): Promise<Stores> {
  if (opts.schema !== undefined && !schemaName.test(opts.schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${opts.schema}`);
  }
  const searchPath = opts.schema === undefined ? {} : { options: `-c search_path=${opts.schema}` };
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.poolSize ?? 10, ...searchPath });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.connection().execute(async (conn) => {
      if (opts.schema !== undefined) await sql`create schema if not exists ${sql.id(opts.schema)}`.execute(conn);
      await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
      try {
        await migrateToLatest(conn, 'postgres');
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let changes: PostgresChangeFeed;
  try {
    changes = await listenForIamChanges({ connectionString: opts.connectionString, ...searchPath });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const blobs = createFsBlobStore(opts.blobDir);
  let closed = false;
  return {
    accounts: createSqlAccountStore(db),
    iam: createSqlIamStore(db),
    s3: createSqlS3Store(db),
    ec2: createSqlEc2Store(db),
    audit: createSqlAuditStore(db),
    blobs,
    awsManagedPolicies: createAwsManagedPolicyCatalog(),
    changes,
    async close() {
      if (closed) return;
      closed = true;
      await changes.close();
      await blobs.close?.();
      await db.destroy();
    },
  };
}
