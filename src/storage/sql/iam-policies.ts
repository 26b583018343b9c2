/**
 * @module storage/sql/iam-policies
 * Managed policies, their versions and their attachments in the SQL {@link IamStore}. Policy ARNs are matched
 * exactly; attached ARNs are listed in UTF-8 byte order (binary collation).
 */

import type { Kysely, Selectable } from 'kysely';
import type { ManagedPolicyRecord, PolicyVersionRecord, PrincipalRef, Tag } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, optional, toCount, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamPoliciesTable, IamPolicyVersionsTable } from './schema.js';

type PolicyMethods = Pick<
  IamStore,
  | 'createPolicy'
  | 'getPolicy'
  | 'getPolicyVersion'
  | 'listPolicyVersions'
  | 'deletePolicy'
  | 'attachPolicy'
  | 'detachPolicy'
  | 'listAttachedPolicies'
  | 'countPolicyAttachments'
>;

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

function versionFromRow(row: Selectable<IamPolicyVersionsTable>): PolicyVersionRecord {
  return {
    policyArn: row.policy_arn,
    versionId: row.version_id,
    document: row.document,
    createDate: fromIso(row.create_date),
  };
}

/** The key columns of an attachment owner. */
function ownerColumns(owner: PrincipalRef) {
  return { account_id: owner.accountId, owner_kind: owner.kind, owner_name_lc: foldName(owner.name) };
}

/** The managed-policy and attachment methods over `db`. */
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
            default_version_id: policy.defaultVersionId,
            description: policy.description ?? null,
            create_date: toIso(policy.createDate),
            update_date: toIso(policy.updateDate),
            tags: toJson(policy.tags),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (!touched(result.numInsertedOrUpdatedRows)) return false;
        await trx
          .insertInto('iam_policy_versions')
          .values({
            policy_arn: policy.arn,
            version_id: version.versionId,
            document: version.document,
            create_date: toIso(version.createDate),
          })
          .execute();
        return true;
      }),
    async getPolicy(policyArn) {
      const row = await db.selectFrom('iam_policies').selectAll().where('arn', '=', policyArn).executeTakeFirst();
      return row && policyFromRow(row);
    },
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
    deletePolicy: (policyArn) =>
      writeIam(db, async (trx) => {
        // Explicit rather than relying on ON DELETE CASCADE, which SQLite honours only with foreign_keys on.
        await trx.deleteFrom('iam_policy_versions').where('policy_arn', '=', policyArn).execute();
        const result = await trx.deleteFrom('iam_policies').where('arn', '=', policyArn).executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    attachPolicy: (owner, policyArn) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_policy_attachments')
          .values({ ...ownerColumns(owner), policy_arn: policyArn })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    detachPolicy: (owner, policyArn) =>
      writeIam(db, async (trx) => {
        const { account_id, owner_kind, owner_name_lc } = ownerColumns(owner);
        const result = await trx
          .deleteFrom('iam_policy_attachments')
          .where('account_id', '=', account_id)
          .where('owner_kind', '=', owner_kind)
          .where('owner_name_lc', '=', owner_name_lc)
          .where('policy_arn', '=', policyArn)
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    async listAttachedPolicies(owner) {
      const { account_id, owner_kind, owner_name_lc } = ownerColumns(owner);
      const rows = await db
        .selectFrom('iam_policy_attachments')
        .select('policy_arn')
        .where('account_id', '=', account_id)
        .where('owner_kind', '=', owner_kind)
        .where('owner_name_lc', '=', owner_name_lc)
        .orderBy('policy_arn')
        .execute();
      return rows.map((row) => row.policy_arn);
    },
    async countPolicyAttachments(policyArn) {
      const row = await db
        .selectFrom('iam_policy_attachments')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('policy_arn', '=', policyArn)
        .executeTakeFirst();
      return toCount(row?.count);
    },
  };
}
