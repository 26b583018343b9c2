/**
 * @module core/s3/multipart-checksums
 * Additional checksums of multipart uploads (S3 User Guide, "Checking object integrity in Amazon S3": "Using
 * part-level checksums for multipart uploads" and "Full object checksums"). CreateMultipartUpload names the algorithm
 * (`x-amz-checksum-algorithm`) and the type (`x-amz-checksum-type`):
 * - `COMPOSITE` (the default, except for CRC64NVME): every part carries its checksum, CompleteMultipartUpload
 *   repeats each one, and the object's checksum is the checksum of the parts' raw checksums, concatenated in part
 *   order, written `<base64>-<part count>`. SHA1 and SHA256 are only composite.
 * - `FULL_OBJECT` (CRC32, CRC32C, CRC64NVME; CRC64NVME's only type): the object's checksum is the CRC of all its
 *   bytes. Parts may omit their checksum; S3 computes it.
 * The messages are the ones S3 answers with (InvalidRequest, InvalidPart, BadDigest).
 */

import type { Readable } from 'node:stream';
import type { S3 } from '../../shapes/index.js';
import type { MultipartPartRecord, MultipartUploadRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { BlobStore, BlobWrite } from '../ports.js';
import {
  type ChecksumAlgorithm,
  type ChecksumPlan,
  checksumMember,
  createChecksumTap,
  digestOf,
  isValidChecksum,
  isVerified,
  type ModelAlgorithm,
  presentChecksums,
  supported,
} from './checksums.js';

/** How a multipart upload's object checksum is formed. */
export type MultipartChecksumType = 'COMPOSITE' | 'FULL_OBJECT';

/** The algorithm and type CreateMultipartUpload settled on. */
export interface MultipartChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly type: MultipartChecksumType;
}

const FULL_OBJECT_ALGORITHMS: ReadonlySet<ChecksumAlgorithm> = new Set(['CRC32', 'CRC32C', 'CRC64NVME']);

const invalidRequest = (message: string) => new AwsError('InvalidRequest', message);

/** "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null". */
function typeMismatch(expected: string, actual: string | undefined): AwsError {
  return invalidRequest(
    `Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${actual?.toLowerCase() ?? 'null'}`,
  );
}

/**
 * The checksum a CreateMultipartUpload asks for, with S3's default type, or undefined when it names no algorithm.
 * A type the algorithm cannot have is refused as S3 refuses it.
 *
 * @example
 * multipartChecksumOf({ ChecksumAlgorithm: 'CRC64NVME' }); // { algorithm: 'CRC64NVME', type: 'FULL_OBJECT' }
 */
export function multipartChecksumOf(
  input: Pick<S3.CreateMultipartUploadRequest, 'ChecksumAlgorithm' | 'ChecksumType'>,
): MultipartChecksum | undefined {
  const named = input.ChecksumAlgorithm?.toUpperCase();
  const type = input.ChecksumType?.toUpperCase();
  if (named === undefined) {
    if (type !== undefined) {
      throw invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
    }
    return undefined;
  }
  const algorithm = supported(named as ModelAlgorithm);
  if (type !== undefined && type !== 'COMPOSITE' && type !== 'FULL_OBJECT') {
    throw invalidRequest('Value for x-amz-checksum-type header is invalid.');
  }
  const chosen = type ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  const allowed = chosen === 'FULL_OBJECT' ? FULL_OBJECT_ALGORITHMS.has(algorithm) : algorithm !== 'CRC64NVME';
  if (!allowed) {
    throw invalidRequest(
      `The ${chosen} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
    );
  }
  return { algorithm, type: chosen };
}

/** The upload's checksum, as stored on its record. */
export function uploadChecksum(upload: MultipartUploadRecord): MultipartChecksum | undefined {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined || !isVerified(algorithm)) return undefined;
  return { algorithm, type: upload.checksumType ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE') };
}

/**
 * UploadPart under an upload with a checksum: the part's checksum (header or trailer, already planned) must use the
 * upload's algorithm. A composite upload needs it; a full-object one lets S3 compute it. Returns the algorithm iamd
 * computes itself when the part carries none.
 *
 * @example
 * partChecksumRule({ algorithm: 'CRC32', type: 'COMPOSITE' }, undefined); // throws "… actual checksum Type: null"
 */
export function partChecksumRule(
  checksum: MultipartChecksum | undefined,
  plan: ChecksumPlan | undefined,
): ChecksumAlgorithm | undefined {
  if (checksum === undefined) return undefined;
  if (plan === undefined) {
    if (checksum.type === 'COMPOSITE') throw typeMismatch(checksum.algorithm, undefined);
    return checksum.algorithm;
  }
  if (plan.algorithm !== checksum.algorithm) throw typeMismatch(checksum.algorithm, plan.algorithm);
  return undefined;
}

/**
 * The composite checksum of parts: the checksum of their raw (decoded) checksums concatenated, `-<count>` appended.
 *
 * @example
 * compositeChecksum('CRC32', ['sOO8/Q==', 'sOO8/Q==']); // '<base64>-2'
 */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: readonly string[]): string {
  const raw = Buffer.concat(partChecksums.map((value) => Buffer.from(value, 'base64')));
  return `${digestOf(algorithm, raw)}-${partChecksums.length}`;
}

/** What CompleteMultipartUpload settled about the object's checksum before writing it. */
export interface CompletionChecksum extends MultipartChecksum {
  /** The composite value (COMPOSITE), known from the parts alone. */
  readonly composite?: string | undefined;
  /** The whole-object value the client sent (`x-amz-checksum-<algorithm>` on the request), to compare. */
  readonly expected?: string | undefined;
}

function badDigest(algorithm: ChecksumAlgorithm): AwsError {
  return new AwsError(
    'BadDigest',
    `The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`,
  );
}

/** The checksum each listed part names, checked for form: one algorithm, canonical base64 of the right length. */
function listedChecksum(part: S3.CompletedPart, algorithm: ChecksumAlgorithm): string | undefined {
  const named = presentChecksums(part as Readonly<Record<string, unknown>>);
  if (named.length === 0) return undefined;
  const value = part[checksumMember(named[0]!)];
  if (named.length > 1 || named[0] !== algorithm || value === undefined || !isValidChecksum(algorithm, value)) {
    throw new AwsError('InvalidArgument', 'Invalid Base64 or multiple checksums present in request');
  }
  return value;
}

/** The whole-object checksum header of the Complete request, of the upload's algorithm. */
function requestedWhole(input: S3.CompleteMultipartUploadRequest, checksum: MultipartChecksum): string | undefined {
  const named = presentChecksums(input as unknown as Readonly<Record<string, unknown>>);
  if (named.length === 0) return undefined;
  if (named.length > 1)
    throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  if (named[0] !== checksum.algorithm) throw typeMismatch(checksum.algorithm, named[0]);
  const value = input[checksumMember(checksum.algorithm)] as string;
  const bare = value.replace(/-\d+$/, '');
  if (!isValidChecksum(checksum.algorithm, bare)) {
    throw invalidRequest(`Value for x-amz-checksum-${checksum.algorithm.toLowerCase()} header is invalid.`);
  }
  return value;
}

/**
 * Checks a CompleteMultipartUpload's checksums against the chosen parts (aligned with the request's list): the
 * type must be the upload's; a composite upload needs every part's checksum; a part checksum that differs from the
 * stored one is InvalidPart. A composite whole-object value the client sent is compared here (BadDigest) — before
 * the parts, as S3 does; a full-object one once the bytes are assembled.
 *
 * @example
 * const plan = completionChecksum(upload, input, parts); // { algorithm: 'CRC32', type: 'COMPOSITE', composite: '…-2' }
 */
export function completionChecksum(
  upload: MultipartUploadRecord,
  input: S3.CompleteMultipartUploadRequest,
  parts: readonly MultipartPartRecord[],
): CompletionChecksum | undefined {
  const listed = input.MultipartUpload?.Parts ?? [];
  const checksum = uploadChecksum(upload);
  if (checksum === undefined) {
    // An upload without a checksum stores none; a part checksum it does hold must still match (InvalidPart).
    for (const [index, part] of parts.entries()) {
      const sent = listed[index];
      const named = sent && presentChecksums(sent as Readonly<Record<string, unknown>>)[0];
      if (
        sent &&
        named &&
        part.checksums[named] !== undefined &&
        part.checksums[named] !== sent[checksumMember(named)]
      ) {
        throw new AwsError('InvalidPart');
      }
    }
    return undefined;
  }
  const type = input.ChecksumType?.toUpperCase();
  if (type !== undefined && type !== checksum.type) {
    throw invalidRequest(
      `The upload was created using the ${checksum.type} checksum mode. The complete request must use the same checksum mode.`,
    );
  }
  const expected = requestedWhole(input, checksum);
  const sent = parts.map((part, index) => {
    const value = listed[index] && listedChecksum(listed[index], checksum.algorithm);
    if (value === undefined && checksum.type === 'COMPOSITE') {
      throw invalidRequest(
        `The upload was created using a ${checksum.algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${part.partNumber} in the request.`,
      );
    }
    return value;
  });
  if (checksum.type === 'FULL_OBJECT') {
    for (const [index, part] of parts.entries()) {
      if (sent[index] !== undefined && sent[index] !== part.checksums[checksum.algorithm]) {
        throw new AwsError('InvalidPart');
      }
    }
    return { ...checksum, expected };
  }
  const values = sent as string[];
  const composite = compositeChecksum(checksum.algorithm, values);
  if (expected !== undefined && expected !== composite && expected !== composite.replace(/-\d+$/, '')) {
    throw badDigest(checksum.algorithm);
  }
  for (const [index, part] of parts.entries()) {
    if (values[index] !== part.checksums[checksum.algorithm]) throw new AwsError('InvalidPart');
  }
  return { ...checksum, composite };
}

/**
 * The object's checksum once its bytes are assembled: the composite, or the full-object CRC `measured` over the
 * bytes, compared with what the client sent.
 *
 * @example
 * objectChecksum(plan, tap?.digest()); // { CRC32: '…-2' }
 */
export function objectChecksum(
  plan: CompletionChecksum | undefined,
  measured: string | undefined,
): Readonly<Record<string, string>> {
  if (plan === undefined) return {};
  if (plan.composite !== undefined) return { [plan.algorithm]: plan.composite };
  if (measured === undefined) return {};
  if (plan.expected !== undefined && plan.expected !== measured) throw badDigest(plan.algorithm);
  return { [plan.algorithm]: measured };
}

/**
 * Writes and commits `body` (UploadPartCopy's range of the source), computing the upload's algorithm over it as S3
 * does for a copied part.
 *
 * @example
 * const { written, checksums } = await writeMeasured(blobs, blobs.read(source.blobId), 'CRC32');
 */
export async function writeMeasured(
  blobs: BlobStore,
  body: Readable,
  algorithm: ChecksumAlgorithm | undefined,
): Promise<{ readonly written: BlobWrite; readonly checksums: Readonly<Record<string, string>> }> {
  const tap = algorithm !== undefined && algorithm !== 'SHA256' ? createChecksumTap(algorithm) : undefined;
  const written = await blobs.write(tap ? tap.measure(body) : body, { sha256: algorithm === 'SHA256' });
  await blobs.commit(written.blobId);
  if (algorithm === undefined) return { written, checksums: {} };
  const value = tap ? tap.digest() : Buffer.from(written.sha256 ?? '', 'hex').toString('base64');
  return { written, checksums: { [algorithm]: value } };
}
