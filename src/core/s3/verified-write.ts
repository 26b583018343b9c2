/**
 * @module core/s3/verified-write
 * Streams an upload (PutObject, UploadPart) to a blob that becomes visible only after its length, SHA-256,
 * Content-MD5 and additional checksum (header or trailer, "Checking object integrity") checked out; a failed upload
 * leaves nothing behind.
 */

import type { Readable } from 'node:stream';
import type { S3 } from '../../shapes/index.js';
import { AwsError } from '../errors.js';
import type { BlobStore } from '../ports.js';
import {
  type ChecksumAlgorithm,
  type ChecksumPlan,
  createChecksumTap,
  expectedChecksum,
  planChecksum,
  verifyChecksum,
} from './checksums.js';
import type { UploadIntegrity } from './s3-service.js';

/** A committed blob and what was verified about it. */
export interface VerifiedBlob {
  readonly blobId: string;
  readonly size: number;
  readonly md5: string;
  /** The additional checksum the client sent and we verified, by algorithm (base64). */
  readonly checksums: Readonly<Record<string, string>>;
}

/** The integrity members an upload's input carries. */
export type IntegrityInput = Pick<
  S3.PutObjectRequest,
  | 'ContentMD5'
  | 'ChecksumAlgorithm'
  | 'ChecksumCRC32'
  | 'ChecksumCRC32C'
  | 'ChecksumCRC64NVME'
  | 'ChecksumSHA1'
  | 'ChecksumSHA256'
>;

/** How a write treats additional checksums beyond what the request itself carries. */
export interface ChecksumOptions {
  /** The request's checksum, when the caller planned it already (UploadPart checks it against its upload). */
  readonly plan?: ChecksumPlan | undefined;
  /** An algorithm to compute and store when the request carries no checksum (a full-object multipart part). */
  readonly compute?: ChecksumAlgorithm | undefined;
}

/**
 * Writes, verifies and commits `body`.
 *
 * @example
 * const blob = await writeVerified(blobs, body, integrity, input);
 */
export async function writeVerified(
  blobs: BlobStore,
  body: Readable,
  integrity: UploadIntegrity,
  input: IntegrityInput,
  options: ChecksumOptions = {},
): Promise<VerifiedBlob> {
  const plan = options.plan ?? planChecksum(input, integrity.trailer);
  const algorithm = plan?.algorithm ?? options.compute;
  // The blob store measures SHA-256 anyway; any other algorithm is computed by a tap as the bytes stream past.
  const tap = algorithm && algorithm !== 'SHA256' ? createChecksumTap(algorithm) : undefined;
  const sha256 = integrity.sha256 !== undefined || algorithm === 'SHA256';
  const written = await blobs.write(tap ? tap.measure(body) : body, { sha256 });
  try {
    if (integrity.length !== undefined && written.size !== integrity.length) throw new AwsError('IncompleteBody');
    if (integrity.sha256 !== undefined && integrity.sha256 !== written.sha256) {
      throw new AwsError('XAmzContentSHA256Mismatch');
    }
    if (input.ContentMD5 !== undefined && Buffer.from(input.ContentMD5, 'base64').toString('hex') !== written.md5) {
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    let checksums: Record<string, string> = {};
    const expected = expectedChecksum(plan, integrity.trailers?.() ?? {});
    if (algorithm !== undefined) {
      const actual = tap ? tap.digest() : Buffer.from(written.sha256 ?? '', 'hex').toString('base64');
      if (expected !== undefined) verifyChecksum(algorithm, expected, actual);
      if (expected !== undefined || plan === undefined) checksums = { [algorithm]: actual };
    }
    await blobs.commit(written.blobId);
    return { blobId: written.blobId, size: written.size, md5: written.md5, checksums };
  } catch (error) {
    await blobs.discard(written.blobId);
    throw error;
  }
}
