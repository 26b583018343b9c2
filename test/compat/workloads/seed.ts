/**
 * The seed scenario for the workload-credential suites: the role EC2 may assume with the read-only S3 policy, its
 * instance profile, and the bucket with one object — created with the JS SDK as the root user. Also the launcher of
 * the built `iamd` CLI those suites drive.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BUCKET, POLICY_NAME, PROFILE_NAME, ROLE_NAME, readPolicy, trustPolicy } from '../../support/scenario.js';
import type { TestApp } from '../../support/test-app.js';

export const iamdMain = new URL('../../../dist/cli/main.js', import.meta.url).pathname;
export const hasBuiltCli = existsSync(iamdMain);
export const workload = (name: string) => new URL(`./${name}`, import.meta.url).pathname;

/** Admin clients signed by the root user. */
export function adminClients(t: TestApp) {
  const common = { endpoint: t.endpoint, region: 'us-east-1', credentials: t.root, maxAttempts: 1 };
  return { iam: new IAMClient(common), s3: new S3Client({ ...common, forcePathStyle: true }) };
}

/** Creates the role, policy, profile and bucket of the seed scenario; returns the role ARN. */
export async function seedScenario(t: TestApp): Promise<string> {
  const { iam, s3 } = adminClients(t);
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: ROLE_NAME, AssumeRolePolicyDocument: trustPolicy(t.accountId) }),
  );
  const policy = await iam.send(new CreatePolicyCommand({ PolicyName: POLICY_NAME, PolicyDocument: readPolicy }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: ROLE_NAME, PolicyArn: policy.Policy!.Arn! }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE_NAME }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: PROFILE_NAME, RoleName: ROLE_NAME }));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'hello.txt', Body: 'hello from iamd\n' }));
  return role.Role!.Arn!;
}

/** A role whose trust policy names only ECS tasks, in its own profile: EC2 may not assume it. */
export async function seedUntrustedProfile(t: TestApp, name: string): Promise<void> {
  const { iam } = adminClients(t);
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }));
}

/** Runs the built `iamd` with `args`; resolves to its exit code and output (never rejects). */
export function iamd(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [iamdMain, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment of a developer calling `iamd` against the test server as the root user. */
export function callerEnv(t: TestApp, home: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ENDPOINT_URL: t.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: t.root.accessKeyId,
    AWS_SECRET_ACCESS_KEY: t.root.secretAccessKey,
    AWS_PAGER: '',
  };
}
