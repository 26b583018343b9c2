/**
 * @module sigv4/canonical-path
 * The `CanonicalURI` line. Two rules exist and the caller picks one (WIRE.md §5.2):
 * - every service but S3: normalise the path (drop `.` and empty segments, resolve `..`) and URI-encode the
 *   already-encoded path again, as the SDKs do (JS `SignatureV4.getCanonicalPath` with `uriEscapePath`);
 * - S3: the path exactly as sent, neither normalised nor re-encoded ("you do not normalize URI paths for
 *   requests to Amazon S3", aws-sig-v4-test-suite `normalize-path`; aws-php `S3SignatureV4`).
 */
import { uriEncode } from './uri-encode.js';

/**
 * Returns the canonical URI for `path` (raw, as received, without the query).
 *
 * @example
 * canonicalPath('//a/./b/../c%20d/', true);  // '/a/c%2520d/'
 * canonicalPath('//a/./b/../c%20d/', false); // '//a/./b/../c%20d/'
 */
export function canonicalPath(path: string, normalizePath: boolean): string {
  if (path === '') return '/';
  if (!normalizePath) return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncode(`${leading}${segments.join('/')}${trailing}`, false);
}
