/**
 * @module cli/exec/exec
 * `iamd exec --role-arn ARN [--external-id ID] [--mfa-serial ARN --token-code CODE] -- COMMAND…`: the
 * `aws-vault exec` experience against iamd. It registers a container-credentials grant for the role (signed as the
 * caller), runs COMMAND with `AWS_CONTAINER_CREDENTIALS_FULL_URI` and `AWS_CONTAINER_AUTHORIZATION_TOKEN` and nothing
 * that would shadow them, so the SDKs' default chains fetch — and refresh — the role's credentials themselves; it
 * forwards signals and the exit code, and ends the grant afterwards.
 */

import { callJson, type Env, iamdTarget, reportFailure, runChild, workloadEnv } from '../instance/index.js';

/** Flags of `iamd exec`. */
export interface ExecFlags {
  readonly roleArn?: string | undefined;
  readonly externalId?: string | undefined;
  readonly mfaSerial?: string | undefined;
  readonly tokenCode?: string | undefined;
  readonly roleSessionName?: string | undefined;
  readonly profile?: string | undefined;
}

/**
 * Runs the command with the role's credentials; resolves to the exit code to leave with.
 *
 * @example
 * process.exit(await exec(['python3', 'app.py'], { roleArn: 'arn:aws:iam::000000000000:role/app' }, processEnvironment()));
 */
export async function exec(command: readonly string[], flags: ExecFlags, env: Env): Promise<number> {
  if (!flags.roleArn) return reportFailure('cannot assume the role', new Error('name it with --role-arn'));
  if ((flags.mfaSerial === undefined) !== (flags.tokenCode === undefined)) {
    return reportFailure('cannot assume the role', new Error('--mfa-serial and --token-code go together'));
  }
  let target: ReturnType<typeof iamdTarget>;
  let grant: Record<string, unknown>;
  try {
    target = iamdTarget(env, flags.profile);
    grant = await callJson(
      target,
      'POST',
      '/_iamd/container-credentials',
      {
        RoleArn: flags.roleArn,
        ExternalId: flags.externalId,
        SerialNumber: flags.mfaSerial,
        TokenCode: flags.tokenCode,
        RoleSessionName: flags.roleSessionName,
      },
      'sts',
    );
  } catch (error) {
    return reportFailure(`cannot assume ${flags.roleArn}`, error);
  }
  const path = String(grant['Path']);
  const workload = workloadEnv(env, {
    AWS_ENDPOINT_URL: target.endpoint,
    AWS_REGION: target.region,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: new URL(path, target.endpoint).toString(),
    AWS_CONTAINER_AUTHORIZATION_TOKEN: String(grant['AuthorizationToken']),
  });
  process.stderr.write(
    `iamd: ${flags.roleArn} assumed ${grant['Mode'] === 'task' ? 'as an ECS task (ecs-tasks.amazonaws.com)' : 'as you'}, credentials at ${target.endpoint}${path}\n`,
  );
  try {
    return await runChild(command, workload.env);
  } catch (error) {
    return reportFailure('cannot run the command', error);
  } finally {
    workload.dispose();
    await callJson(target, 'DELETE', path, undefined, 'sts').catch((error: unknown) =>
      reportFailure('could not end the credentials grant', error),
    );
  }
}
