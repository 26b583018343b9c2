/**
 * @module storage/memory/iam-groups
 * Groups and their members in the memory {@link IamStore}. Members are kept as folded user names, so a listing
 * always shows the users' current records.
 */

import type { GroupRecord, UserRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { groupKey, moveOwnedPolicies } from './iam-owner-moves.js';
import { type MemoryIamState, bumpIf } from './iam-state.js';

type GroupMethods = Pick<
  IamStore,
  | 'createGroup'
  | 'getGroup'
  | 'listGroups'
  | 'updateGroup'
  | 'deleteGroup'
  | 'addUserToGroup'
  | 'removeUserFromGroup'
  | 'listGroupsForUser'
  | 'listGroupMembers'
>;

/** The group methods over `state`. */
export function memoryGroups(state: MemoryIamState): GroupMethods {
  return {
    async createGroup(group) {
      return bumpIf(state, state.groups.add(group.accountId, group.groupName, group));
    },
    async getGroup(accountId, groupName) {
      return state.groups.get(accountId, groupName);
    },
    async listGroups(accountId, pathPrefix) {
      return state.groups.list(accountId).filter((group) => group.path.startsWith(pathPrefix));
    },
    async updateGroup(group, formerName) {
      const { accountId, groupName } = group;
      if (formerName === undefined)
        return bumpIf(
          state,
          state.groups.replace(accountId, groupName, () => group),
        );
      if (!state.groups.rename(accountId, formerName, groupName, group)) return false;
      moveOwnedPolicies(
        state,
        { accountId, kind: 'group', name: formerName },
        { accountId, kind: 'group', name: groupName },
      );
      const members = state.members.get(groupKey(accountId, formerName));
      state.members.delete(groupKey(accountId, formerName));
      if (members !== undefined) state.members.set(groupKey(accountId, groupName), members);
      return bumpIf(state, true);
    },
    async deleteGroup(accountId, groupName) {
      if (!state.groups.delete(accountId, groupName)) return false;
      state.members.delete(groupKey(accountId, groupName));
      return bumpIf(state, true);
    },
    async addUserToGroup(accountId, groupName, userName) {
      const key = groupKey(accountId, groupName);
      let members = state.members.get(key);
      if (members === undefined) {
        members = new Set();
        state.members.set(key, members);
      }
      const folded = foldName(userName);
      if (members.has(folded)) return false;
      members.add(folded);
      return bumpIf(state, true);
    },
    async removeUserFromGroup(accountId, groupName, userName) {
      return bumpIf(state, state.members.get(groupKey(accountId, groupName))?.delete(foldName(userName)) ?? false);
    },
    async listGroupsForUser(accountId, userName) {
      const folded = foldName(userName);
      return state.groups
        .list(accountId)
        .filter((group: GroupRecord) => state.members.get(groupKey(accountId, group.groupName))?.has(folded));
    },
    async listGroupMembers(accountId, groupName) {
      const members = state.members.get(groupKey(accountId, groupName)) ?? new Set<string>();
      return state.users.list(accountId).filter((user: UserRecord) => members.has(foldName(user.userName)));
    },
  };
}
