/**
 * The Terraform AWS provider's IAM call sequences (WIRE.md §6.2), replayed with the JS SDK v3: create, read, update
 * and destroy of aws_iam_role, aws_iam_policy, aws_iam_role_policy_attachment and aws_iam_instance_profile, with
 * every response field the provider reads checked the way it reads it (documents through Go's url.QueryUnescape,
 * ARNs parsed, dates as RFC 3339, tags from the Get* responses). The sequence runs on every storage backend:
 * memory, SQLite and PostgreSQL (skipped with a SKIP line when PostgreSQL is unreachable, unless
 * IAMD_TEST_REQUIRE_ALL=1).
 */

import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagPolicyCommand,
  TagRoleCommand,
  UntagInstanceProfileCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArn } from '../../src/arn/index.js';
import { requireAll, startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';

const postgresUrl = process.env['IAMD_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `iamd_tf_${randomBytes(6).toString('hex')}`;
const dataDirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'iamd-tf-'));
  dataDirs.push(dir);
  return dir;
};

/** Runs one statement as the PostgreSQL superuser; false when the server is unreachable. */
async function postgres(statement: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(statement);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const hasPostgres = await postgres(`create schema ${schema}`);
if (!hasPostgres) {
  const message = 'PostgreSQL not reachable: skipping the Terraform sequence on PostgreSQL';
  if (requireAll()) throw new Error(`${message}; IAMD_TEST_REQUIRE_ALL=1 forbids skipping`);
  console.warn(`SKIP: ${message}`);
}

afterAll(async () => {
  if (hasPostgres) await postgres(`drop schema if exists ${schema} cascade`);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const backends: readonly { name: string; skip: boolean; overrides: () => Record<string, unknown> }[] = [
  { name: 'memory', skip: false, overrides: () => ({}) },
  { name: 'SQLite', skip: false, overrides: () => ({ storage: 'sqlite', dataDir: dataDir() }) },
  {
    name: 'PostgreSQL',
    skip: !hasPostgres,
    overrides: () => ({
      dataDir: dataDir(),
      databaseUrl: `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    }),
  },
];

describe.each(backends)('Terraform IAM sequences on $name', ({ skip, overrides }) => {
  let t: TestApp;
  let iam: IAMClient;

  /** Go's url.QueryUnescape, which the provider applies to every policy document: `+` becomes a space. */
  const queryUnescape = (text: string): string => decodeURIComponent(text.replace(/\+/g, ' '));

  /** What `verify.SuppressEquivalentPolicyDiffs` compares: the JSON value. */
  const sameDocument = (returned: string | undefined, sent: string) =>
    expect(JSON.parse(queryUnescape(returned ?? ''))).toEqual(JSON.parse(sent));

  /** The provider formats dates with RFC 3339 and parses ARNs; both must succeed. */
  const rfc3339 = (date: Date | undefined) => {
    expect(date).toBeInstanceOf(Date);
    expect(Number.isNaN(date!.getTime())).toBe(false);
  };

  /** The provider's paginated ListAttachedRolePolicies, filtered by ARN (role_policy_attachment Read). */
  async function attachedArns(roleName: string): Promise<string[]> {
    const arns: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: roleName, MaxItems: 1, Marker: marker }),
      );
      arns.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker !== undefined);
    return arns;
  }

  // Spaces, `+`, `&`, `=` and non-ASCII: everything url.QueryUnescape would mangle if sent unencoded.
  const trust = policyDocument({
    Sid: 'TrustEc2',
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringLike: { 'aws:RequestTag/note': 'a+b c&d=é' } },
  });
  const readPolicy = policyDocument({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' });

  beforeAll(async () => {
    if (skip) return;
    t = await startTestApp(overrides());
    iam = clientsFor(t, t.root).iam;
  });

  afterAll(async () => {
    await t?.app.close();
  });

  describe.skipIf(skip)('provider start-up', () => {
    it('answers the account discovery calls', async () => {
      const sts = clientsFor(t, t.root).sts;
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(parseArn(identity.Arn!)?.account).toBe(t.accountId);
      expect((await iam.send(new GetUserCommand({}))).User?.Arn).toBe(`arn:aws:iam::${t.accountId}:root`);
      const roles = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
      expect(roles.IsTruncated).toBe(false);
    });
  });

  describe.skipIf(skip)(
    'aws_iam_role + aws_iam_policy + aws_iam_role_policy_attachment + aws_iam_instance_profile',
    () => {
      const roleName = 'tf-app-role';
      let policyArn = '';

      it('creates the role and reads it back', async () => {
        const created = await iam.send(
          new CreateRoleCommand({
            RoleName: roleName,
            Path: '/tf/',
            AssumeRolePolicyDocument: trust,
            Description: 'managed by terraform',
            MaxSessionDuration: 3600,
            Tags: [{ Key: 'env', Value: 'test' }],
          }),
        );
        expect(created.Role?.RoleName).toBe(roleName);
        await iam.send(
          new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'inline', PolicyDocument: readPolicy }),
        );

        const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
        // waitRoleARNIsNotUniqueID: the ARN must parse and must not be the unique id.
        expect(parseArn(role.Arn!)).toMatchObject({
          service: 'iam',
          account: t.accountId,
          resource: `role/tf/${roleName}`,
        });
        expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
        rfc3339(role.CreateDate);
        sameDocument(role.AssumeRolePolicyDocument, trust);
        expect(role).toMatchObject({
          Path: '/tf/',
          Description: 'managed by terraform',
          MaxSessionDuration: 3600,
          Tags: [{ Key: 'env', Value: 'test' }],
        });
        expect(role.RoleLastUsed).toBeDefined();

        const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
        expect(inline.PolicyNames).toEqual(['inline']);
        const got = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: 'inline' }));
        sameDocument(got.PolicyDocument, readPolicy);
        expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies).toEqual(
          [],
        );
      });

      it('creates the policy and reads it with its default version', async () => {
        const created = await iam.send(
          new CreatePolicyCommand({
            PolicyName: 'tf-read',
            Path: '/tf/',
            Description: 'read',
            PolicyDocument: readPolicy,
            Tags: [{ Key: 'owner', Value: 'tf' }],
          }),
        );
        policyArn = created.Policy!.Arn!;
        const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy!;
        expect(policy).toMatchObject({
          PolicyName: 'tf-read',
          Path: '/tf/',
          Description: 'read',
          DefaultVersionId: 'v1',
          AttachmentCount: 0,
          Tags: [{ Key: 'owner', Value: 'tf' }],
        });
        expect(parseArn(policy.Arn!)?.resource).toBe('policy/tf/tf-read');
        const version = await iam.send(
          new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId }),
        );
        sameDocument(version.PolicyVersion?.Document, readPolicy);
      });

      it('attaches the policy and finds exactly one attachment', async () => {
        await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
        expect((await attachedArns(roleName)).filter((arn) => arn === policyArn)).toHaveLength(1);
        expect((await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy?.AttachmentCount).toBe(1);
      });

      it('creates the instance profile, adds the role and reads both', async () => {
        const missing = await failure(
          iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'tf-profile', RoleName: roleName })),
        );
        expect(missing.name).toBe('NoSuchEntityException');
        await iam.send(
          new CreateInstanceProfileCommand({
            InstanceProfileName: 'tf-profile',
            Path: '/tf/',
            Tags: [{ Key: 'a', Value: 'b' }],
          }),
        );
        await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'tf-profile' }));
        // The provider retries while the role is not yet visible: that error must name the role this way.
        const noRole = await failure(
          iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'tf-profile', RoleName: 'not-yet' })),
        );
        expect(noRole.message).toMatch(/^The role with name not-yet cannot be found/);
        await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'tf-profile', RoleName: roleName }));
        const profile = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'tf-profile' })))
          .InstanceProfile!;
        expect(parseArn(profile.Arn!)?.resource).toBe('instance-profile/tf/tf-profile');
        expect(profile.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
        rfc3339(profile.CreateDate);
        expect(profile.Tags).toEqual([{ Key: 'a', Value: 'b' }]);
        expect(profile.Roles?.map((r) => r.RoleName)).toEqual([roleName]);
        sameDocument(profile.Roles?.[0]?.AssumeRolePolicyDocument, trust);
        await iam.send(new GetRoleCommand({ RoleName: profile.Roles![0]!.RoleName }));
      });

      it('applies the updates of a second plan', async () => {
        const newTrust = policyDocument({
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        });
        await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: newTrust }));
        await iam.send(new UpdateRoleDescriptionCommand({ RoleName: roleName, Description: 'changed' }));
        await iam.send(new UpdateRoleCommand({ RoleName: roleName, MaxSessionDuration: 7200 }));
        await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: roleName, PermissionsBoundary: policyArn }));
        await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: 'tier', Value: 'web' }] }));
        await iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: ['env'] }));
        await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: 'inline' }));
        const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!;
        sameDocument(role.AssumeRolePolicyDocument, newTrust);
        expect(role).toMatchObject({
          Description: 'changed',
          MaxSessionDuration: 7200,
          PermissionsBoundary: {
            PermissionsBoundaryArn: policyArn,
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          },
          Tags: [{ Key: 'tier', Value: 'web' }],
        });
        expect((await iam.send(new ListRoleTagsCommand({ RoleName: roleName }))).Tags).toEqual([
          { Key: 'tier', Value: 'web' },
        ]);
        await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: roleName }));

        // aws_iam_policy Update, six times: prune the oldest non-default version once there are five.
        for (let i = 0; i < 6; i++) {
          const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions ?? [];
          if (versions.length >= 5) {
            const oldest = versions
              .filter((v) => !v.IsDefaultVersion)
              .sort((a, b) => a.CreateDate!.getTime() - b.CreateDate!.getTime())[0]!;
            await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: oldest.VersionId }));
          }
          const doc = policyDocument({ Effect: 'Allow', Action: `s3:GetObjectVersion${i}`, Resource: '*' });
          await iam.send(
            new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: doc, SetAsDefault: true }),
          );
          const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))).Policy!;
          const current = await iam.send(
            new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId }),
          );
          sameDocument(current.PolicyVersion?.Document, doc);
        }
        expect((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions).toHaveLength(5);
        await iam.send(new TagPolicyCommand({ PolicyArn: policyArn, Tags: [{ Key: 'new', Value: '1' }] }));
        await iam.send(new UntagPolicyCommand({ PolicyArn: policyArn, TagKeys: ['owner'] }));
        expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn }))).Tags).toEqual([
          { Key: 'new', Value: '1' },
        ]);
        await iam.send(
          new TagInstanceProfileCommand({ InstanceProfileName: 'tf-profile', Tags: [{ Key: 'c', Value: 'd' }] }),
        );
        await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'tf-profile', TagKeys: ['a'] }));
        expect(
          (await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tf-profile' }))).Tags,
        ).toEqual([{ Key: 'c', Value: 'd' }]);
      });

      it('destroys everything in the provider order, treating NoSuchEntity as done', async () => {
        // aws_iam_instance_profile Delete.
        await iam.send(
          new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'tf-profile', RoleName: roleName }),
        );
        await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'tf-profile' }));
        // aws_iam_role_policy_attachment Delete (twice: the second NoSuchEntity is success to the provider).
        await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
        expect(
          (await failure(iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })))).name,
        ).toBe('NoSuchEntityException');
        // aws_iam_role Delete.
        for (const p of (await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName })))
          .InstanceProfiles ?? []) {
          await iam.send(
            new RemoveRoleFromInstanceProfileCommand({
              InstanceProfileName: p.InstanceProfileName,
              RoleName: roleName,
            }),
          );
        }
        for (const p of (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName })))
          .AttachedPolicies ?? []) {
          await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: p.PolicyArn }));
        }
        for (const name of (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? []) {
          await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
        }
        await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
        expect((await failure(iam.send(new GetRoleCommand({ RoleName: roleName })))).name).toBe(
          'NoSuchEntityException',
        );
        // aws_iam_policy Delete.
        for (const v of (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }))).Versions ?? []) {
          if (!v.IsDefaultVersion)
            await iam.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: v.VersionId }));
        }
        await iam.send(new DeletePolicyCommand({ PolicyArn: policyArn }));
        expect((await failure(iam.send(new GetPolicyCommand({ PolicyArn: policyArn })))).name).toBe(
          'NoSuchEntityException',
        );
      });
    },
  );
});
