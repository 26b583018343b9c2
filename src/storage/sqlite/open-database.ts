/**
 * @module storage/sqlite/open-database
 * Opens a better-sqlite3 connection configured the way iamd needs it. WAL lets readers proceed during a write;
 * `busy_timeout` makes a second process (an `iamd` CLI command next to a running server) wait for the write lock
 * instead of failing with SQLITE_BUSY; foreign keys are off by default in SQLite and must be enabled per connection.
 * See https://www.sqlite.org/wal.html and https://www.sqlite.org/pragma.html.
 */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** The default wait for another connection's lock, in milliseconds. */
export const defaultBusyTimeoutMs = 5000;

/**
 * Opens (creating it and its directory if needed) the database `file`, or a private one for `':memory:'`.
 *
 * @example
 * const sqlite = openSqliteDatabase('/var/lib/iamd/iamd.db', 5000);
 */
export function openSqliteDatabase(file: string, busyTimeoutMs: number = defaultBusyTimeoutMs): BetterSqlite3.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}
