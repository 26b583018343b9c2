/**
 * @module core/iam/service-credentials
 * Service-specific credentials (a user name and password for CodeCommit Git over HTTPS or Amazon Keyspaces):
 * CreateServiceSpecificCredential, ListServiceSpecificCredentials, UpdateServiceSpecificCredential,
 * ResetServiceSpecificCredential, DeleteServiceSpecificCredential (IAM API reference). Credentials get `ACCA…` ids;
 * the password is returned only by create and reset and stored only as a scrypt hash. AWS allows two per user and
 * service.
 */

import { mintUniqueId } from '../../ids/index.js';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { ServiceCredentialRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { credentialOwner, credentialStatus } from './credential-owner.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import { hashPassword } from './passwords.js';
import type { Users } from './users.js';

/** The services that take service-specific credentials with a user name and password. */
const SERVICES = new Set(['codecommit.amazonaws.com', 'cassandra.amazonaws.com']);
/** IAM quotas, "Service-specific credentials per user per service". */
const MAX_PER_SERVICE = 2;
const DAY_MS = 86_400_000;

const noSuchCredential = (id: string) =>
  new AwsError('NoSuchEntity', `The Service Specific Credential with id ${id} cannot be found.`);

const metadata = (c: ServiceCredentialRecord): Iam.ServiceSpecificCredentialMetadata => ({
  UserName: c.userName,
  Status: c.status,
  ServiceUserName: c.serviceUserName,
  CreateDate: c.createDate,
  ExpirationDate: c.expirationDate,
  ServiceSpecificCredentialId: c.id,
  ServiceName: c.serviceName,
});

/** Service-specific credential use cases. */
export class ServiceCredentials {
  readonly #deps: IamDeps;
  readonly #users: Users;

  constructor(deps: IamDeps, users: Users) {
    this.#deps = deps;
    this.#users = users;
  }

  /** A fresh 44-character password and its hash. */
  async #password(): Promise<{ password: string; hash: string }> {
    const password = this.#deps.random.bytes(33).toString('base64');
    return { password, hash: await hashPassword(password, this.#deps.random.bytes(16)) };
  }

  async #owned(caller: AccountCaller, userName: string | undefined, id: string): Promise<ServiceCredentialRecord> {
    const user = await credentialOwner(this.#users, caller, userName);
    const found = await this.#deps.store.getUserCredential(caller.accountId, id);
    if (found?.kind !== 'service-credential' || found.userName.toLowerCase() !== user.userName.toLowerCase()) {
      throw noSuchCredential(id);
    }
    return found;
  }

  /** [CreateServiceSpecificCredential](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html) */
  async create(
    accountId: string,
    input: Iam.CreateServiceSpecificCredentialRequest,
  ): Promise<Iam.CreateServiceSpecificCredentialResponse> {
    const user = await this.#users.require(accountId, input.UserName);
    assertSupported(input.ServiceName);
    const store = this.#deps.store;
    const existing = await store.listUserCredentials(accountId, 'service-credential', user.userName);
    if (
      existing.filter((c) => c.kind === 'service-credential' && c.serviceName === input.ServiceName).length >=
      MAX_PER_SERVICE
    ) {
      throw new AwsError(
        'LimitExceeded',
        `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${MAX_PER_SERVICE}`,
      );
    }
    const now = this.#deps.clock.now();
    const { password, hash } = await this.#password();
    const credential: ServiceCredentialRecord = {
      kind: 'service-credential',
      accountId,
      userName: user.userName,
      id: mintUniqueId('ACCA', this.#deps.random.bytes(11)),
      status: 'Active',
      createDate: now,
      serviceName: input.ServiceName,
      serviceUserName: `${user.userName}-at-${accountId}`,
      passwordHash: hash,
      ...(input.CredentialAgeDays === undefined
        ? {}
        : { expirationDate: new Date(now.getTime() + input.CredentialAgeDays * DAY_MS) }),
    };
    if (!(await store.createUserCredential(credential))) throw new AwsError('ConcurrentModification');
    this.#deps.tracker.bump();
    return { ServiceSpecificCredential: { ...metadata(credential), ServicePassword: password } };
  }

  /** [ListServiceSpecificCredentials](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServiceSpecificCredentials.html) */
  async list(
    caller: AccountCaller,
    input: Iam.ListServiceSpecificCredentialsRequest,
  ): Promise<Iam.ListServiceSpecificCredentialsResponse> {
    if (input.ServiceName !== undefined) assertSupported(input.ServiceName);
    const userName = input.AllUsers ? undefined : (await credentialOwner(this.#users, caller, input.UserName)).userName;
    const all = await this.#deps.store.listUserCredentials(caller.accountId, 'service-credential', userName);
    const matching = all.flatMap((c) =>
      c.kind === 'service-credential' && (input.ServiceName === undefined || c.serviceName === input.ServiceName)
        ? [c]
        : [],
    );
    const page = paginateByIndex(matching, input.Marker, input.MaxItems);
    return { ServiceSpecificCredentials: page.items.map(metadata), IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** [UpdateServiceSpecificCredential](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateServiceSpecificCredential.html) */
  async update(caller: AccountCaller, input: Iam.UpdateServiceSpecificCredentialRequest): Promise<void> {
    const status = credentialStatus(input.Status);
    const credential = await this.#owned(caller, input.UserName, input.ServiceSpecificCredentialId);
    if (!(await this.#deps.store.updateUserCredential({ ...credential, status }))) {
      throw noSuchCredential(credential.id);
    }
    this.#deps.tracker.bump();
  }

  /** [ResetServiceSpecificCredential](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResetServiceSpecificCredential.html) */
  async reset(
    caller: AccountCaller,
    input: Iam.ResetServiceSpecificCredentialRequest,
  ): Promise<Iam.ResetServiceSpecificCredentialResponse> {
    const credential = await this.#owned(caller, input.UserName, input.ServiceSpecificCredentialId);
    const { password, hash } = await this.#password();
    if (!(await this.#deps.store.updateUserCredential({ ...credential, passwordHash: hash }))) {
      throw noSuchCredential(credential.id);
    }
    this.#deps.tracker.bump();
    return { ServiceSpecificCredential: { ...metadata(credential), ServicePassword: password } };
  }

  /** [DeleteServiceSpecificCredential](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceSpecificCredential.html) */
  async delete(caller: AccountCaller, input: Iam.DeleteServiceSpecificCredentialRequest): Promise<void> {
    const credential = await this.#owned(caller, input.UserName, input.ServiceSpecificCredentialId);
    if (!(await this.#deps.store.deleteUserCredential(caller.accountId, credential.id))) {
      throw noSuchCredential(credential.id);
    }
    this.#deps.tracker.bump();
  }
}

function assertSupported(serviceName: string): void {
  if (!SERVICES.has(serviceName)) {
    throw new AwsError(
      'NotSupportedService',
      `No such service ${serviceName} is supported for Service-Specific Credentials`,
    );
  }
}
