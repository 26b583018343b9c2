/**
 * @module core/sts/session-data
 * What a caller asks a new session to carry — session policies, session tags, transitive tag keys — validated
 * once for AssumeRole and GetFederationToken (STS API reference, "Session policies" and "Passing session tags").
 * Transitive tags of a role session pass on when it assumes another role; passing a tag whose key matches an
 * inherited transitive tag fails, as AWS documents.
 */

import { parsePolicy } from '../../policy/index.js';
import type { Caller } from '../authz/caller.js';
import type { Tag } from '../entities.js';
import { AwsError } from '../errors.js';
import { checkSessionTags, packedPolicySize } from './session-limits.js';

/** The validated session data, ready for the token claims. */
export interface SessionData {
  readonly policy?: string | undefined;
  readonly policyArns: readonly string[];
  readonly tags: readonly Tag[];
  readonly transitive: readonly string[];
  /** `PackedPolicySize`, returned only when the caller passed policies or tags. */
  readonly packedPolicySize?: number | undefined;
}

/** The request members that carry session data. */
export interface SessionDataInput {
  readonly Policy?: string | undefined;
  readonly PolicyArns?: readonly { readonly arn?: string | undefined }[] | undefined;
  readonly Tags?: readonly Tag[] | undefined;
  readonly TransitiveTagKeys?: readonly string[] | undefined;
}

/** Transitive tags a role session passes on to the sessions it creates. */
function inheritedTags(caller: Caller): Tag[] {
  if (caller.kind !== 'assumed-role') return [];
  const keys = new Set(caller.transitiveTagKeys.map((key) => key.toLowerCase()));
  return caller.sessionTags.filter((tag) => keys.has(tag.Key.toLowerCase()));
}

/**
 * Validates and merges the session data of a request.
 *
 * @example
 * const data = sessionData(caller, input);
 */
export function sessionData(caller: Caller, input: SessionDataInput): SessionData {
  if (input.Policy !== undefined) {
    const parsed = parsePolicy(input.Policy, 'session');
    if (!parsed.ok) throw new AwsError(parsed.code ?? 'MalformedPolicyDocument', parsed.error);
  }
  const policyArns = (input.PolicyArns ?? []).map((descriptor) => descriptor.arn ?? '');
  if (policyArns.some((arn) => arn === ''))
    throw new AwsError('InvalidParameterValue', 'PolicyArns must each have an arn.');
  if (policyArns.length > 10) {
    throw new AwsError('InvalidParameterValue', 'You can pass up to 10 managed policy ARNs as session policies.');
  }
  const passed = input.Tags ?? [];
  checkSessionTags(passed);
  const inherited = inheritedTags(caller);
  const passedKeys = new Set(passed.map((tag) => tag.Key.toLowerCase()));
  const clash = inherited.find((tag) => passedKeys.has(tag.Key.toLowerCase()));
  if (clash) {
    throw new AwsError(
      'InvalidParameterValue',
      `Session tag ${clash.Key} conflicts with a transitive tag inherited from the calling session.`,
    );
  }
  const transitive = input.TransitiveTagKeys ?? [];
  const unknown = transitive.find((key) => !passedKeys.has(key.toLowerCase()));
  if (unknown !== undefined) {
    throw new AwsError(
      'InvalidParameterValue',
      `The transitive tag key ${unknown} is not one of the session tags passed.`,
    );
  }
  const tags = [...inherited, ...passed];
  const packed = packedPolicySize(input.Policy, policyArns, tags);
  const passedAnything = input.Policy !== undefined || policyArns.length > 0 || passed.length > 0;
  return {
    policy: input.Policy,
    policyArns,
    tags,
    transitive: [...inherited.map((tag) => tag.Key), ...transitive],
    packedPolicySize: passedAnything ? packed : undefined,
  };
}

/**
 * The token claims that carry validated session data (empty members left out, so tokens stay small).
 *
 * @example
 * Object.assign(roleSession(role, name), sessionDataClaims(data), { sourceIdentity });
 */
export function sessionDataClaims(data: SessionData): {
  policy: string | undefined;
  policyArns: readonly string[] | undefined;
  tags: (readonly [string, string])[] | undefined;
  transitive: readonly string[] | undefined;
} {
  return {
    policy: data.policy,
    policyArns: data.policyArns.length > 0 ? data.policyArns : undefined,
    tags: data.tags.length > 0 ? data.tags.map((tag) => [tag.Key, tag.Value] as const) : undefined,
    transitive: data.transitive.length > 0 ? data.transitive : undefined,
  };
}
