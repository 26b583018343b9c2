/**
 * @module storage/sql/migrations/0005-iam-change-notify
 * PostgreSQL only: every bump of the IAM change counter also sends `NOTIFY iamd_iam_changes`, delivered when the
 * writing transaction commits, so other nodes drop their authorization caches within milliseconds
 * (ARCHITECTURE.md §5). SQLite has a single writer process and needs nothing.
 */

import { sql } from 'kysely';
import type { SqlMigration } from './migration.js';

/** The channel iamd nodes LISTEN on. */
export const IAM_CHANGES_CHANNEL = 'iamd_iam_changes';

export const iamChangeNotifyMigration: SqlMigration = {
  id: '0005-iam-change-notify',
  async up(db, dialect) {
    if (dialect !== 'postgres') return;
    await sql`
      create or replace function iamd_notify_iam_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify(${sql.lit(IAM_CHANGES_CHANNEL)}, new.value::text);
        return new;
      end $$`.execute(db);
    await sql`
      create trigger iam_change_counter_notify after update on iam_change_counter
      for each row execute function iamd_notify_iam_change()`.execute(db);
  },
};
