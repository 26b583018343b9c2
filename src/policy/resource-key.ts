/**
 * @module policy/resource-key
 * The resource key: the ARN up to the first `/` of its resource field (`arn:aws:s3:::bucket` for an object,
 * `arn:aws:sqs:us-east-1:111122223333:queue` for a queue). A pattern whose head and whose resource field up to
 * its first `/` are literal can only match resources with the same key, so long candidate lists can be split
 * by key at compile time and a decision visits only the statements about its own bucket (plus those whose
 * patterns have no key). This is what keeps 100 statements about 100 buckets cheap.
 */

import { splitArn } from './arn-fields.js';
import { hasWildcard } from './glob.js';
import { intern } from './intern.js';

/**
 * The key of one Resource pattern, or `undefined` when the pattern can match resources of several keys
 * (wildcards or variables in the head or before the first `/`, or not an ARN).
 * @example
 * patternKey('arn:aws:s3:::photos/2024/*'); // 'arn:aws:s3:::photos'
 * patternKey('arn:aws:s3:::photos*');       // undefined
 */
export function patternKey(pattern: string): string | undefined {
  const fields = splitArn(pattern);
  if (fields === undefined) return undefined;
  const field = fields[5];
  const slash = field.indexOf('/');
  const segment = slash < 0 ? field : field.slice(0, slash);
  const head = pattern.slice(0, pattern.length - field.length);
  if (hasWildcard(head) || hasWildcard(segment) || segment.includes('$')) return undefined;
  return intern(head + segment);
}

/**
 * The keys a statement's Resource list can match, or `undefined` when it can match resources of any key
 * (a pattern without a key, NotResource, or no Resource element at all).
 * @example
 * statementKeys(['arn:aws:s3:::a', 'arn:aws:s3:::a/*'], false); // ['arn:aws:s3:::a']
 */
export function statementKeys(resources: readonly string[] | undefined, notResource: boolean): string[] | undefined {
  if (resources === undefined || notResource) return undefined;
  const keys = new Set<string>();
  for (const pattern of resources) {
    const key = patternKey(pattern);
    if (key === undefined) return undefined;
    keys.add(key);
  }
  return [...keys];
}
