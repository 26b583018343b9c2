/**
 * @module storage/sql/sql-s3-account
 * The account-wide half of the SQL {@link S3Store}: S3 Control's account Block Public Access configuration, and the
 * blob ids every object and part references (for the start-up sweep of orphaned bodies).
 */

import type { Kysely } from 'kysely';
import type { PublicAccessBlock } from '../../core/entities.js';
import type { S3AccountSettings, S3BlobReferences } from '../../core/ports.js';
import { fromJson, toJson } from './codec.js';
import type { Database } from './schema.js';

/**
 * The account-wide methods over a migrated database.
 *
 * @example
 * const account = createSqlS3Account(db);
 * await account.getAccountPublicAccessBlock('000000000000'); // undefined until one is put
 */
export function createSqlS3Account(db: Kysely<Database>): S3AccountSettings & S3BlobReferences {
  return {
    async getAccountPublicAccessBlock(accountId) {
      const row = await db
        .selectFrom('s3_account_settings')
        .select('public_access_block')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.public_access_block == null ? undefined : fromJson<PublicAccessBlock>(row.public_access_block);
    },
    async setAccountPublicAccessBlock(accountId, config) {
      const value = config === undefined ? null : toJson(config);
      await db
        .insertInto('s3_account_settings')
        .values({ account_id: accountId, public_access_block: value })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ public_access_block: value }))
        .execute();
    },
    async referencedBlobIds() {
      const rows = await db
        .selectFrom('s3_objects')
        .select('blob_id')
        // Noncurrent versions keep their bodies too: a sweep that missed them would delete old versions' data.
        .unionAll(db.selectFrom('s3_object_versions').select('blob_id'))
        .unionAll(db.selectFrom('s3_upload_parts').select('blob_id'))
        .execute();
      return new Set(rows.map((row) => row.blob_id));
    },
  };
}
