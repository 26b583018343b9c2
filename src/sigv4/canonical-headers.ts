/**
 * @module sigv4/canonical-headers
 * The `CanonicalHeaders` block: `name:value\n` for each signed header, values trimmed with inner whitespace
 * runs collapsed to one space, repeated headers joined with `,` (IAM User Guide, "Create a canonical request";
 * aws-sig-v4-test-suite `get-header-value-trim`, `get-header-key-duplicate`, `get-header-value-multiline`).
 */
import type { HeaderMap } from './types.js';

/**
 * Only ASCII whitespace is trimmed and collapsed. A wider class (`\s`, `String.prototype.trim`) would also eat
 * U+00A0, which is what the 0xA0 byte inside UTF-8 sequences such as `à` (C3 A0) becomes if a value reaches
 * us still latin1-decoded, as node delivers S3 user metadata.
 */
const WHITESPACE_RUN = /[\t\n\v\f\r ]+/g;
const EDGE_WHITESPACE = /^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g;
/** Inner whitespace that needs work; values SDKs send almost never have it (the hot path skips the rewrite). */
const INNER_WORK = /[\t\n\v\f\r]| {2}/;
const SPACE = 0x20;

/**
 * One header (or trailer) value in canonical form: ASCII whitespace trimmed, inner runs collapsed to one space.
 *
 * @example
 * normalizeHeaderValue('  "a   b" '); // '"a b"'
 */
export function normalizeHeaderValue(value: string): string {
  const canonical =
    value.charCodeAt(0) !== SPACE && value.charCodeAt(value.length - 1) !== SPACE && !INNER_WORK.test(value);
  if (canonical) return value;
  return value.replace(EDGE_WHITESPACE, '').replace(WHITESPACE_RUN, ' ');
}

/**
 * The canonical value of one header, or `undefined` if the request does not carry it.
 *
 * @example
 * canonicalHeaderValue({ 'my-header': ['  a   b ', 'c'] }, 'my-header'); // 'a b,c'
 */
export function canonicalHeaderValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return normalizeHeaderValue(value);
  if (value.length === 1) return normalizeHeaderValue(value[0]!);
  return value.map(normalizeHeaderValue).join(',');
}

/**
 * The canonical headers block for `signedHeaders`, in the order given (the client's `SignedHeaders`, which
 * SigV4 requires to be sorted). A signed header the request lacks contributes an empty value, so the
 * signature simply fails to match.
 *
 * @example
 * canonicalHeaders({ host: 'example.com', 'x-amz-date': '20150830T123600Z' }, ['host', 'x-amz-date']);
 * // 'host:example.com\nx-amz-date:20150830T123600Z\n'
 */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string {
  let out = '';
  for (const name of signedHeaders) out += `${name}:${canonicalHeaderValue(headers, name) ?? ''}\n`;
  return out;
}
