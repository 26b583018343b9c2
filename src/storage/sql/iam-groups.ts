/**
 * @module storage/sql/iam-groups
 * Groups and their members in the SQL {@link IamStore}. Members are rows of folded names in `iam_group_members`,
 * joined with `iam_users`/`iam_groups` when listed, so listings always show current records.
 */

import type { Kysely, Selectable } from 'kysely';
import type { GroupRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, toIso, touched } from './codec.js';
import { moveOwned } from './iam-owner-moves.js';
import { userFromRow } from './iam-users.js';
import { writeIam } from './iam-write.js';
import type { Database, IamGroupsTable } from './schema.js';

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

function groupFromRow(row: Selectable<IamGroupsTable>): GroupRecord {
  return {
    accountId: row.account_id,
    groupName: row.group_name,
    groupId: row.group_id,
    path: row.path,
    arn: row.arn,
    createDate: fromIso(row.create_date),
  };
}

function groupColumns(group: GroupRecord) {
  return {
    account_id: group.accountId,
    group_name: group.groupName,
    group_name_lc: foldName(group.groupName),
    group_id: group.groupId,
    path: group.path,
    arn: group.arn,
    create_date: toIso(group.createDate),
  };
}

/** The group methods over `db`. */
export function sqlGroups(db: Kysely<Database>): GroupMethods {
  const byName = (accountId: string, groupName: string) =>
    db
      .selectFrom('iam_groups')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('group_name_lc', '=', foldName(groupName));
  return {
    createGroup: (group) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_groups')
          .values(groupColumns(group))
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getGroup(accountId, groupName) {
      const row = await byName(accountId, groupName).executeTakeFirst();
      return row && groupFromRow(row);
    },
    async listGroups(accountId, pathPrefix) {
      const rows = await db
        .selectFrom('iam_groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('group_name_lc')
        .execute();
      return rows.filter((row) => row.path.startsWith(pathPrefix)).map(groupFromRow);
    },
    updateGroup: (group, formerName) =>
      writeIam(db, async (trx) => {
        const from = foldName(formerName ?? group.groupName);
        if (from !== foldName(group.groupName)) {
          const taken = await trx
            .selectFrom('iam_groups')
            .select('group_id')
            .where('account_id', '=', group.accountId)
            .where('group_name_lc', '=', foldName(group.groupName))
            .executeTakeFirst();
          if (taken) return false;
        }
        const result = await trx
          .updateTable('iam_groups')
          .set(groupColumns(group))
          .where('account_id', '=', group.accountId)
          .where('group_name_lc', '=', from)
          .executeTakeFirst();
        if (!touched(result.numUpdatedRows)) return false;
        if (formerName !== undefined) await moveOwned(trx, group.accountId, 'group', formerName, group.groupName);
        return true;
      }),
    deleteGroup: (accountId, groupName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_groups')
          .where('account_id', '=', accountId)
          .where('group_name_lc', '=', foldName(groupName))
          .executeTakeFirst();
        if (!touched(result.numDeletedRows)) return false;
        await trx
          .deleteFrom('iam_group_members')
          .where('account_id', '=', accountId)
          .where('group_name_lc', '=', foldName(groupName))
          .execute();
        return true;
      }),
    addUserToGroup: (accountId, groupName, userName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_group_members')
          .values({ account_id: accountId, group_name_lc: foldName(groupName), user_name_lc: foldName(userName) })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    removeUserFromGroup: (accountId, groupName, userName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_group_members')
          .where('account_id', '=', accountId)
          .where('group_name_lc', '=', foldName(groupName))
          .where('user_name_lc', '=', foldName(userName))
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    async listGroupsForUser(accountId, userName) {
      const rows = await db
        .selectFrom('iam_groups as g')
        .innerJoin('iam_group_members as m', (join) =>
          join.onRef('m.account_id', '=', 'g.account_id').onRef('m.group_name_lc', '=', 'g.group_name_lc'),
        )
        .selectAll('g')
        .where('g.account_id', '=', accountId)
        .where('m.user_name_lc', '=', foldName(userName))
        .orderBy('g.group_name_lc')
        .execute();
      return rows.map(groupFromRow);
    },
    async listGroupMembers(accountId, groupName) {
      const rows = await db
        .selectFrom('iam_users as u')
        .innerJoin('iam_group_members as m', (join) =>
          join.onRef('m.account_id', '=', 'u.account_id').onRef('m.user_name_lc', '=', 'u.user_name_lc'),
        )
        .selectAll('u')
        .where('u.account_id', '=', accountId)
        .where('m.group_name_lc', '=', foldName(groupName))
        .orderBy('u.user_name_lc')
        .execute();
      return rows.map(userFromRow);
    },
  };
}
