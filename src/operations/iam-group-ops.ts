/**
 * @module operations/iam-group-ops
 * IAM group and membership operations.
 */

import type { Iam } from '../shapes/index.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, onPrincipal } from './iam-targets.js';

const groupName = (input: { GroupName: string }) => input.GroupName;

/** Group operations. */
export const groupOperations: AnyOperation[] = [
  defineOperation<Iam.CreateGroupRequest, Iam.CreateGroupResponse>('iam', 'CreateGroup', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateGroup',
      resource: iamArnOf(caller, 'group', input.Path, input.GroupName),
    }),
    handle: (input, { caller, services }) => services.iam.groups.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetGroupRequest, Iam.GetGroupResponse>('iam', 'GetGroup', {
    authorize: onPrincipal('group', 'iam:GetGroup', groupName),
    handle: (input, { caller, services }) => services.iam.groups.get(accountOf(caller), input),
  }),
  defineOperation<Iam.ListGroupsRequest, Iam.ListGroupsResponse>('iam', 'ListGroups', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListGroups',
      resource: iamArnOf(caller, 'group', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.groups.list(accountOf(caller), input),
  }),
  defineOperation<Iam.UpdateGroupRequest, undefined>('iam', 'UpdateGroup', {
    authorize: onPrincipal('group', 'iam:UpdateGroup', groupName),
    handle: done((input, { caller, services }) => services.iam.groups.update(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteGroupRequest, undefined>('iam', 'DeleteGroup', {
    authorize: onPrincipal('group', 'iam:DeleteGroup', groupName),
    handle: done((input, { caller, services }) => services.iam.groups.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.AddUserToGroupRequest, undefined>('iam', 'AddUserToGroup', {
    authorize: onPrincipal('group', 'iam:AddUserToGroup', groupName),
    handle: done((input, { caller, services }) => services.iam.groups.addUser(accountOf(caller), input)),
  }),
  defineOperation<Iam.RemoveUserFromGroupRequest, undefined>('iam', 'RemoveUserFromGroup', {
    authorize: onPrincipal('group', 'iam:RemoveUserFromGroup', groupName),
    handle: done((input, { caller, services }) => services.iam.groups.removeUser(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListGroupsForUserRequest, Iam.ListGroupsForUserResponse>('iam', 'ListGroupsForUser', {
    authorize: onPrincipal('user', 'iam:ListGroupsForUser', (input: Iam.ListGroupsForUserRequest) => input.UserName),
    handle: (input, { caller, services }) => services.iam.groups.listForUser(accountOf(caller), input),
  }),
];
