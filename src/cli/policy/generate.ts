/**
 * @module cli/policy/generate
 * `iamd policy generate --role NAME --since 1h`: the least-privilege policy of what a role's sessions were allowed
 * to do in the audit trail, like IAM Access Analyzer's policy generation. Run it after a CI job that worked with
 * `*` to get the policy that lets exactly that job run.
 */

import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/index.js';
import { type GeneratedPolicy, generatePolicy } from '../../core/audit/index.js';
import type { AuditStore, Clock } from '../../core/ports.js';
import { openData } from '../accounts/index.js';
import { eventsSince, parseDuration } from '../audit/index.js';

/**
 * The policy of `roleName`'s sessions since `sinceMs` ago.
 *
 * @example
 * await generateRolePolicy(stores.audit, clock, '000000000000', 'ci-deployer', 3_600_000);
 */
export async function generateRolePolicy(
  store: AuditStore,
  clock: Clock,
  accountId: string,
  roleName: string,
  sinceMs: number,
): Promise<GeneratedPolicy> {
  const since = new Date(clock.now().getTime() - sinceMs);
  return generatePolicy(await eventsSince(store, accountId, since), accountId, roleName);
}

/** Registers `generate` under `iamd policy`. */
export function registerPolicyGenerate(policy: Command): void {
  policy
    .command('generate')
    .description("print a policy allowing exactly what a role's sessions did (from the audit trail)")
    .requiredOption('--role <name>', 'the role whose sessions to read')
    .option('--since <duration>', 'how far back to read (90s, 15m, 1h, 7d)', '1h')
    .option('--account <id>', 'the role’s account (default: the default account)')
    .option('--data-dir <dir>', 'the data dir of iamd (env IAMD_DATA_DIR; default ./.iamd)')
    .action(async (flags: { role: string; since: string; account?: string; dataDir?: string }) => {
      try {
        const config = loadConfig({ dataDir: flags.dataDir });
        const data = await openData(config);
        try {
          const accountId = flags.account ?? config.accountId;
          const policy = await generateRolePolicy(
            data.stores.audit,
            data.clock,
            accountId,
            flags.role,
            parseDuration(flags.since),
          );
          if (policy.Statement.length === 0) {
            process.stderr.write(`no allowed requests by sessions of role ${flags.role} in the last ${flags.since}\n`);
            process.exitCode = 1;
          }
          process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
        } finally {
          await data.close();
        }
      } catch (error) {
        process.stderr.write(`iamd policy generate: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(error instanceof ConfigError ? 2 : 1);
      }
    });
}
