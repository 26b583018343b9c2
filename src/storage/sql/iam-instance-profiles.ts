/**
 * @module storage/sql/iam-instance-profiles
 * Instance profiles of the SQL {@link IamStore}. Their roles live in `iam_instance_profile_roles`, one row per role
 * with its position, so `listInstanceProfilesForRole` is an indexed lookup rather than a scan of JSON.
 */

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { InstanceProfileRecord, Tag } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamInstanceProfilesTable } from './schema.js';

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

async function insertRoles(
  trx: Transaction<Database>,
  accountId: string,
  profileName: string,
  roleNames: readonly string[],
): Promise<void> {
  if (roleNames.length === 0) return;
  await trx
    .insertInto('iam_instance_profile_roles')
    .values(
      roleNames.map((roleName, position) => ({
        account_id: accountId,
        profile_name_lc: foldName(profileName),
        position,
        role_name: roleName,
        role_name_lc: foldName(roleName),
      })),
    )
    .execute();
}

/** The instance-profile methods over `db`. */
export function sqlInstanceProfiles(db: Kysely<Database>): ProfileMethods {
  /** Loads the role names of each profile row, in one query. */
  async function withRoles(rows: readonly Selectable<IamInstanceProfilesTable>[]): Promise<InstanceProfileRecord[]> {
    const first = rows[0];
    if (first === undefined) return [];
    const roles = await db
      .selectFrom('iam_instance_profile_roles')
      .select(['profile_name_lc', 'role_name'])
      .where('account_id', '=', first.account_id)
      .where(
        'profile_name_lc',
        'in',
        rows.map((row) => row.profile_name_lc),
      )
      .orderBy('position')
      .execute();
    return rows.map((row) => ({
      accountId: row.account_id,
      instanceProfileName: row.profile_name,
      instanceProfileId: row.profile_id,
      path: row.path,
      arn: row.arn,
      createDate: fromIso(row.create_date),
      roleNames: roles.filter((role) => role.profile_name_lc === row.profile_name_lc).map((role) => role.role_name),
      tags: fromJson<Tag[]>(row.tags),
    }));
  }

  return {
    createInstanceProfile: (profile) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_instance_profiles')
          .values({
            account_id: profile.accountId,
            profile_name: profile.instanceProfileName,
            profile_name_lc: foldName(profile.instanceProfileName),
            profile_id: profile.instanceProfileId,
            path: profile.path,
            arn: profile.arn,
            create_date: toIso(profile.createDate),
            tags: toJson(profile.tags),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (!touched(result.numInsertedOrUpdatedRows)) return false;
        await insertRoles(trx, profile.accountId, profile.instanceProfileName, profile.roleNames);
        return true;
      }),
    async getInstanceProfile(accountId, name) {
      const rows = await db
        .selectFrom('iam_instance_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('profile_name_lc', '=', foldName(name))
        .execute();
      const [profile] = await withRoles(rows);
      return profile;
    },
    async setInstanceProfileRoles(accountId, name, roleNames) {
      await writeIam(db, async (trx) => {
        const profile = await trx
          .selectFrom('iam_instance_profiles')
          .select('profile_name')
          .where('account_id', '=', accountId)
          .where('profile_name_lc', '=', foldName(name))
          .executeTakeFirst();
        if (profile === undefined) return false;
        await trx
          .deleteFrom('iam_instance_profile_roles')
          .where('account_id', '=', accountId)
          .where('profile_name_lc', '=', foldName(name))
          .execute();
        await insertRoles(trx, accountId, name, roleNames);
        return true;
      });
    },
    async listInstanceProfiles(accountId, pathPrefix) {
      const rows = await db
        .selectFrom('iam_instance_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('profile_name_lc')
        .execute();
      return withRoles(rows.filter((row) => row.path.startsWith(pathPrefix)));
    },
    setInstanceProfileTags: (accountId, name, tags) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_instance_profiles')
          .set({ tags: toJson(tags) })
          .where('account_id', '=', accountId)
          .where('profile_name_lc', '=', foldName(name))
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      }),
    deleteInstanceProfile: (accountId, name) =>
      writeIam(db, async (trx) => {
        await trx
          .deleteFrom('iam_instance_profile_roles')
          .where('account_id', '=', accountId)
          .where('profile_name_lc', '=', foldName(name))
          .execute();
        const result = await trx
          .deleteFrom('iam_instance_profiles')
          .where('account_id', '=', accountId)
          .where('profile_name_lc', '=', foldName(name))
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    async listInstanceProfilesForRole(accountId, roleName) {
      const rows = await db
        .selectFrom('iam_instance_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('iam_instance_profile_roles as r')
              .select('r.position')
              .whereRef('r.account_id', '=', 'iam_instance_profiles.account_id')
              .whereRef('r.profile_name_lc', '=', 'iam_instance_profiles.profile_name_lc')
              .where('r.role_name_lc', '=', foldName(roleName)),
          ),
        )
        .orderBy('profile_name_lc')
        .execute();
      return withRoles(rows);
    },
  };
}
