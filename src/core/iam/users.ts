/**
 * @module core/iam/users
 * User and access key use cases: CreateUser, GetUser, CreateAccessKey. Secrets are sealed by the master key before
 * they reach the store and are returned to the caller exactly once, by CreateAccessKey.
 */

import { mintAccessKeyId, mintSecretAccessKey, mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import { accessKeySealContext } from '../accounts/credential-resolver.js';
import type { UserRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { type Sealer, sealText } from '../keyring/sealer.js';
import type { AccountStore } from '../ports.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import { userToWire } from './wire.js';

/** AWS allows two access keys per user (IAM quotas, "Access keys assigned to an IAM user"). */
const MAX_KEYS_PER_USER = 2;

/** User use cases. */
export class Users {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;
  readonly #master: Sealer;

  constructor(deps: IamDeps, accounts: AccountStore, master: Sealer) {
    this.#deps = deps;
    this.#accounts = accounts;
    this.#master = master;
  }

  async #require(accountId: string, userName: string): Promise<UserRecord> {
    const user = await this.#deps.store.getUser(accountId, userName);
    if (!user) throw new AwsError('NoSuchEntity', `The user with name ${userName} cannot be found.`);
    return user;
  }

  /** [CreateUser](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html) */
  async create(accountId: string, input: Iam.CreateUserRequest): Promise<Iam.CreateUserResponse> {
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
    if (input.UserName !== undefined)
      return { User: userToWire(await this.#require(caller.accountId, input.UserName)) };
    switch (caller.kind) {
      case 'user':
        return { User: userToWire(await this.#require(caller.accountId, caller.userName)) };
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
      case 'assumed-role':
      case 'federated-user':
        throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    }
  }

  /**
   * [CreateAccessKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html): without
   * `UserName`, a key for the caller (a root key when the root user calls).
   */
  async createAccessKey(
    caller: AccountCaller,
    input: Iam.CreateAccessKeyRequest,
  ): Promise<Iam.CreateAccessKeyResponse> {
    let userName = input.UserName;
    if (userName === undefined) {
      if (caller.kind === 'assumed-role' || caller.kind === 'federated-user') {
        throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
      }
      userName = caller.kind === 'user' ? caller.userName : undefined;
    }
    const user = userName === undefined ? undefined : await this.#require(caller.accountId, userName);
    const existing = await this.#accounts.listAccessKeys(caller.accountId, user?.userName);
    if (existing.length >= MAX_KEYS_PER_USER) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
    }
    const key = issueAccessKey(caller.accountId, user?.userName, this.#deps, this.#master);
    await this.#accounts.createAccessKey(key.record);
    return {
      AccessKey: {
        UserName: user?.userName ?? 'root',
        AccessKeyId: key.record.accessKeyId,
        Status: 'Active',
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.record.createDate,
      },
    };
  }
}

/** Mints a long-term key (`AKIA…` encoding the account) and seals its secret for storage. */
export function issueAccessKey(
  accountId: string,
  userName: string | undefined,
  deps: Pick<IamDeps, 'random' | 'clock'>,
  master: Sealer,
) {
  const accessKeyId = mintAccessKeyId('AKIA', accountId, deps.random.bytes(10));
  const secretAccessKey = mintSecretAccessKey(deps.random.bytes(30));
  return {
    secretAccessKey,
    record: {
      accessKeyId,
      accountId,
      userName,
      secretCiphertext: sealText(master, secretAccessKey, accessKeySealContext(accessKeyId)),
      status: 'Active' as const,
      createDate: deps.clock.now(),
    },
  };
}
