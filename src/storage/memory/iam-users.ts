/**
 * @module storage/memory/iam-users
 * Users of the memory {@link IamStore}.
 */

import type { UserRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { moveMemberships, moveMfaDevices, moveOwnedPolicies, moveUserCredentials } from './iam-owner-moves.js';
import { type MemoryIamState, bumpIf } from './iam-state.js';

type UserMethods = Pick<IamStore, 'createUser' | 'getUser' | 'listUsers' | 'updateUser' | 'deleteUser'>;

/** The user methods over `state`. */
export function memoryUsers(state: MemoryIamState): UserMethods {
  return {
    async createUser(user: UserRecord) {
      return bumpIf(state, state.users.add(user.accountId, user.userName, user));
    },
    async getUser(accountId, userName) {
      return state.users.get(accountId, userName);
    },
    async listUsers(accountId, pathPrefix) {
      return state.users.list(accountId).filter((user) => user.path.startsWith(pathPrefix));
    },
    async updateUser(user, formerName) {
      const { accountId, userName } = user;
      if (formerName === undefined)
        return bumpIf(
          state,
          state.users.replace(accountId, userName, () => user),
        );
      if (!state.users.rename(accountId, formerName, userName, user)) return false;
      moveOwnedPolicies(
        state,
        { accountId, kind: 'user', name: formerName },
        { accountId, kind: 'user', name: userName },
      );
      moveMemberships(state, accountId, formerName, userName);
      moveMfaDevices(state, accountId, formerName, userName);
      moveUserCredentials(state, accountId, formerName, userName);
      return bumpIf(state, true);
    },
    async deleteUser(accountId, userName) {
      if (!state.users.delete(accountId, userName)) return false;
      const folded = foldName(userName);
      for (const [key, members] of state.members) if (key.startsWith(`${accountId}/`)) members.delete(folded);
      return bumpIf(state, true);
    },
  };
}
