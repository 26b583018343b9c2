/**
 * @module storage/sql/migrations/migration
 * The shape of one forward-only schema migration. Shipped migrations are never edited: a schema change is a new
 * file with the next number, appended to the list in ./index.ts.
 */

import type { Kysely } from 'kysely';

/** The SQL dialects the shared repositories run on. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** One migration. `id` is its file name without extension, recorded in `schema_migrations` once applied. */
export interface SqlMigration {
  readonly id: string;
  // A migration is frozen in time, so it must not be typed against today's `Database`.
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's documented type for migrations.
  up(db: Kysely<any>, dialect: SqlDialectName): Promise<void>;
}
