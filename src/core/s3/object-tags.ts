/**
 * @module core/s3/object-tags
 * S3 tag sets: the `x-amz-tagging` header (URL-query encoded, PutObject), Tagging documents, their limits ("Categorizing
 * your storage using tags": at most 10 tags per object, 50 per bucket; keys up to 128 and values up to 256 Unicode
 * characters; keys unique), and the condition keys they feed (`s3:RequestObjectTag/<key>`,
 * `s3:RequestObjectTagKeys`, `s3:ExistingObjectTag/<key>`).
 */

import type { S3Tag } from '../entities.js';
import { AwsError } from '../errors.js';

/** The model's `Tag` shape. */
export interface WireTag {
  readonly Key: string;
  readonly Value: string;
}

const length = (text: string): number => [...text].length;

/**
 * Checks a tag set against S3's limits; `max` is 10 for objects, 50 for buckets.
 *
 * @example
 * validateTags([{ key: 'env', value: 'dev' }], 10);
 */
export function validateTags(tags: readonly S3Tag[], max: number): readonly S3Tag[] {
  if (tags.length > max) throw new AwsError('InvalidTag', `Object tags cannot be greater than ${max}`);
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (length(key) < 1 || length(key) > 128)
      throw new AwsError('InvalidTag', 'The TagKey you have provided is invalid');
    if (length(value) > 256) throw new AwsError('InvalidTag', 'The TagValue you have provided is invalid');
    if (seen.has(key)) throw new AwsError('InvalidTag', 'Cannot provide multiple Tags with the same key');
    seen.add(key);
  }
  return tags;
}

/** Parses the `x-amz-tagging` header (`k1=v1&k2=v2`) into a validated object tag set. */
export function parseTaggingHeader(header: string | undefined): readonly S3Tag[] | undefined {
  if (header === undefined) return undefined;
  const tags = [...new URLSearchParams(header)].map(([key, value]) => ({ key, value }));
  return validateTags(tags, 10);
}

/** A Tagging document's TagSet as stored tags. */
export const fromWireTags = (tagSet: readonly WireTag[] | undefined, max: number): readonly S3Tag[] =>
  validateTags(
    (tagSet ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
    max,
  );

/** Stored tags as the model's TagSet. */
export const toWireTags = (tags: readonly S3Tag[] | undefined): WireTag[] =>
  (tags ?? []).map((tag) => ({ Key: tag.key, Value: tag.value }));

/** `s3:RequestObjectTag/<key>` and `s3:RequestObjectTagKeys` for tags a request sets (absent without tags). */
export function requestTagKeys(tags: readonly S3Tag[] | undefined): Record<string, string | readonly string[]> {
  if (tags === undefined) return {};
  const keys: Record<string, string | readonly string[]> = { 's3:RequestObjectTagKeys': tags.map((t) => t.key) };
  for (const tag of tags) keys[`s3:RequestObjectTag/${tag.key}`] = tag.value;
  return keys;
}

/** `s3:ExistingObjectTag/<key>` for each tag the object already has. */
export function existingTagKeys(tags: readonly S3Tag[] | undefined): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const tag of tags ?? []) keys[`s3:ExistingObjectTag/${tag.key}`] = tag.value;
  return keys;
}
