/**
 * @module core/iam/tags
 * IAM resource tags (IAM User Guide, "Tagging IAM resources"): at most 50 per resource, keys compared
 * case-insensitively, `aws:` keys reserved. Tagging with an existing key replaces its value; untagging a key that
 * is not there is not an error. Lengths and characters are checked by the model before these run.
 */

import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';

/** IAM's limit of tags per resource. */
export const MAX_TAGS = 50;

const fold = (key: string) => key.toLowerCase();

/**
 * Throws InvalidInput for duplicate (case-insensitive) or reserved keys in one request.
 *
 * @example
 * assertValidTags([{ Key: 'team', Value: 'a' }]);
 */
export function assertValidTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = fold(tag.Key);
    if (seen.has(key)) {
      throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    }
    if (key.startsWith('aws:')) {
      throw new AwsError('InvalidInput', 'User is not authorized to tag with the reserved prefix aws:');
    }
    seen.add(key);
  }
}

/**
 * The tags after TagX: existing keys get the new value (and spelling), new keys are appended.
 *
 * @example
 * mergeTags([{ Key: 'a', Value: '1' }], [{ Key: 'A', Value: '2' }]); // [{ Key: 'A', Value: '2' }]
 */
export function mergeTags(existing: readonly Tag[], incoming: readonly Tag[]): Tag[] {
  assertValidTags(incoming);
  const merged = existing.map((tag) => incoming.find((t) => fold(t.Key) === fold(tag.Key)) ?? tag);
  for (const tag of incoming) {
    if (!existing.some((t) => fold(t.Key) === fold(tag.Key))) merged.push(tag);
  }
  if (merged.length > MAX_TAGS) {
    throw new AwsError('LimitExceeded', `The number of tags has reached the maximum limit of ${MAX_TAGS}.`);
  }
  return merged;
}

/** The tags after UntagX. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map(fold));
  return existing.filter((tag) => !removed.has(fold(tag.Key)));
}
