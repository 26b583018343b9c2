/**
 * @module cli/keys/commands
 * `iamd keys list | rotate`: the session-token keyring of a data dir. Rotation adds a sealing key (new tokens use
 * it once servers reload, within 30 seconds) and removes keys that no unexpired token can still need; tokens
 * sealed with a removed key are refused as InvalidClientTokenId.
 */

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { cryptoRandom, systemClock } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createSealer, loadKeyring } from '../../core/keyring/index.js';
import { openSqliteStores } from '../../storage/index.js';

/** The master key of a data dir: IAMD_MASTER_KEY, or `<data-dir>/master.key`, never a new one. */
async function masterKeyOf(dataDir: string, configured: string | undefined): Promise<Buffer> {
  if (configured !== undefined) return Buffer.from(configured, 'hex');
  const text = (await readFile(join(dataDir, 'master.key'), 'utf8')).trim();
  return Buffer.from(text, 'hex');
}

async function withKeyring<T>(
  dataDirFlag: string | undefined,
  work: (keyring: Awaited<ReturnType<typeof loadKeyring>>) => Promise<T>,
) {
  const config = loadConfig({ dataDir: dataDirFlag });
  const dataDir = resolve(config.dataDir);
  const stores = await openSqliteStores({ file: join(dataDir, 'iamd.db'), blobDir: join(dataDir, 'objects') });
  try {
    const master = createSealer(await masterKeyOf(dataDir, config.masterKey), cryptoRandom);
    return await work(await loadKeyring(stores.accounts, master, cryptoRandom, systemClock));
  } finally {
    await stores.close();
  }
}

/** Registers `iamd keys …` on the program. */
export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('the session-token keyring of a data dir');
  keys
    .command('rotate')
    .description('add a new sealing key and remove keys no unexpired token needs')
    .option('--data-dir <dir>', 'data dir (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (options: { dataDir?: string }) => {
      const result = await withKeyring(options.dataDir, (keyring) => keyring.rotate());
      process.stdout.write(`new sealing key ${result.created}\n`);
      for (const keyId of result.removed) process.stdout.write(`removed retired key ${keyId}\n`);
      process.stdout.write('running servers switch to the new key within 30 seconds\n');
    });
  keys
    .command('list')
    .description('print the keyring key ids, the active one marked')
    .option('--data-dir <dir>', 'data dir (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (options: { dataDir?: string }) => {
      await withKeyring(options.dataDir, async (keyring) => {
        for (const keyId of keyring.keyIds()) {
          process.stdout.write(`${keyId}${keyId === keyring.active.keyId ? ' (active)' : ''}\n`);
        }
      });
    });
}
