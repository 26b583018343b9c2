/**
 * @module cli/accounts/commands
 * Registers `iamd accounts create [ACCOUNT_ID]` and `iamd accounts list`. They open the data dir (or
 * IAMD_DATABASE_URL) directly, so they work whether or not a server is running on it.
 */

import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/index.js';
import { createAccount, credentialsProfile, listAccounts } from './accounts.js';
import { openData } from './open-data.js';

interface DataFlags {
  readonly dataDir?: string;
  readonly storage?: string;
}

async function withData<T>(flags: DataFlags, work: (data: Awaited<ReturnType<typeof openData>>) => Promise<T>) {
  const data = await openData(loadConfig({ dataDir: flags.dataDir, storage: flags.storage }));
  try {
    return await work(data);
  } finally {
    await data.close();
  }
}

function fail(error: unknown): never {
  process.stderr.write(`iamd accounts: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

/**
 * Adds the `accounts` command group to `program`.
 *
 * @example
 * registerAccountsCommands(program);
 */
export function registerAccountsCommands(program: Command): void {
  const accounts = program.command('accounts').description('the AWS accounts this iamd serves');
  accounts
    .command('create')
    .description('create an account with its root access key; prints the key once, as a credentials profile')
    .argument('[account-id]', '12 digits (default: a random id)')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .option('--json', 'print {AccountId, AccessKeyId, SecretAccessKey} as JSON')
    .action(async (accountId: string | undefined, flags: DataFlags & { json?: boolean }) => {
      try {
        const created = await withData(flags, (data) => createAccount(data, accountId));
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ AccountId: created.accountId, AccessKeyId: created.accessKeyId, SecretAccessKey: created.secretAccessKey })}\n`
            : `Account ${created.accountId} created. Its root key, shown once:\n\n${credentialsProfile(created)}`,
        );
      } catch (error) {
        fail(error);
      }
    });
  accounts
    .command('list')
    .description('list the accounts')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (flags: DataFlags) => {
      try {
        const all = await withData(flags, listAccounts);
        for (const account of all) process.stdout.write(`${account.accountId}\t${account.createDate.toISOString()}\n`);
      } catch (error) {
        fail(error);
      }
    });
}
