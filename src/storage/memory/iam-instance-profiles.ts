/**
 * @module storage/memory/iam-instance-profiles
 * Instance profiles of the memory {@link IamStore}. Role names are kept in the order they were set and matched
 * case-insensitively when looking up the profiles of a role.
 */

import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { type MemoryIamState, bump, bumpIf } from './iam-state.js';

type ProfileMethods = Pick<
  IamStore,
  | 'createInstanceProfile'
  | 'getInstanceProfile'
  | 'setInstanceProfileRoles'
  | 'listInstanceProfilesForRole'
  | 'listInstanceProfiles'
  | 'setInstanceProfileTags'
  | 'deleteInstanceProfile'
>;

/** The instance-profile methods over `state`. */
export function memoryInstanceProfiles(state: MemoryIamState): ProfileMethods {
  return {
    async createInstanceProfile(profile) {
      return bumpIf(state, state.profiles.add(profile.accountId, profile.instanceProfileName, profile));
    },
    async getInstanceProfile(accountId, name) {
      return state.profiles.get(accountId, name);
    },
    async setInstanceProfileRoles(accountId, name, roleNames) {
      if (state.profiles.replace(accountId, name, (current) => ({ ...current, roleNames: [...roleNames] }))) {
        bump(state);
      }
    },
    async listInstanceProfiles(accountId, pathPrefix) {
      return state.profiles.list(accountId).filter((profile) => profile.path.startsWith(pathPrefix));
    },
    async setInstanceProfileTags(accountId, name, tags) {
      return bumpIf(
        state,
        state.profiles.replace(accountId, name, (current) => ({ ...current, tags: [...tags] })),
      );
    },
    async deleteInstanceProfile(accountId, name) {
      return bumpIf(state, state.profiles.delete(accountId, name));
    },
    async listInstanceProfilesForRole(accountId, roleName) {
      const folded = foldName(roleName);
      return state.profiles
        .list(accountId)
        .filter((profile) => profile.roleNames.some((name) => foldName(name) === folded));
    },
  };
}
