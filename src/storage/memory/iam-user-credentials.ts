/**
 * @module storage/memory/iam-user-credentials
 * Login profiles, signing certificates, SSH public keys and service-specific credentials of the memory
 * {@link IamStore} (one map by id), and the account password policies.
 */

import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { type MemoryIamState, bumpIf } from './iam-state.js';

type CredentialMethods = Pick<
  IamStore,
  | 'createUserCredential'
  | 'getUserCredential'
  | 'listUserCredentials'
  | 'updateUserCredential'
  | 'deleteUserCredential'
  | 'getPasswordPolicy'
  | 'setPasswordPolicy'
>;

/** The user credential and password policy methods over `state`. */
export function memoryUserCredentials(state: MemoryIamState): CredentialMethods {
  const find = (accountId: string, id: string) => {
    const credential = state.credentials.get(id);
    return credential?.accountId === accountId ? credential : undefined;
  };
  return {
    async createUserCredential(credential) {
      if (state.credentials.has(credential.id)) return false;
      state.credentials.set(credential.id, credential);
      return bumpIf(state, true);
    },
    async getUserCredential(accountId, id) {
      return find(accountId, id);
    },
    async listUserCredentials(accountId, kind, userName) {
      const folded = userName === undefined ? undefined : foldName(userName);
      return [...state.credentials.values()]
        .filter((c) => c.accountId === accountId && c.kind === kind)
        .filter((c) => folded === undefined || foldName(c.userName) === folded)
        .sort((a, b) => a.createDate.getTime() - b.createDate.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async updateUserCredential(credential) {
      const current = find(credential.accountId, credential.id);
      if (!current || current.kind !== credential.kind) return false;
      state.credentials.set(credential.id, { ...credential, userName: current.userName });
      return bumpIf(state, true);
    },
    async deleteUserCredential(accountId, id) {
      if (!find(accountId, id)) return false;
      return bumpIf(state, state.credentials.delete(id));
    },
    async getPasswordPolicy(accountId) {
      return state.passwordPolicies.get(accountId);
    },
    async setPasswordPolicy(accountId, policy) {
      if (policy === undefined) return bumpIf(state, state.passwordPolicies.delete(accountId));
      state.passwordPolicies.set(accountId, policy);
      return bumpIf(state, true);
    },
  };
}
