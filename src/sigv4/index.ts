/**
 * @module sigv4
 * AWS Signature Version 4 (AWS4-HMAC-SHA256), server side: parse the `Authorization` header or presigned query,
 * verify against the request as received, cache signing keys, and decode aws-chunked bodies with their chunk
 * and trailer signatures. Pure: `node:crypto` only; time, secrets and bytes come in as arguments.
 */
export { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js';
export { SIGV4A_MESSAGE } from './auth-parse-error.js';
export { canonicalHeaderValue, canonicalHeaders, normalizeHeaderValue } from './canonical-headers.js';
export { canonicalPath } from './canonical-path.js';
export { canonicalQuery, queryParameters } from './canonical-query.js';
export type { CanonicalRequestInput } from './canonical-request.js';
export { canonicalRequest } from './canonical-request.js';
export { canonicalTrailers, chunkStringToSign, trailerStringToSign } from './chunk-signature.js';
export type { ChunkedDecodeErrorCode } from './chunked-decode-error.js';
export { ChunkedDecodeError } from './chunked-decode-error.js';
export type { ChunkedDecodeResult, ChunkedDecoder, ChunkedDecoderOptions, ChunkedMode } from './chunked-decoder.js';
export { createChunkedDecoder } from './chunked-decoder.js';
export { HmacKey } from './hmac-key.js';
export { parseAuthorization } from './parse-authorization.js';
export { MAX_PRESIGN_EXPIRES_SECONDS } from './parse-query-authorization.js';
export type { TimeWindowViolation } from './request-time-window.js';
export { checkRequestTime, MAX_CLOCK_SKEW_MS } from './request-time-window.js';
export type { SignRequestInput, SigningCredentials } from './sign-request.js';
export { presignQuery, signHeaders } from './sign-request.js';
export { SigningKeyCache } from './signing-key-cache.js';
export {
  credentialScope,
  deriveSigningKey,
  EMPTY_SHA256,
  SCOPE_TERMINATOR,
  sha256Hex,
  signaturesMatch,
  signString,
  stringToSign,
} from './signing.js';
export type {
  AuthParseError,
  AuthParseErrorCode,
  AuthParseResult,
  HeaderMap,
  HttpRequestParts,
  ParsedAuthorization,
} from './types.js';
export { ALGORITHM, SIGV4A_ALGORITHM } from './types.js';
export { percentDecode, uriEncode } from './uri-encode.js';
export type { VerifyFailure, VerifyFailureReason, VerifyInput, VerifyResult } from './verify-signature.js';
export { verifySignature } from './verify-signature.js';
