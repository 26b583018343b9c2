/**
 * Assume-role profiles as people configure them, with the real clients' own credential providers: the AWS CLI v2
 * with `role_arn` + `source_profile` + `external_id` + `mfa_serial` (answering its MFA prompt), and a boto3
 * session on such a profile whose refreshable credentials are fetched again as they near expiry. Debian's CLI 2.9
 * and boto3 1.26 cannot point their internal STS client at iamd by configuration, so an endpoint rule set in
 * AWS_DATA_PATH does it (test/support/endpoint-override.ts).
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, policyDocument } from '../support/aws-clients.js';
import { writeEndpointOverride } from '../support/endpoint-override.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';

const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3', requireAll());

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command with `input` on stdin and no controlling terminal (`detached` starts a new session), so Python's
 * getpass reads the MFA code from stdin as it would from a pipe in CI.
 */
function runWithInput(command: string, args: string[], env: Record<string, string>, input: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

let t: TestApp;
let dir: string;
let env: Record<string, string>;
let totp: TOTP;
const MFA_DEVICE = 'dev-phone';

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'iamd-sts-profiles-'));
  const { iam } = clientsFor(t, t.root);
  await iam.send(new CreateUserCommand({ UserName: 'dev' }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
  const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: MFA_DEVICE })))
    .VirtualMFADevice!;
  totp = new TOTP({ secret: Secret.fromBase32(Buffer.from(device.Base32StringSeed!).toString('ascii')) });
  const now = t.clock.now().getTime();
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: 'dev',
      SerialNumber: device.SerialNumber,
      AuthenticationCode1: totp.generate({ timestamp: now - 30_000 }),
      AuthenticationCode2: totp.generate({ timestamp: now }),
    }),
  );
  const dev = `arn:aws:iam::${t.accountId}:user/dev`;
  const trust = (externalId: string, mfa: boolean) =>
    policyDocument({
      Effect: 'Allow',
      Principal: { AWS: dev },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'sts:ExternalId': externalId },
        ...(mfa ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : {}),
      },
    });
  await iam.send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: trust('ci-42', true) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust('ci-7', false) }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'dev',
      PolicyName: 'assume',
      PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
    }),
  );

  const role = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;
  const mfaSerial = `arn:aws:iam::${t.accountId}:mfa/${MFA_DEVICE}`;
  writeFileSync(
    join(dir, 'credentials'),
    `[dev]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`,
  );
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile dev]',
      'region = us-east-1',
      '[profile deploy]',
      `role_arn = ${role('deploy')}`,
      'source_profile = dev',
      'external_id = ci-42',
      `mfa_serial = ${mfaSerial}`,
      'region = us-east-1',
      '[profile deploy-no-mfa]',
      `role_arn = ${role('deploy')}`,
      'source_profile = dev',
      'external_id = ci-42',
      'region = us-east-1',
      '[profile deploy-wrong-id]',
      `role_arn = ${role('deploy')}`,
      'source_profile = dev',
      'external_id = ci-43',
      `mfa_serial = ${mfaSerial}`,
      'region = us-east-1',
      '[profile reader]',
      `role_arn = ${role('reader')}`,
      'source_profile = dev',
      'external_id = ci-7',
      'region = us-east-1',
      '',
    ].join('\n'),
  );
  env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_DATA_PATH: writeEndpointOverride(dir, 'sts', '2011-06-15', t.endpoint),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The next step's code: the server accepts one step of drift, and the codes that enabled the device stay unused. */
const nextCode = () => totp.generate({ timestamp: t.clock.now().getTime() + 30_000 });

describe.skipIf(!cli)(`an assume-role profile in ${cli?.version ?? 'the AWS CLI v2'}`, () => {
  /** Each call gets its own HOME unless given one: the CLI caches assumed-role credentials under ~/.aws/cli/cache. */
  const callerIdentity = (profile: string, input: string, home = mkdtempSync(join(dir, 'home-'))) =>
    runWithInput(
      cli!.path,
      ['--endpoint-url', t.endpoint, '--output', 'json', '--profile', profile, 'sts', 'get-caller-identity'],
      { ...env, HOME: home },
      input,
    );

  it('assumes the role with the external id and the MFA code it prompts for, then reuses its cached session', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const outcome = await callerIdentity('deploy', `${nextCode()}\n`, home);
    expect(outcome.stderr).toContain(`Enter MFA code for arn:aws:iam::${t.accountId}:mfa/${MFA_DEVICE}`);
    expect(outcome.code).toBe(0);
    const arn = JSON.parse(outcome.stdout).Arn;
    expect(arn).toMatch(new RegExp(`^arn:aws:sts::${t.accountId}:assumed-role/deploy/botocore-session-\\d+$`));
    // The CLI cached the session under HOME: no second prompt, and the same session answers.
    const again = await callerIdentity('deploy', '', home);
    expect(again.stderr).not.toContain('Enter MFA code');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).Arn).toBe(arn);
  });

  it('is refused without MFA, with a wrong external id, and with a wrong code', async () => {
    const noMfa = await callerIdentity('deploy-no-mfa', '');
    expect(noMfa.code).not.toBe(0);
    expect(noMfa.stderr).toContain('AccessDenied');
    const wrongId = await callerIdentity('deploy-wrong-id', `${nextCode()}\n`);
    expect(wrongId.code).not.toBe(0);
    expect(wrongId.stderr).toContain('AccessDenied');
    const wrongCode = await callerIdentity('deploy', '000000\n');
    expect(wrongCode.code).not.toBe(0);
    expect(wrongCode.stderr).toContain('AccessDenied');
  });
});

describe.skipIf(!python)(`a boto3 ${python?.version ?? ''} session on an assume-role profile`, () => {
  it('fetches refreshable credentials on first use and again as they near expiry', async () => {
    const script = join(import.meta.dirname, 'sts_profiles.py');
    const outcome = await runWithInput(python!.path, [script, t.endpoint, 'reader'], env, '');
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const result = JSON.parse(outcome.stdout);
    expect(result.credentialsType).toBe('DeferredRefreshableCredentials');
    expect(result.method).toBe('assume-role');
    const arn = new RegExp(`^arn:aws:sts::${t.accountId}:assumed-role/reader/botocore-session-\\d+$`);
    expect(result.first).toMatch(arn);
    expect(result.second).toMatch(arn);
    expect(result.firstKey).toMatch(/^ASIA/);
    expect(result.secondKey).toMatch(/^ASIA/);
    expect(result.secondKey).not.toBe(result.firstKey);
  });
});
