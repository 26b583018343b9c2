/**
 * @module core/iam/groups
 * Group use cases: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup, AddUserToGroup,
 * RemoveUserFromGroup, ListGroupsForUser (IAM API reference, one page per action). A user's identity policies
 * include those of its groups; groups are not principals themselves.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { GroupRecord, PrincipalRef } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import { deleteConflict, noSuchPrincipal } from './messages.js';
import { paginate } from './pagination.js';
import type { Users } from './users.js';
import { groupToWire, userToWire } from './wire.js';

/** A user may belong to 10 groups (IAM quotas, "Groups an IAM user can be a member of"). */
const MAX_GROUPS_PER_USER = 10;

/** Group use cases. */
export class Groups {
  readonly #deps: IamDeps;
  readonly #users: Users;

  constructor(deps: IamDeps, users: Users) {
    this.#deps = deps;
    this.#users = users;
  }

  /** The stored group, or NoSuchEntity. */
  async require(accountId: string, groupName: string): Promise<GroupRecord> {
    const group = await this.#deps.store.getGroup(accountId, groupName);
    if (!group) throw noSuchPrincipal('group', groupName);
    return group;
  }

  /** The group as the owner of policies, with its stored name. */
  async owner(accountId: string, groupName: string): Promise<PrincipalRef> {
    return { accountId, kind: 'group', name: (await this.require(accountId, groupName)).groupName };
  }

  /** [CreateGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html) */
  async create(accountId: string, input: Iam.CreateGroupRequest): Promise<Iam.CreateGroupResponse> {
    const path = input.Path ?? '/';
    const group: GroupRecord = {
      accountId,
      groupName: input.GroupName,
      groupId: mintUniqueId('AGPA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'group', path, input.GroupName),
      createDate: this.#deps.clock.now(),
    };
    if (!(await this.#deps.store.createGroup(group))) {
      throw new AwsError('EntityAlreadyExists', `Group with name ${input.GroupName} already exists.`);
    }
    this.#deps.tracker.bump();
    return { Group: groupToWire(group) };
  }

  /** [GetGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroup.html): the group and a page of its users. */
  async get(accountId: string, input: Iam.GetGroupRequest): Promise<Iam.GetGroupResponse> {
    const group = await this.require(accountId, input.GroupName);
    const members = await this.#deps.store.listGroupMembers(accountId, group.groupName);
    const page = paginate(members, input.Marker, input.MaxItems, (user) => user.userName.toLowerCase());
    return {
      Group: groupToWire(group),
      Users: page.items.map(userToWire),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }

  /** [ListGroups](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroups.html) */
  async list(accountId: string, input: Iam.ListGroupsRequest): Promise<Iam.ListGroupsResponse> {
    const groups = await this.#deps.store.listGroups(accountId, input.PathPrefix ?? '/');
    const page = paginate(groups, input.Marker, input.MaxItems, (group) => group.groupName.toLowerCase());
    return { Groups: page.items.map(groupToWire), IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** [UpdateGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html): new path and/or name. */
  async update(accountId: string, input: Iam.UpdateGroupRequest): Promise<void> {
    const group = await this.require(accountId, input.GroupName);
    const groupName = input.NewGroupName ?? group.groupName;
    const path = input.NewPath ?? group.path;
    const updated: GroupRecord = { ...group, groupName, path, arn: iamArn(accountId, 'group', path, groupName) };
    const renamed = groupName !== group.groupName;
    if (!(await this.#deps.store.updateGroup(updated, renamed ? group.groupName : undefined))) {
      throw new AwsError('EntityAlreadyExists', `Group with name ${groupName} already exists.`);
    }
    this.#deps.tracker.bump();
  }

  /** [DeleteGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html) */
  async delete(accountId: string, input: Iam.DeleteGroupRequest): Promise<void> {
    const owner = await this.owner(accountId, input.GroupName);
    const store = this.#deps.store;
    if ((await store.listGroupMembers(accountId, owner.name)).length > 0)
      throw deleteConflict('remove users from group');
    if ((await store.listInlinePolicies(owner)).length > 0) throw deleteConflict('delete policies');
    if ((await store.listAttachedPolicies(owner)).length > 0) throw deleteConflict('detach all policies');
    if (!(await store.deleteGroup(accountId, owner.name))) throw noSuchPrincipal('group', input.GroupName);
    this.#deps.tracker.bump();
  }

  /** [AddUserToGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html) */
  async addUser(accountId: string, input: Iam.AddUserToGroupRequest): Promise<void> {
    const group = await this.require(accountId, input.GroupName);
    const user = await this.#users.require(accountId, input.UserName);
    const groups = await this.#deps.store.listGroupsForUser(accountId, user.userName);
    const already = groups.some((g) => g.groupName.toLowerCase() === group.groupName.toLowerCase());
    if (!already && groups.length >= MAX_GROUPS_PER_USER) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
    }
    if (await this.#deps.store.addUserToGroup(accountId, group.groupName, user.userName)) this.#deps.tracker.bump();
  }

  /** [RemoveUserFromGroup](https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveUserFromGroup.html) */
  async removeUser(accountId: string, input: Iam.RemoveUserFromGroupRequest): Promise<void> {
    const group = await this.require(accountId, input.GroupName);
    const user = await this.#users.require(accountId, input.UserName);
    if (!(await this.#deps.store.removeUserFromGroup(accountId, group.groupName, user.userName))) {
      throw new AwsError('NoSuchEntity', `User ${user.userName} is not in group ${group.groupName}.`);
    }
    this.#deps.tracker.bump();
  }

  /** [ListGroupsForUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroupsForUser.html) */
  async listForUser(accountId: string, input: Iam.ListGroupsForUserRequest): Promise<Iam.ListGroupsForUserResponse> {
    const user = await this.#users.require(accountId, input.UserName);
    const groups = await this.#deps.store.listGroupsForUser(accountId, user.userName);
    const page = paginate(groups, input.Marker, input.MaxItems, (group) => group.groupName.toLowerCase());
    return { Groups: page.items.map(groupToWire), IsTruncated: page.isTruncated, Marker: page.marker };
  }
}
