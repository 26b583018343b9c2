/**
 * @module operations/resource-tags
 * Tags as condition keys. The tags of the resource a request acts on: `aws:ResourceTag/<key>`, and for IAM resources
 * also `iam:ResourceTag/<key>` (IAM User Guide, "Controlling access to IAM resources" and the global keys page).
 */

import type { Tag } from '../core/entities.js';

/**
 * Condition keys for `tags`.
 *
 * @example
 * resourceTagContext([{ Key: 'team', Value: 'a' }], true); // { 'aws:ResourceTag/team': 'a', 'iam:ResourceTag/team': 'a' }
 */
export function resourceTagContext(tags: readonly Tag[], iam: boolean): Record<string, string> {
  const context: Record<string, string> = {};
  for (const tag of tags) {
    context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
    if (iam) context[`iam:ResourceTag/${tag.Key}`] = tag.Value;
  }
  return context;
}

/**
 * `aws:RequestTag/<key>` and `aws:TagKeys` for requests that carry tags (IAM User Guide, "Controlling access during
 * AWS requests").
 *
 * @example
 * tagContext([{ Key: 'team', Value: 'a' }]); // { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'a' }
 */
export function tagContext(tags: readonly Tag[] | undefined): Record<string, string | readonly string[]> {
  if (!tags || tags.length === 0) return {};
  const context: Record<string, string | readonly string[]> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const tag of tags) context[`aws:RequestTag/${tag.Key}`] = tag.Value;
  return context;
}
