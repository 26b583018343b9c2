/**
 * @module core/iam/ssh-public-keys
 * SSH public keys of IAM users (used by CodeCommit): UploadSSHPublicKey, GetSSHPublicKey, ListSSHPublicKeys,
 * UpdateSSHPublicKey, DeleteSSHPublicKey (IAM API reference). Keys get `APKA…` ids; AWS allows five per user and
 * refuses the same key twice for one user.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { SshPublicKeyRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { credentialOwner, credentialStatus } from './credential-owner.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import { parseSshPublicKey, sshKeyToPem } from './ssh-key-encoding.js';
import type { Users } from './users.js';

/** IAM quotas, "SSH public keys assigned to an IAM user". */
const MAX_PER_USER = 5;

const noSuchKey = (id: string) => new AwsError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`);

const metadata = (key: SshPublicKeyRecord): Iam.SSHPublicKeyMetadata => ({
  UserName: key.userName,
  SSHPublicKeyId: key.id,
  Status: key.status,
  UploadDate: key.createDate,
});

const toWire = (key: SshPublicKeyRecord, body: string): Iam.SSHPublicKey => ({
  UserName: key.userName,
  SSHPublicKeyId: key.id,
  Fingerprint: key.fingerprint,
  SSHPublicKeyBody: body,
  Status: key.status,
  UploadDate: key.createDate,
});

/** SSH public key use cases. */
export class SshPublicKeys {
  readonly #deps: IamDeps;
  readonly #users: Users;

  constructor(deps: IamDeps, users: Users) {
    this.#deps = deps;
    this.#users = users;
  }

  async #owned(accountId: string, userName: string, id: string): Promise<SshPublicKeyRecord> {
    const user = await this.#users.require(accountId, userName);
    const found = await this.#deps.store.getUserCredential(accountId, id);
    if (found?.kind !== 'ssh-public-key' || found.userName.toLowerCase() !== user.userName.toLowerCase()) {
      throw noSuchKey(id);
    }
    return found;
  }

  /** [UploadSSHPublicKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html) */
  async upload(accountId: string, input: Iam.UploadSSHPublicKeyRequest): Promise<Iam.UploadSSHPublicKeyResponse> {
    const user = await this.#users.require(accountId, input.UserName);
    const parsed = parseSshPublicKey(input.SSHPublicKeyBody);
    const store = this.#deps.store;
    const existing = await store.listUserCredentials(accountId, 'ssh-public-key', user.userName);
    if (existing.some((k) => k.kind === 'ssh-public-key' && k.fingerprint === parsed.fingerprint)) {
      throw new AwsError('DuplicateSSHPublicKey', 'The specified SSH public key is already associated with the user.');
    }
    if (existing.length >= MAX_PER_USER) {
      throw new AwsError('LimitExceeded', `Cannot exceed quota for SSHPublicKeysPerUser: ${MAX_PER_USER}`);
    }
    const key: SshPublicKeyRecord = {
      kind: 'ssh-public-key',
      accountId,
      userName: user.userName,
      id: mintUniqueId('APKA', this.#deps.random.bytes(11)),
      status: 'Active',
      createDate: this.#deps.clock.now(),
      body: parsed.ssh,
      fingerprint: parsed.fingerprint,
    };
    if (!(await store.createUserCredential(key))) throw new AwsError('ConcurrentModification');
    this.#deps.tracker.bump();
    return { SSHPublicKey: toWire(key, key.body) };
  }

  /** [GetSSHPublicKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetSSHPublicKey.html) */
  async get(accountId: string, input: Iam.GetSSHPublicKeyRequest): Promise<Iam.GetSSHPublicKeyResponse> {
    if (input.Encoding !== 'SSH' && input.Encoding !== 'PEM') {
      throw new AwsError('UnrecognizedPublicKeyEncoding', `Encoding ${input.Encoding} is not supported.`);
    }
    const key = await this.#owned(accountId, input.UserName, input.SSHPublicKeyId);
    return { SSHPublicKey: toWire(key, input.Encoding === 'PEM' ? sshKeyToPem(key.body) : key.body) };
  }

  /** [ListSSHPublicKeys](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSSHPublicKeys.html) */
  async list(caller: AccountCaller, input: Iam.ListSSHPublicKeysRequest): Promise<Iam.ListSSHPublicKeysResponse> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    const keys = await this.#deps.store.listUserCredentials(caller.accountId, 'ssh-public-key', user.userName);
    const page = paginateByIndex(keys, input.Marker, input.MaxItems);
    return {
      SSHPublicKeys: page.items.flatMap((k) => (k.kind === 'ssh-public-key' ? [metadata(k)] : [])),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  }

  /** [UpdateSSHPublicKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSSHPublicKey.html) */
  async update(accountId: string, input: Iam.UpdateSSHPublicKeyRequest): Promise<void> {
    const status = credentialStatus(input.Status);
    const key = await this.#owned(accountId, input.UserName, input.SSHPublicKeyId);
    if (!(await this.#deps.store.updateUserCredential({ ...key, status }))) throw noSuchKey(input.SSHPublicKeyId);
    this.#deps.tracker.bump();
  }

  /** [DeleteSSHPublicKey](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteSSHPublicKey.html) */
  async delete(accountId: string, input: Iam.DeleteSSHPublicKeyRequest): Promise<void> {
    const key = await this.#owned(accountId, input.UserName, input.SSHPublicKeyId);
    if (!(await this.#deps.store.deleteUserCredential(accountId, key.id))) throw noSuchKey(input.SSHPublicKeyId);
    this.#deps.tracker.bump();
  }
}
