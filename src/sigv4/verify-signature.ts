/**
 * @module sigv4/verify-signature
 * Server-side SigV4 verification: rebuild the canonical request from the request as received, check the time
 * window, derive (or fetch) the signing key, and compare signatures in constant time.
 */
import { canonicalRequest } from './canonical-request.js';
import { checkRequestTime } from './request-time-window.js';
import type { SigningKeyCache } from './signing-key-cache.js';
import { HmacKey } from './hmac-key.js';
import { deriveSigningKey, signaturesMatch, stringToSign } from './signing.js';
import type { HttpRequestParts, ParsedAuthorization } from './types.js';

export interface VerifyInput {
  readonly request: HttpRequestParts;
  readonly auth: ParsedAuthorization;
  readonly secretAccessKey: string;
  /**
   * The payload hash to put in the canonical request: the `x-amz-content-sha256` value, or for non-S3 the hex
   * SHA-256 of the body the caller computed, or `UNSIGNED-PAYLOAD` for presigned.
   */
  readonly payloadHash: string;
  /** `false` for S3 (no path normalisation, single encoding); `true` for every other service. */
  readonly normalizePath: boolean;
  readonly now: Date;
  readonly cache?: SigningKeyCache;
}

export type VerifyFailureReason =
  | 'SignatureDoesNotMatch'
  | 'RequestExpired'
  | 'RequestNotYetValid'
  | 'PresignExpired'
  | 'MissingSignedHost';

export interface VerifyFailure {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  /** What the server computed; S3 echoes these in `SignatureDoesNotMatch` errors to help clients debug. */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly message: string;
}

/** On success, the signing key (needed to verify aws-chunked chunk signatures). */
export type VerifyResult = { readonly ok: true; readonly signingKey: Uint8Array } | VerifyFailure;

const PRESIGNED_OMITS = ['X-Amz-Signature'] as const;
const HEADER_OMITS = [] as const;

function failure(reason: VerifyFailureReason, message: string, canonical: string, toSign: string): VerifyFailure {
  return { ok: false, reason, canonicalRequest: canonical, stringToSign: toSign, message };
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Verifies a parsed SigV4 request. The time window is checked before the HMAC so stale requests cost nothing.
 *
 * @example
 * const parsed = parseAuthorization(parts);
 * if (parsed?.ok) {
 *   const result = verifySignature({ request: parts, auth: parsed.auth, secretAccessKey, payloadHash,
 *     normalizePath: service !== 's3', now: clock.now(), cache });
 * }
 */
export function verifySignature(input: VerifyInput): VerifyResult {
  const { auth, request } = input;
  // An explicit literal rather than a spread of `request`: this runs on every request, and V8 builds a
  // fixed-shape literal far faster than it copies an object of unknown shape.
  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    signedHeaders: auth.signedHeaders,
    signedHeadersValue: auth.signedHeadersValue,
    payloadHash: input.payloadHash,
    normalizePath: input.normalizePath,
    omitQueryParameters: auth.kind === 'query' ? PRESIGNED_OMITS : HEADER_OMITS,
  });
  const toSign = stringToSign(auth.amzDate, auth.scope, canonical);

  // SigV4 requires `host` to be signed, so a signature cannot be replayed against another endpoint.
  if (!auth.signedHeaders.includes('host')) {
    return failure(
      'MissingSignedHost',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      canonical,
      toSign,
    );
  }
  const late = checkRequestTime(auth, input.now);
  if (late) return failure(late.reason, late.message, canonical, toSign);

  const key = input.cache
    ? input.cache.prepared(input.secretAccessKey, auth.date, auth.region, auth.service, auth.scope)
    : new HmacKey(deriveSigningKey(input.secretAccessKey, auth.date, auth.region, auth.service));
  if (!signaturesMatch(key.signHex(toSign), auth.signature)) {
    return failure('SignatureDoesNotMatch', MISMATCH, canonical, toSign);
  }
  return { ok: true, signingKey: key.bytes };
}
