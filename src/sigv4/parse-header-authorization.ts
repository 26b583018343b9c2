/**
 * @module sigv4/parse-header-authorization
 * The `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` form. The comma may or may
 * not be followed by a space (the S3 streaming example omits it; aws-c-auth `test_chunked_signing.c`).
 */
import { canonicalHeaderValue } from './canonical-headers.js';
import { parseCredential } from './parse-credential.js';
import { requestDateFromHeaders } from './request-date.js';
import { ALGORITHM } from './types.js';
import type { AuthParseError, AuthParseResult, HeaderMap, ParsedAuthorization } from './types.js';

const REQUIRED = ['Credential', 'SignedHeaders', 'Signature'] as const;

function fail(code: AuthParseError['code'], message: string): AuthParseResult {
  return { ok: false, error: { code, message } };
}

function unsupported(algorithm: string): AuthParseResult {
  // SigV2 (`AWS AKID:sig`) gets S3's wording; anything else names the algorithm, as STS does.
  return algorithm === 'AWS'
    ? fail(
        'UnsupportedAlgorithm',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      )
    : fail('UnsupportedAlgorithm', `Unsupported AWS 'algorithm': '${algorithm}'`);
}

function readFields(rest: string, header: string): Map<string, string> | AuthParseResult {
  const fields = new Map<string, string>();
  for (const raw of rest.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      return fail(
        'IncompleteSignature',
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    const key = part.slice(0, eq);
    if (fields.has(key))
      return fail('IncompleteSignature', `Authorization header has a duplicate '${key}' parameter: '${header}'.`);
    fields.set(key, part.slice(eq + 1));
  }
  return fields;
}

/**
 * Parses an `Authorization` header value; the signing time comes from `X-Amz-Date` or `Date`.
 *
 * @example
 * parseHeaderAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/sts/aws4_request, ' +
 *   'SignedHeaders=host;x-amz-date, Signature=5fa0…', { 'x-amz-date': '20150830T123600Z', host: '…' });
 */
export function parseHeaderAuthorization(header: string, headers: HeaderMap): AuthParseResult {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) return unsupported(algorithm);
  const fields = readFields(space < 0 ? '' : header.slice(space + 1), header);
  if (!(fields instanceof Map)) return fields;
  const missing = REQUIRED.filter((key) => !fields.has(key));
  if (missing.length > 0) {
    const needs = missing.map((key) => `Authorization header requires '${key}' parameter.`).join(' ');
    return fail('IncompleteSignature', `${needs} Authorization=${header}`);
  }
  const date = requestDateFromHeaders(headers, {
    code: 'MissingDate',
    message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
  });
  if (!date.ok) return date;
  const credential = parseCredential(fields.get('Credential')!, date.amzDate);
  if (!credential.ok) return credential;
  const securityToken = canonicalHeaderValue(headers, 'x-amz-security-token');
  const auth: ParsedAuthorization = {
    kind: 'header',
    ...credential.credential,
    signedHeaders: fields.get('SignedHeaders')!.toLowerCase().split(';'),
    signature: fields.get('Signature')!,
    amzDate: date.amzDate,
    requestTime: date.requestTime,
    ...(securityToken === undefined ? {} : { securityToken }),
  };
  return { ok: true, auth };
}
