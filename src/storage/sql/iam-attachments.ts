/**
 * @module storage/sql/iam-attachments
 * Managed-policy attachments of the SQL {@link IamStore}, and the usage counts GetPolicy reports. Attached ARNs are
 * listed in UTF-8 byte order (binary collation).
 */

import type { Kysely } from 'kysely';
import type { PrincipalKind, PrincipalRef } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { compareUtf8, foldName } from '../ordering.js';
import { toCount, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database } from './schema.js';

type AttachmentMethods = Pick<
  IamStore,
  | 'attachPolicy'
  | 'detachPolicy'
  | 'listAttachedPolicies'
  | 'countPolicyAttachments'
  | 'listPolicyAttachments'
  | 'countAttachmentsByPolicy'
  | 'countPermissionsBoundaryUsage'
  | 'countBoundaryUsageByPolicy'
>;

/** The key columns of an attachment owner. */
function ownerColumns(owner: PrincipalRef) {
  return { account_id: owner.accountId, owner_kind: owner.kind, owner_name_lc: foldName(owner.name) };
}

/** The attachment methods over `db`. */
export function sqlAttachments(db: Kysely<Database>): AttachmentMethods {
  const countBoundaries = async (table: 'iam_users' | 'iam_roles', policyArn: string) => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('count'))
      .where('permissions_boundary_arn', '=', policyArn)
      .executeTakeFirst();
    return toCount(row?.count);
  };
  return {
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
    async countAttachmentsByPolicy(accountId) {
      const rows = await db
        .selectFrom('iam_policy_attachments')
        .select((eb) => ['policy_arn', eb.fn.countAll().as('count')])
        .where('account_id', '=', accountId)
        .groupBy('policy_arn')
        .execute();
      return new Map(rows.map((row) => [row.policy_arn, toCount(row.count)]));
    },
    async listPolicyAttachments(policyArn) {
      const rows = await db
        .selectFrom('iam_policy_attachments')
        .select(['account_id', 'owner_kind', 'owner_name_lc'])
        .where('policy_arn', '=', policyArn)
        .execute();
      // Sorted here: owner_name_lc has the database's default collation, which need not be byte order.
      return rows
        .map((row) => ({ accountId: row.account_id, kind: row.owner_kind as PrincipalKind, name: row.owner_name_lc }))
        .sort(
          (a, b) => compareUtf8(a.accountId, b.accountId) || compareUtf8(a.kind, b.kind) || compareUtf8(a.name, b.name),
        );
    },
    async countBoundaryUsageByPolicy(accountId) {
      const counts = new Map<string, number>();
      for (const table of ['iam_users', 'iam_roles'] as const) {
        const rows = await db
          .selectFrom(table)
          .select((eb) => ['permissions_boundary_arn', eb.fn.countAll().as('count')])
          .where('account_id', '=', accountId)
          .where('permissions_boundary_arn', 'is not', null)
          .groupBy('permissions_boundary_arn')
          .execute();
        for (const row of rows) {
          const arn = row.permissions_boundary_arn;
          if (arn !== null) counts.set(arn, (counts.get(arn) ?? 0) + toCount(row.count));
        }
      }
      return counts;
    },
    async countPermissionsBoundaryUsage(policyArn) {
      return (await countBoundaries('iam_users', policyArn)) + (await countBoundaries('iam_roles', policyArn));
    },
  };
}
