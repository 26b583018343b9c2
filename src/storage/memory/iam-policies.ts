/**
 * @module storage/memory/iam-policies
 * Managed policies, their versions and their attachments, in the memory {@link IamStore}.
 * Policy ARNs are matched exactly; attached ARNs are listed in UTF-8 byte order.
 */

import type { PrincipalKind, PrincipalRef } from '../../core/entities.js';
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
  | 'listPolicyAttachments'
  | 'countAttachmentsByPolicy'
  | 'countBoundaryUsageByPolicy'
  | 'countPermissionsBoundaryUsage'
  | 'listPolicies'
  | 'updatePolicy'
  | 'createPolicyVersion'
  | 'deletePolicyVersion'
>;

/** The owner a principal key names (see ./principal-key.ts; IAM names contain no `/`). */
function ownerOf(key: string): PrincipalRef {
  const [accountId = '', kind = 'user', name = ''] = key.split('/');
  return { accountId, kind: kind as PrincipalKind, name };
}

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
    async countAttachmentsByPolicy(accountId) {
      const counts = new Map<string, number>();
      for (const [key, attached] of state.attachments) {
        if (ownerOf(key).accountId !== accountId) continue;
        for (const arn of attached) counts.set(arn, (counts.get(arn) ?? 0) + 1);
      }
      return counts;
    },
    async listPolicyAttachments(policyArn) {
      return [...state.attachments.entries()]
        .filter(([, attached]) => attached.has(policyArn))
        .map(([key]) => ownerOf(key))
        .sort(
          (a, b) => compareUtf8(a.accountId, b.accountId) || compareUtf8(a.kind, b.kind) || compareUtf8(a.name, b.name),
        );
    },
    async countPermissionsBoundaryUsage(policyArn) {
      let count = 0;
      for (const user of state.users.scan()) if (user.permissionsBoundaryArn === policyArn) count += 1;
      for (const role of state.roles.scan()) if (role.permissionsBoundaryArn === policyArn) count += 1;
      return count;
    },
    async countBoundaryUsageByPolicy(accountId) {
      const counts = new Map<string, number>();
      for (const entity of [...state.users.scan(), ...state.roles.scan()]) {
        const arn = entity.permissionsBoundaryArn;
        if (entity.accountId === accountId && arn !== undefined) counts.set(arn, (counts.get(arn) ?? 0) + 1);
      }
      return counts;
    },
    async listPolicies(accountId) {
      return state.policyNames.list(accountId).flatMap((arn) => {
        const policy = state.policies.get(arn);
        return policy === undefined ? [] : [structuredClone(policy)];
      });
    },
    async updatePolicy(policy) {
      if (!state.policies.has(policy.arn)) return false;
      state.policies.set(policy.arn, structuredClone(policy));
      return bumpIf(state, true);
    },
    async createPolicyVersion(version, setAsDefault) {
      const policy = state.policies.get(version.policyArn);
      const versions = state.versions.get(version.policyArn);
      if (policy === undefined || versions === undefined) return false;
      if (versions.some((v) => v.versionId === version.versionId)) return false;
      versions.push(structuredClone(version));
      if (setAsDefault) {
        state.policies.set(policy.arn, {
          ...policy,
          defaultVersionId: version.versionId,
          updateDate: version.createDate,
        });
      }
      return bumpIf(state, true);
    },
    async deletePolicyVersion(policyArn, versionId) {
      const versions = state.versions.get(policyArn);
      const index = versions?.findIndex((v) => v.versionId === versionId) ?? -1;
      if (versions === undefined || index < 0) return false;
      versions.splice(index, 1);
      return bumpIf(state, true);
    },
  };
}
