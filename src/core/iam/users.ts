/**
 * @module core/iam/users
 * User use cases: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, the user's tags and permissions
 * boundary (IAM API reference, one page per action). Access keys: ./access-keys.ts.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { PrincipalRef, UserRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { AccountStore, IamStore } from '../ports.js';
import { assertBoundary } from './boundaries.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import { deleteConflict, noSuchPrincipal } from './messages.js';
import { paginate, paginateByIndex } from './pagination.js';
import type { PrincipalReferences } from './principal-references.js';
import { assertValidTags, mergeTags, removeTags } from './tags.js';
import { userToWire } from './wire.js';

/** User use cases. */
export class Users {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;
  readonly #references: PrincipalReferences;

  constructor(deps: IamDeps, accounts: AccountStore, references: PrincipalReferences) {
    this.#deps = deps;
    this.#accounts = accounts;
    this.#references = references;
  }

  /** The stored user, or NoSuchEntity. */
  async require(accountId: string, userName: string): Promise<UserRecord> {
    const user = await this.#deps.store.getUser(accountId, userName);
    if (!user) throw noSuchPrincipal('user', userName);
    return user;
  }

  /** The user as the owner of policies, with its stored name. */
  async owner(accountId: string, userName: string): Promise<PrincipalRef> {
    return { accountId, kind: 'user', name: (await this.require(accountId, userName)).userName };
  }

  /** [CreateUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html) */
  async create(accountId: string, input: Iam.CreateUserRequest): Promise<Iam.CreateUserResponse> {
    assertValidTags(input.Tags ?? []);
    if (input.PermissionsBoundary !== undefined) {
      await assertBoundary(this.#deps.store, accountId, input.PermissionsBoundary);
    }
    const path = input.Path ?? '/';
    const user: UserRecord = {
      accountId,
      userName: input.UserName,
      userId: mintUniqueId('AIDA', this.#deps.random.bytes(11)),
      path,
      arn: iamArn(accountId, 'user', path, input.UserName),
      createDate: this.#deps.clock.now(),
      tags: input.Tags ?? [],
      permissionsBoundaryArn: input.PermissionsBoundary,
    };
    if (!(await this.#deps.store.createUser(user))) {
      throw new AwsError('EntityAlreadyExists', `User with name ${input.UserName} already exists.`);
    }
    this.#deps.tracker.bump();
    return { User: userToWire(user) };
  }

  /**
   * [GetUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUser.html): without `UserName`, the
   * calling user. For the root user AWS returns the account id as `UserId` and the root ARN.
   */
  async get(caller: AccountCaller, input: Iam.GetUserRequest): Promise<Iam.GetUserResponse> {
    if (input.UserName !== undefined) return { User: userToWire(await this.require(caller.accountId, input.UserName)) };
    switch (caller.kind) {
      case 'user':
        return { User: userToWire(await this.require(caller.accountId, caller.userName)) };
      case 'root': {
        const account = await this.#accounts.getAccount(caller.accountId);
        return {
          User: {
            Path: '/',
            UserName: 'root',
            UserId: caller.accountId,
            Arn: caller.arn,
            CreateDate: account?.createDate ?? new Date(0),
          },
        };
      }
      default:
        throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    }
  }

  /** [ListUsers](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html) */
  async list(accountId: string, input: Iam.ListUsersRequest): Promise<Iam.ListUsersResponse> {
    const users = await this.#deps.store.listUsers(accountId, input.PathPrefix ?? '/');
    const page = paginate(users, input.Marker, input.MaxItems, (user) => user.userName.toLowerCase());
    return { Users: page.items.map(userToWire), IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /**
   * [UpdateUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html): a new path and/or name.
   * A renamed user keeps its unique id, policies, groups and access keys; its ARN changes.
   */
  async update(accountId: string, input: Iam.UpdateUserRequest): Promise<void> {
    const user = await this.require(accountId, input.UserName);
    const userName = input.NewUserName ?? user.userName;
    const path = input.NewPath ?? user.path;
    const updated: UserRecord = { ...user, userName, path, arn: iamArn(accountId, 'user', path, userName) };
    const renamed = userName !== user.userName;
    if (!(await this.#deps.store.updateUser(updated, renamed ? user.userName : undefined))) {
      throw new AwsError('EntityAlreadyExists', `User with name ${userName} already exists.`);
    }
    if (renamed) await this.#accounts.renameAccessKeyOwner(accountId, user.userName, userName);
    this.#deps.tracker.bump();
  }

  /**
   * [DeleteUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html): refused with
   * DeleteConflict while the user still has keys, an MFA device, a login profile, signing certificates, SSH public
   * keys, service-specific credentials, policies or group memberships, as IAM does.
   */
  async delete(accountId: string, input: Iam.DeleteUserRequest): Promise<void> {
    const user = await this.require(accountId, input.UserName);
    const owner: PrincipalRef = { accountId, kind: 'user', name: user.userName };
    const store = this.#deps.store;
    if ((await this.#accounts.listAccessKeys(accountId, owner.name)).length > 0)
      throw deleteConflict('delete access keys');
    const folded = user.userName.toLowerCase();
    if ((await store.listMfaDevices(accountId)).some((d) => d.userName?.toLowerCase() === folded)) {
      throw deleteConflict('delete MFA device');
    }
    await assertNoCredentials(store, accountId, user.userName);
    if ((await store.listInlinePolicies(owner)).length > 0) throw deleteConflict('delete policies');
    if ((await store.listAttachedPolicies(owner)).length > 0) throw deleteConflict('detach all policies');
    if ((await store.listGroupsForUser(accountId, owner.name)).length > 0)
      throw deleteConflict('remove users from group');
    if (!(await store.deleteUser(accountId, owner.name))) throw noSuchPrincipal('user', input.UserName);
    this.#deps.tracker.bump();
    await this.#references.forget(user.arn, user.userId);
  }

  /** [TagUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagUser.html) */
  async tag(accountId: string, input: Iam.TagUserRequest): Promise<void> {
    const user = await this.require(accountId, input.UserName);
    await this.#save({ ...user, tags: mergeTags(user.tags, input.Tags) });
  }

  /** [UntagUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagUser.html) */
  async untag(accountId: string, input: Iam.UntagUserRequest): Promise<void> {
    const user = await this.require(accountId, input.UserName);
    await this.#save({ ...user, tags: removeTags(user.tags, input.TagKeys) });
  }

  /** [ListUserTags](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUserTags.html) */
  async listTags(accountId: string, input: Iam.ListUserTagsRequest): Promise<Iam.ListUserTagsResponse> {
    const user = await this.require(accountId, input.UserName);
    const page = paginateByIndex(user.tags, input.Marker, input.MaxItems);
    return { Tags: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** [PutUserPermissionsBoundary](https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPermissionsBoundary.html) */
  async putBoundary(accountId: string, input: Iam.PutUserPermissionsBoundaryRequest): Promise<void> {
    const user = await this.require(accountId, input.UserName);
    await assertBoundary(this.#deps.store, accountId, input.PermissionsBoundary);
    await this.#save({ ...user, permissionsBoundaryArn: input.PermissionsBoundary });
  }

  /** [DeleteUserPermissionsBoundary](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPermissionsBoundary.html) */
  async deleteBoundary(accountId: string, input: Iam.DeleteUserPermissionsBoundaryRequest): Promise<void> {
    const { permissionsBoundaryArn: _removed, ...user } = await this.require(accountId, input.UserName);
    await this.#save(user);
  }

  async #save(user: UserRecord): Promise<void> {
    if (!(await this.#deps.store.updateUser(user))) throw noSuchPrincipal('user', user.userName);
    this.#deps.tracker.bump();
  }
}

/** What DeleteUser must see removed first, in AWS's order, with its wording. */
const credentialConflicts = [
  ['login-profile', 'delete login profile'],
  ['signing-certificate', 'delete signing certificates'],
  ['ssh-public-key', 'delete SSH public keys'],
  ['service-credential', 'delete service specific credentials'],
] as const;

async function assertNoCredentials(store: IamStore, accountId: string, userName: string): Promise<void> {
  for (const [kind, what] of credentialConflicts) {
    if ((await store.listUserCredentials(accountId, kind, userName)).length > 0) throw deleteConflict(what);
  }
}
