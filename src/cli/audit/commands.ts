/**
 * @module cli/audit/commands
 * `iamd audit tail [--follow] [--principal …] [--denied]`, reading the event history in the data dir (or
 * IAMD_DATABASE_URL) directly, beside a running server.
 */

import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/index.js';
import { openData } from '../accounts/index.js';
import { tailEvents } from './tail.js';

interface TailFlags {
  readonly dataDir?: string;
  readonly account?: string;
  readonly lines: string;
  readonly follow?: boolean;
  readonly principal?: string;
  readonly denied?: boolean;
  readonly json?: boolean;
}

/** How often `--follow` looks for new records. */
const FOLLOW_MS = 1000;

function fail(error: unknown): never {
  process.stderr.write(`iamd audit: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

/**
 * Adds the `audit` command group to `program`.
 *
 * @example
 * registerAuditCommands(program);
 */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail (CloudTrail records of every request)');
  audit
    .command('tail')
    .description('print the latest audit records; readable on a terminal, JSON lines when piped')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .option('--account <id>', 'whose event history (default: the default account)')
    .option('-n, --lines <n>', 'how many of the latest records to print first', '20')
    .option('-f, --follow', 'keep printing new records as they are written')
    .option('--principal <arn-or-name>', "only this caller's records (its ARN, role ARN or name, or user name)")
    .option('--denied', 'only AccessDenied records')
    .option('--json', 'print CloudTrail records as JSON lines even on a terminal')
    .action(async (flags: TailFlags) => {
      try {
        const config = loadConfig({ dataDir: flags.dataDir });
        const data = await openData(config);
        let stopping = false;
        process.once('SIGINT', () => {
          stopping = true;
        });
        try {
          const tty = process.stdout.isTTY === true;
          await tailEvents(
            data.stores.audit,
            {
              accountId: flags.account ?? config.accountId,
              lines: Number(flags.lines),
              principal: flags.principal,
              denied: flags.denied === true,
              json: flags.json === true || !tty,
              colour: tty && flags.json !== true,
              next: flags.follow ? () => delay(FOLLOW_MS).then(() => !stopping) : undefined,
            },
            (line) => process.stdout.write(`${line}\n`),
          );
        } finally {
          await data.close();
        }
      } catch (error) {
        fail(error);
      }
    });
}
