/**
 * @module core/iam/aws-managed-store
 * Serves the AWS managed policies (`arn:aws:iam::aws:policy/…`) through the {@link IamStore} the rest of the domain
 * uses, so they are read, attached and evaluated like customer managed policies: lookups by such an ARN go to the
 * catalog, `listPolicies('aws')` lists it, and writes to them never reach the store (the use cases refuse them
 * first; these guards answer `false` like any missing policy).
 */

import type { IamStore, ManagedPolicyCatalog } from '../ports.js';
import { AWS_ACCOUNT } from './policies.js';

/** The ARN prefix of AWS managed policies. */
export const AWS_POLICY_PREFIX = 'arn:aws:iam::aws:policy/';

const isAws = (policyArn: string) => policyArn.startsWith(AWS_POLICY_PREFIX);

/**
 * Wraps `store` (a plain object of methods, as every adapter returns) with the catalog.
 *
 * @example
 * const iam = withAwsManagedPolicies(stores.iam, stores.awsManagedPolicies);
 * await iam.getPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
 */
export function withAwsManagedPolicies(store: IamStore, catalog: ManagedPolicyCatalog): IamStore {
  return {
    ...store,
    getPolicy: (arn) => (isAws(arn) ? catalog.getPolicy(arn) : store.getPolicy(arn)),
    getPolicyVersion: (arn, versionId) =>
      isAws(arn) ? catalog.getPolicyVersion(arn, versionId) : store.getPolicyVersion(arn, versionId),
    listPolicyVersions: (arn) => (isAws(arn) ? catalog.listPolicyVersions(arn) : store.listPolicyVersions(arn)),
    listPolicies: (accountId) => (accountId === AWS_ACCOUNT ? catalog.listPolicies() : store.listPolicies(accountId)),
    createPolicy: async (policy, version) => !isAws(policy.arn) && store.createPolicy(policy, version),
    updatePolicy: async (policy) => !isAws(policy.arn) && store.updatePolicy(policy),
    deletePolicy: async (arn) => !isAws(arn) && store.deletePolicy(arn),
    createPolicyVersion: async (version, setAsDefault) =>
      !isAws(version.policyArn) && store.createPolicyVersion(version, setAsDefault),
    deletePolicyVersion: async (arn, versionId) => !isAws(arn) && store.deletePolicyVersion(arn, versionId),
  };
}
