/**
 * @module storage/sql/iam-providers
 * Identity providers (OIDC and SAML) of the SQL {@link IamStore}: one row per ARN, the record as JSON.
 */

import type { Kysely, Selectable } from 'kysely';
import type { IdentityProviderRecord } from '../../core/entities.js';
import type { IamStore } from '../../core/ports.js';
import { fromIso, fromJson, toIso, toJson, touched } from './codec.js';
import { writeIam } from './iam-write.js';
import type { Database, IamIdentityProvidersTable } from './schema.js';

type ProviderMethods = Pick<
  IamStore,
  | 'createIdentityProvider'
  | 'getIdentityProvider'
  | 'listIdentityProviders'
  | 'updateIdentityProvider'
  | 'deleteIdentityProvider'
>;

type Stored = Omit<IdentityProviderRecord, 'createDate' | 'validUntil'> & { validUntil?: string };

function toData(provider: IdentityProviderRecord): string {
  const { createDate: _c, validUntil, ...rest } = provider;
  return toJson(validUntil === undefined ? rest : { ...rest, validUntil: toIso(validUntil) });
}

function providerFromRow(row: Selectable<IamIdentityProvidersTable>): IdentityProviderRecord {
  const { validUntil, ...rest } = fromJson<Stored>(row.data);
  return {
    ...rest,
    createDate: fromIso(row.create_date),
    ...(validUntil === undefined ? {} : { validUntil: fromIso(validUntil) }),
  };
}

/** The identity-provider methods over `db`. */
export function sqlProviders(db: Kysely<Database>): ProviderMethods {
  return {
    createIdentityProvider: (provider) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .insertInto('iam_identity_providers')
          .values({
            arn: provider.arn,
            account_id: provider.accountId,
            kind: provider.kind,
            create_date: toIso(provider.createDate),
            data: toData(provider),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        return touched(result.numInsertedOrUpdatedRows);
      }),
    async getIdentityProvider(arn) {
      const row = await db.selectFrom('iam_identity_providers').selectAll().where('arn', '=', arn).executeTakeFirst();
      return row && providerFromRow(row);
    },
    async listIdentityProviders(accountId, kind) {
      const rows = await db
        .selectFrom('iam_identity_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', kind)
        .orderBy('arn')
        .execute();
      return rows.map(providerFromRow);
    },
    updateIdentityProvider: (provider) =>
      writeIam(db, async (trx) => {
        const result = await trx
          .updateTable('iam_identity_providers')
          .set({ data: toData(provider) })
          .where('arn', '=', provider.arn)
          .executeTakeFirst();
        return touched(result.numUpdatedRows);
      }),
    deleteIdentityProvider: (arn) =>
      writeIam(db, async (trx) => {
        const result = await trx.deleteFrom('iam_identity_providers').where('arn', '=', arn).executeTakeFirst();
        return touched(result.numDeletedRows);
      }),
  };
}
