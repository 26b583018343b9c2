/**
 * `iamd instance run` with real clients: the JS SDK v3, boto3 and the AWS CLI v2 run as child processes with only the
 * instance's metadata endpoint to get credentials from (no keys), read the seed bucket, and are denied a write.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, PROFILE_NAME, ROLE_NAME } from '../support/scenario.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';
import { callerEnv, hasBuiltCli, iamd, seedScenario, seedUntrustedProfile, workload } from './workloads/seed.js';

const cli = findAwsCliV2();
const python = findBoto3Python();
if (!cli) missingTool('AWS CLI v2', requireAll());
if (!python) missingTool('boto3', requireAll());
if (!hasBuiltCli && requireAll()) throw new Error('dist/cli/main.js is missing: run npm run build first');

describe.skipIf(!hasBuiltCli)('iamd instance run', () => {
  let t: TestApp;
  let home: string;

  beforeAll(async () => {
    t = await startTestApp({ imdsPortRange: '0' });
    home = mkdtempSync(join(tmpdir(), 'iamd-instance-run-'));
    await seedScenario(t);
    await seedUntrustedProfile(t, 'tasks-only');
  });

  afterAll(async () => {
    await t?.app.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    iamd(['instance', 'run', '--instance-profile', PROFILE_NAME, '--', ...args], callerEnv(t, home));

  it('gives the JS SDK default chain the role, which reads the bucket and may not write', async () => {
    const result = await run(process.execPath, workload('s3-workload.mjs'), BUCKET);
    expect(result.stderr).toMatch(
      new RegExp(`instance i-[0-9a-f]{17} \\(instance profile ${PROFILE_NAME}, role ${ROLE_NAME}\\)`),
    );
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ keys: ['hello.txt'], body: 'hello from iamd\n', write: 'AccessDenied' });
    expect(out.accessKeyId).toMatch(/^ASIA/);
  });

  it.skipIf(!python)('gives boto3 the role through its instance-metadata provider', async () => {
    const result = await run(python!.path, workload('s3_workload.py'), BUCKET);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      keys: ['hello.txt'],
      body: 'hello from iamd\n',
      write: 'AccessDenied',
      method: 'iam-role',
    });
  });

  it.skipIf(!cli)('gives the AWS CLI v2 the role', async () => {
    const env = { ...callerEnv(t, home), AWS_CLI: cli!.path };
    const result = await iamd(
      ['instance', 'run', '--instance-profile', PROFILE_NAME, '--', workload('s3-cli-workload.sh'), BUCKET],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('hello.txt');
    expect(result.stdout).toContain('hello from iamd');
    expect(result.stdout).toMatch(/write: .*AccessDenied/);
  });

  it('strips the caller keys, forwards the exit code and terminates the instance', async () => {
    const result = await run(
      'sh',
      '-c',
      'env | grep -c "^AWS_ACCESS_KEY_ID=\\|^AWS_SECRET_ACCESS_KEY=\\|^AWS_PROFILE="; exit 7',
    );
    expect(result.code).toBe(7);
    expect(result.stdout.trim()).toBe('0');
    const id = /instance (i-[0-9a-f]{17})/.exec(result.stderr)?.[1];
    const instances = await t.app.services.ec2.instances.describe(t.accountId, { InstanceIds: [id!] }, new Map());
    expect(instances.Reservations[0]?.Instances[0]?.State.Name).toBe('terminated');
  });

  it('refuses to run on a role EC2 may not assume, with the explanation', async () => {
    const result = await iamd(
      ['instance', 'run', '--instance-profile', 'tasks-only', '--', 'true'],
      callerEnv(t, home),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AssumeRoleUnauthorizedAccess');
    expect(result.stderr).toContain(
      `ec2.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${t.accountId}:role/tasks-only`,
    );
  });

  it('launches with --role-arn through a profile it makes for the role', async () => {
    const roleArn = `arn:aws:iam::${t.accountId}:role/${ROLE_NAME}`;
    const env = callerEnv(t, home);
    const first = await iamd(['instance', 'run', '--role-arn', roleArn, '--', 'true'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`(instance profile iamd-run-${ROLE_NAME}, role ${ROLE_NAME})`);
    const again = await iamd(['instance', 'run', '--role-arn', roleArn, '--', 'true'], env);
    expect(again.code, again.stderr).toBe(0);
  });

  it('reports a launch the caller may not make', async () => {
    const result = await iamd(
      ['instance', 'run', '--instance-profile', 'no-such-profile', '--', 'true'],
      callerEnv(t, home),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'InvalidParameterValue: Value (no-such-profile) for parameter iamInstanceProfile.name is invalid',
    );
  });
});
