/**
 * Two accounts on one iamd: cross-account AssumeRole needs both the other account's trust policy and the caller's
 * own identity policy, and trust in a deleted role is not inherited by a new role of the same name (IAM keeps
 * trust principals by unique id).
 */

import {
  CreateAccountAliasCommand,
  CreateAccessKeyCommand,
  DeleteAccountAliasCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  ListAccountAliasesCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { type Credentials, clientsFor, failure, policyDocument } from '../support/aws-clients.js';

const B = '222233334444';
let t: TestApp;
let a: ReturnType<typeof clientsFor>;
let b: ReturnType<typeof clientsFor>;

const trusting = (principal: string) =>
  policyDocument({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });
const allow = (action: string, resource = '*') =>
  policyDocument({ Effect: 'Allow', Action: action, Resource: resource });

async function assume(credentials: Credentials, roleArn: string, name = 'session') {
  const c = (
    await clientsFor(t, credentials).sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: name }))
  ).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

beforeAll(async () => {
  t = await startTestApp();
  const created = await t.app.services.ensureAccount(B);
  a = clientsFor(t, t.root);
  b = clientsFor(t, { accessKeyId: created.accessKeyId!, secretAccessKey: created.secretAccessKey! });
});

afterAll(async () => {
  await t?.app.close();
});

describe('cross-account trust', () => {
  it("lets a user of A assume B's role only with both B's trust and A's permission", async () => {
    const role = await b.iam.send(
      new CreateRoleCommand({
        RoleName: 'shared',
        AssumeRolePolicyDocument: trusting(`arn:aws:iam::${t.accountId}:root`),
      }),
    );
    const roleArn = role.Role!.Arn!;
    const user = async (name: string, policy?: string) => {
      await a.iam.send(new CreateUserCommand({ UserName: name }));
      if (policy)
        await a.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
      const key = (await a.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    };
    const dev = await user('dev', allow('sts:AssumeRole', roleArn));
    const session = await assume(dev, roleArn);
    const identity = await clientsFor(t, session).sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: B, Arn: `arn:aws:sts::${B}:assumed-role/shared/session` });

    const plain = await user('plain');
    const denied = await failure(
      clientsFor(t, plain).sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'x1' })),
    );
    expect(denied.name).toBe('AccessDenied');

    const untrusted = await b.iam.send(
      new CreateRoleCommand({ RoleName: 'closed', AssumeRolePolicyDocument: trusting(`arn:aws:iam::${B}:root`) }),
    );
    const closed = await failure(
      clientsFor(t, dev).sts.send(new AssumeRoleCommand({ RoleArn: untrusted.Role!.Arn!, RoleSessionName: 'x2' })),
    );
    expect(closed.name).toBe('AccessDenied');
  });

  it('does not carry trust over to a new role with the name of a deleted one', async () => {
    const ciTrust = trusting(`arn:aws:iam::${t.accountId}:root`);
    const ciArn = `arn:aws:iam::${t.accountId}:role/ci`;
    await a.iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: ciTrust }));
    await a.iam.send(
      new PutRolePolicyCommand({ RoleName: 'ci', PolicyName: 'p', PolicyDocument: allow('sts:AssumeRole') }),
    );
    const deployArn = (
      await b.iam.send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: trusting(ciArn) }))
    ).Role!.Arn!;
    const firstId = (await a.iam.send(new GetRoleCommand({ RoleName: 'ci' }))).Role!.RoleId!;

    const ci = await assume(t.root, ciArn);
    await expect(assume(ci, deployArn)).resolves.toBeDefined();

    await a.iam.send(new DeleteRolePolicyCommand({ RoleName: 'ci', PolicyName: 'p' }));
    await a.iam.send(new DeleteRoleCommand({ RoleName: 'ci' }));
    const shown = (await b.iam.send(new GetRoleCommand({ RoleName: 'deploy' }))).Role!.AssumeRolePolicyDocument!;
    expect(JSON.parse(decodeURIComponent(shown)).Statement[0].Principal.AWS).toBe(firstId);

    await a.iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: ciTrust }));
    await a.iam.send(
      new PutRolePolicyCommand({ RoleName: 'ci', PolicyName: 'p', PolicyDocument: allow('sts:AssumeRole') }),
    );
    const newCi = await assume(t.root, ciArn);
    expect(
      (
        await failure(
          clientsFor(t, newCi).sts.send(new AssumeRoleCommand({ RoleArn: deployArn, RoleSessionName: 'x3' })),
        )
      ).name,
    ).toBe('AccessDenied');
  });
});

describe('account settings', () => {
  it('keeps one alias per account, unique across accounts', async () => {
    await a.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-dev' }));
    expect((await a.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-dev']);
    const taken = await failure(b.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-dev' })));
    expect(taken).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
    const wrong = await failure(a.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'other' })));
    expect(wrong.message).toBe('The account alias other cannot be found.');
    await a.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'acme-dev' }));
    expect((await a.iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await b.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-dev' }));
  });

  it('summarises the account and details its authorization, page by page', async () => {
    const summary = (await b.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(summary).toMatchObject({ Roles: 3, Users: 0, Policies: 0, RolesQuota: 1000, AccessKeysPerUserQuota: 2 });
    const first = await b.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], MaxItems: 2 }));
    expect(first.RoleDetailList?.map((r) => r.RoleName)).toEqual(['closed', 'deploy']);
    expect(first.IsTruncated).toBe(true);
    const rest = await b.iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'], Marker: first.Marker }),
    );
    expect(rest.RoleDetailList?.map((r) => r.RoleName)).toEqual(['shared']);
    expect(
      JSON.parse(decodeURIComponent(rest.RoleDetailList![0]!.AssumeRolePolicyDocument!)).Statement[0].Principal.AWS,
    ).toBe(`arn:aws:iam::${t.accountId}:root`);
    expect(rest.UserDetailList).toEqual([]);
  });
});
