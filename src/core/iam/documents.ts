/**
 * @module core/iam/documents
 * Validation of policy documents at save time: IAM rejects a malformed document with `MalformedPolicyDocument`
 * and the grammar's own message, and an oversized one with `LimitExceeded` (IAM-SEMANTICS.md §4.16).
 */

import { type PolicyKind, parsePolicy } from '../../policy/index.js';
import { AwsError } from '../errors.js';

/**
 * Throws `MalformedPolicyDocument` unless `document` is a valid policy of `kind`.
 *
 * @example
 * assertValidDocument(trustPolicyJson, 'trust');
 */
export function assertValidDocument(document: string, kind: PolicyKind, options?: { inline?: boolean }): void {
  // Inline policies have no per-document quota: their owner's aggregate is checked instead (IAM quotas).
  const parsed = parsePolicy(document, kind, { ignoreSizeLimits: options?.inline === true });
  if (!parsed.ok) throw new AwsError(parsed.code ?? 'MalformedPolicyDocument', parsed.error);
}

/** A policy's size as IAM quotas count it: characters excluding whitespace. */
export function policySize(document: string): number {
  return document.replace(/[ \t\n\r]/g, '').length;
}

/** Builds an IAM ARN such as `arn:aws:iam::000000000000:role/path/name`. */
export function iamArn(accountId: string, type: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}
