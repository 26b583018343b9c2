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
 * - A statement that finds the write lock taken (`SQLITE_BUSY`, outside a transaction: a `BEGIN IMMEDIATE` or an
 *   autocommit write) is retried after yielding to the event loop, until `busyTimeoutMs` has passed. SQLite's own
 *   busy handler would sleep on the event loop instead (1, 2, 5, 10… ms), stalling every request in flight while the
 *   audit writer or another process commits; the connection is therefore opened with `busy_timeout = 0`.
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

const isBusy = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_BUSY';

/** Yields: to the event loop's next turn for the first tries, then for a millisecond. */
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => (attempt < 4 ? setImmediate(resolve) : setTimeout(resolve, 1)));

class CachingConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #busyTimeoutMs: number;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database, busyTimeoutMs: number) {
    this.#db = db;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    const cached = this.#statements.get(sql);
    if (cached) return cached;
    const statement = this.#db.prepare(sql);
    if (this.#statements.size < MAX_CACHED) this.#statements.set(sql, statement);
    return statement;
  }

  #execute<R>(compiled: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.#execute<R>(compiled));
    } catch (error) {
      // Inside a transaction the lock is already ours (it began IMMEDIATE); a busy error there is not a wait.
      if (!isBusy(error) || this.#db.inTransaction) return Promise.reject(error);
      return this.#retry<R>(compiled, Date.now() + this.#busyTimeoutMs);
    }
  }

  async #retry<R>(compiled: CompiledQuery, deadline: number): Promise<QueryResult<R>> {
    for (let attempt = 0; ; attempt++) {
      await pause(attempt);
      try {
        return this.#execute<R>(compiled);
      } catch (error) {
        if (!isBusy(error) || this.#db.inTransaction || Date.now() >= deadline) throw error;
      }
    }
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

  constructor(db: BetterSqlite3.Database, busyTimeoutMs: number) {
    this.#db = db;
    this.#connection = new CachingConnection(db, busyTimeoutMs);
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
 * The dialect over an open connection. It sets the connection's `busy_timeout` to 0 and waits for a busy write lock
 * itself, for at most `busyTimeoutMs`, without blocking the event loop.
 *
 * @example
 * const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(openSqliteDatabase(file), 5000) });
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #db: BetterSqlite3.Database;
  readonly #busyTimeoutMs: number;

  constructor(db: BetterSqlite3.Database, busyTimeoutMs: number) {
    super({ database: db });
    db.pragma('busy_timeout = 0');
    this.#db = db;
    this.#busyTimeoutMs = Math.max(0, busyTimeoutMs);
  }

  override createDriver(): Driver {
    return new ImmediateDriver(this.#db, this.#busyTimeoutMs);
  }
}
