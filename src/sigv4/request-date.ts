/**
 * @module sigv4/request-date
 * Reads the signing time of a header-signed request: `X-Amz-Date`, or else the `Date` header
 * ("Elements of an AWS API request signature"). Both must name the same instant the client signed with.
 */
import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js';
import { canonicalHeaderValue } from './canonical-headers.js';
import type { AuthParseError, HeaderMap } from './types.js';

export type RequestDateResult =
  | { readonly ok: true; readonly amzDate: string; readonly requestTime: Date }
  | { readonly ok: false; readonly error: AuthParseError };

/** The error AWS gives for a timestamp that is not `yyyymmddThhmmssZ`. */
export function invalidAmzDate(value: string): AuthParseError {
  return {
    code: 'IncompleteSignature',
    message: `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  };
}

/**
 * The request time from the headers; `missing` is the error to return when neither header is present.
 *
 * @example
 * requestDateFromHeaders({ 'x-amz-date': '20150830T123600Z' }, missingError); // { ok: true, amzDate: '20150830T123600Z', … }
 */
export function requestDateFromHeaders(headers: HeaderMap, missing: AuthParseError): RequestDateResult {
  const amzDate = canonicalHeaderValue(headers, 'x-amz-date');
  if (amzDate !== undefined) {
    const requestTime = parseAmzDate(amzDate);
    return requestTime ? { ok: true, amzDate, requestTime } : { ok: false, error: invalidAmzDate(amzDate) };
  }
  const httpDate = canonicalHeaderValue(headers, 'date');
  if (httpDate === undefined) return { ok: false, error: missing };
  const requestTime = parseHttpDate(httpDate);
  if (!requestTime) return { ok: false, error: invalidAmzDate(httpDate) };
  return { ok: true, amzDate: formatAmzDate(requestTime), requestTime };
}
