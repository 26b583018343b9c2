/**
 * @module sigv4/request-date
 * Reads the signing time of a header-signed request: `X-Amz-Date`, or else the `Date` header
 * ("Elements of an AWS API request signature"). Both must name the same instant the client signed with.
 */
import { formatAmzDate, parseAmzDate, parseHttpDate } from './amz-date.js';
import { parseFailure } from './auth-parse-error.js';
import { canonicalHeaderValue } from './canonical-headers.js';
import type { AuthParseError, HeaderMap } from './types.js';

export type RequestDateResult =
  | { readonly ok: true; readonly amzDate: string; readonly requestTime: Date }
  | { readonly ok: false; readonly error: AuthParseError };

/**
 * The error IAM and STS give for a timestamp that is not `yyyymmddThhmmssZ`.
 *
 * @example
 * invalidAmzDate('2015-08-30', 'query').error.code; // 'InvalidDate'
 */
export function invalidAmzDate(value: string, form: AuthParseError['form']): { ok: false; error: AuthParseError } {
  return parseFailure(
    form,
    'InvalidDate',
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

/**
 * The request time from the headers; `missingMessage` is the text of the error when neither header is present.
 *
 * @example
 * requestDateFromHeaders({ 'x-amz-date': '20150830T123600Z' }, 'no date'); // { ok: true, amzDate: '20150830T123600Z', … }
 */
export function requestDateFromHeaders(headers: HeaderMap, missingMessage: string): RequestDateResult {
  const amzDate = canonicalHeaderValue(headers, 'x-amz-date');
  if (amzDate !== undefined) {
    const requestTime = parseAmzDate(amzDate);
    return requestTime ? { ok: true, amzDate, requestTime } : invalidAmzDate(amzDate, 'header');
  }
  const httpDate = canonicalHeaderValue(headers, 'date');
  if (httpDate === undefined) return parseFailure('header', 'MissingDate', missingMessage);
  const requestTime = parseHttpDate(httpDate);
  if (!requestTime) return invalidAmzDate(httpDate, 'header');
  return { ok: true, amzDate: formatAmzDate(requestTime), requestTime };
}
