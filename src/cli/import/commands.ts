/**
 * @module cli/import/commands
 * `iamd import <file>` applies the JSON that `aws iam get-account-authorization-details` prints (from a real
 * account, or from `iamd export`) to an account of this iamd; `iamd export` prints that JSON. Both open the data dir
 * (or IAMD_DATABASE_URL) directly.
 */

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { ChangeTracker } from '../../core/authz/index.js';
import { createIamService, type DetailsDocument, exportDetails, withAwsManagedPolicies } from '../../core/iam/index.js';
import { type OpenData, openData } from '../accounts/index.js';
import { progressBar } from './progress.js';

interface Flags {
  readonly dataDir?: string;
  readonly account?: string;
}

/** The IAM use cases over opened data. */
function iamOf(data: OpenData) {
  const { stores } = data;
  const store = stores.awsManagedPolicies ? withAwsManagedPolicies(stores.iam, stores.awsManagedPolicies) : stores.iam;
  const deps = { store, clock: data.clock, random: data.random, tracker: new ChangeTracker() };
  return createIamService(deps, stores.accounts, data.master);
}

/**
 * Applies a details document (JSON text) to `accountId`; returns the summary line and the warnings.
 *
 * @example
 * const { summary } = await importDocument(data, '000000000000', text, bar.update);
 */
export async function importDocument(
  data: OpenData,
  accountId: string,
  text: string,
  progress?: (done: number, total: number) => void,
): Promise<{ summary: string; warnings: readonly string[] }> {
  const report = await iamOf(data).importer.apply(accountId, JSON.parse(text) as DetailsDocument, progress);
  const c = report.created;
  return {
    summary: `Imported into ${accountId}: ${c.users} users, ${c.groups} groups, ${c.roles} roles, ${c.policies} policies, ${c.instanceProfiles} instance profiles created.`,
    warnings: report.warnings,
  };
}

/** The account's details document as pretty-printed JSON. */
export async function exportDocument(data: OpenData, accountId: string): Promise<string> {
  return JSON.stringify(await exportDetails(iamOf(data).authorizationDetails, accountId), null, 2);
}

async function run(flags: Flags, work: (data: OpenData, accountId: string) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig({ dataDir: flags.dataDir });
    const data = await openData(config);
    try {
      const accountId = flags.account ?? config.accountId;
      if (!(await data.stores.accounts.getAccount(accountId)))
        throw new Error(`No account ${accountId} (see iamd accounts)`);
      await work(data, accountId);
    } finally {
      await data.close();
    }
  } catch (error) {
    process.stderr.write(`iamd: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * Adds `import` and `export` to `program`.
 *
 * @example
 * registerImportCommands(program);
 */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('apply an `aws iam get-account-authorization-details` JSON document to an account (idempotent)')
    .argument('<file>', 'the JSON file (- for standard input)')
    .option('--account <id>', 'the account to import into (default: the default account)')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (file: string, flags: Flags) => {
      await run(flags, async (data, accountId) => {
        const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
        const bar = progressBar(process.stderr, 'Importing');
        const { summary, warnings } = await importDocument(data, accountId, text, bar.update);
        bar.done();
        process.stdout.write(`${summary}\n`);
        for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
      });
    });
  program
    .command('export')
    .description("print an account's IAM as `aws iam get-account-authorization-details` JSON")
    .option('--account <id>', 'the account to export (default: the default account)')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (flags: Flags) => {
      await run(flags, async (data, accountId) => {
        process.stdout.write(`${await exportDocument(data, accountId)}\n`);
      });
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
