/**
 * @module storage/sql/sql-account-store
 * The {@link AccountStore} over SQL. Access and signing keys are listed oldest first, ties broken by id.
 */

import type { Kysely, Selectable } from 'kysely';
import type { AccessKeyRecord, Account } from '../../core/entities.js';
import type { AccountStore } from '../../core/ports.js';
import { foldName } from '../ordering.js';
import { fromIso, optional, toIso, touched } from './codec.js';
import type { AccessKeysTable, AccountsTable, Database } from './schema.js';

function accountFromRow(row: Selectable<AccountsTable>): Account {
  return { accountId: row.account_id, createDate: fromIso(row.create_date), ...optional('alias', row.alias) };
}

function accessKeyFromRow(row: Selectable<AccessKeysTable>): AccessKeyRecord {
  return {
    accessKeyId: row.access_key_id,
    accountId: row.account_id,
    ...optional('userName', row.user_name),
    secretCiphertext: row.secret_ciphertext,
    status: row.status as AccessKeyRecord['status'],
    createDate: fromIso(row.create_date),
    ...optional(
      'lastUsed',
      row.last_used_date === null
        ? null
        : {
            date: fromIso(row.last_used_date),
            serviceName: row.last_used_service ?? 'N/A',
            region: row.last_used_region ?? 'N/A',
          },
    ),
  };
}

/**
 * Creates an {@link AccountStore} over a migrated database.
 *
 * @example
 * const accounts = createSqlAccountStore(db);
 * await accounts.findAccessKey('AKIAIOSFODNN7EXAMPLE');
 */
export function createSqlAccountStore(db: Kysely<Database>): AccountStore {
  return {
    async getAccount(accountId) {
      const row = await db.selectFrom('accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst();
      return row && accountFromRow(row);
    },
    async createAccount(account) {
      const result = await db
        .insertInto('accounts')
        .values({ account_id: account.accountId, create_date: toIso(account.createDate) })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return touched(result.numInsertedOrUpdatedRows);
    },
    async listAccounts() {
      const rows = await db.selectFrom('accounts').selectAll().orderBy('account_id').execute();
      return rows.map(accountFromRow);
    },
    async setAccountAlias(accountId, alias) {
      if (alias !== undefined) {
        const holder = await db
          .selectFrom('accounts')
          .select('account_id')
          .where('alias', '=', alias)
          .where('account_id', '!=', accountId)
          .executeTakeFirst();
        if (holder) return false;
      }
      try {
        const result = await db
          .updateTable('accounts')
          .set({ alias: alias ?? null })
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      } catch {
        // The unique index caught a concurrent SetAccountAlias of another account.
        return false;
      }
    },
    async findAccessKey(accessKeyId) {
      const row = await db
        .selectFrom('access_keys')
        .selectAll()
        .where('access_key_id', '=', accessKeyId)
        .executeTakeFirst();
      return row && accessKeyFromRow(row);
    },
    async createAccessKey(key) {
      // A plain insert: a colliding random id is a bug and must fail, never overwrite.
      await db
        .insertInto('access_keys')
        .values({
          access_key_id: key.accessKeyId,
          account_id: key.accountId,
          user_name: key.userName ?? null,
          user_name_lc: key.userName === undefined ? null : foldName(key.userName),
          secret_ciphertext: key.secretCiphertext,
          status: key.status,
          create_date: toIso(key.createDate),
          last_used_date: key.lastUsed === undefined ? null : toIso(key.lastUsed.date),
          last_used_service: key.lastUsed?.serviceName ?? null,
          last_used_region: key.lastUsed?.region ?? null,
        })
        .execute();
    },
    async updateAccessKeyStatus(accessKeyId, status) {
      const result = await db
        .updateTable('access_keys')
        .set({ status })
        .where('access_key_id', '=', accessKeyId)
        .executeTakeFirst();
      return touched(result.numUpdatedRows);
    },
    async deleteAccessKey(accessKeyId) {
      const result = await db.deleteFrom('access_keys').where('access_key_id', '=', accessKeyId).executeTakeFirst();
      return touched(result.numDeletedRows);
    },
    async recordAccessKeyUse(accessKeyId, use) {
      await db
        .updateTable('access_keys')
        .set({ last_used_date: toIso(use.date), last_used_service: use.serviceName, last_used_region: use.region })
        .where('access_key_id', '=', accessKeyId)
        .execute();
    },
    async renameAccessKeyOwner(accountId, formerUserName, userName) {
      await db
        .updateTable('access_keys')
        .set({ user_name: userName, user_name_lc: foldName(userName) })
        .where('account_id', '=', accountId)
        .where('user_name_lc', '=', foldName(formerUserName))
        .execute();
    },
    async listAccessKeys(accountId, userName) {
      // `undefined` selects the account root user's keys, which carry no user name.
      const keys = db.selectFrom('access_keys').selectAll().where('account_id', '=', accountId);
      const owned =
        userName === undefined
          ? keys.where('user_name_lc', 'is', null)
          : keys.where('user_name_lc', '=', foldName(userName));
      const rows = await owned.orderBy('create_date').orderBy('access_key_id').execute();
      return rows.map(accessKeyFromRow);
    },
    async listSigningKeys() {
      const rows = await db.selectFrom('signing_keys').selectAll().orderBy('create_date').orderBy('key_id').execute();
      return rows.map((row) => ({
        keyId: row.key_id,
        materialCiphertext: row.material_ciphertext,
        createDate: fromIso(row.create_date),
      }));
    },
    async deleteSigningKey(keyId) {
      const result = await db.deleteFrom('signing_keys').where('key_id', '=', keyId).executeTakeFirst();
      return touched(result.numDeletedRows);
    },
    async saveSigningKey(key) {
      const columns = { material_ciphertext: key.materialCiphertext, create_date: toIso(key.createDate) };
      await db
        .insertInto('signing_keys')
        .values({ key_id: key.keyId, ...columns })
        .onConflict((oc) => oc.column('key_id').doUpdateSet(columns))
        .execute();
    },
  };
}
