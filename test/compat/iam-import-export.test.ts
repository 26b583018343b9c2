/**
 * Import and export of `get-account-authorization-details` documents: a realistic account of several hundred
 * entities imports completely, exports to the same information, and re-imports into another account losslessly
 * (export → import → export is a fixed point up to the account id). Re-importing changes nothing.
 */

import { GetRoleCommand, ListAttachedUserPoliciesCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DetailsDocument, exportDetails } from '../../src/core/iam/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor } from '../support/aws-clients.js';

const SOURCE = '123456789012';
const TARGET = '000000000000';
const COPY = '210987654321';

/** Deterministic pseudo-random choices, so the document is the same on every run. */
function chooser(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

const id = (prefix: string, i: number) =>
  `${prefix}${String(i)
    .padStart(17, 'A')
    .replace(/\d/g, (d) => 'BCDEFGHIJK'[Number(d)]!)}`;
const statement = (action: string, resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const iso = (day: number) => new Date(Date.UTC(2022, 0, 1 + day)).toISOString();

/** An account the way `aws iam get-account-authorization-details` prints it. */
function realisticAccount(): DetailsDocument {
  const pick = chooser(42);
  const arn = (type: string, path: string, name: string) => `arn:aws:iam::${SOURCE}:${type}${path}${name}`;
  const policies = Array.from({ length: 120 }, (_, i) => {
    const versions = 1 + pick(5);
    const defaultVersion = 1 + pick(versions);
    const path = i % 3 === 0 ? '/team/' : '/';
    return {
      PolicyName: `policy-${i}`,
      PolicyId: id('ANPA', i),
      Arn: arn('policy', path, `policy-${i}`),
      Path: path,
      DefaultVersionId: `v${defaultVersion}`,
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      ...(i % 4 === 0 ? { Description: `policy number ${i}` } : {}),
      CreateDate: iso(i),
      UpdateDate: iso(i + 10),
      PolicyVersionList: Array.from({ length: versions }, (_, v) => ({
        Document: statement(`s3:GetObject${v}`, `arn:aws:s3:::bucket-${i}/*`),
        VersionId: `v${v + 1}`,
        IsDefaultVersion: v + 1 === defaultVersion,
        CreateDate: iso(i + v),
      })),
    };
  });
  const attached = () =>
    Array.from({ length: pick(4) }, () => policies[pick(policies.length)]!).map((p) => ({
      PolicyName: p.PolicyName,
      PolicyArn: p.Arn,
    }));
  const unique = <T extends { PolicyArn: string }>(items: T[]) => [
    ...new Map(items.map((x) => [x.PolicyArn, x])).values(),
  ];
  const groups = Array.from({ length: 30 }, (_, i) => ({
    Path: '/',
    GroupName: `group-${i}`,
    GroupId: id('AGPA', i),
    Arn: arn('group', '/', `group-${i}`),
    CreateDate: iso(i),
    GroupPolicyList: i % 2 ? [{ PolicyName: 'inline', PolicyDocument: statement('ec2:Describe*') }] : [],
    AttachedManagedPolicies: unique(attached()),
  }));
  const users = Array.from({ length: 150 }, (_, i) => ({
    Path: i % 5 === 0 ? '/ops/' : '/',
    UserName: `user-${i}`,
    UserId: id('AIDA', i),
    Arn: arn('user', i % 5 === 0 ? '/ops/' : '/', `user-${i}`),
    CreateDate: iso(i),
    UserPolicyList: i % 3 ? [] : [{ PolicyName: `own-${i}`, PolicyDocument: statement('sqs:SendMessage') }],
    GroupList: [...new Set(Array.from({ length: pick(3) }, () => `group-${pick(groups.length)}`))].sort(),
    AttachedManagedPolicies: unique([
      ...attached(),
      ...(i % 10 === 0 ? [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] : []),
    ]),
    ...(i % 7 === 0
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: policies[0]!.Arn,
          },
        }
      : {}),
    Tags: i % 2 ? [{ Key: 'team', Value: `t${i % 4}` }] : [],
  }));
  const roles = Array.from({ length: 200 }, (_, i) => ({
    Path: i % 4 === 0 ? '/service/' : '/',
    RoleName: `role-${i}`,
    RoleId: id('AROA', i),
    Arn: arn('role', i % 4 === 0 ? '/service/' : '/', `role-${i}`),
    CreateDate: iso(i),
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: i % 2 ? { Service: 'ec2.amazonaws.com' } : { AWS: `arn:aws:iam::${SOURCE}:root` },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    InstanceProfileList:
      i % 3 === 0
        ? [
            {
              Path: '/',
              InstanceProfileName: `profile-${i}`,
              InstanceProfileId: id('AIPA', i),
              Arn: arn('instance-profile', '/', `profile-${i}`),
              CreateDate: iso(i),
              Roles: [],
              Tags: [],
            },
          ]
        : [],
    RolePolicyList: i % 2 ? [{ PolicyName: 'inline', PolicyDocument: statement('logs:PutLogEvents') }] : [],
    AttachedManagedPolicies: unique(attached()),
    Tags: i % 3 ? [{ Key: 'app', Value: `a${i}` }] : [],
    RoleLastUsed: {},
  }));
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies };
}

/** The document with one account id replaced by another, through JSON (dates become ISO strings). */
const asAccount = (document: unknown, from: string, to: string) =>
  JSON.parse(JSON.stringify(document).split(`arn:aws:iam::${from}:`).join(`arn:aws:iam::${to}:`));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.services.ensureAccount(COPY);
});
afterAll(async () => {
  await t?.app.close();
});

describe('import and export of authorization details', () => {
  it('imports several hundred entities, exports the same information, and round-trips losslessly', async () => {
    const input = realisticAccount();
    const iam = t.app.services.iam;
    const steps: number[] = [];
    const report = await iam.importer.apply(TARGET, input, (done) => steps.push(done));
    expect(report.created).toEqual({ users: 150, groups: 30, roles: 200, policies: 120, instanceProfiles: 67 });
    expect(report.warnings).toEqual([]);
    expect(steps.at(-1)).toBe(500);

    const exported = await exportDetails(iam.authorizationDetails, TARGET);
    const expected = asAccount(input, SOURCE, TARGET);
    expect(exported['UserDetailList']).toHaveLength(150);
    expect(exported['RoleDetailList']).toHaveLength(200);
    // Every customer managed policy, and the one AWS managed policy the users attach.
    expect(exported['Policies']).toHaveLength(121);
    const byName = <T extends Record<string, unknown>>(items: unknown, key: string) =>
      new Map((items as T[]).map((item) => [item[key] as string, item]));
    const users = byName(asAccount(exported['UserDetailList'], TARGET, TARGET), 'UserName');
    for (const user of expected.UserDetailList) expect(users.get(user.UserName)).toMatchObject(user);
    const groups = byName(asAccount(exported['GroupDetailList'], TARGET, TARGET), 'GroupName');
    for (const group of expected.GroupDetailList) expect(groups.get(group.GroupName)).toMatchObject(group);
    const roles = byName(asAccount(exported['RoleDetailList'], TARGET, TARGET), 'RoleName');
    for (const role of expected.RoleDetailList) {
      const { InstanceProfileList, ...rest } = role;
      const got = roles.get(role.RoleName) as { InstanceProfileList: { InstanceProfileName: string }[] };
      expect(got).toMatchObject(rest);
      expect(got.InstanceProfileList.map((p) => p.InstanceProfileName)).toEqual(
        InstanceProfileList.map((p: { InstanceProfileName: string }) => p.InstanceProfileName),
      );
    }
    const policies = byName(asAccount(exported['Policies'], TARGET, TARGET), 'Arn');
    for (const policy of expected.Policies) {
      const { AttachmentCount: _a, PermissionsBoundaryUsageCount: _b, ...rest } = policy;
      expect(policies.get(policy.Arn)).toMatchObject(rest);
    }

    // Lossless: export → import elsewhere → export gives the same document, account id aside.
    await iam.importer.apply(COPY, exported as DetailsDocument);
    const copied = await exportDetails(iam.authorizationDetails, COPY);
    expect(asAccount(copied, COPY, TARGET)).toEqual(asAccount(exported, TARGET, TARGET));

    // Idempotent: applying the document again creates nothing and changes nothing.
    const again = await iam.importer.apply(TARGET, input);
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(asAccount(await exportDetails(iam.authorizationDetails, TARGET), TARGET, TARGET)).toEqual(
      asAccount(exported, TARGET, TARGET),
    );
  });

  it('serves imported entities through the API, with their ids, documents and effective policies', async () => {
    const admin = clientsFor(t, t.root).iam;
    const role = (await admin.send(new GetRoleCommand({ RoleName: 'role-4' }))).Role!;
    expect(role).toMatchObject({
      RoleId: id('AROA', 4),
      Arn: `arn:aws:iam::${TARGET}:role/service/role-4`,
      Path: '/service/',
    });
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)).Statement[0].Principal.AWS).toBe(
      `arn:aws:iam::${TARGET}:root`,
    );
    const attached = await admin.send(new ListAttachedUserPoliciesCommand({ UserName: 'user-0' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const simulated = await admin.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${TARGET}:user/user-3`,
        ActionNames: ['sqs:SendMessage'],
      }),
    );
    expect(simulated.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });
});
