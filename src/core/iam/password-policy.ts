/**
 * @module core/iam/password-policy
 * The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy,
 * DeleteAccountPasswordPolicy (IAM API reference). Parameters left out of an update take AWS's documented defaults
 * (minimum length 6, no requirement, no expiry). CreateLoginProfile and UpdateLoginProfile enforce the length and
 * character requirements; expiry and reuse prevention concern console sign-in, which iamd does not serve.
 */

import type { Iam } from '../../shapes/index.js';
import type { PasswordPolicyRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';

/** Password policy use cases. */
export class PasswordPolicies {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  /** [UpdateAccountPasswordPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html) */
  async update(accountId: string, input: Iam.UpdateAccountPasswordPolicyRequest): Promise<void> {
    const maxAge = input.MaxPasswordAge ?? 0;
    const policy: PasswordPolicyRecord = {
      minimumPasswordLength: input.MinimumPasswordLength ?? 6,
      requireSymbols: input.RequireSymbols ?? false,
      requireNumbers: input.RequireNumbers ?? false,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      ...(maxAge > 0 ? { maxPasswordAge: maxAge } : {}),
      ...(input.PasswordReusePrevention === undefined
        ? {}
        : { passwordReusePrevention: input.PasswordReusePrevention }),
      hardExpiry: input.HardExpiry ?? false,
    };
    await this.#deps.store.setPasswordPolicy(accountId, policy);
    this.#deps.tracker.bump();
  }

  /** [GetAccountPasswordPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountPasswordPolicy.html) */
  async get(accountId: string): Promise<Iam.GetAccountPasswordPolicyResponse> {
    const policy = await this.#deps.store.getPasswordPolicy(accountId);
    if (!policy) throw noSuchPolicy(accountId);
    return {
      PasswordPolicy: {
        MinimumPasswordLength: policy.minimumPasswordLength,
        RequireSymbols: policy.requireSymbols,
        RequireNumbers: policy.requireNumbers,
        RequireUppercaseCharacters: policy.requireUppercaseCharacters,
        RequireLowercaseCharacters: policy.requireLowercaseCharacters,
        AllowUsersToChangePassword: policy.allowUsersToChangePassword,
        ExpirePasswords: policy.maxPasswordAge !== undefined,
        MaxPasswordAge: policy.maxPasswordAge,
        PasswordReusePrevention: policy.passwordReusePrevention,
        HardExpiry: policy.hardExpiry,
      },
    };
  }

  /** [DeleteAccountPasswordPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccountPasswordPolicy.html) */
  async delete(accountId: string): Promise<void> {
    if (!(await this.#deps.store.setPasswordPolicy(accountId, undefined))) throw noSuchPolicy(accountId);
    this.#deps.tracker.bump();
  }
}

/** AWS names the account's policy by its "domain name", the account id. */
const noSuchPolicy = (accountId: string) =>
  new AwsError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
