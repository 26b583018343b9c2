/**
 * @module core/iam/login-profiles
 * Console passwords: CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile (IAM API
 * reference). iamd serves no console, so a login profile is a record with a scrypt hash of the password: checked
 * against the account password policy, never returned, logged or stored in clear.
 */

import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { LoginProfileRecord, UserRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { credentialOwner } from './credential-owner.js';
import type { IamDeps } from './deps.js';
import { assertPasswordAllowed, hashPassword } from './passwords.js';
import type { Users } from './users.js';

const SALT_BYTES = 16;

const profileId = (user: UserRecord) => `login-profile/${user.userId}`;

const noSuchProfile = (userName: string) =>
  new AwsError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);

const toWire = (profile: LoginProfileRecord): Iam.LoginProfile => ({
  UserName: profile.userName,
  CreateDate: profile.createDate,
  PasswordResetRequired: profile.passwordResetRequired,
});

/** Login profile use cases. */
export class LoginProfiles {
  readonly #deps: IamDeps;
  readonly #users: Users;

  constructor(deps: IamDeps, users: Users) {
    this.#deps = deps;
    this.#users = users;
  }

  async #hash(accountId: string, password: string): Promise<string> {
    assertPasswordAllowed(password, await this.#deps.store.getPasswordPolicy(accountId));
    return hashPassword(password, this.#deps.random.bytes(SALT_BYTES));
  }

  async #require(accountId: string, userName: string): Promise<LoginProfileRecord> {
    const user = await this.#users.require(accountId, userName);
    const profile = await this.#deps.store.getUserCredential(accountId, profileId(user));
    if (profile?.kind !== 'login-profile') throw noSuchProfile(user.userName);
    return profile;
  }

  /** [CreateLoginProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html) */
  async create(caller: AccountCaller, input: Iam.CreateLoginProfileRequest): Promise<Iam.CreateLoginProfileResponse> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    if (input.Password === undefined) {
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      );
    }
    const profile: LoginProfileRecord = {
      kind: 'login-profile',
      accountId: caller.accountId,
      userName: user.userName,
      id: profileId(user),
      status: 'Active',
      createDate: this.#deps.clock.now(),
      passwordHash: await this.#hash(caller.accountId, input.Password),
      passwordResetRequired: input.PasswordResetRequired ?? false,
    };
    if (!(await this.#deps.store.createUserCredential(profile))) {
      throw new AwsError('EntityAlreadyExists', `Login Profile for user ${user.userName} already exists.`);
    }
    this.#deps.tracker.bump();
    return { LoginProfile: toWire(profile) };
  }

  /** [GetLoginProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html) */
  async get(caller: AccountCaller, input: Iam.GetLoginProfileRequest): Promise<Iam.GetLoginProfileResponse> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    return { LoginProfile: toWire(await this.#require(caller.accountId, user.userName)) };
  }

  /**
   * [UpdateLoginProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html): a new
   * password (checked against the policy) and/or a new reset flag.
   */
  async update(caller: AccountCaller, input: Iam.UpdateLoginProfileRequest): Promise<void> {
    const profile = await this.#require(caller.accountId, input.UserName);
    const updated: LoginProfileRecord = {
      ...profile,
      ...(input.Password === undefined ? {} : { passwordHash: await this.#hash(caller.accountId, input.Password) }),
      passwordResetRequired: input.PasswordResetRequired ?? profile.passwordResetRequired,
    };
    if (!(await this.#deps.store.updateUserCredential(updated))) throw noSuchProfile(profile.userName);
    this.#deps.tracker.bump();
  }

  /** [DeleteLoginProfile](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteLoginProfile.html) */
  async delete(caller: AccountCaller, input: Iam.DeleteLoginProfileRequest): Promise<void> {
    const user = await credentialOwner(this.#users, caller, input.UserName);
    const profile = await this.#require(caller.accountId, user.userName);
    if (!(await this.#deps.store.deleteUserCredential(caller.accountId, profile.id))) {
      throw noSuchProfile(user.userName);
    }
    this.#deps.tracker.bump();
  }
}
