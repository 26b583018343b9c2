/**
 * @module sigv4/chunk-signature
 * Strings to sign of aws-chunked uploads (S3 "Signature calculations for the Authorization header:
 * Transferring payload in multiple chunks"; aws-c-auth `aws_signing.c`). Each chunk's signature chains from
 * the previous one, starting at the seed signature of the request itself:
 * `AWS4-HMAC-SHA256-PAYLOAD \n amzDate \n scope \n previous \n hex(SHA256("")) \n hex(SHA256(chunk))`, and the
 * trailer: `AWS4-HMAC-SHA256-TRAILER \n amzDate \n scope \n previous \n hex(SHA256(canonical trailers))`.
 */
import { normalizeHeaderValue } from './canonical-headers.js';
import { EMPTY_SHA256, sha256Hex } from './signing.js';

/**
 * The string to sign of one chunk, given the hex SHA-256 of its data.
 *
 * @example
 * chunkStringToSign('20130524T000000Z', '20130524/us-east-1/s3/aws4_request', seedSignature, sha256Hex(data));
 */
export function chunkStringToSign(
  amzDate: string,
  scope: string,
  previousSignature: string,
  chunkHash: string,
): string {
  return `AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previousSignature}\n${EMPTY_SHA256}\n${chunkHash}`;
}

/**
 * Trailing headers in canonical form: lower-case names sorted, `name:value\n` each, the
 * `x-amz-trailer-signature` line itself excluded by the caller (aws-c-auth canonicalises them like headers).
 *
 * @example
 * canonicalTrailers({ second: '2nd', first: '1st' }); // 'first:1st\nsecond:2nd\n'
 */
export function canonicalTrailers(trailers: Readonly<Record<string, string>>): string {
  return Object.entries(trailers)
    .map(([name, value]): [string, string] => [name.toLowerCase(), normalizeHeaderValue(value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
}

/**
 * The string to sign of the trailer, chained from the final (zero-length) chunk's signature.
 *
 * @example
 * trailerStringToSign(amzDate, scope, finalChunkSignature, { 'x-amz-checksum-crc32': 'sOO8/Q==' });
 */
export function trailerStringToSign(
  amzDate: string,
  scope: string,
  previousSignature: string,
  trailers: Readonly<Record<string, string>>,
): string {
  return `AWS4-HMAC-SHA256-TRAILER\n${amzDate}\n${scope}\n${previousSignature}\n${sha256Hex(canonicalTrailers(trailers))}`;
}
