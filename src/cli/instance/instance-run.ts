/**
 * @module cli/instance/instance-run
 * `iamd instance run --instance-profile NAME [--role-arn ARN] -- COMMAND…`: launches an instance with the profile
 * (signed as the caller, so `ec2:RunInstances` and `iam:PassRole` are checked), runs COMMAND with only the
 * instance's metadata endpoint to get credentials from, forwards signals and the exit code, and terminates the
 * instance afterwards — also when COMMAND fails.
 */

import { callerCredentials, type Env } from './caller-credentials.js';
import { callJson, IamdCallError, type IamdTarget } from './iamd-client.js';
import { probeInstanceCredentials } from './probe-credentials.js';
import { profileForRole } from './profile-for-role.js';
import { runChild } from './run-child.js';
import { workloadEnv } from './workload-env.js';

/** Flags of `iamd instance run`. */
export interface InstanceRunFlags {
  readonly instanceProfile?: string | undefined;
  readonly roleArn?: string | undefined;
  readonly profile?: string | undefined;
  /** `optional` allows IMDSv1 (token-less) requests; the default requires tokens, as new EC2 instances do. */
  readonly httpTokens?: string | undefined;
}

/** Where the CLI finds iamd and which region it names, from the caller's environment. */
export function iamdTarget(env: Env, profile: string | undefined): IamdTarget {
  return {
    endpoint: env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:4599',
    region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    credentials: callerCredentials(env, profile),
  };
}

/** Prints an error the way every `iamd` client command does, and returns exit code 1. */
export function reportFailure(what: string, error: unknown): number {
  const text =
    error instanceof IamdCallError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`iamd: ${what}: ${text}\n`);
  return 1;
}

/**
 * Runs the command on a fresh instance; resolves to the exit code to leave with.
 *
 * @example
 * process.exitCode = await instanceRun(['python3', 'app.py'], { instanceProfile: 'web' }, processEnvironment());
 */
export async function instanceRun(command: readonly string[], flags: InstanceRunFlags, env: Env): Promise<number> {
  let target: IamdTarget;
  let profileName: string | undefined;
  try {
    target = iamdTarget(env, flags.profile);
    profileName = flags.roleArn
      ? await profileForRole(target, flags.roleArn, flags.instanceProfile)
      : flags.instanceProfile;
    if (!profileName) throw new Error('name an instance profile (--instance-profile) or a role (--role-arn)');
  } catch (error) {
    return reportFailure('cannot prepare the instance', error);
  }
  let instance: Record<string, unknown>;
  try {
    instance = await callJson(target, 'POST', '/_iamd/instances', {
      IamInstanceProfile: profileName.startsWith('arn:') ? { Arn: profileName } : { Name: profileName },
      MetadataOptions: { HttpTokens: flags.httpTokens === 'optional' ? 'optional' : 'required' },
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: `iamd instance run ${command[0] ?? ''}`.trim() }] },
      ],
    });
  } catch (error) {
    return reportFailure('cannot launch the instance', error);
  }
  const instanceId = String(instance['InstanceId']);
  const endpoint = String(instance['MetadataEndpoint']);
  const workload = workloadEnv(env, {
    AWS_ENDPOINT_URL: target.endpoint,
    AWS_REGION: String(instance['Region'] ?? target.region),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `${endpoint}/`,
  });
  try {
    const probe = await probeInstanceCredentials(endpoint);
    if (!probe.ok) return reportFailure(`instance ${instanceId} has no role credentials`, new Error(probe.message));
    process.stderr.write(
      `iamd: instance ${instanceId} (instance profile ${profileName}, role ${probe.roleName}), metadata at ${endpoint}/\n`,
    );
    return await runChild(command, workload.env);
  } catch (error) {
    return reportFailure('cannot run the command', error);
  } finally {
    workload.dispose();
    await callJson(target, 'DELETE', `/_iamd/instances/${instanceId}`).catch((error: unknown) =>
      reportFailure(`could not terminate ${instanceId}`, error),
    );
  }
}
