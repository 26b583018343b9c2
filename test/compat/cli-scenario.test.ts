/**
 * The seed scenario with the AWS CLI v2 (Debian's awscli 2.9, which predates AWS_ENDPOINT_URL, so every call
 * passes --endpoint-url), exactly as docs/getting-started.md shows it.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, POLICY_NAME, PROFILE_NAME, ROLE_NAME, readPolicy, trustPolicy } from '../support/scenario.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { CLI_TEST_TIMEOUT_MS, findAwsCliV2, isolatedCliEnv, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

describe.skipIf(!cli)(`the seed scenario with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  let t: TestApp;
  let dir: string;

  const aws = async (creds: Creds, ...args: string[]) => {
    const env: Record<string, string> = {
      ...isolatedCliEnv(dir, creds.accessKeyId, creds.secretAccessKey),
    };
    if (creds.sessionToken) env['AWS_SESSION_TOKEN'] = creds.sessionToken;
    try {
      const { stdout } = await run(cli!.path, ['--endpoint-url', t.endpoint, '--output', 'json', ...args], {
        env,
        cwd: dir,
      });
      return { ok: true as const, json: stdout.trim() === '' ? undefined : JSON.parse(stdout) };
    } catch (error) {
      const e = error as { code?: number; stderr?: string };
      return { ok: false as const, code: e.code, stderr: e.stderr ?? '' };
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'iamd-cli-'));
    writeFileSync(join(dir, 'trust.json'), trustPolicy(t.accountId));
    writeFileSync(join(dir, 's3-read.json'), readPolicy);
    writeFileSync(join(dir, 'hello.txt'), 'hello from iamd\n');
  });

  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sets up, assumes the role, reads and is denied writes', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    const root = t.root;
    const account = t.accountId;
    expect((await aws(root, 'sts', 'get-caller-identity')).json).toMatchObject({ Arn: `arn:aws:iam::${account}:root` });
    const role = await aws(
      root,
      'iam',
      'create-role',
      '--role-name',
      ROLE_NAME,
      '--assume-role-policy-document',
      'file://trust.json',
    );
    expect(role.ok && role.json.Role.Arn).toBe(`arn:aws:iam::${account}:role/${ROLE_NAME}`);
    const policyArn = `arn:aws:iam::${account}:policy/${POLICY_NAME}`;
    const policy = await aws(
      root,
      'iam',
      'create-policy',
      '--policy-name',
      POLICY_NAME,
      '--policy-document',
      'file://s3-read.json',
    );
    expect(policy.ok && policy.json.Policy.Arn).toBe(policyArn);
    expect((await aws(root, 'iam', 'attach-role-policy', '--role-name', ROLE_NAME, '--policy-arn', policyArn)).ok).toBe(
      true,
    );
    expect((await aws(root, 'iam', 'create-instance-profile', '--instance-profile-name', PROFILE_NAME)).ok).toBe(true);
    const add = await aws(
      root,
      'iam',
      'add-role-to-instance-profile',
      '--instance-profile-name',
      PROFILE_NAME,
      '--role-name',
      ROLE_NAME,
    );
    expect(add.ok).toBe(true);
    const fetched = await aws(root, 'iam', 'get-role', '--role-name', ROLE_NAME);
    // The CLI URL-decodes the document and prints it as JSON.
    expect(fetched.ok && fetched.json.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trustPolicy(account)));
    expect((await aws(root, 's3api', 'create-bucket', '--bucket', BUCKET)).ok).toBe(true);
    const put = await aws(root, 's3api', 'put-object', '--bucket', BUCKET, '--key', 'hello.txt', '--body', 'hello.txt');
    expect(put.ok && put.json.ETag).toMatch(/^"[0-9a-f]{32}"$/);

    const assumed = await aws(
      root,
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${account}:role/${ROLE_NAME}`,
      '--role-session-name',
      'demo',
    );
    expect(assumed.ok).toBe(true);
    const c = assumed.ok ? assumed.json.Credentials : undefined;
    const session: Creds = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };

    const listed = await aws(session, 's3api', 'list-objects-v2', '--bucket', BUCKET);
    expect(listed.ok && listed.json.Contents.map((o: { Key: string }) => o.Key)).toEqual(['hello.txt']);
    const got = await aws(session, 's3api', 'get-object', '--bucket', BUCKET, '--key', 'hello.txt', 'out.txt');
    expect(got.ok && got.json.ContentLength).toBe(16);

    const denied = await aws(
      session,
      's3api',
      'put-object',
      '--bucket',
      BUCKET,
      '--key',
      'x.txt',
      '--body',
      'hello.txt',
    );
    expect(denied.ok).toBe(false);
    expect(denied.ok ? '' : denied.stderr).toContain('(AccessDenied)');
    expect(denied.ok ? '' : denied.stderr).toContain(
      `User: arn:aws:sts::${account}:assumed-role/${ROLE_NAME}/demo is not authorized to perform: s3:PutObject`,
    );
  });
});
