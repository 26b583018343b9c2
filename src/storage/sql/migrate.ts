/**
 * @module storage/sql/migrate
 * A small forward-only migrator: applies the migrations not yet in `schema_migrations`, each in its own transaction
 * together with its record, so a failed migration leaves the schema as it was. It refuses a database that records a
 * migration this build does not know (the database was written by a newer iamd).
 */

import { type Kysely, sql } from 'kysely';
import { type SqlDialectName, type SqlMigration, sqlMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

/**
 * Brings the schema up to date and returns the ids of the migrations it applied (empty when already current).
 *
 * PostgreSQL deployments with several nodes must serialise this call (an advisory lock around it), since two
 * nodes could otherwise both see a migration as pending.
 *
 * @example
 * await migrateToLatest(db, 'sqlite'); // ['0001-initial'] on a new file, [] afterwards
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  migrations: readonly SqlMigration[] = sqlMigrations,
): Promise<readonly string[]> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The database's clock, so migrating needs no injected Clock.
    .addColumn('applied_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  const rows = await db.selectFrom('schema_migrations').select('id').execute();
  const applied = new Set(rows.map((row) => row.id));
  const known = new Set(migrations.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`The database schema is newer than this iamd (unknown migrations: ${unknown.join(', ')})`);
  }
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, dialect);
      await trx.insertInto('schema_migrations').values({ id: migration.id }).execute();
    });
    ran.push(migration.id);
  }
  return ran;
}
