/**
 * @module storage/memory/iam-inline-policies
 * Inline policies of the memory {@link IamStore}. Policy names are case-insensitive per owner like every IAM name;
 * replacing one keeps the first spelling of both the owner and the policy name, as the SQL adapter does.
 */

import type { IamStore } from '../../core/ports.js';
import { compareUtf8, foldName } from '../ordering.js';
import { type MemoryIamState, bump, bumpIf } from './iam-state.js';
import { principalKey } from './principal-key.js';

type InlineMethods = Pick<
  IamStore,
  'putInlinePolicy' | 'getInlinePolicy' | 'listInlinePolicies' | 'deleteInlinePolicy'
>;

/** The inline-policy methods over `state`. */
export function memoryInlinePolicies(state: MemoryIamState): InlineMethods {
  return {
    async putInlinePolicy(policy) {
      const key = principalKey(policy.owner);
      let policies = state.inline.get(key);
      if (policies === undefined) {
        policies = new Map();
        state.inline.set(key, policies);
      }
      const name = foldName(policy.policyName);
      const current = policies.get(name);
      const stored = current === undefined ? policy : { ...current, document: policy.document };
      policies.set(name, structuredClone(stored));
      bump(state);
    },
    async getInlinePolicy(owner, policyName) {
      const policy = state.inline.get(principalKey(owner))?.get(foldName(policyName));
      return policy === undefined ? undefined : structuredClone(policy);
    },
    async listInlinePolicies(owner) {
      const policies = state.inline.get(principalKey(owner)) ?? new Map();
      return [...policies.entries()].sort(([a], [b]) => compareUtf8(a, b)).map(([, policy]) => structuredClone(policy));
    },
    async deleteInlinePolicy(owner, policyName) {
      return bumpIf(state, state.inline.get(principalKey(owner))?.delete(foldName(policyName)) ?? false);
    },
  };
}
