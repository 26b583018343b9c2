/**
 * @module storage/sql/iam-policy-versions
 * Versions of managed policies in the SQL {@link IamStore}. Adding a version and making it the default happen in
 * one transaction, so the default always names a stored version.
 */

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PolicyVersionRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { fromIso, toIso, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamPolicyVersionsTable } from './schema.js';

type VersionMethods = Pick<
  IamStore,
  'getPolicyVersion' | 'listPolicyVersions' | 'createPolicyVersion' | 'deletePolicyVersion'
>;

function versionFromRow(row: Selectable<IamPolicyVersionsTable>): PolicyVersionRecord {
  return {
    policyArn: row.policy_arn,
    versionId: row.version_id,
    document: row.document,
    createDate: fromIso(row.create_date),
  };
}

/** Inserts a version row; `false` when the policy already has a version with that id. */
export async function insertVersion(trx: Transaction<Database>, version: PolicyVersionRecord): Promise<boolean> {
  const result = await trx
    .insertInto('iam_policy_versions')
    .values({
      policy_arn: version.policyArn,
      version_id: version.versionId,
      document: version.document,
      create_date: toIso(version.createDate),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return touched(result.numInsertedOrUpdatedRows);
}

/** The policy-version methods over `db`. */
export function sqlPolicyVersions(db: Kysely<Database>): VersionMethods {
  return {
    async getPolicyVersion(policyArn, versionId) {
      const row = await db
        .selectFrom('iam_policy_versions')
        .selectAll()
        .where('policy_arn', '=', policyArn)
        .where('version_id', '=', versionId)
        .executeTakeFirst();
      return row && versionFromRow(row);
    },
    async listPolicyVersions(policyArn) {
      const rows = await db
        .selectFrom('iam_policy_versions')
        .selectAll()
        .where('policy_arn', '=', policyArn)
        .orderBy('create_date')
        .orderBy('version_id')
        .execute();
      return rows.map(versionFromRow);
    },
    createPolicyVersion: (version, setAsDefault) =>
      writeIam(db, async (trx) => {
        const policy = await trx
          .selectFrom('iam_policies')
          .select('arn')
          .where('arn', '=', version.policyArn)
          .executeTakeFirst();
        if (policy === undefined || !(await insertVersion(trx, version))) return false;
        if (setAsDefault) {
          await trx
            .updateTable('iam_policies')
            .set({ default_version_id: version.versionId, update_date: toIso(version.createDate) })
            .where('arn', '=', version.policyArn)
            .execute();
        }
        return true;
      }),
    deletePolicyVersion: (policyArn, versionId) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_policy_versions')
          .where('policy_arn', '=', policyArn)
          .where('version_id', '=', versionId)
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}
