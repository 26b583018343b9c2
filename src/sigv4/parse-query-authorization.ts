/**
 * @module sigv4/parse-query-authorization
 * Presigned requests: `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
 * `X-Amz-SignedHeaders`, `X-Amz-Signature` and optionally `X-Amz-Security-Token` (S3 "Authenticating Requests:
 * Using Query Parameters"; JS `SignatureV4.presign`). Expiry is capped at 604800 s, seven days, as S3 and the
 * SDKs enforce (JS `MAX_PRESIGNED_TTL`; `aws s3 presign --expires-in` "Maximum is 604800").
 */
import { parseAmzDate } from './amz-date.js';
import { parseFailure, SIGV4A_MESSAGE } from './auth-parse-error.js';
import { canonicalHeaderValue } from './canonical-headers.js';
import { parseCredential } from './parse-credential.js';
import { invalidAmzDate } from './request-date.js';
import { ALGORITHM, SIGV4A_ALGORITHM } from './types.js';
import type { AuthParseError, AuthParseResult, HeaderMap, ParsedAuthorization } from './types.js';

/** Seven days, the longest validity a presigned URL may claim. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604_800;

const REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
];

function fail(code: AuthParseError['code'], message: string): AuthParseResult {
  return parseFailure('query', code, message);
}

function parseExpires(text: string): number | string {
  if (!/^\d+$/.test(text)) return 'X-Amz-Expires should be a number';
  const seconds = Number(text);
  if (seconds < 1) return 'X-Amz-Expires must be a positive number';
  if (seconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    return `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_EXPIRES_SECONDS}`;
  }
  return seconds;
}

/**
 * Parses decoded query parameters of a presigned request. The session token may also come as a header.
 *
 * @example
 * parseQueryAuthorization(queryParameters(rawQuery), req.headersDistinct);
 */
export function parseQueryAuthorization(params: ReadonlyMap<string, string>, headers: HeaderMap): AuthParseResult {
  if (params.get('X-Amz-Algorithm') === SIGV4A_ALGORITHM) return fail('SigV4A', SIGV4A_MESSAGE);
  if (REQUIRED.some((name) => !params.has(name))) {
    return fail(
      'IncompleteSignature',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const algorithm = params.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) return fail('UnsupportedAlgorithm', `X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const amzDate = params.get('X-Amz-Date')!;
  const requestTime = parseAmzDate(amzDate);
  if (!requestTime) return invalidAmzDate(amzDate, 'query');
  const expires = parseExpires(params.get('X-Amz-Expires')!);
  if (typeof expires === 'string') return fail('InvalidExpires', expires);
  const credential = parseCredential(params.get('X-Amz-Credential')!, amzDate, 'query');
  if (!credential.ok) return credential;
  const { accessKeyId, date, region, service, scope } = credential.credential;
  const signedHeadersValue = params.get('X-Amz-SignedHeaders')!.toLowerCase();
  const auth: ParsedAuthorization = {
    kind: 'query',
    accessKeyId,
    date,
    region,
    service,
    scope,
    signedHeaders: signedHeadersValue.split(';'),
    signedHeadersValue,
    signature: params.get('X-Amz-Signature')!,
    amzDate,
    requestTime,
    expiresSeconds: expires,
    securityToken: params.get('X-Amz-Security-Token') ?? canonicalHeaderValue(headers, 'x-amz-security-token'),
  };
  return { ok: true, auth };
}
