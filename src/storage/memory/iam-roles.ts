/**
 * @module storage/memory/iam-roles
 * Roles of the memory {@link IamStore}.
 */

import type { RoleRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { type MemoryIamState, bump, bumpIf } from './iam-state.js';

type RoleMethods = Pick<
  IamStore,
  'createRole' | 'getRole' | 'listRoles' | 'updateRole' | 'deleteRole' | 'recordRoleUse'
>;

/** The role methods over `state`. */
export function memoryRoles(state: MemoryIamState): RoleMethods {
  return {
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
    async recordRoleUse(accountId, roleName, use) {
      state.roles.replace(accountId, roleName, (current) => ({ ...current, lastUsed: { ...use } }));
    },
    async deleteRole(accountId, roleName) {
      return bumpIf(state, state.roles.delete(accountId, roleName));
    },
  };
}
