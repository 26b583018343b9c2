/**
 * @module cli/instance/commands
 * Registers `iamd instance run`.
 */

import { processEnvironment } from '../../config/index.js';
import type { Command } from 'commander';
import { instanceRun } from './instance-run.js';

/**
 * Adds the `instance` command group to `program`.
 *
 * @example
 * registerInstanceCommands(program);
 */
export function registerInstanceCommands(program: Command): void {
  const instance = program
    .command('instance')
    .description('EC2 instances whose metadata endpoint serves role credentials');
  instance
    .command('run')
    .description(
      'launch an instance, run COMMAND with only its metadata endpoint for credentials, then terminate it (iamd at AWS_ENDPOINT_URL, default http://127.0.0.1:4599)',
    )
    .option('--instance-profile <name>', 'instance profile (name or ARN) to launch with')
    .option('--role-arn <arn>', 'role to run as: uses (or creates) an instance profile holding it')
    .option('--profile <name>', 'your AWS profile for the calls to iamd (default: env keys, AWS_PROFILE, default)')
    .option('--http-tokens <mode>', 'required (IMDSv2 only, the default) or optional (also allow IMDSv1)')
    .argument('<command...>', 'the command to run, after --')
    .action(
      async (
        command: string[],
        flags: { instanceProfile?: string; roleArn?: string; profile?: string; httpTokens?: string },
      ) => {
        process.exit(await instanceRun(command, flags, processEnvironment()));
      },
    );
}
