/**
 * @module http/upload-body
 * Turns an S3 upload's request stream into the object's bytes according to `x-amz-content-sha256`
 * (WIRE.md §5.3): a signed hex hash (verified by the domain while the bytes are written), `UNSIGNED-PAYLOAD`, or
 * one of the aws-chunked streaming modes, de-chunked here with each chunk signature checked.
 */

import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { AwsError } from '../core/errors.js';
import type { UploadIntegrity } from '../core/s3/index.js';
import { createChunkedDecoder, type ParsedAuthorization } from '../sigv4/index.js';

const STREAMING_MODES = {
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD': 'signed',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER': 'signed-trailer',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER': 'unsigned-trailer',
} as const;

/** The payload hash to put in the canonical request, and whether the header demands one we cannot honour. */
export function payloadHashOf(req: IncomingMessage, query: URLSearchParams, presigned: boolean): string {
  const header = req.headers['x-amz-content-sha256'];
  if (typeof header === 'string') return header;
  if (presigned) return query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  return 'UNSIGNED-PAYLOAD';
}

function decodedLength(req: IncomingMessage): number | undefined {
  const value = req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'];
  if (value === undefined) return undefined;
  const length = Number(value);
  if (!Number.isSafeInteger(length) || length < 0) throw new AwsError('InvalidArgument', 'Invalid content length.');
  return length;
}

/** Rejects a chunked-decoder failure as the AWS error it stands for. */
function chunkError(error: unknown): AwsError {
  const code = (error as { code?: string }).code;
  const message = (error as { message?: string }).message;
  if (code === 'SignatureDoesNotMatch') return new AwsError('SignatureDoesNotMatch');
  if (code === 'IncompleteBody') return new AwsError('IncompleteBody');
  return new AwsError('InvalidRequest', message ?? 'Malformed aws-chunked body.');
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
  const length = decodedLength(req);
  if (length !== undefined && length > maxObjectBytes) throw new AwsError('EntityTooLarge');
  const mode = STREAMING_MODES[payloadHash as keyof typeof STREAMING_MODES];
  if (mode === undefined) {
    const sha256 = /^[0-9a-f]{64}$/.test(payloadHash) ? payloadHash : undefined;
    if (sha256 === undefined && payloadHash !== 'UNSIGNED-PAYLOAD') {
      throw new AwsError(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-… or a SHA-256 hex digest.',
      );
    }
    return { body: req, integrity: { sha256, length } };
  }
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
        decoder.end();
        done();
      } catch (error) {
        done(chunkError(error));
      }
    },
  });
  req.on('error', (error) => dechunk.destroy(error));
  return { body: req.pipe(dechunk), integrity: { length } };
}
