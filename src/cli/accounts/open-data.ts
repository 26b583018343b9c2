/**
 * @module cli/accounts/open-data
 * Opens iamd's persistent data for commands that work on it directly, beside or instead of a running server: the
 * stores (SQLite under the data dir, or PostgreSQL with `databaseUrl`) and the master key that seals secrets.
 * SQLite's WAL mode and busy timeout let such a command write while the server runs.
 */

import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cryptoRandom, systemClock } from '../../app.js';
import type { Config } from '../../config/index.js';
import { createSealer, type Sealer } from '../../core/keyring/index.js';
import type { Clock, Random, Stores } from '../../core/ports.js';
import { loadOrCreateMasterKey, openPostgresStores, openSqliteStores } from '../../storage/index.js';

/** The data a command works on. `close()` releases the stores. */
export interface OpenData {
  readonly stores: Stores;
  readonly master: Sealer;
  readonly clock: Clock;
  readonly random: Random;
  close(): Promise<void>;
}

/**
 * Opens the stores and the master key `config` points at. Memory storage has no data to open.
 *
 * @example
 * const data = await openData(loadConfig({ dataDir: './.iamd' }));
 */
export async function openData(config: Config): Promise<OpenData> {
  if (config.storage === 'memory' && config.databaseUrl === undefined) {
    throw new Error('memory storage keeps no data to work on: use sqlite (the default) or IAMD_DATABASE_URL');
  }
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const stores =
    config.databaseUrl === undefined
      ? await openSqliteStores({ file: join(dataDir, 'iamd.db'), blobDir: join(dataDir, 'objects') })
      : await openPostgresStores({ connectionString: config.databaseUrl, blobDir: join(dataDir, 'objects') });
  try {
    const key =
      config.masterKey === undefined
        ? (await loadOrCreateMasterKey(dataDir)).key
        : Buffer.from(config.masterKey, 'hex');
    return {
      stores,
      master: createSealer(key, cryptoRandom),
      clock: systemClock,
      random: cryptoRandom,
      close: () => stores.close(),
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
