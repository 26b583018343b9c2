/**
 * @module cli/policy/commands
 * `iamd policy validate | simulate | explain`: the policy engine on the command line, for security engineers
 * asking "who can do what, and why was this denied?" without a server.
 *
 * - `validate <file> [--kind k]`: grammar check with IAM's messages; exit 1 when invalid.
 * - `simulate [file] [--json]`: decide a request given as the engine's JSON shapes (docs/cli.md); `--json` prints
 *   the engine's Decision object.
 * - `simulate --data-dir d --principal arn --action a [--resource r] [--context k=v…]`: decide with what is stored
 *   for a user or role (the SimulatePrincipalPolicy logic), offline.
 * - `explain [file]`: like simulate, in words, with the AccessDenied message AWS would send.
 */

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PolicySimulator } from '../../core/iam/index.js';
import { evaluate, lintPolicy, type PolicyKind, parsePolicy } from '../../policy/index.js';
import { openSqliteStores } from '../../storage/index.js';
import { buildCatalog, coveredFindings } from './catalog.js';
import { readSimulationInput } from './input.js';
import { registerPolicyGenerate } from './generate.js';
import { explainDecision } from './render.js';

const KINDS: readonly PolicyKind[] = ['identity', 'resource', 'trust', 'session', 'boundary', 'scp', 'rcp'];

function readInput(file: string | undefined): string {
  return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function simulateStored(options: {
  dataDir: string;
  principal: string;
  action: string[];
  resource: string[];
  context: string[];
}): Promise<void> {
  const dir = resolve(options.dataDir);
  const stores = await openSqliteStores({ file: join(dir, 'iamd.db'), blobDir: join(dir, 'objects') });
  try {
    const account = options.principal.split(':')[4] ?? '';
    const result = await new PolicySimulator(stores.iam).simulatePrincipal(account, {
      PolicySourceArn: options.principal,
      ActionNames: options.action,
      ResourceArns: options.resource.length > 0 ? options.resource : undefined,
      ContextEntries: options.context.map((pair) => {
        const at = pair.indexOf('=');
        const values = pair.slice(at + 1).split(',');
        return {
          ContextKeyName: pair.slice(0, at),
          ContextKeyType: values.length > 1 ? 'stringList' : 'string',
          ContextKeyValues: values,
        };
      }),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await stores.close();
  }
}

/** Registers `iamd policy …` on the program. */
export function registerPolicyCommands(program: Command): void {
  const policy = program
    .command('policy')
    .description('validate, simulate and explain IAM policies, and generate them from activity');

  policy
    .command('validate <file>')
    .description('check a policy document against the IAM grammar (IAM error messages)')
    .option('--kind <kind>', `policy kind: ${KINDS.join(', ')}`, 'identity')
    .action((file: string, options: { kind: string }) => {
      if (!KINDS.includes(options.kind as PolicyKind)) throw new Error(`--kind must be one of ${KINDS.join(', ')}`);
      const parsed = parsePolicy(readInput(file), options.kind as PolicyKind);
      if (!parsed.ok) {
        process.stdout.write(`invalid ${options.kind} policy: ${parsed.error}\n`);
        process.exitCode = 1;
        return;
      }
      for (const warning of parsed.warnings) process.stdout.write(`warning: ${warning}\n`);
      for (const finding of coveredFindings(lintPolicy(parsed.policy, buildCatalog()))) {
        process.stdout.write(`warning: statement ${finding.statement + 1}: ${finding.message}\n`);
      }
      process.stdout.write(`valid ${options.kind} policy (${parsed.policy.statements.length} statements)\n`);
    });

  policy
    .command('simulate [file]')
    .description('decide a request: from a JSON file of request + policies, or from what a data dir stores')
    .option('--json', 'print the engine decision as JSON')
    .option('--data-dir <dir>', 'simulate with the stored policies of --principal (SQLite data dir)')
    .option('--principal <arn>', 'user or role ARN whose stored policies apply (with --data-dir)')
    .option('--action <action>', 'action to decide (repeatable, with --data-dir)', collect, [])
    .option('--resource <arn>', 'resource ARN (repeatable, with --data-dir; default *)', collect, [])
    .option('--context <key=value>', 'context key (repeatable; comma-separated values make a list)', collect, [])
    .action(async (file: string | undefined, options: Record<string, unknown>) => {
      if (options['dataDir'] !== undefined) {
        if (typeof options['principal'] !== 'string' || (options['action'] as string[]).length === 0) {
          throw new Error('--data-dir needs --principal and at least one --action');
        }
        await simulateStored(options as never);
        return;
      }
      const { request, policies } = readSimulationInput(JSON.parse(readInput(file)));
      const decision = evaluate(request, policies);
      process.stdout.write(
        options['json'] ? `${JSON.stringify(decision, null, 2)}\n` : explainDecision(request, decision),
      );
      if (decision.outcome !== 'Allow') process.exitCode = 3;
    });

  policy
    .command('explain [file]')
    .description('explain, in words, the decision for a JSON file of request + policies')
    .action((file: string | undefined) => {
      const { request, policies } = readSimulationInput(JSON.parse(readInput(file)));
      process.stdout.write(explainDecision(request, evaluate(request, policies)));
    });

  registerPolicyGenerate(policy);
}
