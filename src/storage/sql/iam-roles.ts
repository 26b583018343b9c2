/**
 * @module storage/sql/iam-roles
 * Roles of the SQL {@link IamStore}.
 */

import type { Kysely, Selectable } from 'kysely';
import type { RoleRecord, Tag } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, optional, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamRolesTable } from './schema.js';

type RoleMethods = Pick<
  IamStore,
  'createRole' | 'getRole' | 'listRoles' | 'updateRole' | 'deleteRole' | 'recordRoleUse'
>;

function roleFromRow(row: Selectable<IamRolesTable>): RoleRecord {
  return {
    accountId: row.account_id,
    roleName: row.role_name,
    roleId: row.role_id,
    path: row.path,
    arn: row.arn,
    createDate: fromIso(row.create_date),
    assumeRolePolicyDocument: row.assume_role_policy_document,
    ...optional('description', row.description),
    maxSessionDuration: Number(row.max_session_duration),
    tags: fromJson<Tag[]>(row.tags),
    ...optional('permissionsBoundaryArn', row.permissions_boundary_arn),
    ...optional(
      'lastUsed',
      row.last_used_date === null ? null : { date: fromIso(row.last_used_date), region: row.last_used_region ?? '' },
    ),
  };
}

/** The columns of a role that `updateRole` may change (everything but its identity). */
function roleColumns(role: RoleRecord) {
  return {
    role_id: role.roleId,
    path: role.path,
    arn: role.arn,
    create_date: toIso(role.createDate),
    assume_role_policy_document: role.assumeRolePolicyDocument,
    description: role.description ?? null,
    max_session_duration: role.maxSessionDuration,
    tags: toJson(role.tags),
    permissions_boundary_arn: role.permissionsBoundaryArn ?? null,
    last_used_date: role.lastUsed === undefined ? null : toIso(role.lastUsed.date),
    last_used_region: role.lastUsed?.region ?? null,
  };
}

/** The role methods over `db`. */
export function sqlRoles(db: Kysely<Database>): RoleMethods {
  return {
    createRole: (role) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_roles')
          .values({
            account_id: role.accountId,
            role_name: role.roleName,
            role_name_lc: foldName(role.roleName),
            ...roleColumns(role),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getRole(accountId, roleName) {
      const row = await db
        .selectFrom('iam_roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('role_name_lc', '=', foldName(roleName))
        .executeTakeFirst();
      return row && roleFromRow(row);
    },
    async listRoles(accountId, pathPrefix) {
      const rows = await db
        .selectFrom('iam_roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('role_name_lc')
        .execute();
      // Filtered here rather than with LIKE, whose wildcards and ASCII case-folding (SQLite) would need escaping.
      return rows.filter((row) => row.path.startsWith(pathPrefix)).map(roleFromRow);
    },
    async updateRole(role) {
      await writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_roles')
          .set(roleColumns(role))
          .where('account_id', '=', role.accountId)
          .where('role_name_lc', '=', foldName(role.roleName))
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      });
    },
    async recordRoleUse(accountId, roleName, use) {
      await db
        .updateTable('iam_roles')
        .set({ last_used_date: toIso(use.date), last_used_region: use.region })
        .where('account_id', '=', accountId)
        .where('role_name_lc', '=', foldName(roleName))
        .execute();
    },
    deleteRole: (accountId, roleName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_roles')
          .where('account_id', '=', accountId)
          .where('role_name_lc', '=', foldName(roleName))
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}
