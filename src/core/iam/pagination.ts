/**
 * @module core/iam/pagination
 * IAM's Marker/MaxItems pagination (IAM API reference, "Using pagination"): `MaxItems` 1–1000, default 100;
 * the marker is opaque to clients. For sorted listings ours is the base64url of the last returned sort key, so a
 * page boundary survives inserts and deletes; for short unsorted lists (tags) it is the next index.
 */

import { AwsError } from '../errors.js';

/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly isTruncated: boolean;
  readonly marker?: string | undefined;
}

const invalidMarker = () => new AwsError('InvalidInput', 'Invalid Marker.');

/** A comparator ordering items by `keyOf`, the order {@link paginate} expects. */
export function byKey<T>(keyOf: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
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
    if (after === '') throw invalidMarker();
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

/**
 * Returns the page of `items` at the index `marker` encodes: for lists kept in insertion order.
 *
 * @example
 * paginateByIndex(role.tags, input.Marker, input.MaxItems);
 */
export function paginateByIndex<T>(
  items: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
): Page<T> {
  const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(start) || start < 0 || start > items.length) throw invalidMarker();
  const end = Math.min(items.length, start + (maxItems ?? 100));
  const isTruncated = end < items.length;
  return {
    items: items.slice(start, end),
    isTruncated,
    marker: isTruncated ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
