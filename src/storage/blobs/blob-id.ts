/**
 * @module storage/blobs/blob-id
 * Blob ids are random UUIDs minted by the blob store. They become file names, so anything else is refused before it
 * can reach a path (a corrupted or hostile record must not name `../../etc/passwd`).
 */

import { randomUUID } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Mints a new blob id, optionally starting with `prefix` (two hex digits) instead of two random ones: still a
 * random version 4 UUID (its first byte is random anyway), with 114 random bits left.
 *
 * @example
 * newBlobId('3f'); // '3f8a2c1e-…'
 */
export function newBlobId(prefix?: string): string {
  const id = randomUUID();
  if (prefix === undefined) return id;
  if (!/^[0-9a-f]{2}$/.test(prefix)) throw new Error('Invalid blob id prefix');
  return prefix + id.slice(2);
}

/** Whether `name` has the shape {@link newBlobId} produces. */
export function isBlobId(name: string): boolean {
  return uuidPattern.test(name);
}

/** Throws unless `blobId` has the shape {@link newBlobId} produces. */
export function assertBlobId(blobId: string): void {
  if (!uuidPattern.test(blobId)) throw new Error('Invalid blob id');
}

/** A byte range as {@link BlobStore.read} takes it (inclusive `end`). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Throws unless `range` is a well-formed inclusive range of non-negative integers. */
export function assertRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError('Invalid byte range');
  }
}
