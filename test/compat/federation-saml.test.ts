/**
 * AssumeRoleWithSAML with the JS SDK v3, the AWS CLI v2 and boto3 (each sends it unsigned), against a SAML provider
 * created from the test IdP's metadata (test/support/saml-idp.ts) and trust policies shaped like AWS's documented
 * SSO one (`SAML:aud` = https://signin.aws.amazon.com/saml), one narrowed to a subject.
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { CreateRoleCommand, CreateSAMLProviderCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { AWS_SAML, IDP_ENTITY_ID, idpMetadata, samlResponse } from '../support/saml-idp.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3', requireAll());

let t: TestApp;
let dir: string;
let provider: string;
const role = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;
const anonymous = () =>
  new STSClient({
    endpoint: t.endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
const response = (name: string, extra: Partial<Parameters<typeof samlResponse>[0]> = {}) =>
  samlResponse({ roles: [`${role(name)},${provider}`], now: t.clock.now(), ...extra }).base64;

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'iamd-saml-'));
  const { iam } = clientsFor(t, t.root);
  provider = (await iam.send(new CreateSAMLProviderCommand({ Name: 'corp-idp', SAMLMetadataDocument: idpMetadata() })))
    .SAMLProviderArn!;
  const trust = (condition: object) =>
    policyDocument({
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
      Condition: condition,
    });
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'sso-engineers',
      AssumeRolePolicyDocument: trust({ StringEquals: { 'SAML:aud': AWS_SAML } }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'sso-alice-only',
      AssumeRolePolicyDocument: trust({ StringEquals: { 'SAML:aud': AWS_SAML, 'saml:sub': 'alice@example.com' } }),
    }),
  );
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('AssumeRoleWithSAML with the JS SDK v3', () => {
  it('returns AWS’s response fields, and the credentials work', async () => {
    const out = await anonymous().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: role('sso-engineers'),
        PrincipalArn: provider,
        SAMLAssertion: response('sso-engineers', { tags: { team: 'blue' }, sessionDuration: 1800 }),
      }),
    );
    const qualifier = createHash('sha1').update(`${IDP_ENTITY_ID}${t.accountId}/corp-idp`).digest('base64');
    expect(out).toMatchObject({
      Subject: 'alice@example.com',
      SubjectType: 'persistent',
      Issuer: IDP_ENTITY_ID,
      Audience: AWS_SAML,
      NameQualifier: qualifier,
      AssumedRoleUser: { Arn: `arn:aws:sts::${t.accountId}:assumed-role/sso-engineers/alice@example.com` },
    });
    const lifetime = out.Credentials!.Expiration!.getTime() - t.clock.now().getTime();
    expect(lifetime).toBeGreaterThan(1790_000);
    expect(lifetime).toBeLessThanOrEqual(1800_000);
    const sts = new STSClient({
      endpoint: t.endpoint,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(out.AssumedRoleUser!.Arn);
  });

  it('lets the trust policy narrow by subject', async () => {
    const assume = (subject: string) =>
      anonymous().send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: role('sso-alice-only'),
          PrincipalArn: provider,
          SAMLAssertion: response('sso-alice-only', { subject, sessionName: subject }),
        }),
      );
    await expect(assume('alice@example.com')).resolves.toBeDefined();
    expect((await failure(assume('bob@example.com'))).name).toBe('AccessDenied');
  });

  it('refuses forgeries and stale assertions with STS’s errors', async () => {
    const assume = (SAMLAssertion: string) =>
      anonymous().send(
        new AssumeRoleWithSAMLCommand({ RoleArn: role('sso-engineers'), PrincipalArn: provider, SAMLAssertion }),
      );
    expect((await failure(assume(response('sso-engineers', { signer: 'attacker' })))).name).toBe(
      'InvalidIdentityTokenException',
    );
    expect((await failure(assume(response('sso-engineers', { sign: 'none' })))).name).toBe(
      'InvalidIdentityTokenException',
    );
    expect((await failure(assume(response('sso-engineers', { validSeconds: -300 })))).name).toBe(
      'ExpiredTokenException',
    );
    expect((await failure(assume(response('sso-engineers', { audience: 'https://evil.example.com' })))).name).toBe(
      'InvalidIdentityTokenException',
    );
  });
});

describe.skipIf(!cli)(`${cli?.version ?? 'the AWS CLI v2'} assume-role-with-saml`, () => {
  it('assumes the role unsigned, with no credentials configured at all', async () => {
    const { stdout } = await run(
      cli!.path,
      [
        '--endpoint-url',
        t.endpoint,
        '--output',
        'json',
        'sts',
        'assume-role-with-saml',
        '--role-arn',
        role('sso-engineers'),
        '--principal-arn',
        provider,
        '--saml-assertion',
        response('sso-engineers'),
      ],
      {
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: dir,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
        },
      },
    );
    const out = JSON.parse(stdout);
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${t.accountId}:assumed-role/sso-engineers/alice@example.com`);
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
  });
});

describe.skipIf(!python)(`boto3 ${python?.version ?? ''} assume_role_with_saml`, () => {
  it('assumes the role unsigned and uses the session', async () => {
    const script = [
      'import boto3, json, sys',
      'from botocore import UNSIGNED',
      'from botocore.config import Config',
      'sts = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1", config=Config(signature_version=UNSIGNED))',
      'out = sts.assume_role_with_saml(RoleArn=sys.argv[2], PrincipalArn=sys.argv[3], SAMLAssertion=sys.argv[4])',
      'c = out["Credentials"]',
      's = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])',
      'print(json.dumps({"subject": out["Subject"], "arn": s.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1").get_caller_identity()["Arn"]}))',
    ].join('\n');
    const { stdout } = await run(
      python!.path,
      ['-c', script, t.endpoint, role('sso-engineers'), provider, response('sso-engineers')],
      { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' } },
    );
    expect(JSON.parse(stdout)).toEqual({
      subject: 'alice@example.com',
      arn: `arn:aws:sts::${t.accountId}:assumed-role/sso-engineers/alice@example.com`,
    });
  });
});
