/**
 * @module core/iam/access-keys
 * Access key use cases: CreateAccessKey, UpdateAccessKey, DeleteAccessKey, ListAccessKeys, GetAccessKeyLastUsed
 * (IAM API reference). Without `UserName` they act on the caller's own keys (the root user's when root calls).
 * Secrets are sealed by the master key before they reach the store and are returned exactly once, by
 * CreateAccessKey.
 */

import { mintAccessKeyId, mintSecretAccessKey } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import { accessKeySealContext } from '../accounts/credential-resolver.js';
import type { AccountCaller } from '../authz/caller.js';
import type { AccessKeyRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { type Sealer, sealText } from '../keyring/sealer.js';
import type { AccountStore } from '../ports.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import type { Users } from './users.js';

/** AWS allows two access keys per user (IAM quotas, "Access keys assigned to an IAM user"). */
const MAX_KEYS_PER_USER = 2;

const noSuchKey = (accessKeyId: string) =>
  new AwsError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);

/** Access key use cases. */
export class AccessKeys {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;
  readonly #users: Users;
  readonly #master: Sealer;

  constructor(deps: IamDeps, accounts: AccountStore, users: Users, master: Sealer) {
    this.#deps = deps;
    this.#accounts = accounts;
    this.#users = users;
    this.#master = master;
  }

  /** The stored name of the user whose keys a call manages (`undefined`: the root user). */
  async #ownerName(caller: AccountCaller, userName: string | undefined): Promise<string | undefined> {
    if (userName !== undefined) return (await this.#users.require(caller.accountId, userName)).userName;
    if (caller.kind === 'user') return caller.userName;
    if (caller.kind === 'root') return undefined;
    throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
  }

  /** The key, if it belongs to that owner in the caller's account. */
  async #ownedKey(caller: AccountCaller, userName: string | undefined, accessKeyId: string): Promise<AccessKeyRecord> {
    const owner = await this.#ownerName(caller, userName);
    const key = await this.#accounts.findAccessKey(accessKeyId);
    const sameOwner = key?.userName?.toLowerCase() === owner?.toLowerCase();
    if (!key || key.accountId !== caller.accountId || !sameOwner) throw noSuchKey(accessKeyId);
    return key;
  }

  /** [CreateAccessKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html) */
  async create(caller: AccountCaller, input: Iam.CreateAccessKeyRequest): Promise<Iam.CreateAccessKeyResponse> {
    const userName = await this.#ownerName(caller, input.UserName);
    const existing = await this.#accounts.listAccessKeys(caller.accountId, userName);
    if (existing.length >= MAX_KEYS_PER_USER) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
    }
    const key = issueAccessKey(caller.accountId, userName, this.#deps, this.#master);
    await this.#accounts.createAccessKey(key.record);
    return {
      AccessKey: {
        UserName: userName ?? 'root',
        AccessKeyId: key.record.accessKeyId,
        Status: 'Active',
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.record.createDate,
      },
    };
  }

  /** [UpdateAccessKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html) */
  async update(caller: AccountCaller, input: Iam.UpdateAccessKeyRequest): Promise<void> {
    const key = await this.#ownedKey(caller, input.UserName, input.AccessKeyId);
    if (input.Status !== 'Active' && input.Status !== 'Inactive') {
      throw new AwsError('ValidationError', `Invalid status: ${input.Status}. Valid values are Active and Inactive.`);
    }
    await this.#accounts.updateAccessKeyStatus(key.accessKeyId, input.Status);
    // Resolved credentials are cached until the next IAM change; a deactivated key must stop working now.
    this.#deps.tracker.bump();
  }

  /** [DeleteAccessKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html) */
  async delete(caller: AccountCaller, input: Iam.DeleteAccessKeyRequest): Promise<void> {
    const key = await this.#ownedKey(caller, input.UserName, input.AccessKeyId);
    if (!(await this.#accounts.deleteAccessKey(key.accessKeyId))) throw noSuchKey(input.AccessKeyId);
    this.#deps.tracker.bump();
  }

  /** [ListAccessKeys](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html) */
  async list(caller: AccountCaller, input: Iam.ListAccessKeysRequest): Promise<Iam.ListAccessKeysResponse> {
    const userName = await this.#ownerName(caller, input.UserName);
    const keys = await this.#accounts.listAccessKeys(caller.accountId, userName);
    const page = paginateByIndex(keys, input.Marker, input.MaxItems);
    return {
      AccessKeyMetadata: page.items.map((key) => ({
        UserName: key.userName ?? 'root',
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        CreateDate: key.createDate,
      })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }

  /**
   * [GetAccessKeyLastUsed](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html):
   * `N/A` service and region for a key never used, as AWS answers.
   */
  async lastUsed(accountId: string, input: Iam.GetAccessKeyLastUsedRequest): Promise<Iam.GetAccessKeyLastUsedResponse> {
    const key = await this.#accounts.findAccessKey(input.AccessKeyId);
    if (!key || key.accountId !== accountId) throw noSuchKey(input.AccessKeyId);
    return {
      UserName: key.userName ?? 'root',
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.serviceName, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  }

  /** Records that the key was used for `serviceName` in `region` (GetAccessKeyLastUsed). */
  async markUsed(accessKeyId: string, serviceName: string, region: string): Promise<void> {
    await this.#accounts.recordAccessKeyUse(accessKeyId, { date: this.#deps.clock.now(), serviceName, region });
  }

  /** The user a key belongs to (for authorizing calls that name only the key), or `undefined` for root keys. */
  async ownerOf(accessKeyId: string): Promise<AccessKeyRecord | undefined> {
    return this.#accounts.findAccessKey(accessKeyId);
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
