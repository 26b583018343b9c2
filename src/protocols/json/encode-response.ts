/**
 * @module protocols/json/encode-response
 * awsJson1_1 responses: the output as a JSON object (timestamps as epoch seconds), errors as
 * `{"__type": code, "message": …}` with the JSON protocol's names for the common errors (botocore
 * `BaseJSONParser`; the AWS SDKs read `__type`).
 */

import type { AwsError } from '../../core/errors.js';

/** How JSON services spell the common errors (AWS Common Errors for JSON protocols). */
const JSON_CODES: Readonly<Record<string, string>> = {
  AccessDenied: 'AccessDeniedException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  InvalidClientTokenId: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  IncompleteSignature: 'IncompleteSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  ValidationError: 'ValidationException',
  Throttling: 'ThrottlingException',
};

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) if (member !== undefined) out[name] = plain(member);
    return out;
  }
  return value;
}

/**
 * The JSON body of an operation's output.
 *
 * @example
 * encodeJsonResponse({ Events: [], NextToken: undefined }); // '{"Events":[]}'
 */
export function encodeJsonResponse(output: unknown): string {
  return JSON.stringify(plain(output ?? {}));
}

/** The `__type` of an error on the JSON wire. */
export function jsonErrorCode(error: AwsError): string {
  return JSON_CODES[error.code] ?? error.code;
}

/**
 * The JSON error body.
 *
 * @example
 * encodeJsonError(new AwsError('AccessDenied', 'User: … is not authorized …'));
 */
export function encodeJsonError(error: AwsError): string {
  return JSON.stringify({ __type: jsonErrorCode(error), message: error.message });
}
