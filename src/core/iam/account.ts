/**
 * @module core/iam/account
 * Account-wide IAM use cases: account aliases (Create/Delete/ListAccountAliases) and GetAccountSummary (IAM API
 * reference). The quotas reported are IAM's defaults, the ones iamd enforces where it enforces one.
 */

import type { Iam } from '../../shapes/index.js';
import { AwsError } from '../errors.js';
import type { AccountStore } from '../ports.js';
import type { IamDeps } from './deps.js';
import { MAX_ATTACHED } from './identity-policies.js';
import { MAX_VERSIONS } from './policy-versions.js';

/** IAM default quotas, by GetAccountSummary key (IAM User Guide, "IAM and AWS STS quotas"). */
const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  PolicySizeQuota: 6144,
  AssumeRolePolicySizeQuota: 2048,
  GroupsPerUserQuota: 10,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  AttachedPoliciesPerGroupQuota: MAX_ATTACHED,
  AttachedPoliciesPerRoleQuota: MAX_ATTACHED,
  AttachedPoliciesPerUserQuota: MAX_ATTACHED,
  VersionsPerPolicyQuota: MAX_VERSIONS,
  PolicyVersionsInUseQuota: 10000,
} as const;

/** Account-wide use cases. */
export class AccountSettings {
  readonly #deps: IamDeps;
  readonly #accounts: AccountStore;

  constructor(deps: IamDeps, accounts: AccountStore) {
    this.#deps = deps;
    this.#accounts = accounts;
  }

  /** [CreateAccountAlias](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html): replaces the current alias. */
  async createAlias(accountId: string, input: Iam.CreateAccountAliasRequest): Promise<void> {
    if (!(await this.#accounts.setAccountAlias(accountId, input.AccountAlias))) {
      throw new AwsError('EntityAlreadyExists', `The account alias ${input.AccountAlias} already exists.`);
    }
  }

  /** [DeleteAccountAlias](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccountAlias.html) */
  async deleteAlias(accountId: string, input: Iam.DeleteAccountAliasRequest): Promise<void> {
    const account = await this.#accounts.getAccount(accountId);
    if (account?.alias !== input.AccountAlias) {
      throw new AwsError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
    }
    await this.#accounts.setAccountAlias(accountId, undefined);
  }

  /** [ListAccountAliases](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html): at most one. */
  async listAliases(accountId: string): Promise<Iam.ListAccountAliasesResponse> {
    const alias = (await this.#accounts.getAccount(accountId))?.alias;
    return { AccountAliases: alias === undefined ? [] : [alias], IsTruncated: false };
  }

  /** [GetAccountSummary](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html) */
  async summary(accountId: string): Promise<Iam.GetAccountSummaryResponse> {
    const store = this.#deps.store;
    const policies = await store.listPolicies(accountId);
    let versionsInUse = 0;
    for (const policy of policies) versionsInUse += (await store.listPolicyVersions(policy.arn)).length;
    const rootKeys = await this.#accounts.listAccessKeys(accountId, undefined);
    const devices = await store.listMfaDevices(accountId);
    const providers =
      (await store.listIdentityProviders(accountId, 'oidc')).length +
      (await store.listIdentityProviders(accountId, 'saml')).length;
    return {
      SummaryMap: {
        Users: (await store.listUsers(accountId, '/')).length,
        Groups: (await store.listGroups(accountId, '/')).length,
        Roles: (await store.listRoles(accountId, '/')).length,
        Policies: policies.length,
        InstanceProfiles: (await store.listInstanceProfiles(accountId, '/')).length,
        PolicyVersionsInUse: versionsInUse,
        ServerCertificates: 0,
        Providers: providers,
        MFADevices: devices.length,
        MFADevicesInUse: devices.filter((d) => d.userName !== undefined).length,
        AccountMFAEnabled: 0,
        AccountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
        AccountPasswordPresent: 0,
        AccountSigningCertificatesPresent: 0,
        GlobalEndpointTokenVersion: 1,
        ...QUOTAS,
      },
    };
  }
}
