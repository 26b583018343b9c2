/**
 * Everyday IAM administration with the AWS CLI v2 (Debian's 2.9, so --endpoint-url on every call): users, groups,
 * access keys, managed policies with versions, the CLI's own pagination over Marker, and an error exit.
 */

import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { CLI_TEST_TIMEOUT_MS, findAwsCliV2, isolatedCliEnv, missingTool } from '../support/tools.js';
import { policyDocument } from '../support/aws-clients.js';
import { testCertificates } from '../support/certificates.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());

describe.skipIf(!cli)(`IAM administration with ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  let t: TestApp;
  let dir: string;

  const aws = async (...args: string[]) => {
    const env: Record<string, string> = {
      ...isolatedCliEnv(dir, t.root.accessKeyId, t.root.secretAccessKey),
    };
    try {
      const { stdout } = await run(cli!.path, ['--endpoint-url', t.endpoint, '--output', 'json', 'iam', ...args], {
        env,
        cwd: dir,
      });
      return { ok: true as const, json: stdout.trim() === '' ? undefined : JSON.parse(stdout) };
    } catch (error) {
      const e = error as { code?: number; stderr?: string };
      return { ok: false as const, code: e.code, stderr: e.stderr ?? '', json: undefined };
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'iamd-cli-iam-'));
    writeFileSync(join(dir, 'v1.json'), policyDocument({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    writeFileSync(join(dir, 'v2.json'), policyDocument({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    writeFileSync(join(dir, 'id_rsa.pub.pem'), rsa.export({ type: 'spki', format: 'pem' }));
    writeFileSync(join(dir, 'cert.pem'), testCertificates[0]);
  });

  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('administers users, groups, keys and policy versions', { timeout: CLI_TEST_TIMEOUT_MS }, async () => {
    for (const name of ['carol', 'alice', 'bob']) {
      expect((await aws('create-user', '--user-name', name, '--tags', 'Key=team,Value=web')).ok).toBe(true);
    }
    // The CLI follows Marker itself: three server pages of one user each.
    const all = await aws('list-users', '--page-size', '1');
    expect(all.json.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['alice', 'bob', 'carol']);

    await aws('create-group', '--group-name', 'devs');
    await aws('add-user-to-group', '--group-name', 'devs', '--user-name', 'alice');
    const group = await aws('get-group', '--group-name', 'devs');
    expect(group.json.Group.Arn).toBe(`arn:aws:iam::${t.accountId}:group/devs`);
    expect(group.json.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['alice']);

    const key = await aws('create-access-key', '--user-name', 'alice');
    const keyId = key.json.AccessKey.AccessKeyId;
    await aws('update-access-key', '--user-name', 'alice', '--access-key-id', keyId, '--status', 'Inactive');
    const keys = await aws('list-access-keys', '--user-name', 'alice');
    expect(keys.json.AccessKeyMetadata).toMatchObject([{ AccessKeyId: keyId, Status: 'Inactive', UserName: 'alice' }]);

    const policy = await aws('create-policy', '--policy-name', 'cli-read', '--policy-document', 'file://v1.json');
    const arn = policy.json.Policy.Arn;
    const v2 = await aws(
      'create-policy-version',
      '--policy-arn',
      arn,
      '--policy-document',
      'file://v2.json',
      '--set-as-default',
    );
    expect(v2.json.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    const versions = await aws('list-policy-versions', '--policy-arn', arn);
    expect(versions.json.Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['v2', 'v1']);
    await aws('attach-user-policy', '--user-name', 'alice', '--policy-arn', arn);
    const attached = await aws('list-attached-user-policies', '--user-name', 'alice');
    expect(attached.json.AttachedPolicies).toEqual([{ PolicyName: 'cli-read', PolicyArn: arn }]);

    const conflict = await aws('delete-user', '--user-name', 'alice');
    expect(conflict.ok).toBe(false);
    expect(conflict.code).toBe(254);
    // CLI 2.9 inserts "(reached max retries: 0)" before the colon, since 409 is retryable to it.
    expect(conflict.stderr).toMatch(
      /An error occurred \(DeleteConflict\) when calling the DeleteUser operation.*: Cannot delete entity, must delete access keys first\./,
    );
  });

  it('uploads an SSH key and a signing certificate from files, and keeps a login profile', {
    timeout: CLI_TEST_TIMEOUT_MS,
  }, async () => {
    await aws('create-user', '--user-name', 'dev');
    const key = await aws(
      'upload-ssh-public-key',
      '--user-name',
      'dev',
      '--ssh-public-key-body',
      'file://id_rsa.pub.pem',
    );
    expect(key.json.SSHPublicKey).toMatchObject({ UserName: 'dev', Status: 'Active' });
    expect(key.json.SSHPublicKey.SSHPublicKeyBody).toMatch(/^ssh-rsa /);
    const certificate = await aws(
      'upload-signing-certificate',
      '--user-name',
      'dev',
      '--certificate-body',
      'file://cert.pem',
    );
    expect(certificate.json.Certificate.CertificateId).toMatch(/^[A-Z2-7]{24,}$/);
    const profile = await aws(
      'create-login-profile',
      '--user-name',
      'dev',
      '--password',
      'Cli-Passw0rd!',
      '--password-reset-required',
    );
    expect(profile.json.LoginProfile).toMatchObject({ UserName: 'dev', PasswordResetRequired: true });
    const conflict = await aws('delete-user', '--user-name', 'dev');
    expect(conflict.stderr).toMatch(/\(DeleteConflict\).*: Cannot delete entity, must delete login profile first\./);
    const keys = await aws('list-ssh-public-keys', '--user-name', 'dev');
    expect(keys.json.SSHPublicKeys).toEqual([
      expect.objectContaining({ SSHPublicKeyId: key.json.SSHPublicKey.SSHPublicKeyId }),
    ]);
  });
});
