/**
 * @module storage/memory/iam-policies
 * Managed policies, their versions and their attachments, in the memory {@link IamStore}.
 * Policy ARNs are matched exactly; attached ARNs are listed in UTF-8 byte order.
 */

import type { IamStore } from '../../core/ports.js';
import { compareUtf8 } from '../ordering.js';
import { type MemoryIamState, bump, bumpIf } from './iam-state.js';
import { principalKey } from './principal-key.js';

type PolicyMethods = Pick<
  IamStore,
  | 'createPolicy'
  | 'getPolicy'
  | 'getPolicyVersion'
  | 'listPolicyVersions'
  | 'deletePolicy'
  | 'attachPolicy'
  | 'detachPolicy'
  | 'listAttachedPolicies'
  | 'countPolicyAttachments'
>;

/** The managed-policy and attachment methods over `state`. */
export function memoryPolicies(state: MemoryIamState): PolicyMethods {
  return {
    async createPolicy(policy, version) {
      if (state.policies.has(policy.arn)) return false;
      if (!state.policyNames.add(policy.accountId, policy.policyName, policy.arn)) return false;
      state.policies.set(policy.arn, structuredClone(policy));
      state.versions.set(policy.arn, [structuredClone({ ...version, policyArn: policy.arn })]);
      bump(state);
      return true;
    },
    async getPolicy(policyArn) {
      const policy = state.policies.get(policyArn);
      return policy === undefined ? undefined : structuredClone(policy);
    },
    async getPolicyVersion(policyArn, versionId) {
      const version = state.versions.get(policyArn)?.find((v) => v.versionId === versionId);
      return version === undefined ? undefined : structuredClone(version);
    },
    async listPolicyVersions(policyArn) {
      const versions = state.versions.get(policyArn) ?? [];
      return versions
        .map((v) => structuredClone(v))
        .sort((a, b) => a.createDate.getTime() - b.createDate.getTime() || compareUtf8(a.versionId, b.versionId));
    },
    async deletePolicy(policyArn) {
      const policy = state.policies.get(policyArn);
      if (policy === undefined) return false;
      state.policies.delete(policyArn);
      state.policyNames.delete(policy.accountId, policy.policyName);
      state.versions.delete(policyArn);
      bump(state);
      return true;
    },
    async attachPolicy(owner, policyArn) {
      const key = principalKey(owner);
      let attached = state.attachments.get(key);
      if (attached === undefined) {
        attached = new Set();
        state.attachments.set(key, attached);
      }
      if (attached.has(policyArn)) return false;
      attached.add(policyArn);
      bump(state);
      return true;
    },
    async detachPolicy(owner, policyArn) {
      return bumpIf(state, state.attachments.get(principalKey(owner))?.delete(policyArn) ?? false);
    },
    async listAttachedPolicies(owner) {
      return [...(state.attachments.get(principalKey(owner)) ?? [])].sort(compareUtf8);
    },
    async countPolicyAttachments(policyArn) {
      let count = 0;
      for (const attached of state.attachments.values()) if (attached.has(policyArn)) count += 1;
      return count;
    },
  };
}
