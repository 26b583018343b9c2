/**
 * @module cli/exec/commands
 * Registers `iamd exec`.
 */

import { processEnvironment } from '../../config/index.js';
import type { Command } from 'commander';
import { type ExecFlags, exec } from './exec.js';

/**
 * Adds `exec` to `program`.
 *
 * @example
 * registerExecCommand(program);
 */
export function registerExecCommand(program: Command): void {
  program
    .command('exec')
    .description(
      "run COMMAND with a role's credentials from a container credentials endpoint, refreshed as the SDKs need (iamd at AWS_ENDPOINT_URL, default http://127.0.0.1:4599)",
    )
    .requiredOption(
      '--role-arn <arn>',
      'role to assume (it must trust you, or ecs-tasks.amazonaws.com with iam:PassRole)',
    )
    .option('--external-id <id>', 'ExternalId the trust policy asks for')
    .option('--mfa-serial <arn>', 'your MFA device (with --token-code)')
    .option('--token-code <code>', 'the current code of the MFA device')
    .option('--role-session-name <name>', 'session name (default iamd-exec-<random>)')
    .option('--profile <name>', 'your AWS profile for the calls to iamd (default: env keys, AWS_PROFILE, default)')
    .argument('<command...>', 'the command to run, after --')
    .action(async (command: string[], flags: ExecFlags) => {
      process.exit(await exec(command, flags, processEnvironment()));
    });
}
