/**
 * @module sigv4/canonical-query
 * The `CanonicalQueryString` line: each name and value decoded, then `UriEncode`d, sorted by name and then by
 * value, joined with `&` (IAM User Guide, "Create a canonical request"). Decoding first makes the result
 * independent of how the client spelled its escapes (`%7E` or `~`, `%2f` or `%2F`).
 */
import { percentDecode, uriEncode } from './uri-encode.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function split(part: string): [string, string] {
  const eq = part.indexOf('=');
  return eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
}

/** Decode then re-encode; text without escapes decodes to its own UTF-8, so it is encoded directly. */
function reencode(raw: string): string {
  return raw.includes('%') ? uriEncode(percentDecode(raw)) : uriEncode(raw);
}

/** Decodes one name or value to text; most carry no escapes and are returned as they are. */
function decodeText(raw: string): string {
  return raw.includes('%') ? Buffer.from(percentDecode(raw)).toString('utf8') : raw;
}

/** One `name=value` pair that needs no re-encoding: what an SDK sends as `x-id=GetObject`. */
const SIMPLE_PAIR = /^[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*$/;

/**
 * Canonicalises a raw query string (without `?`). Parameters named in `omit` (decoded names, e.g.
 * `X-Amz-Signature` for presigned requests) are left out. A parameter without `=` gets an empty value.
 *
 * @example
 * canonicalQuery('b=2&a=x y&a=1&X-Amz-Signature=ff', ['X-Amz-Signature']); // 'a=1&a=x%20y&b=2'
 */
export function canonicalQuery(rawQuery: string, omit: readonly string[] = []): string {
  if (rawQuery === '') return '';
  // The commonest non-empty query is a single plain pair, already canonical (nothing to sort, decode or encode).
  if (omit.length === 0 && SIMPLE_PAIR.test(rawQuery)) return rawQuery;
  const omitted = omit.map((name) => uriEncode(name));
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const [rawName, rawValue] = split(part);
    const name = reencode(rawName);
    if (omitted.includes(name)) continue;
    pairs.push([name, reencode(rawValue)]);
  }
  if (pairs.length > 1) pairs.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  let out = '';
  for (const [name, value] of pairs) out += out === '' ? `${name}=${value}` : `&${name}=${value}`;
  return out;
}

/**
 * Decodes a raw query string into its parameters; the first occurrence of a name wins.
 *
 * @example
 * queryParameters('X-Amz-Credential=AKID%2F20150830%2F…').get('X-Amz-Credential'); // 'AKID/20150830/…'
 */
export function queryParameters(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const [rawName, rawValue] = split(part);
    const name = decodeText(rawName);
    if (!params.has(name)) params.set(name, decodeText(rawValue));
  }
  return params;
}
