/**
 * @module storage/sql/iam-inline-policies
 * Inline policies of the SQL {@link IamStore}. Replacing one keeps the first spelling of the owner and policy names.
 */

import type { Kysely, Selectable } from 'kysely';
import type { InlinePolicyRecord, PrincipalKind, PrincipalRef } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamInlinePoliciesTable } from './schema.js';

type InlineMethods = Pick<
  IamStore,
  'putInlinePolicy' | 'getInlinePolicy' | 'listInlinePolicies' | 'deleteInlinePolicy'
>;

function inlineFromRow(row: Selectable<IamInlinePoliciesTable>): InlinePolicyRecord {
  return {
    owner: { accountId: row.account_id, kind: row.owner_kind as PrincipalKind, name: row.owner_name },
    policyName: row.policy_name,
    document: row.document,
  };
}

/** The inline-policy methods over `db`. */
export function sqlInlinePolicies(db: Kysely<Database>): InlineMethods {
  const selectOwned = (owner: PrincipalRef) =>
    db
      .selectFrom('iam_inline_policies')
      .selectAll()
      .where('account_id', '=', owner.accountId)
      .where('owner_kind', '=', owner.kind)
      .where('owner_name_lc', '=', foldName(owner.name));

  return {
    async putInlinePolicy(policy) {
      await writeIam(db, async (trx) => {
        await trx
          .insertInto('iam_inline_policies')
          .values({
            account_id: policy.owner.accountId,
            owner_kind: policy.owner.kind,
            owner_name: policy.owner.name,
            owner_name_lc: foldName(policy.owner.name),
            policy_name: policy.policyName,
            policy_name_lc: foldName(policy.policyName),
            document: policy.document,
          })
          .onConflict((oc) =>
            oc
              .columns(['account_id', 'owner_kind', 'owner_name_lc', 'policy_name_lc'])
              .doUpdateSet((eb) => ({ document: eb.ref('excluded.document') })),
          )
          .execute();
        return true;
      });
    },
    async getInlinePolicy(owner, policyName) {
      const row = await selectOwned(owner).where('policy_name_lc', '=', foldName(policyName)).executeTakeFirst();
      return row && inlineFromRow(row);
    },
    async listInlinePolicies(owner) {
      const rows = await selectOwned(owner).orderBy('policy_name_lc').execute();
      return rows.map(inlineFromRow);
    },
    deleteInlinePolicy: (owner, policyName) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_inline_policies')
          .where('account_id', '=', owner.accountId)
          .where('owner_kind', '=', owner.kind)
          .where('owner_name_lc', '=', foldName(owner.name))
          .where('policy_name_lc', '=', foldName(policyName))
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}
