/**
 * @module storage/sql/sql-s3-rows
 * Row codecs of the S3 tables and the one object upsert that PutObject and CompleteMultipartUpload share (the latter
 * inside its own transaction).
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
  };
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
 * Inserts or replaces `object` inside transaction `trx`; returns the record it replaced. Throws NoSuchBucket when a
 * concurrent DeleteBucket won the race (the domain checked first).
 */
export async function upsertObject(trx: Kysely<Database>, object: ObjectRecord): Promise<ObjectRecord | undefined> {
  const bucket = await trx.selectFrom('s3_buckets').select('name').where('name', '=', object.bucket).executeTakeFirst();
  if (bucket === undefined) throw new AwsError('NoSuchBucket');
  const previous = await trx
    .selectFrom('s3_objects')
    .selectAll()
    .where('bucket', '=', object.bucket)
    .where('object_key', '=', object.key)
    .executeTakeFirst();
  const columns = {
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
  };
  await trx
    .insertInto('s3_objects')
    .values({ bucket: object.bucket, object_key: object.key, ...columns })
    .onConflict((oc) => oc.columns(['bucket', 'object_key']).doUpdateSet(columns))
    .execute();
  return previous && objectFromRow(previous);
}
