/**
 * @module storage/sqlite
 * The SQLite adapter (better-sqlite3 + Kysely), iamd's embedded default.
 */

export { openSqliteStores, type SqliteStoresOptions } from './open-sqlite-stores.js';
