/**
 * @module storage/sql/iam-policies
 * Customer managed policies of the SQL {@link IamStore} (their versions: ./iam-policy-versions.ts; attachments:
 * ./iam-attachments.ts). Policy ARNs are matched exactly.
 */

import type { Kysely, Selectable } from 'kysely';
import type { ManagedPolicyRecord, Tag } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, optional, toIso, toJson, touched } from './codec.js';
import { insertVersion } from './iam-policy-versions.js';
import { writeIam } from './iam-write.js';
import type { Database, IamPoliciesTable } from './schema.js';

type PolicyMethods = Pick<IamStore, 'createPolicy' | 'getPolicy' | 'listPolicies' | 'updatePolicy' | 'deletePolicy'>;

function policyFromRow(row: Selectable<IamPoliciesTable>): ManagedPolicyRecord {
  return {
    accountId: row.account_id,
    policyName: row.policy_name,
    policyId: row.policy_id,
    path: row.path,
    arn: row.arn,
    defaultVersionId: row.default_version_id,
    ...optional('description', row.description),
    createDate: fromIso(row.create_date),
    updateDate: fromIso(row.update_date),
    tags: fromJson<Tag[]>(row.tags),
  };
}

/** The columns `updatePolicy` may change. */
function mutableColumns(policy: ManagedPolicyRecord) {
  return {
    default_version_id: policy.defaultVersionId,
    description: policy.description ?? null,
    update_date: toIso(policy.updateDate),
    tags: toJson(policy.tags),
  };
}

/** The managed-policy methods over `db`. */
export function sqlPolicies(db: Kysely<Database>): PolicyMethods {
  return {
    createPolicy: (policy, version) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_policies')
          .values({
            arn: policy.arn,
            account_id: policy.accountId,
            policy_name: policy.policyName,
            policy_name_lc: foldName(policy.policyName),
            policy_id: policy.policyId,
            path: policy.path,
            create_date: toIso(policy.createDate),
            ...mutableColumns(policy),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (!touched(result.numInsertedOrUpdatedRows)) return false;
        await insertVersion(trx, { ...version, policyArn: policy.arn });
        return true;
      }),
    async getPolicy(policyArn) {
      const row = await db.selectFrom('iam_policies').selectAll().where('arn', '=', policyArn).executeTakeFirst();
      return row && policyFromRow(row);
    },
    async listPolicies(accountId) {
      const rows = await db
        .selectFrom('iam_policies')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('policy_name_lc')
        .execute();
      return rows.map(policyFromRow);
    },
    updatePolicy: (policy) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_policies')
          .set(mutableColumns(policy))
          .where('arn', '=', policy.arn)
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      }),
    deletePolicy: (policyArn) =>
      writeIam(db, async (trx) => {
        // Explicit rather than relying on ON DELETE CASCADE, which SQLite honours only with foreign_keys on.
        await trx.deleteFrom('iam_policy_versions').where('policy_arn', '=', policyArn).execute();
        const result = await trx.deleteFrom('iam_policies').where('arn', '=', policyArn).executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}
