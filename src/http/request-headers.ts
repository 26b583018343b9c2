/**
 * @module http/request-headers
 * The request's headers as SigV4 and the handlers read them (`HttpRequestParts.headers`): node's `req.headers` when
 * no header name repeats, `req.headersDistinct` otherwise.
 *
 * Why: node builds `req.headers` while it parses every request (its server reads `expect` and `upgrade` from it), but
 * `headersDistinct` is a second pass over the raw headers on first use, which cost each request about 1.7 µs
 * (bench/README.md, "STS", sixth session). The two agree when every name occurs once: node only joins (`, `) or drops
 * the values of a repeated header, and SigV4 joins repeated values with `,`, so a request that repeats any header
 * (in any letter case) gets the distinct arrays.
 */

import type { IncomingMessage } from 'node:http';
import type { HeaderMap } from '../sigv4/index.js';

/**
 * Headers keyed by lower-case name; a value is a string, or an array when its header may have repeated.
 *
 * @example
 * const headers = requestHeaders(req);
 * headerValue(headers, 'x-amz-account-id'); // '123456789012'
 */
export function requestHeaders(req: IncomingMessage): HeaderMap {
  const headers = req.headers;
  let names = 0;
  for (const _ in headers) names++;
  return names * 2 === req.rawHeaders.length ? headers : req.headersDistinct;
}

/** The first value of a header in either form of {@link requestHeaders}. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
}
