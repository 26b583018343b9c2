/**
 * @module storage/sql/sql-s3-uploads
 * The multipart-upload half of the SQL {@link S3Store}. Completing an upload writes the object and removes the
 * upload and its parts in one transaction, so a crash leaves either the upload or the object, never both or neither.
 */

import type { Kysely } from 'kysely';
import { AwsError } from '../../core/errors.js';
import type { S3Store } from '../../core/ports.js';
import { touched } from './codec.js';
import type { Database } from './schema.js';
import { partFromRow, partToRow, upsertObject, uploadFromRow, uploadToRow } from './sql-s3-rows.js';

type UploadMethods = Pick<
  S3Store,
  'createUpload' | 'getUpload' | 'listUploads' | 'putPart' | 'listParts' | 'deleteUpload' | 'completeUpload'
>;

/**
 * The upload methods over a migrated database.
 *
 * @example
 * const uploads = createSqlS3Uploads(db);
 */
export function createSqlS3Uploads(db: Kysely<Database>): UploadMethods {
  const partsOf = (trx: Kysely<Database>, uploadId: string) =>
    trx.selectFrom('s3_upload_parts').selectAll().where('upload_id', '=', uploadId).orderBy('part_number').execute();

  /** Removes the upload and its parts inside `trx`; undefined when the upload was gone. */
  async function remove(trx: Kysely<Database>, uploadId: string) {
    const deleted = await trx.deleteFrom('s3_uploads').where('upload_id', '=', uploadId).executeTakeFirst();
    if (!touched(deleted.numDeletedRows)) return undefined;
    const parts = await partsOf(trx, uploadId);
    await trx.deleteFrom('s3_upload_parts').where('upload_id', '=', uploadId).execute();
    return parts.map(partFromRow);
  }

  return {
    async createUpload(upload) {
      const bucket = await db
        .selectFrom('s3_buckets')
        .select('name')
        .where('name', '=', upload.bucket)
        .executeTakeFirst();
      if (bucket === undefined) throw new AwsError('NoSuchBucket');
      await db.insertInto('s3_uploads').values(uploadToRow(upload)).execute();
    },
    async getUpload(uploadId) {
      const row = await db.selectFrom('s3_uploads').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
      return row && uploadFromRow(row);
    },
    async listUploads(bucket) {
      const rows = await db
        .selectFrom('s3_uploads')
        .selectAll()
        .where('bucket', '=', bucket)
        .orderBy('object_key')
        .orderBy('initiated')
        .execute();
      return rows.map(uploadFromRow);
    },
    putPart: (part) =>
      db.transaction().execute(async (trx) => {
        const upload = await trx
          .selectFrom('s3_uploads')
          .select('upload_id')
          .where('upload_id', '=', part.uploadId)
          .executeTakeFirst();
        if (upload === undefined) throw new AwsError('NoSuchUpload');
        const previous = await trx
          .selectFrom('s3_upload_parts')
          .selectAll()
          .where('upload_id', '=', part.uploadId)
          .where('part_number', '=', part.partNumber)
          .executeTakeFirst();
        const { upload_id, part_number, ...columns } = partToRow(part);
        await trx
          .insertInto('s3_upload_parts')
          .values(partToRow(part))
          .onConflict((oc) => oc.columns(['upload_id', 'part_number']).doUpdateSet(columns))
          .execute();
        return previous && partFromRow(previous);
      }),
    async listParts(uploadId) {
      return (await partsOf(db, uploadId)).map(partFromRow);
    },
    deleteUpload: (uploadId) => db.transaction().execute((trx) => remove(trx, uploadId)),
    completeUpload: (uploadId, object) =>
      db.transaction().execute(async (trx) => {
        const parts = await remove(trx, uploadId);
        if (parts === undefined) return undefined;
        return { replaced: await upsertObject(trx, object), parts };
      }),
  };
}
