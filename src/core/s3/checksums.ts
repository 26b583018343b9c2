/**
 * @module core/s3/checksums
 * S3's additional checksums on upload (S3 User Guide, "Checking object integrity in Amazon S3"): a client names
 * one algorithm in `x-amz-sdk-checksum-algorithm` and sends its value either as a header
 * (`x-amz-checksum-crc32: <base64>`) or, in the aws-chunked trailer modes, as a trailer announced by
 * `x-amz-trailer`. S3 recomputes it over the bytes it stored and answers a mismatch with `BadDigest`
 * ("The CRC32 you specified did not match the calculated checksum."). {@link planChecksum} applies S3's rules
 * to the request before any byte is read; {@link createChecksumTap} computes the value as the body streams past;
 * {@link verifyChecksum} compares once the body (and its trailer) has ended.
 */

import { createHash, type Hash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { S3 } from '../../shapes/index.js';
import { AwsError } from '../errors.js';
import { crc32c, crc64nvme } from './crc.js';

/** The algorithms iamd verifies (the five the AWS SDKs offer for PutObject). */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** Digest length in bytes: a value is valid only if it is the base64 of exactly this many bytes. */
const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

/** Every checksum member of the S3 model's PutObjectRequest, by the algorithm it names. */
const HEADER_MEMBERS = {
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  CRC64NVME: 'ChecksumCRC64NVME',
  SHA1: 'ChecksumSHA1',
  SHA256: 'ChecksumSHA256',
  SHA512: 'ChecksumSHA512',
  MD5: 'ChecksumMD5',
  XXHASH64: 'ChecksumXXHASH64',
  XXHASH3: 'ChecksumXXHASH3',
  XXHASH128: 'ChecksumXXHASH128',
} as const satisfies Record<S3.ChecksumAlgorithm, keyof S3.PutObjectRequest>;

/** Every algorithm the S3 model names. */
export type ModelAlgorithm = keyof typeof HEADER_MEMBERS;

/** The input/output member carrying a checksum of `algorithm` (`ChecksumCRC32` …). */
export const checksumMember = (algorithm: ModelAlgorithm): (typeof HEADER_MEMBERS)[ModelAlgorithm] =>
  HEADER_MEMBERS[algorithm];

/** The model algorithms whose member is set in `input`, in the model's order. */
export function presentChecksums(input: Readonly<Record<string, unknown>>): ModelAlgorithm[] {
  return (Object.keys(HEADER_MEMBERS) as ModelAlgorithm[]).filter((a) => input[HEADER_MEMBERS[a]] !== undefined);
}

/** What an upload promised about its checksum, decided before the body is read. */
export interface ChecksumPlan {
  readonly algorithm: ChecksumAlgorithm;
  /** `header`: the value came with the request; `trailer`: it follows the body as this trailer. */
  readonly source: 'header' | 'trailer';
  /** The header value (base64), for `source: 'header'`. */
  readonly expected?: string;
  /** The trailer name (`x-amz-checksum-crc32`), for `source: 'trailer'`. */
  readonly trailer?: string;
}

const invalidRequest = (message: string) => new AwsError('InvalidRequest', message);
const SINGLE = 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.';

/** Whether iamd verifies `algorithm` (one of the five {@link ChecksumAlgorithm}s). */
export function isVerified(algorithm: string): algorithm is ChecksumAlgorithm {
  return Object.hasOwn(DIGEST_BYTES, algorithm);
}

/** The algorithm, or S3's NotImplemented for the model's algorithms iamd does not compute (MD5, SHA512, XXHASH…). */
export function supported(algorithm: ModelAlgorithm): ChecksumAlgorithm {
  if (isVerified(algorithm)) return algorithm;
  throw new AwsError('NotImplemented', `iamd does not support the ${algorithm} checksum algorithm yet.`);
}

/** The algorithm a trailer name (`x-amz-checksum-crc64nvme`) stands for. */
function trailerAlgorithm(name: string): ModelAlgorithm {
  const suffix = name.startsWith('x-amz-checksum-') ? name.slice('x-amz-checksum-'.length).toUpperCase() : '';
  if (!Object.hasOwn(HEADER_MEMBERS, suffix)) {
    throw invalidRequest('The value specified in the x-amz-trailer header is not supported');
  }
  return suffix as ModelAlgorithm;
}

/** Whether `value` is the canonical base64 of a digest of `algorithm`. */
export function isValidChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}

/**
 * Applies S3's rules to an upload's checksum headers: at most one `x-amz-checksum-*` header or one trailer, the
 * algorithm header agreeing with it, and a well-formed value. Returns `undefined` when the upload carries no
 * checksum.
 *
 * @example
 * planChecksum({ ChecksumCRC32: 'sOO8/Q==', ChecksumAlgorithm: 'CRC32' }, undefined);
 * // { algorithm: 'CRC32', source: 'header', expected: 'sOO8/Q==' }
 */
export function planChecksum(
  input: Pick<S3.PutObjectRequest, (typeof HEADER_MEMBERS)[ModelAlgorithm] | 'ChecksumAlgorithm'>,
  trailer: string | undefined,
): ChecksumPlan | undefined {
  const headers = (Object.keys(HEADER_MEMBERS) as ModelAlgorithm[]).filter(
    (algorithm) => input[HEADER_MEMBERS[algorithm]] !== undefined,
  );
  const trailers = trailer === undefined ? [] : trailer.split(',').map((name) => name.trim().toLowerCase());
  if (headers.length + trailers.length > 1) throw invalidRequest(SINGLE);
  const declared = input.ChecksumAlgorithm?.toUpperCase();
  const named = headers[0] ?? (trailers[0] === undefined ? undefined : trailerAlgorithm(trailers[0]));
  if (declared !== undefined) {
    if (named === undefined) {
      throw invalidRequest(
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      );
    }
    if (declared !== named) throw invalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.');
  }
  if (named === undefined) return undefined;
  const algorithm = supported(named);
  if (trailers[0] !== undefined) return { algorithm, source: 'trailer', trailer: trailers[0] };
  const expected = input[HEADER_MEMBERS[algorithm]] as string;
  if (!isValidChecksum(algorithm, expected)) {
    throw invalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
  }
  return { algorithm, source: 'header', expected };
}

/**
 * The value the client promised, once the body has ended: the header, or the announced trailer. Any other
 * trailer, or none where one was announced, is refused as S3 does.
 *
 * @example
 * expectedChecksum(plan, { 'x-amz-checksum-crc32': 'sOO8/Q==' }); // 'sOO8/Q=='
 */
export function expectedChecksum(
  plan: ChecksumPlan | undefined,
  trailers: Readonly<Record<string, string>>,
): string | undefined {
  const names = Object.keys(trailers);
  if (names.some((name) => name !== plan?.trailer)) {
    throw new AwsError(
      'MalformedTrailerError',
      'The request contained trailing data that was not well-formed or did not conform to our published schema.',
    );
  }
  if (plan?.source !== 'trailer') return plan?.expected;
  const value = plan.trailer === undefined ? undefined : trailers[plan.trailer];
  if (value === undefined) throw new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
  if (!isValidChecksum(plan.algorithm, value)) {
    throw invalidRequest(`Value for ${plan.trailer} trailing header is invalid.`);
  }
  return value;
}

/**
 * Throws S3's `BadDigest` unless `actual` (what iamd computed) equals `expected` (what the client sent).
 *
 * @example
 * verifyChecksum('CRC32', 'sOO8/Q==', computed); // throws BadDigest on a mismatch
 */
export function verifyChecksum(algorithm: ChecksumAlgorithm, expected: string, actual: string): void {
  if (expected !== actual) {
    throw new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
  }
}

/** A running checksum. */
interface Running {
  update(bytes: Uint8Array): void;
  /** Base64 of the big-endian digest, as S3 writes checksums. */
  digest(): string;
}

function running(algorithm: ChecksumAlgorithm): Running {
  switch (algorithm) {
    case 'CRC32':
    case 'CRC32C': {
      const step = algorithm === 'CRC32' ? crc32 : crc32c;
      let value = 0;
      return {
        update: (bytes) => {
          value = step(bytes, value);
        },
        digest: () => {
          const out = Buffer.alloc(4);
          out.writeUInt32BE(value >>> 0);
          return out.toString('base64');
        },
      };
    }
    case 'CRC64NVME': {
      let value = 0n;
      return {
        update: (bytes) => {
          value = crc64nvme(bytes, value);
        },
        digest: () => {
          const out = Buffer.alloc(8);
          out.writeBigUInt64BE(value);
          return out.toString('base64');
        },
      };
    }
    default: {
      const hash: Hash = createHash(algorithm === 'SHA1' ? 'sha1' : 'sha256');
      return { update: (bytes) => hash.update(bytes), digest: () => hash.digest('base64') };
    }
  }
}

/**
 * The checksum of `bytes` in one call, base64 (S3's composite checksums hash the parts' raw checksums this way).
 *
 * @example
 * digestOf('SHA256', Buffer.alloc(0)); // '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
 */
export function digestOf(algorithm: ChecksumAlgorithm, bytes: Uint8Array): string {
  const sum = running(algorithm);
  sum.update(bytes);
  return sum.digest();
}

/** A pass-through stream that computes a checksum of what flows through it. */
export interface ChecksumTap {
  readonly stream: Transform;
  /** Pipes `body` through the tap (its errors too) and returns the tapped stream. */
  measure(body: Readable): Readable;
  /** The checksum of everything that passed, base64; call after the stream ended. */
  digest(): string;
}

/**
 * Creates a {@link ChecksumTap}: put it between the body and the blob store, so the object is measured as it is
 * written and never buffered.
 *
 * @example
 * const tap = createChecksumTap('CRC32');
 * await blobs.write(body.pipe(tap.stream));
 * tap.digest(); // 'sOO8/Q=='
 */
export function createChecksumTap(algorithm: ChecksumAlgorithm): ChecksumTap {
  const sum = running(algorithm);
  let digest: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sum.update(chunk);
      done(null, chunk);
    },
  });
  return {
    stream,
    measure(body) {
      body.on('error', (error) => stream.destroy(error));
      return body.pipe(stream);
    },
    digest: () => (digest ??= sum.digest()),
  };
}

/**
 * The output members that return stored checksums (`ChecksumCRC32` …, and `ChecksumType`), as PutObject returns
 * them and GetObject/HeadObject do when asked with `x-amz-checksum-mode: ENABLED`. A stored value that ends in
 * `-<part count>` is a multipart upload's composite checksum, a checksum of the parts' checksums (`COMPOSITE`);
 * any other covers the whole object (`FULL_OBJECT`): a single-part upload's, or a full-object multipart one's
 * ("Checking object integrity in Amazon S3", "Using part-level checksums for multipart uploads").
 *
 * @example
 * checksumOutput({ CRC32: 'NjowIA==' }); // { ChecksumCRC32: 'NjowIA==', ChecksumType: 'FULL_OBJECT' }
 * checksumOutput({ SHA256: 'i3tj…=-2' }); // { ChecksumSHA256: 'i3tj…=-2', ChecksumType: 'COMPOSITE' }
 */
export function checksumOutput(checksums: Readonly<Record<string, string>>): Partial<S3.HeadObjectOutput> {
  const out: Record<string, string> = {};
  let composite = false;
  for (const [algorithm, value] of Object.entries(checksums)) {
    if (!isVerified(algorithm)) continue;
    out[HEADER_MEMBERS[algorithm]] = value;
    composite ||= value.includes('-');
  }
  if (Object.keys(out).length === 0) return {};
  return { ...out, ChecksumType: composite ? 'COMPOSITE' : 'FULL_OBJECT' };
}
