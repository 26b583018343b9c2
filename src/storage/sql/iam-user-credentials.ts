/**
 * @module storage/sql/iam-user-credentials
 * Login profiles, signing certificates, SSH public keys and service-specific credentials of the SQL
 * {@link IamStore}, and the account password policies. The columns every kind shares are real columns; the rest
 * of a record is JSON in `data` (dates as ISO text).
 */

import type { Kysely, Selectable } from 'kysely';
import type { CredentialStatus, PasswordPolicyRecord, UserCredentialRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, fromJson, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamUserCredentialsTable } from './schema.js';

type CredentialMethods = Pick<
  IamStore,
  | 'createUserCredential'
  | 'getUserCredential'
  | 'listUserCredentials'
  | 'updateUserCredential'
  | 'deleteUserCredential'
  | 'getPasswordPolicy'
  | 'setPasswordPolicy'
>;

/** The kind-specific fields of a record, as stored in `data`. */
function dataOf(credential: UserCredentialRecord): string {
  const { accountId: _a, userName: _u, id: _i, status: _s, createDate: _c, kind: _k, ...rest } = credential;
  if ('expirationDate' in rest && rest.expirationDate !== undefined) {
    return toJson({ ...rest, expirationDate: toIso(rest.expirationDate) });
  }
  return toJson(rest);
}

function credentialFromRow(row: Selectable<IamUserCredentialsTable>): UserCredentialRecord {
  const data = fromJson<Record<string, unknown>>(row.data);
  if (typeof data['expirationDate'] === 'string') data['expirationDate'] = fromIso(data['expirationDate']);
  return {
    accountId: row.account_id,
    userName: row.user_name,
    id: row.id,
    status: row.status as CredentialStatus,
    createDate: fromIso(row.create_date),
    kind: row.kind,
    ...data,
  } as UserCredentialRecord;
}

/** The user credential and password policy methods over `db`. */
export function sqlUserCredentials(db: Kysely<Database>): CredentialMethods {
  return {
    createUserCredential: (credential) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_user_credentials')
          .values({
            id: credential.id,
            account_id: credential.accountId,
            kind: credential.kind,
            user_name: credential.userName,
            user_name_lc: foldName(credential.userName),
            status: credential.status,
            create_date: toIso(credential.createDate),
            data: dataOf(credential),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getUserCredential(accountId, id) {
      const row = await db
        .selectFrom('iam_user_credentials')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && credentialFromRow(row);
    },
    async listUserCredentials(accountId, kind, userName) {
      let query = db
        .selectFrom('iam_user_credentials')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', kind);
      if (userName !== undefined) query = query.where('user_name_lc', '=', foldName(userName));
      const rows = await query.orderBy('create_date').orderBy('id').execute();
      return rows.map(credentialFromRow);
    },
    updateUserCredential: (credential) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_user_credentials')
          .set({ status: credential.status, data: dataOf(credential) })
          .where('account_id', '=', credential.accountId)
          .where('id', '=', credential.id)
          .where('kind', '=', credential.kind)
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      }),
    deleteUserCredential: (accountId, id) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .deleteFrom('iam_user_credentials')
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
    async getPasswordPolicy(accountId) {
      const row = await db
        .selectFrom('iam_password_policies')
        .select('data')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && fromJson<PasswordPolicyRecord>(row.data);
    },
    setPasswordPolicy: (accountId, policy) =>
      writeIam(db, async (trx) => {
        if (policy === undefined) {
          const result = await trx
            .deleteFrom('iam_password_policies')
            .where('account_id', '=', accountId)
            .executeTakeFirst();
          return touched(result.numDeletedRows);
        }
        await trx
          .insertInto('iam_password_policies')
          .values({ account_id: accountId, data: toJson(policy) })
          .onConflict((oc) => oc.column('account_id').doUpdateSet({ data: toJson(policy) }))
          .execute();
        return true;
      }),
  };
}
