/**
 * @module core/s3/orphan-bodies
 * The start-up sweep of object bodies no record references. A write commits its body (rename into place) before its
 * metadata (the object record, or the part of a multipart upload); a crash between the two leaves a complete body
 * that nothing names, and so does a crash between a metadata commit and the discard of the body it replaced. The
 * sweep lists the committed bodies last written before `before` first, then reads which ones the records reference,
 * and deletes the rest: a body committed after the listing is never a candidate, and one committed before it was
 * referenced by the time the references are read, unless its writer died. It runs before iamd serves, so no write
 * of this process is in flight; `before` leaves a margin for other processes sharing the blob directory.
 */

import type { BlobStore, S3BlobReferences } from '../ports.js';

/**
 * Deletes the committed bodies last written before `before` that no object or in-progress part references; returns
 * how many it deleted.
 *
 * @example
 * await sweepOrphanBodies(stores.s3, stores.blobs, clock.now()); // 1 after a crash left one body behind
 */
export async function sweepOrphanBodies(references: S3BlobReferences, blobs: BlobStore, before: Date): Promise<number> {
  if (blobs.listCommitted === undefined) return 0;
  const candidates: string[] = [];
  for await (const blobId of blobs.listCommitted(before)) candidates.push(blobId);
  if (candidates.length === 0) return 0;
  const referenced = await references.referencedBlobIds();
  let removed = 0;
  for (const blobId of candidates) {
    if (referenced.has(blobId)) continue;
    await blobs.discard(blobId);
    removed += 1;
  }
  return removed;
}
