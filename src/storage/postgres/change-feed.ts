/**
 * @module storage/postgres/change-feed
 * The {@link ChangeFeed} of the PostgreSQL adapter: one dedicated connection LISTENing on the IAM change channel
 * (see migration 0005). A dropped connection is re-opened after a pause; listeners are told once it is back, since
 * changes may have been missed meanwhile.
 */

import pg from 'pg';
import type { ChangeFeed } from '../../core/ports.js';
import { IAM_CHANGES_CHANNEL } from '../sql/index.js';

const RECONNECT_MS = 1000;

/** A change feed that can be stopped. */
export interface PostgresChangeFeed extends ChangeFeed {
  close(): Promise<void>;
}

/**
 * Starts listening. Resolves once the first LISTEN is in place.
 *
 * @example
 * const feed = await listenForIamChanges({ connectionString });
 * feed.subscribe(() => tracker.bump());
 */
export async function listenForIamChanges(config: pg.ClientConfig): Promise<PostgresChangeFeed> {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(config);
    next.on('notification', notify);
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      await next.query(`listen ${IAM_CHANGES_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };
  const scheduleReconnect = (): void => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(notify, scheduleReconnect);
    }, RECONNECT_MS);
    timer.unref();
  };
  const lost = (failed: pg.Client): void => {
    if (client !== failed) return;
    client = undefined;
    failed.end().catch(() => {});
    scheduleReconnect();
  };

  await connect();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
