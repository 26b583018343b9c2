/**
 * @module storage/sqlite/sqlite-driver
 * Kysely's SQLite dialect with two changes iamd needs, on the same single better-sqlite3 connection:
 *
 * - Transactions begin `IMMEDIATE`. The audit trail writes from a second connection on a worker thread
 *   (sqlite-audit-worker.ts), so a deferred transaction that reads and then writes could find that connection's
 *   commit in between and fail with `SQLITE_BUSY_SNAPSHOT`, which `busy_timeout` does not retry
 *   (https://www.sqlite.org/lang_transaction.html, "Read transactions" and "BEGIN IMMEDIATE"; https://www.sqlite.org/wal.html
 *   §2.2). Taking the write lock first makes the transaction wait for the lock instead.
 * - Statements are prepared once per SQL text and kept (Kysely's own driver prepares on every query; the stores
 *   issue the same few dozen texts on the request path).
 */

import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

/** Prepared statements kept per connection; texts beyond it are prepared per query (an ad hoc query, not a leak). */
const MAX_CACHED = 500;

class CachingConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(sql);
    if (cached) return cached;
    const statement = this.#db.prepare(sql);
    if (this.#statements.size < MAX_CACHED) this.#statements.set(sql, statement);
    return statement;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite streams select queries only');
    for (const row of this.#prepare(compiled.sql).iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}

/** One query at a time on the single connection (what Kysely's own SQLite driver does). */
class ImmediateDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #connection: CachingConnection;
  #lock: Promise<void> | undefined;
  #unlock: (() => void) | undefined;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#connection = new CachingConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#lock) await this.#lock;
    this.#lock = new Promise((resolve) => {
      this.#unlock = resolve;
    });
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const unlock = this.#unlock;
    this.#lock = undefined;
    this.#unlock = undefined;
    unlock?.();
  }

  async destroy(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * The dialect over an open connection.
 *
 * @example
 * const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file)) });
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #db: BetterSqlite3.Database;

  constructor(db: BetterSqlite3.Database) {
    super({ database: db });
    this.#db = db;
  }

  override createDriver(): Driver {
    return new ImmediateDriver(this.#db);
  }
}
