/**
 * AssumeRoleWithWebIdentity with the clients' own web-identity credential providers — the JS SDK v3
 * (`fromWebToken`, `fromTokenFile`), boto3 and the AWS CLI v2 with `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`
 * — against trust policies shaped like AWS's documented ones for GitHub Actions and EKS (IRSA). Tokens are
 * signed in the test; iamd knows the issuers' keys from an inline JWKS file, so nothing leaves the machine. The
 * pre-`AWS_ENDPOINT_URL` CLI and boto3 reach iamd through an endpoint rule set (test/support/endpoint-override.ts).
 */

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';
import { writeEndpointOverride } from '../support/endpoint-override.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { findAwsCliV2, findBoto3Python, missingTool } from '../support/tools.js';

const run = promisify(execFile);
const cli = findAwsCliV2();
if (!cli) missingTool('AWS CLI v2', requireAll());
const python = findBoto3Python();
if (!python) missingTool('boto3', requireAll());

const GITHUB = 'https://token.actions.githubusercontent.com';
const EKS = 'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const MAIN = 'repo:octo-org/octo-repo:ref:refs/heads/main';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let t: TestApp;
let dir: string;
let github: KeyPair;
let eks: KeyPair;
const role = (name: string) => `arn:aws:iam::${t.accountId}:role/${name}`;

async function idToken(issuer: string, claims: JWTPayload, pair = issuer === GITHUB ? github : eks): Promise<string> {
  const now = Math.floor(t.clock.now().getTime() / 1000);
  return new SignJWT({ aud: 'sts.amazonaws.com', iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: issuer === GITHUB ? 'gh-1' : 'eks-1' })
    .setIssuer(issuer)
    .sign(pair.privateKey);
}

beforeAll(async () => {
  github = await generateKeyPair('RS256', { extractable: true });
  eks = await generateKeyPair('RS256', { extractable: true });
  dir = mkdtempSync(join(tmpdir(), 'iamd-web-identity-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(
    jwksFile,
    JSON.stringify({
      [GITHUB]: { keys: [{ ...(await exportJWK(github.publicKey)), kid: 'gh-1', alg: 'RS256', use: 'sig' }] },
      [EKS]: { keys: [{ ...(await exportJWK(eks.publicKey)), kid: 'eks-1', alg: 'RS256', use: 'sig' }] },
    }),
  );
  t = await startTestApp({ oidcJwksFile: jwksFile });
  const { iam } = clientsFor(t, t.root);
  for (const Url of [GITHUB, EKS]) {
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url, ClientIDList: ['sts.amazonaws.com', 'other-app'] }));
  }
  const provider = (issuer: string) => `arn:aws:iam::${t.accountId}:oidc-provider/${issuer.slice('https://'.length)}`;
  const trust = (issuer: string, conditions: object) =>
    policyDocument({
      Effect: 'Allow',
      Principal: { Federated: provider(issuer) },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: conditions,
    });
  const gh = 'token.actions.githubusercontent.com';
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'gha-deploy',
      AssumeRolePolicyDocument: trust(GITHUB, {
        StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${gh}:sub`]: MAIN },
      }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'gha-tagged',
      AssumeRolePolicyDocument: policyDocument({
        Effect: 'Allow',
        Principal: { Federated: provider(GITHUB) },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { [`${gh}:aud`]: 'sts.amazonaws.com' } },
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'gha-tagged',
      PolicyName: 'blue-team-only',
      PolicyDocument: policyDocument({
        Effect: 'Allow',
        Action: 'iam:ListRoles',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
      }),
    }),
  );
  const eksHost = EKS.slice('https://'.length);
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'eks-app',
      AssumeRolePolicyDocument: trust(EKS, {
        StringEquals: { [`${eksHost}:sub`]: 'system:serviceaccount:ns:sa', [`${eksHost}:aud`]: 'sts.amazonaws.com' },
      }),
    }),
  );
});

afterAll(async () => {
  await t?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const clientConfig = () => ({ endpoint: t.endpoint, region: 'us-east-1', maxAttempts: 1 });
const callerArn = async (credentials: Parameters<typeof clientsFor>[1] | ReturnType<typeof fromWebToken>) => {
  const sts = new STSClient({ ...clientConfig(), credentials });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
};

describe('the JS SDK v3 web-identity providers', () => {
  it('fromWebToken: a GitHub Actions token for main assumes the deploy role', async () => {
    const credentials = fromWebToken({
      roleArn: role('gha-deploy'),
      webIdentityToken: await idToken(GITHUB, { sub: MAIN }),
      roleSessionName: 'gha-run-42',
      clientConfig: clientConfig(),
    });
    expect(await callerArn(credentials)).toBe(`arn:aws:sts::${t.accountId}:assumed-role/gha-deploy/gha-run-42`);
  });

  it('fromTokenFile: an EKS service-account token assumes the app role', async () => {
    const file = join(dir, 'eks-token');
    writeFileSync(file, await idToken(EKS, { sub: 'system:serviceaccount:ns:sa' }));
    const credentials = fromTokenFile({
      webIdentityTokenFile: file,
      roleArn: role('eks-app'),
      clientConfig: clientConfig(),
    });
    expect(await callerArn(credentials)).toMatch(new RegExp(`^arn:aws:sts::${t.accountId}:assumed-role/eks-app/`));
  });

  it('returns the response fields AWS documents', async () => {
    const sts = new STSClient({ ...clientConfig(), credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role('gha-deploy'),
        RoleSessionName: 'fields',
        WebIdentityToken: await idToken(GITHUB, { sub: MAIN }),
        DurationSeconds: 900,
      }),
    );
    expect(out).toMatchObject({
      SubjectFromWebIdentityToken: MAIN,
      Provider: GITHUB,
      Audience: 'sts.amazonaws.com',
      AssumedRoleUser: { Arn: `arn:aws:sts::${t.accountId}:assumed-role/gha-deploy/fields` },
    });
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const lifetime = out.Credentials!.Expiration!.getTime() - t.clock.now().getTime();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
  });

  it.each([
    ['another repository', GITHUB, 'gha-deploy', { sub: 'repo:octo-org/other-repo:ref:refs/heads/main' }],
    ['another branch', GITHUB, 'gha-deploy', { sub: 'repo:octo-org/octo-repo:ref:refs/heads/feature' }],
    ['another audience the provider knows', GITHUB, 'gha-deploy', { sub: MAIN, aud: 'other-app' }],
    ['another namespace', EKS, 'eks-app', { sub: 'system:serviceaccount:other:sa' }],
    ['the other issuer', EKS, 'gha-deploy', { sub: MAIN }],
  ] as const)('denies %s with AccessDenied', async (_label, issuer, name, claims) => {
    const credentials = fromWebToken({
      roleArn: role(name),
      webIdentityToken: await idToken(issuer, claims),
      clientConfig: clientConfig(),
    });
    const error = await failure(callerArn(credentials));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toContain('sts:AssumeRoleWithWebIdentity');
  });

  it('carries session tags and a source identity from the token, when the trust policy allows them', async () => {
    const claims = {
      sub: MAIN,
      'https://aws.amazon.com/tags': { principal_tags: { team: ['blue'] }, transitive_tag_keys: ['team'] },
      'https://aws.amazon.com/source_identity': 'octocat',
    };
    const sts = new STSClient({ ...clientConfig(), credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role('gha-tagged'),
        RoleSessionName: 'tagged',
        WebIdentityToken: await idToken(GITHUB, claims),
      }),
    );
    expect(out.SourceIdentity).toBe('octocat');
    const session = new IAMClient({
      ...clientConfig(),
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    // The role's only permission needs aws:PrincipalTag/team = blue, which only the token's session tag provides.
    await expect(session.send(new ListRolesCommand({}))).resolves.toBeDefined();
    // The deploy role's trust policy does not allow sts:TagSession: a token carrying tags cannot assume it.
    const refused = fromWebToken({
      roleArn: role('gha-deploy'),
      webIdentityToken: await idToken(GITHUB, claims),
      clientConfig: clientConfig(),
    });
    expect((await failure(callerArn(refused))).name).toBe('AccessDenied');
  });

  it('refuses an audience the provider does not know, and a forged signature, as invalid tokens', async () => {
    for (const token of [
      await idToken(GITHUB, { sub: MAIN, aud: 'unknown-app' }),
      await idToken(GITHUB, { sub: MAIN }, eks),
    ]) {
      const credentials = fromWebToken({
        roleArn: role('gha-deploy'),
        webIdentityToken: token,
        clientConfig: clientConfig(),
      });
      expect((await failure(callerArn(credentials))).name).toBe('InvalidIdentityTokenException');
    }
  });

  it('refuses an expired token with ExpiredTokenException', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const credentials = fromWebToken({
      roleArn: role('gha-deploy'),
      webIdentityToken: await idToken(GITHUB, { sub: MAIN, iat: now - 3600, exp: now - 600 }),
      clientConfig: clientConfig(),
    });
    expect((await failure(callerArn(credentials))).name).toBe('ExpiredTokenException');
  });
});

/** Environment for a CLI or boto3 process that finds its web identity the way EKS and GitHub Actions set it up. */
async function webIdentityEnv(name: string, token: string): Promise<Record<string, string>> {
  const home = mkdtempSync(join(dir, 'home-'));
  const tokenFile = join(home, 'token');
  writeFileSync(tokenFile, token);
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ROLE_ARN: role(name),
    AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
    AWS_ROLE_SESSION_NAME: 'from-env',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_DATA_PATH: writeEndpointOverride(home, 'sts', '2011-06-15', t.endpoint),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
}

describe.skipIf(!cli)(`${cli?.version ?? 'the AWS CLI v2'} with AWS_WEB_IDENTITY_TOKEN_FILE`, () => {
  const callerIdentity = async (env: Record<string, string>) =>
    run(cli!.path, ['--endpoint-url', t.endpoint, '--output', 'json', 'sts', 'get-caller-identity'], { env }).then(
      ({ stdout }) => ({ ok: true as const, arn: JSON.parse(stdout).Arn as string }),
      (error: { stderr?: string }) => ({ ok: false as const, stderr: error.stderr ?? '' }),
    );

  it('assumes the role for the right repository and branch, and is refused for another branch', async () => {
    const allowed = await callerIdentity(await webIdentityEnv('gha-deploy', await idToken(GITHUB, { sub: MAIN })));
    expect(allowed).toEqual({ ok: true, arn: `arn:aws:sts::${t.accountId}:assumed-role/gha-deploy/from-env` });
    const denied = await callerIdentity(
      await webIdentityEnv('gha-deploy', await idToken(GITHUB, { sub: 'repo:octo-org/octo-repo:ref:refs/heads/dev' })),
    );
    expect(denied.ok).toBe(false);
    expect(denied.ok ? '' : denied.stderr).toContain('AccessDenied');
  });
});

describe.skipIf(!python)(`boto3 ${python?.version ?? ''} with AWS_WEB_IDENTITY_TOKEN_FILE`, () => {
  const script = [
    'import boto3, json, sys',
    's = boto3.Session()',
    'c = s.get_credentials()',
    'print(json.dumps({"method": c.method, "arn": s.client("sts", endpoint_url=sys.argv[1]).get_caller_identity()["Arn"]}))',
  ].join('\n');

  it('assumes the role for the service account, and is refused for another namespace', async () => {
    const allowed = await run(python!.path, ['-c', script, t.endpoint], {
      env: await webIdentityEnv('eks-app', await idToken(EKS, { sub: 'system:serviceaccount:ns:sa' })),
    });
    expect(JSON.parse(allowed.stdout)).toEqual({
      method: 'assume-role-with-web-identity',
      arn: `arn:aws:sts::${t.accountId}:assumed-role/eks-app/from-env`,
    });
    const denied = await run(python!.path, ['-c', script, t.endpoint], {
      env: await webIdentityEnv('eks-app', await idToken(EKS, { sub: 'system:serviceaccount:other:sa' })),
    }).then(
      () => '',
      (error: { stderr?: string }) => error.stderr ?? '',
    );
    expect(denied).toContain('AccessDenied');
  });
});
