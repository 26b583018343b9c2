/**
 * @module sigv4/parse-authorization
 * Reads the SigV4 parameters of a request from either the `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or the presigned `X-Amz-*` query parameters
 * (S3 "Authenticating Requests: Using Query Parameters"). Pure and total: malformed input becomes an error
 * value, never an exception.
 */
import { parseFailure } from './auth-parse-error.js';
import { queryParameters } from './canonical-query.js';
import { parseHeaderAuthorization } from './parse-header-authorization.js';
import { parseQueryAuthorization } from './parse-query-authorization.js';
import type { AuthParseResult, HttpRequestParts } from './types.js';

/** SigV2 query authentication (`?AWSAccessKeyId=…&Signature=…`), refused rather than treated as anonymous. */
function isSigV2Query(params: ReadonlyMap<string, string>): boolean {
  return params.has('AWSAccessKeyId') && params.has('Signature');
}

const NO_PARAMETERS: ReadonlyMap<string, string> = new Map();

/**
 * The `Authorization` value as sent. It is not whitespace-normalised like a signed header: the parser trims each
 * `key=value` part itself, and skipping a rewrite of the longest header saves time on every request.
 */
function authorizationHeader(headers: HttpRequestParts['headers']): string | undefined {
  const value = headers['authorization'];
  if (value === undefined || typeof value === 'string') return value;
  return value.length === 1 ? value[0] : value.join(',');
}

/**
 * The decoded query parameters, skipping the decoding when no auth parameter can be there: a query without
 * escapes that names none of them (every header-signed request) needs no map.
 */
function authParameters(query: string): ReadonlyMap<string, string> {
  if (query === '') return NO_PARAMETERS;
  const mayHaveAuth = query.includes('%') || query.includes('X-Amz-') || query.includes('Signature');
  return mayHaveAuth ? queryParameters(query) : NO_PARAMETERS;
}

/**
 * Parses the request's SigV4 authentication.
 * Returns `undefined` when the request carries none (anonymous), `{ ok: false, error }` when it is malformed
 * or uses another scheme, and the parsed parameters otherwise. Nothing is verified here.
 *
 * @example
 * const parsed = parseAuthorization({ method: 'GET', path: '/', query: '', headers: req.headersDistinct });
 * if (parsed?.ok) lookUpSecret(parsed.auth.accessKeyId);
 */
export function parseAuthorization(req: HttpRequestParts): AuthParseResult | undefined {
  const header = authorizationHeader(req.headers);
  const params = authParameters(req.query);
  const queryAuth = params.has('X-Amz-Algorithm') || params.has('X-Amz-Credential') || params.has('X-Amz-Signature');
  if (header === undefined && !queryAuth) {
    if (!isSigV2Query(params)) return undefined;
    return parseFailure(
      'query',
      'SigV2',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  }
  if (header !== undefined && queryAuth) {
    return parseFailure(
      'header',
      'MultipleMechanisms',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    );
  }
  return header !== undefined
    ? parseHeaderAuthorization(header, req.headers)
    : parseQueryAuthorization(params, req.headers);
}
