/**
 * @module sigv4/chunked-decode-error
 * The one error type of the aws-chunked decoder. Codes follow S3's: `IncompleteBody` when the body ends early,
 * `SignatureDoesNotMatch` for a bad chunk or trailer signature, `InvalidChunk` for a malformed framing line,
 * `MalformedTrailer` for a trailer section S3 would answer with `MalformedTrailerError`.
 */

export type ChunkedDecodeErrorCode = 'IncompleteBody' | 'SignatureDoesNotMatch' | 'InvalidChunk' | 'MalformedTrailer';

export class ChunkedDecodeError extends Error {
  readonly code: ChunkedDecodeErrorCode;

  constructor(code: ChunkedDecodeErrorCode, message: string) {
    super(message);
    this.name = 'ChunkedDecodeError';
    this.code = code;
  }
}
