/**
 * @module storage/memory/iam-identities
 * Users and roles of the memory {@link IamStore}.
 */

import type { RoleRecord, UserRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { type MemoryIamState, bump, bumpIf } from './iam-state.js';

type IdentityMethods = Pick<
  IamStore,
  'createUser' | 'getUser' | 'createRole' | 'getRole' | 'listRoles' | 'updateRole' | 'deleteRole'
>;

/** The user and role methods over `state`. */
export function memoryIdentities(state: MemoryIamState): IdentityMethods {
  return {
    async createUser(user: UserRecord) {
      return bumpIf(state, state.users.add(user.accountId, user.userName, user));
    },
    async getUser(accountId, userName) {
      return state.users.get(accountId, userName);
    },
    async createRole(role: RoleRecord) {
      return bumpIf(state, state.roles.add(role.accountId, role.roleName, role));
    },
    async getRole(accountId, roleName) {
      return state.roles.get(accountId, roleName);
    },
    async listRoles(accountId, pathPrefix) {
      return state.roles.list(accountId).filter((role) => role.path.startsWith(pathPrefix));
    },
    async updateRole(role) {
      // The name is the key, so the stored spelling wins over the caller's.
      if (state.roles.replace(role.accountId, role.roleName, (current) => ({ ...role, roleName: current.roleName }))) {
        bump(state);
      }
    },
    async deleteRole(accountId, roleName) {
      return bumpIf(state, state.roles.delete(accountId, roleName));
    },
  };
}
