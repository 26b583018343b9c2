/**
 * @module operations/iam-user-ops
 * IAM user and access key operations.
 */

import type { Caller } from '../core/authz/index.js';
import type { Services } from '../core/services.js';
import type { Iam } from '../shapes/index.js';
import { accountCaller, accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, iamArnOf, onPrincipal, principalTarget, requestTags } from './iam-targets.js';

const userName = (input: { UserName: string }) => input.UserName;

/** The user a key operation acts on: the named one, or the caller itself (root included). */
async function keyOwner(services: Services, caller: Caller, name: string | undefined) {
  if (name === undefined) return { arn: accountCaller(caller).arn, context: {} };
  const target = await principalTarget(services, caller, 'user', name);
  return { arn: target.arn, context: target.tags };
}

/** An authorization of `action` on the named user, or on the caller itself when the input names none. */
export const keyAction =
  (action: string) =>
  async (input: { UserName?: string | undefined }, { caller, services }: { caller: Caller; services: Services }) => {
    const owner = await keyOwner(services, caller, input.UserName);
    return { action, resource: owner.arn, context: owner.context };
  };

/** User operations. */
export const userOperations: AnyOperation[] = [
  defineOperation<Iam.CreateUserRequest, Iam.CreateUserResponse>('iam', 'CreateUser', {
    authorize: (input, { caller }) => ({
      action: 'iam:CreateUser',
      resource: iamArnOf(caller, 'user', input.Path, input.UserName),
      context: { ...requestTags(input.Tags), 'iam:PermissionsBoundary': input.PermissionsBoundary },
    }),
    handle: (input, { caller, services }) => services.iam.users.create(accountOf(caller), input),
  }),
  defineOperation<Iam.GetUserRequest, Iam.GetUserResponse>('iam', 'GetUser', {
    authorize: async (input, { caller, services }) => {
      if (input.UserName === undefined) return { action: 'iam:GetUser', resource: accountCaller(caller).arn };
      const target = await principalTarget(services, caller, 'user', input.UserName);
      return { action: 'iam:GetUser', resource: target.arn, context: target.tags };
    },
    handle: (input, { caller, services }) => services.iam.users.get(accountCaller(caller), input),
  }),
  defineOperation<Iam.ListUsersRequest, Iam.ListUsersResponse>('iam', 'ListUsers', {
    authorize: (input, { caller }) => ({
      action: 'iam:ListUsers',
      resource: iamArnOf(caller, 'user', input.PathPrefix, ''),
    }),
    handle: (input, { caller, services }) => services.iam.users.list(accountOf(caller), input),
  }),
  defineOperation<Iam.UpdateUserRequest, undefined>('iam', 'UpdateUser', {
    authorize: onPrincipal('user', 'iam:UpdateUser', userName),
    handle: done((input, { caller, services }) => services.iam.users.update(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteUserRequest, undefined>('iam', 'DeleteUser', {
    authorize: onPrincipal('user', 'iam:DeleteUser', userName),
    handle: done((input, { caller, services }) => services.iam.users.delete(accountOf(caller), input)),
  }),
  defineOperation<Iam.TagUserRequest, undefined>('iam', 'TagUser', {
    authorize: onPrincipal('user', 'iam:TagUser', userName, (input: Iam.TagUserRequest) => requestTags(input.Tags)),
    handle: done((input, { caller, services }) => services.iam.users.tag(accountOf(caller), input)),
  }),
  defineOperation<Iam.UntagUserRequest, undefined>('iam', 'UntagUser', {
    authorize: onPrincipal('user', 'iam:UntagUser', userName, (input: Iam.UntagUserRequest) => ({
      'aws:TagKeys': input.TagKeys,
    })),
    handle: done((input, { caller, services }) => services.iam.users.untag(accountOf(caller), input)),
  }),
  defineOperation<Iam.ListUserTagsRequest, Iam.ListUserTagsResponse>('iam', 'ListUserTags', {
    authorize: onPrincipal('user', 'iam:ListUserTags', userName),
    handle: (input, { caller, services }) => services.iam.users.listTags(accountOf(caller), input),
  }),
  defineOperation<Iam.PutUserPermissionsBoundaryRequest, undefined>('iam', 'PutUserPermissionsBoundary', {
    authorize: onPrincipal(
      'user',
      'iam:PutUserPermissionsBoundary',
      userName,
      (input: Iam.PutUserPermissionsBoundaryRequest) => ({
        'iam:PermissionsBoundary': input.PermissionsBoundary,
      }),
    ),
    handle: done((input, { caller, services }) => services.iam.users.putBoundary(accountOf(caller), input)),
  }),
  defineOperation<Iam.DeleteUserPermissionsBoundaryRequest, undefined>('iam', 'DeleteUserPermissionsBoundary', {
    authorize: onPrincipal('user', 'iam:DeleteUserPermissionsBoundary', userName),
    handle: done((input, { caller, services }) => services.iam.users.deleteBoundary(accountOf(caller), input)),
  }),
];

/** Access key operations. */
export const accessKeyOperations: AnyOperation[] = [
  defineOperation<Iam.CreateAccessKeyRequest, Iam.CreateAccessKeyResponse>('iam', 'CreateAccessKey', {
    authorize: keyAction('iam:CreateAccessKey'),
    handle: (input, { caller, services }) => services.iam.accessKeys.create(accountCaller(caller), input),
  }),
  defineOperation<Iam.UpdateAccessKeyRequest, undefined>('iam', 'UpdateAccessKey', {
    authorize: keyAction('iam:UpdateAccessKey'),
    handle: done((input, { caller, services }) => services.iam.accessKeys.update(accountCaller(caller), input)),
  }),
  defineOperation<Iam.DeleteAccessKeyRequest, undefined>('iam', 'DeleteAccessKey', {
    authorize: keyAction('iam:DeleteAccessKey'),
    handle: done((input, { caller, services }) => services.iam.accessKeys.delete(accountCaller(caller), input)),
  }),
  defineOperation<Iam.ListAccessKeysRequest, Iam.ListAccessKeysResponse>('iam', 'ListAccessKeys', {
    authorize: keyAction('iam:ListAccessKeys'),
    handle: (input, { caller, services }) => services.iam.accessKeys.list(accountCaller(caller), input),
  }),
  defineOperation<Iam.GetAccessKeyLastUsedRequest, Iam.GetAccessKeyLastUsedResponse>('iam', 'GetAccessKeyLastUsed', {
    // The resource is the user the key belongs to (the root ARN for root keys).
    authorize: async (input, { caller, services }) => {
      const key = await services.iam.accessKeys.ownerOf(input.AccessKeyId);
      const owner =
        key?.userName === undefined
          ? { arn: `arn:aws:iam::${accountOf(caller)}:root`, context: {} }
          : await keyOwner(services, caller, key.userName);
      return { action: 'iam:GetAccessKeyLastUsed', resource: owner.arn, context: owner.context };
    },
    handle: (input, { caller, services }) => services.iam.accessKeys.lastUsed(accountOf(caller), input),
  }),
];
