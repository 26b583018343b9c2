/**
 * @module storage/memory/memory-s3-uploads
 * The multipart-upload half of the reference {@link S3Store}: uploads and their parts in maps, completed by
 * storing the object through the bucket half and forgetting the upload in the same synchronous step.
 */

import type { MultipartPartRecord, MultipartUploadRecord, ObjectRecord } from '../../core/entities.js';
import { AwsError } from '../../core/errors.js';
import type { S3Store } from '../../core/ports.js';
import { compareUtf8 } from '../ordering.js';

type UploadMethods = Pick<
  S3Store,
  'createUpload' | 'getUpload' | 'listUploads' | 'putPart' | 'listParts' | 'deleteUpload' | 'completeUpload'
>;

interface UploadState {
  readonly record: MultipartUploadRecord;
  readonly parts: Map<number, MultipartPartRecord>;
}

const byNumber = (parts: Map<number, MultipartPartRecord>) =>
  [...parts.values()].sort((a, b) => a.partNumber - b.partNumber).map((part) => structuredClone(part));

/**
 * Creates the upload methods over `putObject` (which throws NoSuchBucket for a deleted bucket).
 *
 * @example
 * const uploads = createMemoryUploads(putObject, (name) => buckets.has(name));
 */
export function createMemoryUploads(
  putObject: (object: ObjectRecord) => Promise<ObjectRecord | undefined>,
  bucketExists: (name: string) => boolean,
): UploadMethods & { dropBucket(name: string): void; partBlobIds(): string[] } {
  const uploads = new Map<string, UploadState>();

  return {
    partBlobIds: () => [...uploads.values()].flatMap((state) => [...state.parts.values()].map((p) => p.blobId)),
    async createUpload(upload) {
      if (!bucketExists(upload.bucket)) throw new AwsError('NoSuchBucket');
      uploads.set(upload.uploadId, { record: structuredClone(upload), parts: new Map() });
    },
    async getUpload(uploadId) {
      const state = uploads.get(uploadId);
      return state && structuredClone(state.record);
    },
    async listUploads(bucket) {
      return [...uploads.values()]
        .map((state) => state.record)
        .filter((record) => record.bucket === bucket)
        .sort((a, b) => compareUtf8(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime())
        .map((record) => structuredClone(record));
    },
    async putPart(part) {
      const state = uploads.get(part.uploadId);
      if (state === undefined) throw new AwsError('NoSuchUpload');
      const previous = state.parts.get(part.partNumber);
      state.parts.set(part.partNumber, structuredClone(part));
      return previous;
    },
    async listParts(uploadId) {
      const state = uploads.get(uploadId);
      return state ? byNumber(state.parts) : [];
    },
    async deleteUpload(uploadId) {
      const state = uploads.get(uploadId);
      if (state === undefined) return undefined;
      uploads.delete(uploadId);
      return byNumber(state.parts);
    },
    async completeUpload(uploadId, object) {
      const state = uploads.get(uploadId);
      if (state === undefined) return undefined;
      const replaced = await putObject(object);
      uploads.delete(uploadId);
      return { replaced, parts: byNumber(state.parts) };
    },
    dropBucket(name) {
      for (const [id, state] of uploads) if (state.record.bucket === name) uploads.delete(id);
    },
  };
}
