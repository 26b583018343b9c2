/**
 * @module operations/resource-tags
 * Tags as condition keys. The tags of the resource a request acts on: `aws:ResourceTag/<key>`, and for services
 * with their own key also `<service>:ResourceTag/<key>` (`iam:`, `ec2:`; IAM User Guide, "Controlling access to IAM
 * resources", and the EC2 Service Authorization Reference).
 */

import type { Tag } from '../core/entities.js';

/**
 * Condition keys for `tags`: `aws:ResourceTag/*`, plus `<service>:ResourceTag/*` when `service` is given.
 *
 * @example
 * resourceTagContext([{ Key: 'team', Value: 'a' }], 'iam'); // { 'aws:ResourceTag/team': 'a', 'iam:ResourceTag/team': 'a' }
 */
export function resourceTagContext(tags: readonly Tag[], service?: 'iam' | 'ec2'): Record<string, string> {
  const context: Record<string, string> = {};
  for (const tag of tags) {
    context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
    if (service) context[`${service}:ResourceTag/${tag.Key}`] = tag.Value;
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
