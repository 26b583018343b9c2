/**
 * @module sigv4/parse-header-authorization
 * The `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` form. The comma may or may
 * not be followed by a space (the S3 streaming example omits it; aws-c-auth `test_chunked_signing.c`).
 */
import { parseFailure, SIGV4A_MESSAGE } from './auth-parse-error.js';
import { canonicalHeaderValue } from './canonical-headers.js';
import { parseCredential } from './parse-credential.js';
import { requestDateFromHeaders } from './request-date.js';
import { ALGORITHM, SIGV4A_ALGORITHM } from './types.js';
import type { AuthParseError, AuthParseResult, HeaderMap, ParsedAuthorization } from './types.js';

const REQUIRED = ['Credential', 'SignedHeaders', 'Signature'] as const;

function fail(code: AuthParseError['code'], message: string): AuthParseResult {
  return parseFailure('header', code, message);
}

function unsupported(algorithm: string): AuthParseResult {
  if (algorithm === SIGV4A_ALGORITHM) return fail('SigV4A', SIGV4A_MESSAGE);
  // SigV2 (`AWS AKID:sig`) gets S3's wording; anything else names the algorithm, as STS does.
  return algorithm === 'AWS'
    ? fail('SigV2', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.')
    : fail('UnsupportedAlgorithm', `Unsupported AWS 'algorithm': '${algorithm}'`);
}

interface Fields {
  Credential?: string;
  SignedHeaders?: string;
  Signature?: string;
}

/** Reads `key=value` parts separated by `,` (and optional spaces); unknown keys are ignored, duplicates refused. */
function readFields(rest: string, header: string): Fields | AuthParseResult {
  const fields: Fields = {};
  let others: Set<string> | undefined;
  let start = 0;
  while (start <= rest.length) {
    let end = rest.indexOf(',', start);
    if (end < 0) end = rest.length;
    const part = rest.slice(start, end).trim();
    start = end + 1;
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      return fail(
        'IncompleteSignature',
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    // Named stores rather than `fields[key]`: a computed store with a fresh string key costs a string-table lookup.
    let seen: boolean;
    if (key === 'Credential') {
      seen = fields.Credential !== undefined;
      fields.Credential = value;
    } else if (key === 'SignedHeaders') {
      seen = fields.SignedHeaders !== undefined;
      fields.SignedHeaders = value;
    } else if (key === 'Signature') {
      seen = fields.Signature !== undefined;
      fields.Signature = value;
    } else {
      others ??= new Set();
      seen = others.has(key);
      others.add(key);
    }
    if (seen) {
      return fail('IncompleteSignature', `Authorization header has a duplicate '${key}' parameter: '${header}'.`);
    }
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
  if ('ok' in fields) return fields;
  const { Credential: credentialText, SignedHeaders: signedHeaders, Signature: signature } = fields;
  if (credentialText === undefined || signedHeaders === undefined || signature === undefined) {
    const missing = REQUIRED.filter((key) => fields[key] === undefined);
    const needs = missing.map((key) => `Authorization header requires '${key}' parameter.`).join(' ');
    return fail('IncompleteSignature', `${needs} Authorization=${header}`);
  }
  const date = requestDateFromHeaders(
    headers,
    `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
  );
  if (!date.ok) return date;
  const credential = parseCredential(credentialText, date.amzDate, 'header');
  if (!credential.ok) return credential;
  const { accessKeyId, date: day, region, service, scope } = credential.credential;
  const signedHeadersValue = signedHeaders.toLowerCase();
  // Explicit properties, no spreads: this runs on every request (see bench/sigv4.mjs).
  const auth: ParsedAuthorization = {
    kind: 'header',
    accessKeyId,
    date: day,
    region,
    service,
    scope,
    signedHeaders: signedHeadersValue.split(';'),
    signedHeadersValue,
    signature,
    amzDate: date.amzDate,
    requestTime: date.requestTime,
    securityToken: canonicalHeaderValue(headers, 'x-amz-security-token'),
  };
  return { ok: true, auth };
}
