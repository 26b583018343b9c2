#!/usr/bin/env node
/**
 * @module cli/main
 * The `iamd` command.
 */

import { Command } from 'commander';
import { ConfigError } from '../config/index.js';
import { registerAccountsCommands } from './accounts/index.js';
import { registerAuditCommands } from './audit/index.js';
import { registerExecCommand } from './exec/index.js';
import { registerImportCommands } from './import/index.js';
import { registerInstanceCommands } from './instance/index.js';
import { registerKeyCommands } from './keys/commands.js';
import { registerPolicyCommands } from './policy/commands.js';
import { serve } from './serve.js';

const program = new Command();
program.name('iamd').description('An AWS-compatible IAM and STS server that anyone can run.');

program
  .command('serve', { isDefault: true })
  .description('start iamd (IAM, STS and S3 on one endpoint)')
  .option('--host <host>', 'address to listen on (env IAMD_HOST; default 127.0.0.1)')
  .option('--port <port>', 'port to listen on, 0 for any free port (env IAMD_PORT; default 4599)')
  .option(
    '--data-dir <dir>',
    'where data, keys and the admin credentials file live (env IAMD_DATA_DIR; default ./.iamd)',
  )
  .option('--storage <kind>', 'sqlite or memory (env IAMD_STORAGE; default sqlite)')
  .action(async (flags: { host?: string; port?: string; dataDir?: string; storage?: string }) => {
    try {
      await serve(flags);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(2);
      }
      throw error;
    }
  });

registerPolicyCommands(program);
registerKeyCommands(program);
registerAccountsCommands(program);
registerImportCommands(program);
registerInstanceCommands(program);
registerExecCommand(program);
registerAuditCommands(program);

await program.parseAsync(process.argv);
