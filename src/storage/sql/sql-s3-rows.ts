/**
 * @module storage/sql/sql-s3-rows
 * Row codecs of the S3 tables and the one object write that PutObject, delete markers and CompleteMultipartUpload
 * share (the latter inside its own transaction), with its versioning rules (S3Store.putObject).
 */

import type { Kysely, Selectable } from 'kysely';
import type {
  BucketEncryption,
  BucketRecord,
  MultipartPartRecord,
  MultipartUploadRecord,
  ObjectContentHeaders,
  ObjectRecord,
  PublicAccessBlock,
  S3Tag,
} from '../../core/entities.js';
import { AwsError } from '../../core/errors.js';
import { fromIso, fromJson, optional, toIso, toJson } from './codec.js';
import type { Database, S3BucketsTable, S3ObjectsTable, S3UploadPartsTable, S3UploadsTable } from './schema.js';

const json = <T>(text: string | null): T | null => (text === null ? null : fromJson<T>(text));

export function bucketFromRow(row: Selectable<S3BucketsTable>): BucketRecord {
  return {
    name: row.name,
    accountId: row.account_id,
    region: row.region,
    createDate: fromIso(row.create_date),
    ...optional('publicAccessBlock', json<PublicAccessBlock>(row.public_access_block)),
    ...optional('policy', row.policy),
    ...optional('tags', json<S3Tag[]>(row.tags)),
    ...optional('versioning', row.versioning as BucketRecord['versioning'] | null),
    ...optional('encryption', json<BucketEncryption>(row.encryption)),
  };
}

export function objectFromRow(row: Selectable<S3ObjectsTable>): ObjectRecord {
  return {
    bucket: row.bucket,
    key: row.object_key,
    blobId: row.blob_id,
    size: Number(row.size),
    etag: row.etag,
    lastModified: fromIso(row.last_modified),
    ...optional('contentType', row.content_type),
    metadata: fromJson<Record<string, string>>(row.metadata),
    checksums: fromJson<Record<string, string>>(row.checksums),
    ...optional('headers', json<ObjectContentHeaders>(row.headers)),
    ...optional('tags', json<S3Tag[]>(row.tags)),
    ...optional('partsCount', row.parts_count === null ? null : Number(row.parts_count)),
    ...optional('partSizes', json<number[]>(row.part_sizes)),
    ...optional('versionId', row.version_id),
    ...optional('deleteMarker', row.delete_marker === null ? null : true),
  };
}

/** Whether a stored version id names the null version (NULL in `s3_objects`, `null` in either table). */
export const isNullVersion = (versionId: string | null | undefined): boolean =>
  versionId === null || versionId === undefined || versionId === 'null';

/** The columns of an object row, shared by `s3_objects` and `s3_object_versions`. */
export function objectColumns(object: ObjectRecord) {
  return {
    blob_id: object.blobId,
    size: object.size,
    etag: object.etag,
    last_modified: toIso(object.lastModified),
    content_type: object.contentType ?? null,
    metadata: toJson(object.metadata),
    checksums: toJson(object.checksums),
    headers: nullableJson(object.headers),
    tags: object.tags === undefined || object.tags.length === 0 ? null : toJson(object.tags),
    parts_count: object.partsCount ?? null,
    part_sizes: nullableJson(object.partSizes),
    delete_marker: object.deleteMarker ? 1 : null,
  };
}

/** Moves the current row `row` into the key's history, newest, under its version id (`null` for the null version). */
async function archive(trx: Kysely<Database>, row: Selectable<S3ObjectsTable>): Promise<void> {
  const newest = await trx
    .selectFrom('s3_object_versions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('bucket', '=', row.bucket)
    .where('object_key', '=', row.object_key)
    .executeTakeFirst();
  await trx
    .insertInto('s3_object_versions')
    .values({ ...row, version_id: row.version_id ?? 'null', seq: Number(newest?.seq ?? 0) + 1 })
    .execute();
}

/** Removes the key's noncurrent null version inside `trx`, returning it. */
async function removeNoncurrentNull(trx: Kysely<Database>, bucket: string, key: string) {
  const row = await trx
    .deleteFrom('s3_object_versions')
    .where('bucket', '=', bucket)
    .where('object_key', '=', key)
    .where('version_id', '=', 'null')
    .returningAll()
    .executeTakeFirst();
  return row && objectFromRow(row);
}

type UploadData = Omit<MultipartUploadRecord, 'uploadId' | 'bucket' | 'key' | 'initiated'>;

export function uploadToRow(upload: MultipartUploadRecord): S3UploadsTable {
  const { uploadId, bucket, key, initiated, ...data } = upload;
  return { upload_id: uploadId, bucket, object_key: key, initiated: toIso(initiated), data: toJson(data) };
}

export function uploadFromRow(row: Selectable<S3UploadsTable>): MultipartUploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.object_key,
    initiated: fromIso(row.initiated),
    ...fromJson<UploadData>(row.data),
  };
}

export function partToRow(part: MultipartPartRecord): S3UploadPartsTable {
  return {
    upload_id: part.uploadId,
    part_number: part.partNumber,
    blob_id: part.blobId,
    size: part.size,
    etag: part.etag,
    last_modified: toIso(part.lastModified),
    checksums: toJson(part.checksums),
  };
}

export function partFromRow(row: Selectable<S3UploadPartsTable>): MultipartPartRecord {
  return {
    uploadId: row.upload_id,
    partNumber: Number(row.part_number),
    blobId: row.blob_id,
    size: Number(row.size),
    etag: row.etag,
    lastModified: fromIso(row.last_modified),
    checksums: fromJson<Record<string, string>>(row.checksums),
  };
}

const nullableJson = (value: unknown): string | null => (value === undefined ? null : toJson(value));

/**
 * Makes `object` the key's current version inside transaction `trx` (S3Store.putObject); returns the null version it
 * replaced. Throws NoSuchBucket when a concurrent DeleteBucket won the race (the domain checked first). A key with no
 * current row has no history, and a null current row means no other null version, so never-versioned buckets cost
 * the same statements as before versioning existed.
 */
export async function upsertObject(trx: Kysely<Database>, object: ObjectRecord): Promise<ObjectRecord | undefined> {
  const bucket = await trx.selectFrom('s3_buckets').select('name').where('name', '=', object.bucket).executeTakeFirst();
  if (bucket === undefined) throw new AwsError('NoSuchBucket');
  const writesNull = isNullVersion(object.versionId);
  let previous = await trx
    .selectFrom('s3_objects')
    .selectAll()
    .where('bucket', '=', object.bucket)
    .where('object_key', '=', object.key)
    .executeTakeFirst();
  // About to archive: lock the current row first (a no-op UPDATE; PostgreSQL then makes a concurrent writer of the
  // key wait and re-read it), so two writers never archive the same version or number the history alike.
  if (previous !== undefined && !(writesNull && isNullVersion(previous.version_id))) {
    previous = await trx
      .updateTable('s3_objects')
      .set((eb) => ({ object_key: eb.ref('object_key') }))
      .where('bucket', '=', object.bucket)
      .where('object_key', '=', object.key)
      .returningAll()
      .executeTakeFirst();
  }
  let replaced: ObjectRecord | undefined;
  if (previous !== undefined) {
    if (writesNull && isNullVersion(previous.version_id)) replaced = objectFromRow(previous);
    else {
      if (writesNull) replaced = await removeNoncurrentNull(trx, object.bucket, object.key);
      await archive(trx, previous);
    }
  }
  const columns = { ...objectColumns(object), version_id: object.versionId ?? null };
  await trx
    .insertInto('s3_objects')
    .values({ bucket: object.bucket, object_key: object.key, ...columns })
    .onConflict((oc) => oc.columns(['bucket', 'object_key']).doUpdateSet(columns))
    .execute();
  return replaced;
}
