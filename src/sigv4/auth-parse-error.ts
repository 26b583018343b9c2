/**
 * @module sigv4/auth-parse-error
 * Builds the error values of the SigV4 parsers, and the one message iamd itself words: the refusal of SigV4A.
 */
import type { AuthParseError, AuthParseErrorCode } from './types.js';

/**
 * Why SigV4A requests fail. SDKs only sign with SigV4A for multi-Region access points and when told to, so the
 * text says what to change rather than echoing a parse failure.
 */
export const SIGV4A_MESSAGE =
  'iamd does not support Signature Version 4A (AWS4-ECDSA-P256-SHA256); sign requests with Signature Version 4 (AWS4-HMAC-SHA256).';

/**
 * A failed parse.
 *
 * @example
 * parseFailure('header', 'MissingDate', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
 */
export function parseFailure(
  form: AuthParseError['form'],
  code: AuthParseErrorCode,
  message: string,
  detail?: AuthParseError['detail'],
): { readonly ok: false; readonly error: AuthParseError } {
  return { ok: false, error: detail ? { code, form, message, detail } : { code, form, message } };
}
