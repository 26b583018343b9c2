/**
 * @module core/sts/session-limits
 * The limits AssumeRole enforces on what a session may carry (STS API reference, AssumeRole "Request Parameters";
 * IAM-SEMANTICS.md §4.8): duration against the role's MaxSessionDuration and the one-hour cap of role chaining,
 * session-policy plaintext size, session tags.
 */

import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';

/** Plaintext limit of inline + managed session policies, in characters without whitespace. */
export const SESSION_POLICY_LIMIT = 2048;
const CHAINING_LIMIT_SECONDS = 3600;

/**
 * The session duration in seconds, or ValidationError with AWS's messages.
 *
 * @example
 * sessionDuration(undefined, 3600, false); // 3600
 */
export function sessionDuration(requested: number | undefined, maxSessionDuration: number, chained: boolean): number {
  const duration = requested ?? 3600;
  if (chained && duration > CHAINING_LIMIT_SECONDS) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (duration > maxSessionDuration) {
    throw new AwsError(
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  return duration;
}

/**
 * The packed size of session policies and tags as a percentage of the limit (STS reports it as
 * `PackedPolicySize`). AWS's packing is undocumented; iamd counts non-whitespace characters of the inline policy,
 * the policy ARNs and the tag keys and values against {@link SESSION_POLICY_LIMIT} (docs/sts.md). Over 100 fails
 * with PackedPolicyTooLarge.
 */
export function packedPolicySize(
  policy: string | undefined,
  policyArns: readonly string[],
  tags: readonly Tag[],
): number {
  const chars =
    (policy ?? '').replace(/\s/g, '').length +
    policyArns.reduce((sum, arn) => sum + arn.length, 0) +
    tags.reduce((sum, tag) => sum + tag.Key.length + tag.Value.length, 0);
  const percent = Math.ceil((chars * 100) / SESSION_POLICY_LIMIT);
  if (percent > 100) {
    throw new AwsError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
  }
  return percent;
}

/** Session tags: at most 50, keys unique case-insensitively (STS API reference, "Tags"). */
export function checkSessionTags(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) {
      throw new AwsError(
        'InvalidParameterValue',
        `Duplicate tag keys found. Please note that Tag keys are case insensitive.`,
      );
    }
    seen.add(key);
  }
}
