/**
 * @module http/s3-request-keys
 * The S3 condition keys that come from the request itself (Service Authorization Reference for Amazon S3,
 * "Condition keys"): how it was authenticated, how old its signature is, and the headers policies test.
 * Each key is present only when its source is: an anonymous request has no `s3:authType`, a request without an
 * `x-amz-acl` header no `s3:x-amz-acl`.
 */

import type { IncomingMessage } from 'node:http';
import type { ParsedAuthorization } from '../sigv4/index.js';

const HEADER_KEYS = [
  'x-amz-acl',
  'x-amz-content-sha256',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-storage-class',
  'x-amz-copy-source',
  'x-amz-metadata-directive',
  'x-amz-object-ownership',
] as const;

/**
 * The request-level S3 keys of one request.
 *
 * @example
 * s3RequestKeys(req, auth, now)['s3:authType']; // 'REST-HEADER'
 */
export function s3RequestKeys(
  req: IncomingMessage,
  auth: ParsedAuthorization | undefined,
  now: Date,
): Record<string, string | undefined> {
  const keys: Record<string, string | undefined> = {};
  if (auth) {
    keys['s3:authType'] = auth.kind === 'header' ? 'REST-HEADER' : 'REST-QUERY-STRING';
    keys['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
    // s3:signatureAge is in milliseconds (S3 condition keys reference).
    keys['s3:signatureAge'] = String(Math.max(0, now.getTime() - auth.requestTime.getTime()));
  }
  for (const header of HEADER_KEYS) {
    const value = req.headers[header];
    if (typeof value === 'string') keys[`s3:${header}`] = value;
  }
  return keys;
}
