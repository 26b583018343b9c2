/**
 * Roles, managed policies with versions, and instance profiles through the JS SDK v3: updates, boundaries, tags,
 * versions, usage counts, the entities of a policy, and the conflicts IAM reports on delete.
 */

import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteInstanceProfileCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DeleteServiceLinkedRoleCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  ListEntitiesForPolicyCommand,
  ListInstanceProfileTagsCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  SetDefaultPolicyVersionCommand,
  TagInstanceProfileCommand,
  TagPolicyCommand,
  TagRoleCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>['iam'];
const trust = policyDocument({
  Effect: 'Allow',
  Principal: { Service: 'ec2.amazonaws.com' },
  Action: 'sts:AssumeRole',
});
const allow = (action: string) => policyDocument({ Effect: 'Allow', Action: action, Resource: '*' });

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root).iam;
});

afterAll(async () => {
  await t?.app.close();
});

describe('roles', () => {
  it('updates description, session duration, trust policy, boundary and tags', async () => {
    await admin.send(
      new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'a', Value: '1' }] }),
    );
    await admin.send(new UpdateRoleCommand({ RoleName: 'app', MaxSessionDuration: 7200 }));
    const described = await admin.send(new UpdateRoleDescriptionCommand({ RoleName: 'APP', Description: 'the app' }));
    expect(described.Role).toMatchObject({ RoleName: 'app', Description: 'the app', MaxSessionDuration: 7200 });
    const newTrust = policyDocument({
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    await admin.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: newTrust }));
    const bad = await failure(
      admin.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: '{"Statement":' })),
    );
    expect(bad.name).toBe('MalformedPolicyDocumentException');

    const boundary = await admin.send(
      new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: allow('s3:*') }),
    );
    await admin.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'app', PermissionsBoundary: boundary.Policy!.Arn }),
    );
    await admin.send(new TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'b', Value: '2' }] }));
    await admin.send(new UntagRoleCommand({ RoleName: 'app', TagKeys: ['a'] }));
    const role = (await admin.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    expect(role).toMatchObject({
      Description: 'the app',
      MaxSessionDuration: 7200,
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: boundary.Policy!.Arn,
      },
      Tags: [{ Key: 'b', Value: '2' }],
    });
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(newTrust));
    expect((await admin.send(new ListRoleTagsCommand({ RoleName: 'app' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const usage = await admin.send(new GetPolicyCommand({ PolicyArn: boundary.Policy!.Arn }));
    expect(usage.Policy).toMatchObject({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 1 });
    const inUse = await failure(admin.send(new DeletePolicyCommand({ PolicyArn: boundary.Policy!.Arn })));
    expect(inUse.name).toBe('DeleteConflictException');
    await admin.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'app' }));
    expect((await admin.send(new GetRoleCommand({ RoleName: 'app' }))).Role?.PermissionsBoundary).toBeUndefined();
  });

  it('reports DeleteConflict until profiles, attachments and inline policies are gone', async () => {
    await admin.send(new CreateRoleCommand({ RoleName: 'doomed', AssumeRolePolicyDocument: trust }));
    const first = (await admin.send(new GetRoleCommand({ RoleName: 'doomed' }))).Role!.RoleId;
    const policy = await admin.send(
      new CreatePolicyCommand({ PolicyName: 'doomed-p', PolicyDocument: allow('s3:GetObject') }),
    );
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'doomed', PolicyArn: policy.Policy!.Arn }));
    await admin.send(
      new PutRolePolicyCommand({ RoleName: 'doomed', PolicyName: 'inline', PolicyDocument: allow('s3:ListBucket') }),
    );
    await admin.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'doomed-ip' }));
    await admin.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'doomed-ip', RoleName: 'doomed' }));

    const step = async (message: string) =>
      expect((await failure(admin.send(new DeleteRoleCommand({ RoleName: 'doomed' })))).message).toBe(message);
    await step('Cannot delete entity, must remove roles from instance profile first.');
    const profiles = await admin.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'doomed' }));
    expect(profiles.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['doomed-ip']);
    await admin.send(
      new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'doomed-ip', RoleName: 'doomed' }),
    );
    await step('Cannot delete entity, must detach all policies first.');
    await admin.send(new DetachRolePolicyCommand({ RoleName: 'doomed', PolicyArn: policy.Policy!.Arn }));
    await step('Cannot delete entity, must delete policies first.');
    expect((await admin.send(new ListRolePoliciesCommand({ RoleName: 'doomed' }))).PolicyNames).toEqual(['inline']);
    await admin.send(new DeleteRolePolicyCommand({ RoleName: 'doomed', PolicyName: 'inline' }));
    await admin.send(new DeleteRoleCommand({ RoleName: 'doomed' }));

    await admin.send(new CreateRoleCommand({ RoleName: 'doomed', AssumeRolePolicyDocument: trust }));
    expect((await admin.send(new GetRoleCommand({ RoleName: 'doomed' }))).Role!.RoleId).not.toBe(first);
  });

  it('reports RoleLastUsed once a session has used the role', async () => {
    await admin.send(new CreateRoleCommand({ RoleName: 'used', AssumeRolePolicyDocument: trust }));
    expect((await admin.send(new GetRoleCommand({ RoleName: 'used' }))).Role?.RoleLastUsed).toEqual({});
    await t.app.services.iam.roles.markUsed(t.accountId, 'used', 'eu-west-1');
    const used = (await admin.send(new GetRoleCommand({ RoleName: 'used' }))).Role?.RoleLastUsed;
    expect(used?.Region).toBe('eu-west-1');
    expect(used?.LastUsedDate).toBeInstanceOf(Date);
  });

  it('creates and deletes service-linked roles, which the account cannot change', async () => {
    const created = await admin.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com', Description: 'elb' }),
    );
    expect(created.Role).toMatchObject({
      RoleName: 'AWSServiceRoleForElasticLoadBalancing',
      Path: '/aws-service-role/elasticloadbalancing.amazonaws.com/',
      Description: 'elb',
    });
    const again = await failure(
      admin.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com' })),
    );
    expect(again.message).toBe(
      'Service role name AWSServiceRoleForElasticLoadBalancing has been taken in this account, please try a different suffix.',
    );
    const name = created.Role!.RoleName!;
    const protectedRole = await failure(admin.send(new DeleteRoleCommand({ RoleName: name })));
    expect(protectedRole).toMatchObject({
      name: 'UnmodifiableEntityException',
      message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
    });
    expect(
      (
        await failure(
          admin.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: allow('s3:*') })),
        )
      ).name,
    ).toBe('UnmodifiableEntityException');
    const task = await admin.send(new DeleteServiceLinkedRoleCommand({ RoleName: name }));
    expect(task.DeletionTaskId).toMatch(
      /^task\/aws-service-role\/elasticloadbalancing\.amazonaws\.com\/AWSServiceRoleForElasticLoadBalancing\//,
    );
    expect(
      (await admin.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task.DeletionTaskId }))).Status,
    ).toBe('SUCCEEDED');
    expect((await failure(admin.send(new GetRoleCommand({ RoleName: name })))).name).toBe('NoSuchEntityException');
  });

  it('refuses the service-linked role path', async () => {
    const error = await failure(
      admin.send(
        new CreateRoleCommand({ RoleName: 'slr', Path: '/aws-service-role/x/', AssumeRolePolicyDocument: trust }),
      ),
    );
    expect(error.name).toBe('InvalidInputException');
  });
});

describe('managed policy versions', () => {
  it('keeps at most five versions, switches the default and deletes non-default ones', async () => {
    const created = await admin.send(
      new CreatePolicyCommand({ PolicyName: 'versioned', PolicyDocument: allow('s3:GetObject') }),
    );
    const arn = created.Policy!.Arn!;
    for (const action of ['s3:PutObject', 's3:DeleteObject', 's3:ListBucket']) {
      await admin.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow(action) }));
    }
    const v5 = await admin.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('s3:*'), SetAsDefault: true }),
    );
    expect(v5.PolicyVersion).toMatchObject({ VersionId: 'v5', IsDefaultVersion: true });
    expect(v5.PolicyVersion?.Document).toBeUndefined();
    const sixth = await failure(
      admin.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('s3:x') })),
    );
    expect(sixth).toMatchObject({
      name: 'LimitExceededException',
      message:
        'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    const listed = await admin.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', true],
      ['v4', false],
      ['v3', false],
      ['v2', false],
      ['v1', false],
    ]);
    expect((await admin.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v5');

    await admin.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    const v2 = await admin.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    expect(v2.PolicyVersion?.IsDefaultVersion).toBe(true);
    expect(JSON.parse(decodeURIComponent(v2.PolicyVersion!.Document!))).toEqual(JSON.parse(allow('s3:PutObject')));
    const deleteDefault = await failure(
      admin.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })),
    );
    expect(deleteDefault).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete the default version of a policy.',
    });
    const missing = await failure(admin.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })));
    expect(missing.message).toBe(`Policy ${arn} version v9 does not exist or is not attachable.`);

    const hasVersions = await failure(admin.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(hasVersions.name).toBe('DeleteConflictException');
    for (const v of ['v1', 'v3', 'v4', 'v5'])
      await admin.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await admin.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('s3:GetObject') }));
    expect(
      (await admin.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.map((v) => v.VersionId),
    ).toEqual(['v3', 'v2']);
    await admin.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    await admin.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect((await failure(admin.send(new GetPolicyCommand({ PolicyArn: arn })))).message).toBe(
      `Policy ${arn} was not found.`,
    );
  });

  it('counts attachments accurately and lists the entities of a policy', async () => {
    const created = await admin.send(
      new CreatePolicyCommand({ PolicyName: 'shared', Path: '/p/', PolicyDocument: allow('s3:GetObject') }),
    );
    const arn = created.Policy!.Arn!;
    expect(created.Policy).toMatchObject({ AttachmentCount: 0, IsAttachable: true, Path: '/p/' });
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    await admin.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trust }));
    await admin.send(new CreateUserCommand({ UserName: 'u1' }));
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: arn }));
    await admin.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: arn }));
    await admin.send(new AttachUserPolicyCommand({ UserName: 'u1', PolicyArn: arn }));
    expect((await admin.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(2);
    const entities = await admin.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyRoles?.map((r) => r.RoleName)).toEqual(['r1']);
    expect(entities.PolicyUsers?.map((u) => u.UserName)).toEqual(['u1']);
    expect(entities.PolicyUsers?.[0]?.UserId).toMatch(/^AIDA/);
    expect(entities.PolicyGroups).toEqual([]);
    const rolesOnly = await admin.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    expect(rolesOnly.PolicyUsers).toEqual([]);

    const attachedLocal = await admin.send(
      new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true, PathPrefix: '/p/' }),
    );
    expect(attachedLocal.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['shared', 2]]);
    const conflict = await failure(admin.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(conflict.message).toBe('Cannot delete a policy attached to entities.');
    await admin.send(new DetachUserPolicyCommand({ UserName: 'u1', PolicyArn: arn }));
    expect((await admin.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);

    await admin.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'owner', Value: 'me' },
          { Key: 'x', Value: 'y' },
        ],
      }),
    );
    await admin.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['x'] }));
    expect((await admin.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([
      { Key: 'owner', Value: 'me' },
    ]);
    expect((await admin.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.Tags).toEqual([
      { Key: 'owner', Value: 'me' },
    ]);
  });

  it('hides the policies of other accounts', async () => {
    const other = await t.app.services.ensureAccount('210987654321');
    const otherIam = clientsFor(t, { accessKeyId: other.accessKeyId!, secretAccessKey: other.secretAccessKey! }).iam;
    const mine = await admin.send(
      new CreatePolicyCommand({ PolicyName: 'private', PolicyDocument: allow('s3:GetObject') }),
    );
    const error = await failure(otherIam.send(new GetPolicyCommand({ PolicyArn: mine.Policy!.Arn })));
    expect(error.name).toMatch(/NoSuchEntity|AccessDenied/);
    await otherIam.send(new CreateRoleCommand({ RoleName: 'theirs', AssumeRolePolicyDocument: trust }));
    const attach = await failure(
      otherIam.send(new AttachRolePolicyCommand({ RoleName: 'theirs', PolicyArn: mine.Policy!.Arn })),
    );
    expect(attach.name).toMatch(/NoSuchEntity|AccessDenied/);
  });
});

describe('instance profiles', () => {
  it('lists, tags, empties and deletes profiles', async () => {
    await admin.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/srv/', Tags: [{ Key: 'k', Value: 'v' }] }),
    );
    await admin.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'api' }));
    await admin.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: trust }));
    await admin.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
    const second = await failure(
      admin.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'app' })),
    );
    expect(second.name).toBe('LimitExceededException');

    const listed = await admin.send(new ListInstanceProfilesCommand({ PathPrefix: '/srv/' }));
    expect(listed.InstanceProfiles?.map((p) => [p.InstanceProfileName, p.Roles?.map((r) => r.RoleName)])).toEqual([
      ['web', ['web-role']],
    ]);
    expect(listed.InstanceProfiles?.[0]?.Arn).toBe(`arn:aws:iam::${t.accountId}:instance-profile/srv/web`);
    await admin.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web', Tags: [{ Key: 'k', Value: 'w' }] }));
    expect((await admin.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web' }))).Tags).toEqual([
      { Key: 'k', Value: 'w' },
    ]);
    const busy = await failure(admin.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })));
    expect(busy.message).toBe('Cannot delete entity, must remove roles from instance profile first.');
    await admin.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
    await admin.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    const gone = await failure(admin.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })));
    expect(gone).toMatchObject({ name: 'NoSuchEntityException', message: 'Instance Profile web cannot be found.' });
  });
});
