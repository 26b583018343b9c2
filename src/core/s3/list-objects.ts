/**
 * @module core/s3/list-objects
 * ListObjectsV2 over the store's key-ordered pages: prefix, delimiter roll-up into CommonPrefixes, MaxKeys
 * counting keys and prefixes together, and an opaque continuation token (S3 API reference, ListObjectsV2).
 */

import type { ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { S3Store } from '../ports.js';

/** The listing request, decoded. */
export interface ListRequest {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string | undefined;
  readonly maxKeys: number;
  readonly startAfter: string;
  readonly continuationToken?: string | undefined;
}

/** The listing result. */
export interface ListResult {
  readonly objects: readonly ObjectRecord[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken?: string | undefined;
}

const PAGE = 1000;

/** Encodes the last key or prefix returned as a continuation token. */
export const encodeToken = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

function decodeToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (key === '' || encodeToken(key) !== token) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect');
  }
  return key;
}

/**
 * Lists one page of a bucket.
 *
 * @example
 * await listObjects(store, { bucket: 'b', prefix: '', maxKeys: 1000, startAfter: '' });
 */
export async function listObjects(store: S3Store, request: ListRequest): Promise<ListResult> {
  const objects: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  let after = request.continuationToken !== undefined ? decodeToken(request.continuationToken) : request.startAfter;
  let lastReturned: string | undefined;
  // Resuming after a common prefix: its remaining keys must not roll up into it a second time.
  const resumedPrefix = rollUp(after, request.prefix, request.delimiter) === after ? after : undefined;
  const full = () => objects.length + commonPrefixes.length >= request.maxKeys;

  for (;;) {
    const page = await store.listObjects(request.bucket, { prefix: request.prefix, startAfter: after, maxKeys: PAGE });
    for (const object of page.objects) {
      after = object.key;
      const rolled = rollUp(object.key, request.prefix, request.delimiter);
      if (rolled !== undefined && rolled === (commonPrefixes.at(-1) ?? resumedPrefix)) continue;
      if (full())
        return { objects, commonPrefixes, isTruncated: true, nextContinuationToken: encodeToken(lastReturned!) };
      if (rolled !== undefined) commonPrefixes.push(rolled);
      else objects.push(object);
      lastReturned = rolled ?? object.key;
    }
    if (!page.isTruncated) return { objects, commonPrefixes, isTruncated: false };
  }
}

/** URL-encodes a key for `encoding-type=url` listings, leaving `/` readable as S3 does. */
const encodeKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/');

/**
 * Names as a listing returns them: URL-encoded for `encoding-type=url` (botocore asks for it and decodes).
 *
 * @example
 * encoder('url')('a b/c'); // 'a%20b/c'
 */
export function encoder(encodingType: string | undefined): (text: string | undefined) => string | undefined {
  if (encodingType !== undefined && encodingType !== 'url') {
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request');
  }
  return (text) => (encodingType === 'url' && text !== undefined ? encodeKey(text) : text);
}

/** The common prefix `key` rolls up into, if the delimiter occurs after the prefix. */
export function rollUp(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
