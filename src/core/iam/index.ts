/**
 * @module core/iam
 * The IAM domain: users, groups, roles, managed and inline policies, instance profiles, access keys and the policy
 * simulator.
 */

import type { Sealer } from '../keyring/sealer.js';
import type { AccountStore } from '../ports.js';
import { AccessKeys } from './access-keys.js';
import { AccountSettings } from './account.js';
import { AuthorizationDetails } from './authorization-details.js';
import type { IamDeps } from './deps.js';
import { Groups } from './groups.js';
import { DetailsImporter } from './import-details.js';
import { IdentityPolicies } from './identity-policies.js';
import { IdentityProviders } from './identity-providers.js';
import { InstanceProfiles } from './instance-profiles.js';
import { LoginProfiles } from './login-profiles.js';
import { MfaDevices } from './mfa-devices.js';
import { PasswordPolicies } from './password-policy.js';
import { ManagedPolicies } from './policies.js';
import { PolicyEntities } from './policy-entities.js';
import { PolicyVersions } from './policy-versions.js';
import { type PolicyBuckets, PrincipalReferences } from './principal-references.js';
import { Roles } from './roles.js';
import { ServiceCredentials } from './service-credentials.js';
import { ServiceLinkedRoles } from './service-linked-roles.js';
import { SigningCertificates } from './signing-certificates.js';
import { PolicySimulator } from './simulation.js';
import { SshPublicKeys } from './ssh-public-keys.js';
import { Users } from './users.js';

export { issueAccessKey } from './access-keys.js';
export { ACCESS_KEY_USE_INTERVAL_MS, AccessKeyUsage } from './access-key-usage.js';
export { AWS_POLICY_PREFIX, withAwsManagedPolicies } from './aws-managed-store.js';
export type { IamDeps } from './deps.js';
export type { InlineDocument } from './identity-policies.js';
export { AWS_ACCOUNT } from './policies.js';
export { exportDetails } from './export-details.js';
export { type DetailsDocument, DetailsImporter, documentText, type ImportReport } from './import-details.js';
export { withReadCache } from './read-cache.js';
export { serviceLinkedRoleName } from './service-linked-roles.js';
export { encodeDocument } from './wire.js';
export { ROLE_USE_INTERVAL_MS, RoleUsage } from './role-usage.js';
export {
  AccessKeys,
  AccountSettings,
  AuthorizationDetails,
  Groups,
  IdentityPolicies,
  IdentityProviders,
  InstanceProfiles,
  LoginProfiles,
  ManagedPolicies,
  MfaDevices,
  PasswordPolicies,
  PolicyEntities,
  PolicySimulator,
  PolicyVersions,
  Roles,
  ServiceCredentials,
  ServiceLinkedRoles,
  SigningCertificates,
  SshPublicKeys,
  Users,
};

/** The IAM use cases, grouped by entity. */
export interface IamService {
  readonly users: Users;
  readonly groups: Groups;
  readonly roles: Roles;
  readonly serviceLinkedRoles: ServiceLinkedRoles;
  readonly accessKeys: AccessKeys;
  /** Inline policies and attachments of users, groups and roles. */
  readonly identityPolicies: IdentityPolicies;
  readonly policies: ManagedPolicies;
  readonly policyVersions: PolicyVersions;
  readonly policyEntities: PolicyEntities;
  readonly instanceProfiles: InstanceProfiles;
  readonly mfaDevices: MfaDevices;
  /** Console passwords, kept only as hashes. */
  readonly loginProfiles: LoginProfiles;
  readonly passwordPolicy: PasswordPolicies;
  readonly signingCertificates: SigningCertificates;
  readonly sshPublicKeys: SshPublicKeys;
  readonly serviceCredentials: ServiceCredentials;
  /** OpenID Connect and SAML providers. */
  readonly providers: IdentityProviders;
  /** Aliases and the account summary. */
  readonly account: AccountSettings;
  readonly authorizationDetails: AuthorizationDetails;
  /** Applies GetAccountAuthorizationDetails documents (iamd import). */
  readonly importer: DetailsImporter;
  readonly simulator: PolicySimulator;
}

/**
 * Builds the IAM use cases over one set of dependencies. With `buckets`, deleting a user or role also rewrites the
 * bucket policies that named it.
 */
export function createIamService(
  deps: IamDeps,
  accounts: AccountStore,
  master: Sealer,
  buckets?: PolicyBuckets,
): IamService {
  const identityPolicies = new IdentityPolicies(deps);
  const references = new PrincipalReferences(deps, accounts, buckets);
  const roles = new Roles(deps, identityPolicies, references);
  const users = new Users(deps, accounts, references);
  const policies = new ManagedPolicies(deps);
  return {
    users,
    groups: new Groups(deps, users),
    roles,
    serviceLinkedRoles: new ServiceLinkedRoles(deps),
    accessKeys: new AccessKeys(deps, accounts, users, master),
    identityPolicies,
    policies,
    policyVersions: new PolicyVersions(deps, policies),
    policyEntities: new PolicyEntities(deps, policies),
    instanceProfiles: new InstanceProfiles(deps, roles),
    mfaDevices: new MfaDevices(deps, users, master),
    loginProfiles: new LoginProfiles(deps, users),
    passwordPolicy: new PasswordPolicies(deps),
    signingCertificates: new SigningCertificates(deps, users),
    sshPublicKeys: new SshPublicKeys(deps, users),
    serviceCredentials: new ServiceCredentials(deps, users),
    providers: new IdentityProviders(deps),
    account: new AccountSettings(deps, accounts),
    authorizationDetails: new AuthorizationDetails(deps, policies),
    importer: new DetailsImporter(deps),
    simulator: new PolicySimulator(deps.store),
  };
}
