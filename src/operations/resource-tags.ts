/**
 * @module operations/resource-tags
 * The tags of the resource a request acts on, as condition keys: `aws:ResourceTag/<key>`, and for IAM resources
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
