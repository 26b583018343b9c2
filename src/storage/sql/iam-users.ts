/**
 * @module storage/sql/iam-users
 * Users of the SQL {@link IamStore}.
 */

import type { Kysely, Selectable } from 'kysely';
import type { Tag, UserRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, optional, toIso, toJson, touched } from './codec.js';
import { moveOwned } from './iam-owner-moves.js';
import { writeIam } from './iam-write.js';
import type { Database, IamUsersTable } from './schema.js';

type UserMethods = Pick<IamStore, 'createUser' | 'getUser' | 'listUsers' | 'updateUser' | 'deleteUser'>;

/** A user row as a record. */
export function userFromRow(row: Selectable<IamUsersTable>): UserRecord {
  return {
    accountId: row.account_id,
    userName: row.user_name,
    userId: row.user_id,
    path: row.path,
    arn: row.arn,
    createDate: fromIso(row.create_date),
    tags: fromJson<Tag[]>(row.tags),
    ...optional('permissionsBoundaryArn', row.permissions_boundary_arn),
  };
}

function userColumns(user: UserRecord) {
  return {
    account_id: user.accountId,
    user_name: user.userName,
    user_name_lc: foldName(user.userName),
    user_id: user.userId,
    path: user.path,
    arn: user.arn,
    create_date: toIso(user.createDate),
    tags: toJson(user.tags),
    permissions_boundary_arn: user.permissionsBoundaryArn ?? null,
  };
}

/** The user methods over `db`. */
export function sqlUsers(db: Kysely<Database>): UserMethods {
  return {
    createUser: (user) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_users')
          .values(userColumns(user))
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getUser(accountId, userName) {
      const row = await db
        .selectFrom('iam_users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('user_name_lc', '=', foldName(userName))
        .executeTakeFirst();
      return row && userFromRow(row);
    },
    async listUsers(accountId, pathPrefix) {
      const rows = await db
        .selectFrom('iam_users')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('user_name_lc')
        .execute();
      return rows.filter((row) => row.path.startsWith(pathPrefix)).map(userFromRow);
    },
    updateUser: (user, formerName) =>
      writeIam(db, async (trx) => {
        const from = foldName(formerName ?? user.userName);
        if (from !== foldName(user.userName)) {
          const taken = await trx
            .selectFrom('iam_users')
            .select('user_id')
            .where('account_id', '=', user.accountId)
            .where('user_name_lc', '=', foldName(user.userName))
            .executeTakeFirst();
          if (taken) return false;
        }
        const result = await trx
          .updateTable('iam_users')
          .set(userColumns(user))
          .where('account_id', '=', user.accountId)
          .where('user_name_lc', '=', from)
          .executeTakeFirst();
        if (!touched(result.numUpdatedRows)) return false;
        if (formerName !== undefined) await moveOwned(trx, user.accountId, 'user', formerName, user.userName);
        return true;
      }),
    deleteUser: (accountId, userName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_users')
          .where('account_id', '=', accountId)
          .where('user_name_lc', '=', foldName(userName))
          .executeTakeFirst();
        if (!touched(result.numDeletedRows)) return false;
        await trx
          .deleteFrom('iam_group_members')
          .where('account_id', '=', accountId)
          .where('user_name_lc', '=', foldName(userName))
          .execute();
        return true;
      }),
  };
}
