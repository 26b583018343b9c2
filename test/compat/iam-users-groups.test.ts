/**
 * Users, groups, memberships, access keys and the inline and managed policies of users and groups, through the
 * JS SDK v3: every field the SDK parses, pagination, and AWS's errors.
 */

import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure, policyDocument } from '../support/aws-clients.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>['iam'];

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root).iam;
});

afterAll(async () => {
  await t?.app.close();
});

describe('IAM users', () => {
  it('creates, reads, lists with pagination, renames and deletes a user', async () => {
    const created = await admin.send(
      new CreateUserCommand({ UserName: 'Alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'web' }] }),
    );
    expect(created.User).toMatchObject({
      UserName: 'Alice',
      Path: '/eng/',
      Arn: `arn:aws:iam::${t.accountId}:user/eng/Alice`,
      Tags: [{ Key: 'team', Value: 'web' }],
    });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    for (const name of ['u1', 'u2', 'u3', 'u4']) await admin.send(new CreateUserCommand({ UserName: name }));

    const first = await admin.send(new ListUsersCommand({ MaxItems: 2 }));
    expect(first.Users?.map((u) => u.UserName)).toEqual(['Alice', 'u1']);
    expect(first.IsTruncated).toBe(true);
    const names: string[] = [];
    for await (const page of paginateListUsers({ client: admin, pageSize: 2 }, {})) {
      names.push(...(page.Users ?? []).map((u) => u.UserName!));
    }
    expect(names).toEqual(['Alice', 'u1', 'u2', 'u3', 'u4']);
    expect((await admin.send(new ListUsersCommand({ PathPrefix: '/eng/' }))).Users?.map((u) => u.UserName)).toEqual([
      'Alice',
    ]);

    await admin.send(new UpdateUserCommand({ UserName: 'u4', NewUserName: 'u5', NewPath: '/ops/' }));
    const renamed = await admin.send(new GetUserCommand({ UserName: 'U5' }));
    expect(renamed.User).toMatchObject({
      UserName: 'u5',
      Path: '/ops/',
      Arn: `arn:aws:iam::${t.accountId}:user/ops/u5`,
    });
    expect((await failure(admin.send(new GetUserCommand({ UserName: 'u4' })))).message).toBe(
      'The user with name u4 cannot be found.',
    );
    const clash = await failure(admin.send(new UpdateUserCommand({ UserName: 'u5', NewUserName: 'U1' })));
    expect(clash).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
    await admin.send(new DeleteUserCommand({ UserName: 'u5' }));
    expect((await failure(admin.send(new DeleteUserCommand({ UserName: 'u5' })))).name).toBe('NoSuchEntityException');
  });

  it('has login-less users', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'nologin' }));
    const error = await failure(admin.send(new GetLoginProfileCommand({ UserName: 'nologin' })));
    expect(error).toEqual({
      name: 'NoSuchEntityException',
      message: 'Login Profile for User nologin cannot be found.',
      status: 404,
    });
  });

  it('refuses a duplicate name in any case', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'dup' }));
    const error = await failure(admin.send(new CreateUserCommand({ UserName: 'DUP' })));
    expect(error).toEqual({
      name: 'EntityAlreadyExistsException',
      message: 'User with name DUP already exists.',
      status: 409,
    });
  });

  it('tags and untags a user, case-insensitively by key', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'tagged' }));
    await admin.send(
      new TagUserCommand({
        UserName: 'tagged',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await admin.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'A', Value: '3' }] }));
    await admin.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['B', 'missing'] }));
    expect((await admin.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags).toEqual([
      { Key: 'A', Value: '3' },
    ]);
    const duplicate = await failure(
      admin.send(
        new TagUserCommand({
          UserName: 'tagged',
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'X', Value: '2' },
          ],
        }),
      ),
    );
    expect(duplicate.name).toBe('InvalidInputException');
  });
});

describe('access keys', () => {
  it('creates at most two keys, deactivates, lists and deletes them', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'keyed' }));
    const k1 = (await admin.send(new CreateAccessKeyCommand({ UserName: 'keyed' }))).AccessKey!;
    const k2 = (await admin.send(new CreateAccessKeyCommand({ UserName: 'keyed' }))).AccessKey!;
    expect(k1.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const third = await failure(admin.send(new CreateAccessKeyCommand({ UserName: 'keyed' })));
    expect(third).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });

    const user = clientsFor(t, { accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! });
    const never = await admin.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k2.AccessKeyId }));
    expect(never).toMatchObject({ UserName: 'keyed', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });

    await admin.send(
      new UpdateAccessKeyCommand({ UserName: 'keyed', AccessKeyId: k1.AccessKeyId, Status: 'Inactive' }),
    );
    const listed = await admin.send(new ListAccessKeysCommand({ UserName: 'keyed' }));
    expect(listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status, k.UserName])).toEqual([
      [k1.AccessKeyId, 'Inactive', 'keyed'],
      [k2.AccessKeyId, 'Active', 'keyed'],
    ]);
    const rejected = await failure(user.sts.send(new GetCallerIdentityCommand({})));
    expect(rejected.name).toBe('InvalidClientTokenId');

    const foreign = await failure(
      admin.send(new DeleteAccessKeyCommand({ UserName: 'Alice', AccessKeyId: k1.AccessKeyId })),
    );
    expect(foreign).toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Access Key with id ${k1.AccessKeyId} cannot be found.`,
    });
    const conflict = await failure(admin.send(new DeleteUserCommand({ UserName: 'keyed' })));
    expect(conflict).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete access keys first.',
    });
    await admin.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: k1.AccessKeyId }));
    await admin.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: k2.AccessKeyId }));
    await admin.send(new DeleteUserCommand({ UserName: 'keyed' }));
  });

  it('keeps a renamed user its keys, which go on working', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'before-rename' }));
    await admin.send(
      new PutUserPolicyCommand({
        UserName: 'before-rename',
        PolicyName: 'self',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }),
      }),
    );
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'before-rename' }))).AccessKey!;
    await admin.send(new UpdateUserCommand({ UserName: 'before-rename', NewUserName: 'after-rename' }));
    const keys = await admin.send(new ListAccessKeysCommand({ UserName: 'after-rename' }));
    expect(keys.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.UserName])).toEqual([
      [key.AccessKeyId, 'after-rename'],
    ]);
    const renamed = clientsFor(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).iam;
    expect((await renamed.send(new GetUserCommand({}))).User?.Arn).toBe(
      `arn:aws:iam::${t.accountId}:user/after-rename`,
    );
  });

  it("lists the caller's own keys without UserName", async () => {
    await admin.send(new CreateUserCommand({ UserName: 'self' }));
    await admin.send(
      new PutUserPolicyCommand({
        UserName: 'self',
        PolicyName: 'own-keys',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'iam:ListAccessKeys', Resource: '*' }),
      }),
    );
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'self' }))).AccessKey!;
    const self = clientsFor(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).iam;
    const own = await self.send(new ListAccessKeysCommand({}));
    expect(own.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key.AccessKeyId]);
  });
});

describe('groups', () => {
  it('manages a group, its members and its policies, which apply to its users', async () => {
    const group = await admin.send(new CreateGroupCommand({ GroupName: 'readers', Path: '/teams/' }));
    expect(group.Group).toMatchObject({ GroupName: 'readers', Arn: `arn:aws:iam::${t.accountId}:group/teams/readers` });
    expect(group.Group?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    await admin.send(new CreateUserCommand({ UserName: 'member' }));
    await admin.send(new AddUserToGroupCommand({ GroupName: 'READERS', UserName: 'member' }));
    await admin.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));

    const got = await admin.send(new GetGroupCommand({ GroupName: 'readers' }));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['member']);
    expect(got.IsTruncated).toBe(false);
    const forUser = await admin.send(new ListGroupsForUserCommand({ UserName: 'member' }));
    expect(forUser.Groups?.map((g) => g.GroupName)).toEqual(['readers']);
    expect(
      (await admin.send(new ListGroupsCommand({ PathPrefix: '/teams/' }))).Groups?.map((g) => g.GroupName),
    ).toEqual(['readers']);

    const listBuckets = policyDocument({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' });
    await admin.send(
      new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list', PolicyDocument: listBuckets }),
    );
    const inline = await admin.send(new GetGroupPolicyCommand({ GroupName: 'Readers', PolicyName: 'LIST' }));
    expect(inline).toMatchObject({ GroupName: 'readers', PolicyName: 'list' });
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(JSON.parse(listBuckets));
    expect((await admin.send(new ListGroupPoliciesCommand({ GroupName: 'readers' }))).PolicyNames).toEqual(['list']);

    const managed = await admin.send(
      new CreatePolicyCommand({
        PolicyName: 'who-am-i',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }),
      }),
    );
    const arn = managed.Policy!.Arn!;
    await admin.send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: arn }));
    expect((await admin.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'readers' }))).AttachedPolicies).toEqual(
      [{ PolicyName: 'who-am-i', PolicyArn: arn }],
    );

    const simulated = await admin.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${t.accountId}:user/member`,
        ActionNames: ['s3:ListAllMyBuckets', 'iam:GetUser', 's3:PutObject'],
      }),
    );
    expect(simulated.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:ListAllMyBuckets', 'allowed'],
      ['iam:GetUser', 'allowed'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(simulated.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({
      SourcePolicyId: 'list',
      SourcePolicyType: 'group',
    });

    const conflict = await failure(admin.send(new DeleteGroupCommand({ GroupName: 'readers' })));
    expect(conflict.message).toBe('Cannot delete entity, must remove users from group first.');
    await admin.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    expect((await failure(admin.send(new DeleteGroupCommand({ GroupName: 'readers' })))).message).toBe(
      'Cannot delete entity, must delete policies first.',
    );
    await admin.send(new DeleteGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'list' }));
    expect((await failure(admin.send(new DeleteGroupCommand({ GroupName: 'readers' })))).message).toBe(
      'Cannot delete entity, must detach all policies first.',
    );
    await admin.send(new DetachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: arn }));
    await admin.send(new UpdateGroupCommand({ GroupName: 'readers', NewGroupName: 'viewers' }));
    await admin.send(new DeleteGroupCommand({ GroupName: 'viewers' }));
    expect((await failure(admin.send(new GetGroupCommand({ GroupName: 'viewers' })))).message).toBe(
      'The group with name viewers cannot be found.',
    );
  });
});

describe('group policies on real requests', () => {
  it("allows a user what its group's policy allows", async () => {
    await admin.send(new CreateUserCommand({ UserName: 'grouped' }));
    await admin.send(new CreateGroupCommand({ GroupName: 'listers' }));
    await admin.send(new AddUserToGroupCommand({ GroupName: 'listers', UserName: 'grouped' }));
    await admin.send(
      new PutGroupPolicyCommand({
        GroupName: 'listers',
        PolicyName: 'list',
        PolicyDocument: policyDocument({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }),
      }),
    );
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'grouped' }))).AccessKey!;
    const user = clientsFor(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    await user.s3.send(new ListBucketsCommand({}));
  });
});

describe('user policies', () => {
  it('puts, reads, lists, attaches, detaches and enforces the quota of 10', async () => {
    await admin.send(new CreateUserCommand({ UserName: 'pol' }));
    const doc = policyDocument({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    await admin.send(new PutUserPolicyCommand({ UserName: 'pol', PolicyName: 'b', PolicyDocument: doc }));
    await admin.send(new PutUserPolicyCommand({ UserName: 'pol', PolicyName: 'a', PolicyDocument: doc }));
    expect((await admin.send(new ListUserPoliciesCommand({ UserName: 'pol' }))).PolicyNames).toEqual(['a', 'b']);
    const got = await admin.send(new GetUserPolicyCommand({ UserName: 'POL', PolicyName: 'a' }));
    expect(got.UserName).toBe('pol');
    await admin.send(new DeleteUserPolicyCommand({ UserName: 'pol', PolicyName: 'a' }));
    const missing = await failure(admin.send(new GetUserPolicyCommand({ UserName: 'pol', PolicyName: 'a' })));
    expect(missing).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user policy with name a cannot be found.',
    });

    const arns: string[] = [];
    for (let i = 0; i < 11; i++) {
      const created = await admin.send(new CreatePolicyCommand({ PolicyName: `quota-${i}`, PolicyDocument: doc }));
      arns.push(created.Policy!.Arn!);
    }
    for (const arn of arns.slice(0, 10))
      await admin.send(new AttachUserPolicyCommand({ UserName: 'pol', PolicyArn: arn }));
    const over = await failure(admin.send(new AttachUserPolicyCommand({ UserName: 'pol', PolicyArn: arns[10] })));
    expect(over).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
    });
    const page = await admin.send(new ListAttachedUserPoliciesCommand({ UserName: 'pol', MaxItems: 4 }));
    expect(page.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['quota-0', 'quota-1', 'quota-2', 'quota-3']);
    expect(page.IsTruncated).toBe(true);
    const rest = await admin.send(new ListAttachedUserPoliciesCommand({ UserName: 'pol', Marker: page.Marker }));
    expect(rest.AttachedPolicies).toHaveLength(6);
    await admin.send(new DetachUserPolicyCommand({ UserName: 'pol', PolicyArn: arns[0] }));
    const notAttached = await failure(admin.send(new DetachUserPolicyCommand({ UserName: 'pol', PolicyArn: arns[0] })));
    expect(notAttached.message).toBe(`Policy ${arns[0]} was not found.`);

    const boundary = await failure(
      admin.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pol', PermissionsBoundary: `${arns[0]}x` })),
    );
    expect(boundary.message).toBe(`Scope ARN: ${arns[0]}x does not exist or is not attachable.`);
    const detachFirst = await failure(admin.send(new DeleteUserCommand({ UserName: 'pol' })));
    expect(detachFirst.message).toBe('Cannot delete entity, must delete policies first.');
  });
});
