/**
 * @module http/upload-body
 * Turns an S3 upload's request stream into the object's bytes according to `x-amz-content-sha256`
 * (WIRE.md §5.3): a signed hex hash (verified by the domain while the bytes are written), `UNSIGNED-PAYLOAD`, or
 * one of the aws-chunked streaming modes, de-chunked here with each chunk signature checked. The trailers of the
 * trailer modes (`x-amz-checksum-crc32:…`) go to the domain with the `x-amz-trailer` header that announced them,
 * where the checksum is verified against the stored bytes.
 */

import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import { AwsError } from '../core/errors.js';
import type { UploadIntegrity } from '../core/s3/index.js';
import { createChunkedDecoder, type ParsedAuthorization, SIGV4A_MESSAGE } from '../sigv4/index.js';

const STREAMING_MODES = {
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD': 'signed',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER': 'signed-trailer',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER': 'unsigned-trailer',
} as const;

/** SigV4A's chunked modes; a SigV4A signature is refused before this, so these only come with a SigV4 one. */
const SIGV4A_MODES = new Set([
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
]);

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The payload hash to put in the canonical request, and whether the header demands one we cannot honour. */
export function payloadHashOf(req: IncomingMessage, query: URLSearchParams, presigned: boolean): string {
  const header = req.headers['x-amz-content-sha256'];
  if (typeof header === 'string') return header;
  if (presigned) return query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  return 'UNSIGNED-PAYLOAD';
}

function lengthHeader(req: IncomingMessage, name: string): number | undefined {
  const value = req.headers[name];
  if (typeof value !== 'string') return undefined;
  const length = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(length)) {
    throw new AwsError('InvalidArgument', `Invalid ${name} header value.`);
  }
  return length;
}

/** Rejects a chunked-decoder failure as the AWS error it stands for. */
function chunkError(error: unknown): AwsError {
  const code = (error as { code?: string }).code;
  const message = (error as { message?: string }).message;
  switch (code) {
    case 'SignatureDoesNotMatch':
      return new AwsError('SignatureDoesNotMatch');
    case 'IncompleteBody':
      return new AwsError('IncompleteBody', 'The request body terminated unexpectedly');
    case 'MalformedTrailer':
      return new AwsError('MalformedTrailerError');
    default:
      return new AwsError('InvalidRequest', message ?? 'Malformed aws-chunked body.');
  }
}

/** The de-chunking stream; `trailers()` answers once it has flushed. */
function dechunked(
  req: IncomingMessage,
  mode: (typeof STREAMING_MODES)[keyof typeof STREAMING_MODES],
  auth: ParsedAuthorization | undefined,
  signingKey: Uint8Array | undefined,
): { body: Readable; trailers: () => Readonly<Record<string, string>> } {
  if (mode !== 'unsigned-trailer' && (!auth || !signingKey)) throw new AwsError('AccessDenied');
  const decoder = createChunkedDecoder(
    mode === 'unsigned-trailer' || !auth || !signingKey
      ? { mode }
      : {
          mode,
          seedSignature: auth.signature,
          signingKey,
          amzDate: auth.amzDate,
          scope: `${auth.date}/${auth.region}/${auth.service}/aws4_request`,
        },
  );
  let trailers: Readonly<Record<string, string>> = {};
  const dechunk = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        for (const piece of decoder.push(chunk)) this.push(piece);
        done();
      } catch (error) {
        done(chunkError(error));
      }
    },
    flush(done) {
      try {
        trailers = decoder.end().trailers;
        done();
      } catch (error) {
        done(chunkError(error));
      }
    },
  });
  req.on('error', (error) => dechunk.destroy(error));
  return { body: req.pipe(dechunk), trailers: () => trailers };
}

/**
 * The object's bytes and what they must match.
 *
 * @example
 * const { body, integrity } = uploadBody(req, payloadHash, auth, signingKey, maxObjectBytes);
 */
export function uploadBody(
  req: IncomingMessage,
  payloadHash: string,
  auth: ParsedAuthorization | undefined,
  signingKey: Uint8Array | undefined,
  maxObjectBytes: number,
): { body: Readable; integrity: UploadIntegrity } {
  const mode = STREAMING_MODES[payloadHash as keyof typeof STREAMING_MODES];
  const trailer = typeof req.headers['x-amz-trailer'] === 'string' ? req.headers['x-amz-trailer'] : undefined;
  if (mode === undefined) {
    if (SIGV4A_MODES.has(payloadHash)) throw new AwsError('InvalidRequest', SIGV4A_MESSAGE);
    const sha256 = HEX_SHA256.test(payloadHash) ? payloadHash : undefined;
    if (sha256 === undefined && payloadHash !== 'UNSIGNED-PAYLOAD') {
      throw new AwsError(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      );
    }
    const length = lengthHeader(req, 'content-length');
    if (length !== undefined && length > maxObjectBytes) throw new AwsError('EntityTooLarge');
    return { body: req, integrity: { sha256, length, trailer, trailers: () => ({}) } };
  }
  // aws-chunked: Content-Length (if any) counts the framing; the object's size is x-amz-decoded-content-length,
  // which S3 requires ("Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks").
  const length = lengthHeader(req, 'x-amz-decoded-content-length');
  if (length === undefined) throw new AwsError('MissingContentLength');
  if (length > maxObjectBytes) throw new AwsError('EntityTooLarge');
  const { body, trailers } = dechunked(req, mode, auth, signingKey);
  return { body, integrity: { length, trailer, trailers } };
}
