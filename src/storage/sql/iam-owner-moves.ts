/**
 * @module storage/sql/iam-owner-moves
 * What a rename of a user or group carries along, inside the rename's transaction: attachments and inline policies
 * (keyed by the folded owner name), group memberships, and a user's MFA devices and credentials.
 */

import type { Transaction } from 'kysely';
import type { PrincipalKind } from '../../core/entities.js';
import { foldName } from '../ordering.js';
import type { Database } from './schema.js';

/** Re-keys everything owned by a renamed user or group. */
export async function moveOwned(
  trx: Transaction<Database>,
  accountId: string,
  kind: PrincipalKind,
  formerName: string,
  name: string,
): Promise<void> {
  const from = foldName(formerName);
  const to = foldName(name);
  await trx
    .updateTable('iam_policy_attachments')
    .set({ owner_name_lc: to })
    .where('account_id', '=', accountId)
    .where('owner_kind', '=', kind)
    .where('owner_name_lc', '=', from)
    .execute();
  await trx
    .updateTable('iam_inline_policies')
    .set({ owner_name: name, owner_name_lc: to })
    .where('account_id', '=', accountId)
    .where('owner_kind', '=', kind)
    .where('owner_name_lc', '=', from)
    .execute();
  if (kind === 'user') {
    await trx
      .updateTable('iam_mfa_devices')
      .set({ user_name: name, user_name_lc: to })
      .where('account_id', '=', accountId)
      .where('user_name_lc', '=', from)
      .execute();
    await trx
      .updateTable('iam_user_credentials')
      .set({ user_name: name, user_name_lc: to })
      .where('account_id', '=', accountId)
      .where('user_name_lc', '=', from)
      .execute();
  }
  const member = kind === 'user' ? 'user_name_lc' : 'group_name_lc';
  await trx
    .updateTable('iam_group_members')
    .set({ [member]: to })
    .where('account_id', '=', accountId)
    .where(member, '=', from)
    .execute();
}
