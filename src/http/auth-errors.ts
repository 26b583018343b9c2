/**
 * @module http/auth-errors
 * How each authentication failure reaches the caller. IAM and STS (Query) and S3 word the same failure
 * differently, and S3 adds diagnostic elements to some of its `<Error>` documents, so the pure verifier reports
 * reasons and this module picks code, message and elements per dialect:
 * - Query: `IncompleteSignature` for malformed auth, `SignatureDoesNotMatch` for a scope that names another day,
 *   service or terminator ("Credential should be scoped to correct service: 'sts'."), as STS answers;
 * - S3: `AuthorizationHeaderMalformed` / `AuthorizationQueryParametersError` with S3's texts, `AccessDenied` for a
 *   missing date or an expired presigned URL, `RequestTimeTooSkewed` with `RequestTime`/`ServerTime`, and
 *   `SignatureDoesNotMatch` with `StringToSign`, `CanonicalRequest` and their bytes (S3 API Reference, "Error
 *   responses"; WIRE.md §5).
 * iamd accepts any region in a credential scope, so S3's "the region 'x' is wrong; expecting 'y'" never occurs.
 */

import type { AuthDialect } from '../core/accounts/index.js';
import { AwsError, type AwsErrorCode } from '../core/errors.js';
import { isoSeconds } from '../core/time-text.js';
import {
  type AuthParseError,
  formatAmzDate,
  MAX_CLOCK_SKEW_MS,
  type ParsedAuthorization,
  SCOPE_TERMINATOR,
  type VerifyFailure,
} from '../sigv4/index.js';

/** Extra elements of an S3 `<Error>` document, in order. */
export type S3ErrorDetails = ReadonlyArray<readonly [element: string, text: string]>;

/** An error whose S3 rendering carries diagnostic elements after `<Message>`. */
export class S3DetailedError extends AwsError {
  readonly details: S3ErrorDetails;

  constructor(code: AwsErrorCode, message: string | undefined, details: S3ErrorDetails) {
    super(code, message);
    this.details = details;
  }
}

const CREDENTIAL_FORMAT = 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';
const HEADER_MALFORMED = 'The authorization header is malformed; ';
const QUERY_CREDENTIAL = 'Error parsing the X-Amz-Credential parameter; ';
const NEEDS_DATE = 'AWS authentication requires a valid Date or x-amz-date header';

/** S3's code and text for a malformed `Authorization` header. */
function s3HeaderError(error: AuthParseError): AwsError {
  switch (error.code) {
    case 'MultipleMechanisms':
      return new AwsError('InvalidArgument', error.message);
    case 'UnsupportedAlgorithm':
      return new AwsError('InvalidArgument', 'Unsupported Authorization Type');
    case 'SigV2':
      return new AwsError('InvalidRequest', error.message);
    case 'MissingDate':
    case 'InvalidDate':
      return new AwsError('AccessDenied', NEEDS_DATE);
    case 'SigV4A':
      return new AwsError('IncompleteSignature', error.message);
    case 'MalformedCredential':
      return new AwsError('IncompleteSignature', HEADER_MALFORMED + CREDENTIAL_FORMAT);
    case 'CredentialDateMismatch':
      return new AwsError(
        'IncompleteSignature',
        `${HEADER_MALFORMED}Invalid credential date. Date is not the same as X-Amz-Date.`,
      );
    case 'InvalidTerminator':
      return new AwsError(
        'IncompleteSignature',
        `${HEADER_MALFORMED}incorrect terminal "${error.detail?.terminator ?? ''}". This endpoint uses "${SCOPE_TERMINATOR}".`,
      );
    default:
      return new AwsError(
        'IncompleteSignature',
        `${HEADER_MALFORMED}the authorization header requires three components: Credential, SignedHeaders, and Signature.`,
      );
  }
}

/** S3's code and text for malformed presigned-URL parameters. */
function s3QueryError(error: AuthParseError): AwsError {
  const fail = (message: string) => new AwsError('AuthorizationQueryParametersError', message);
  switch (error.code) {
    case 'SigV2':
      return new AwsError('InvalidRequest', error.message);
    case 'InvalidDate':
      return fail(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
    case 'MalformedCredential':
      return fail(QUERY_CREDENTIAL + CREDENTIAL_FORMAT);
    case 'CredentialDateMismatch':
      return fail(
        `Invalid credential date "${error.detail?.scopeDate ?? ''}". This date is not the same as X-Amz-Date: "${error.detail?.requestDate ?? ''}".`,
      );
    case 'InvalidTerminator':
      return fail(
        `${QUERY_CREDENTIAL}incorrect terminal "${error.detail?.terminator ?? ''}". This endpoint uses "${SCOPE_TERMINATOR}".`,
      );
    default:
      return fail(error.message);
  }
}

/**
 * The error for SigV4 parameters that could not be read.
 *
 * @example
 * throw parseErrorOf(parsed.error, 's3'); // e.g. AuthorizationHeaderMalformed
 */
export function parseErrorOf(error: AuthParseError, dialect: AuthDialect): AwsError {
  if (dialect === 's3') return error.form === 'query' ? s3QueryError(error) : s3HeaderError(error);
  const scopeMismatch = error.code === 'CredentialDateMismatch' || error.code === 'InvalidTerminator';
  return new AwsError(scopeMismatch ? 'SignatureDoesNotMatch' : 'IncompleteSignature', error.message);
}

/**
 * The error for a credential scoped to another service than the endpoint's (`expected`), or `undefined`.
 * Query services are routed by the scope itself, so their handlers pass no `expected` and there is nothing to
 * check; an IAM action signed for `sts` then reaches STS and is refused there as an unknown action, as AWS does.
 *
 * @example
 * scopeServiceError(auth, 's3', 's3'); // undefined when auth.service is 's3'
 */
export function scopeServiceError(
  auth: ParsedAuthorization,
  expected: string | undefined,
  dialect: AuthDialect,
): AwsError | undefined {
  if (expected === undefined || auth.service === expected) return undefined;
  if (dialect === 'query') {
    return new AwsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${expected}'.`);
  }
  const text = `incorrect service "${auth.service}". This endpoint belongs to "${expected}".`;
  return auth.kind === 'query'
    ? new AwsError('AuthorizationQueryParametersError', QUERY_CREDENTIAL + text)
    : new AwsError('IncompleteSignature', HEADER_MALFORMED + text);
}

/** Space-separated two-digit hex of the UTF-8 bytes, as S3 prints `StringToSignBytes`. */
function hexBytes(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

/**
 * The error for a request whose signature did not verify.
 *
 * @example
 * throw verifyErrorOf(verified, auth, 's3', clock.now());
 */
export function verifyErrorOf(
  failure: VerifyFailure,
  auth: ParsedAuthorization,
  dialect: AuthDialect,
  now: Date,
): AwsError {
  if (dialect === 'query') {
    if (failure.reason === 'SignatureDoesNotMatch') return new AwsError('SignatureDoesNotMatch');
    if (failure.reason === 'MissingSignedHost') return new AwsError('IncompleteSignature', failure.message);
    return new AwsError('RequestExpired', failure.message);
  }
  switch (failure.reason) {
    case 'SignatureDoesNotMatch':
      return new S3DetailedError('SignatureDoesNotMatch', undefined, [
        ['AWSAccessKeyId', auth.accessKeyId],
        ['StringToSign', failure.stringToSign],
        ['SignatureProvided', auth.signature],
        ['StringToSignBytes', hexBytes(failure.stringToSign)],
        ['CanonicalRequest', failure.canonicalRequest],
        ['CanonicalRequestBytes', hexBytes(failure.canonicalRequest)],
      ]);
    case 'MissingSignedHost':
      return auth.kind === 'query'
        ? new AwsError('AuthorizationQueryParametersError', failure.message)
        : new AwsError('IncompleteSignature', failure.message);
    case 'PresignExpired': {
      const expires = new Date(auth.requestTime.getTime() + (auth.expiresSeconds ?? 0) * 1000);
      return new S3DetailedError('AccessDenied', 'Request has expired', [
        ['X-Amz-Expires', String(auth.expiresSeconds ?? '')],
        ['Expires', isoSeconds(expires)],
        ['ServerTime', isoSeconds(now)],
      ]);
    }
    case 'RequestNotYetValid':
      return new AwsError('AccessDenied', 'Request is not valid yet');
    default:
      return new S3DetailedError('RequestExpired', undefined, [
        ['RequestTime', formatAmzDate(auth.requestTime)],
        ['ServerTime', isoSeconds(now)],
        ['MaxAllowedSkewMilliseconds', String(MAX_CLOCK_SKEW_MS)],
      ]);
  }
}
