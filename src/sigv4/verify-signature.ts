/**
 * @module sigv4/verify-signature
 * Server-side SigV4 verification: rebuild the canonical request from the request as received, check the time
 * window, derive (or fetch) the signing key, and compare signatures in constant time.
 */
import { canonicalRequest } from './canonical-request.js';
import { checkRequestTime } from './request-time-window.js';
import type { SigningKeyCache } from './signing-key-cache.js';
import { credentialScope, deriveSigningKey, signString, signaturesMatch, stringToSign } from './signing.js';
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
  const canonical = canonicalRequest({
    ...request,
    signedHeaders: auth.signedHeaders,
    payloadHash: input.payloadHash,
    normalizePath: input.normalizePath,
    omitQueryParameters: auth.kind === 'query' ? ['X-Amz-Signature'] : [],
  });
  const toSign = stringToSign(auth.amzDate, credentialScope(auth.date, auth.region, auth.service), canonical);
  const failure = (reason: VerifyFailureReason, message: string): VerifyFailure => ({
    ok: false,
    reason,
    canonicalRequest: canonical,
    stringToSign: toSign,
    message,
  });

  // SigV4 requires `host` to be signed, so a signature cannot be replayed against another endpoint.
  if (!auth.signedHeaders.includes('host')) {
    return failure('MissingSignedHost', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const late = checkRequestTime(auth, input.now);
  if (late) return failure(late.reason, late.message);

  const signingKey = input.cache
    ? input.cache.get(input.secretAccessKey, auth.date, auth.region, auth.service)
    : deriveSigningKey(input.secretAccessKey, auth.date, auth.region, auth.service);
  if (!signaturesMatch(signString(signingKey, toSign), auth.signature))
    return failure('SignatureDoesNotMatch', MISMATCH);
  return { ok: true, signingKey };
}
