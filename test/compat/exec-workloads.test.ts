/**
 * `iamd exec` with real clients: the JS SDK v3, boto3 and the AWS CLI v2 run with only the container credentials
 * endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI` + `AWS_CONTAINER_AUTHORIZATION_TOKEN`), read the seed bucket and are
 * denied a write; a role that trusts only ECS tasks is assumed as a task; a denial names its deciding statement; the
 * JS default chain keeps working across several credential lifetimes (clocks moved together, no sleeps).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callJson } from '../../src/cli/instance/index.js';
import { BUCKET } from '../support/scenario.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';
import {
  adminClients,
  callerEnv,
  hasBuiltCli,
  iamd,
  seedScenario,
  seedUntrustedProfile,
  workload,
} from './workloads/seed.js';

const cli = findAwsCliV2();
const python = findBoto3Python();
if (!cli) missingTool('AWS CLI v2', requireAll());
if (!python) missingTool('boto3', requireAll());

let t: TestApp;
let home: string;
let roleArn: string;

beforeAll(async () => {
  t = await startTestApp({ imdsPortRange: '0' });
  home = mkdtempSync(join(tmpdir(), 'iamd-exec-'));
  roleArn = await seedScenario(t);
  await seedUntrustedProfile(t, 'tasks-only');
});

afterAll(async () => {
  await t?.app.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(!hasBuiltCli)('iamd exec', () => {
  const exec = (...args: string[]) => iamd(['exec', '--role-arn', roleArn, '--', ...args], callerEnv(t, home));

  it('gives the JS SDK default chain the role through the container endpoint', async () => {
    const result = await exec(process.execPath, workload('s3-workload.mjs'), BUCKET);
    expect(result.stderr).toContain(`iamd: ${roleArn} assumed as you`);
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ keys: ['hello.txt'], body: 'hello from iamd\n', write: 'AccessDenied' });
    expect(out.accessKeyId).toMatch(/^ASIA/);
  });

  it.skipIf(!python)('gives boto3 the role through its container provider', async () => {
    const result = await exec(python!.path, workload('s3_workload.py'), BUCKET);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      keys: ['hello.txt'],
      write: 'AccessDenied',
      method: 'container-role',
    });
  });

  it.skipIf(!cli)('gives the AWS CLI v2 the role', async () => {
    const env = { ...callerEnv(t, home), AWS_CLI: cli!.path };
    const result = await iamd(['exec', '--role-arn', roleArn, '--', workload('s3-cli-workload.sh'), BUCKET], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('hello from iamd');
    expect(result.stdout).toMatch(/write: .*AccessDenied/);
  });

  it('assumes a role that trusts only ECS tasks as a task, after iam:PassRole', async () => {
    const result = await iamd(
      [
        'exec',
        '--role-arn',
        `arn:aws:iam::${t.accountId}:role/tasks-only`,
        '--',
        process.execPath,
        workload('whoami.mjs'),
      ],
      callerEnv(t, home),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('as an ECS task (ecs-tasks.amazonaws.com)');
    expect(JSON.parse(result.stdout).arn).toMatch(
      new RegExp(`^arn:aws:sts::${t.accountId}:assumed-role/tasks-only/[0-9a-f]{24}$`),
    );
  });

  it('forwards the exit code and ends the grant afterwards', async () => {
    const result = await exec(
      'sh',
      '-c',
      'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN"; exit 5',
    );
    expect(result.code).toBe(5);
    const [uri, token] = result.stdout.trim().split(' ');
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_iamd\/container-credentials\/v1\/[0-9a-f]+$/);
    const after = await fetch(uri!, { headers: { authorization: token! } });
    expect(after.status).toBe(403);
  });

  it('names the statement that denied the role', async () => {
    const { iam } = adminClients(t);
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'assume-guard',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
            { Sid: 'NoSeedRole', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: roleArn },
          ],
        }),
      }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
    const env = {
      ...callerEnv(t, home),
      AWS_ACCESS_KEY_ID: key.AccessKey!.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: key.AccessKey!.SecretAccessKey!,
    };
    const result = await iamd(['exec', '--role-arn', roleArn, '--', 'true'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `iamd: cannot assume ${roleArn}: AccessDenied: User: arn:aws:iam::${t.accountId}:user/carol is not authorized to perform: sts:AssumeRole on resource: ${roleArn} with an explicit deny in an identity-based policy (deciding statement: statement "NoSeedRole" of `,
    );
  });
});

describe('the container endpoint', () => {
  const saved = { ...process.env };
  let dir: string;

  afterEach(() => {
    vi.useRealTimers();
    process.env = { ...saved };
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a wrong token', async () => {
    const target = { endpoint: t.endpoint, region: 'us-east-1', credentials: t.root };
    const grant = await callJson(target, 'POST', '/_iamd/container-credentials', { RoleArn: roleArn }, 'sts');
    const url = `${t.endpoint}${grant['Path']}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: 'nope' } })).status).toBe(403);
    const ok = await fetch(url, { headers: { authorization: String(grant['AuthorizationToken']) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      RoleArn: roleArn,
      AccountId: t.accountId,
      AccessKeyId: expect.stringMatching(/^ASIA/),
    });
  });

  it('keeps the JS SDK default chain working across four credential lifetimes', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: t.clock.now() });
    const target = { endpoint: t.endpoint, region: 'us-east-1', credentials: t.root };
    const grant = await callJson(target, 'POST', '/_iamd/container-credentials', { RoleArn: roleArn }, 'sts');
    dir = mkdtempSync(join(tmpdir(), 'iamd-exec-rotation-'));
    writeFileSync(join(dir, 'empty'), '');
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${t.endpoint}${grant['Path']}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: String(grant['AuthorizationToken']),
      AWS_CONFIG_FILE: join(dir, 'empty'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
    });
    const s3 = new S3Client({ endpoint: t.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1 });
    // node:http stamps `Date` headers with the real clock; the SDK would "correct" its faked clock from them.
    s3.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        delete (result.response as { headers: Record<string, string> }).headers['date'];
        return result;
      },
      { step: 'deserialize', name: 'dropDateHeader' },
    );
    const seen = new Set<string>();
    const step = 5 * 60_000;
    for (let elapsed = 0; elapsed <= 4 * 3600_000; elapsed += step) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['hello.txt']);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'hello.txt' }));
      expect(await object.Body?.transformToString()).toBe('hello from iamd\n');
      seen.add((await s3.config.credentials()).accessKeyId);
      vi.setSystemTime(Date.now() + step);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });
});
