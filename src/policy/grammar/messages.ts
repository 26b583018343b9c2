/**
 * @module policy/grammar/messages
 * AWS's `MalformedPolicyDocument` messages, word for word where AWS publishes them (IAM API responses quoted in
 * IAM-SEMANTICS.md §4.16 and widely reported by SDK users), and the internal error that carries one.
 */

import type { ParseErrorCode } from '../types.js';

export const SYNTAX = 'Syntax errors in policy.';
export const LEGACY = 'The policy failed legacy parsing';
export const VERSION = 'Policy document must be version 2012-10-17 or greater.';
export const NO_ACTIONS = 'Policy statement must contain actions.';
export const NO_RESOURCES = 'Policy statement must contain resources.';
export const NO_PRINCIPAL_ALLOWED = 'Policy document should not specify a principal.';
export const MISSING_PRINCIPAL = 'Missing required field Principal';
export const SID_UNIQUE = 'Statement IDs (SID) in a single policy must be unique.';
export const SID_CHARS =
  'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
export const ONE_COLON = 'Actions/Condition can contain only one colon.';
export const VENDOR_PREFIX = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
export const RESOURCE_VENDOR = 'Resource vendor must be fully qualified and cannot contain regexes.';
/** Organizations, "RCP syntax": the one Allow an RCP may hold is RCPFullAWSAccess's. */
export const RCP_ALLOW = 'The effect of Allow is only supported for the RCPFullAWSAccess policy.';

export const prohibitedField = (field: string): string => `Has prohibited field ${field}`;
export const invalidVendor = (vendor: string): string => `Vendor ${vendor} is not valid`;
export const resourceFormat = (resource: string): string => `Resource ${resource} must be in ARN format or "*".`;
export const invalidPartition = (partition: string, resource: string): string =>
  `Partition "${partition}" is not valid for resource "${resource}".`;
export const iamRegion = (resource: string): string => `IAM resource ${resource} cannot contain region information.`;
/** IAM's wording for S3 bucket and object ARNs with a region (note "can not", as IAM writes it). */
export const s3Region = (resource: string): string => `Resource ${resource} can not contain region information.`;
export const invalidPrincipal = (type: string, value: string): string =>
  `Invalid principal in policy: "${type}":"${value}"`;

/** Thrown by the validators and turned into a `ParseResult` by `parsePolicy`; never escapes the module. */
export class GrammarError extends Error {
  readonly code: ParseErrorCode;
  constructor(message: string, code: ParseErrorCode = 'MalformedPolicyDocument') {
    super(message);
    this.name = 'GrammarError';
    this.code = code;
  }
}

/** Throws a `MalformedPolicyDocument` error with `message`. */
export function fail(message: string): never {
  throw new GrammarError(message);
}
