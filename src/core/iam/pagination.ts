/**
 * @module core/iam/pagination
 * IAM's Marker/MaxItems pagination (IAM API reference, "Using pagination"): `MaxItems` 1–1000, default 100;
 * the marker is opaque to clients. Ours is the base64url of the last returned sort key.
 */

import { AwsError } from '../errors.js';

/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly isTruncated: boolean;
  readonly marker?: string | undefined;
}

/**
 * Returns the page of `items` (already sorted by `keyOf`) after `marker`.
 *
 * @example
 * paginate(roles, input.Marker, input.MaxItems, (r) => r.roleName.toLowerCase());
 */
export function paginate<T>(
  items: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
  keyOf: (item: T) => string,
): Page<T> {
  const limit = maxItems ?? 100;
  let start = 0;
  if (marker !== undefined) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    if (after === '') throw new AwsError('InvalidInput', 'Invalid Marker.');
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const isTruncated = start + limit < items.length;
  const last = page.at(-1);
  return {
    items: page,
    isTruncated,
    marker: isTruncated && last ? Buffer.from(keyOf(last), 'utf8').toString('base64url') : undefined,
  };
}
