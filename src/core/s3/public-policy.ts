/**
 * @module core/s3/public-policy
 * Block Public Access (S3 User Guide, "Blocking public access to your Amazon S3 storage" and "The meaning of
 * 'public'"). A bucket policy is public unless every Allow statement either names fixed principals (no `*`) or,
 * with a wildcard principal, limits access with fixed values (no wildcard, no policy variable, no `…IfExists`, no
 * negated operator) of one of the keys S3 lists: `aws:SourceIp` (a CIDR narrower than `/0`), `aws:SourceArn`,
 * `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`, `aws:PrincipalAccount`,
 * `aws:PrincipalArn`, `aws:PrincipalOrgID`, `s3:x-amz-server-side-encryption-aws-kms-key-id`, or `aws:userid` outside
 * the pattern `AROLEID:*`. Where the text is ambiguous (NotPrincipal with Allow, unparsable documents) the policy
 * counts as public: the safe reading.
 *
 * With `RestrictPublicBuckets`, a public policy grants nothing to anonymous callers or other accounts (only the
 * bucket owner's principals and AWS services keep its grants); iamd removes the policy's Allow statements for
 * those callers. `BlockPublicPolicy` refuses to store a public policy (AccessDenied). Object Ownership is always
 * bucket owner enforced, so no public ACL can exist: `IgnorePublicAcls` has nothing to ignore, and
 * `BlockPublicAcls` refuses writes that carry a public ACL with AccessDenied before the ACL is refused as
 * unsupported.
 */

import { AwsError } from '../errors.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const LIMITING_KEYS = new Set(
  [
    'aws:SourceIp',
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    'aws:userid',
  ].map((key) => key.toLowerCase()),
);

/** Operators whose values pin a key to fixed values. */
const FIXING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'arnequals', 'arnlike', 'ipaddress']);

const list = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a Principal element names anyone (`*`, `{"AWS": "*"}`, or a wildcard inside a value). */
function wildcardPrincipal(principal: Json | undefined): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  return Object.values(principal).some((values) => list(values).some((v) => typeof v !== 'string' || v.includes('*')));
}

function fixedValue(key: string, value: Json): boolean {
  if (typeof value !== 'string' || /[*?]|\$\{/.test(value)) return false;
  if (key === 'aws:sourceip') return !/\/0$/.test(value.trim());
  if (key === 'aws:userid') return !/^AROA[A-Z0-9]+:\*?$/.test(value);
  return true;
}

/** Whether a Condition block limits a wildcard principal to fixed values of a key S3 accepts. */
function limitsAccess(condition: Json | undefined): boolean {
  if (!isObject(condition)) return false;
  return Object.entries(condition).some(([operator, block]) => {
    const op = operator.toLowerCase().replace(/^for(any|all)value:/, '');
    if (!FIXING_OPERATORS.has(op) || !isObject(block)) return false;
    return Object.entries(block).some(([key, values]) => {
      const k = key.toLowerCase();
      const all = list(values);
      return LIMITING_KEYS.has(k) && all.length > 0 && all.every((v) => fixedValue(k, v));
    });
  });
}

function statements(document: string): Json[] | undefined {
  try {
    const parsed = JSON.parse(document) as Json;
    return isObject(parsed) ? list(parsed['Statement']) : undefined;
  } catch {
    return undefined;
  }
}

const isAllow = (statement: Json): statement is { [key: string]: Json } =>
  isObject(statement) && statement['Effect'] === 'Allow';

/**
 * Whether S3 would consider the bucket policy `document` public.
 *
 * @example
 * isPublicPolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}'); // true
 */
export function isPublicPolicy(document: string): boolean {
  const all = statements(document);
  if (all === undefined) return true;
  return all.filter(isAllow).some((statement) => {
    if (statement['NotPrincipal'] !== undefined) return true;
    return wildcardPrincipal(statement['Principal']) && !limitsAccess(statement['Condition']);
  });
}

/** The policy without its Allow statements: what RestrictPublicBuckets leaves to outsiders of a public policy. */
export function withoutAllows(document: string): string {
  const parsed = JSON.parse(document) as { [key: string]: Json };
  return JSON.stringify({ ...parsed, Statement: list(parsed['Statement']).filter((s) => !isAllow(s)) });
}

const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

/** An ACL write's public parts, for BlockPublicAcls (canned ACLs and grants to the AllUsers/AuthenticatedUsers groups). */
export interface PublicAclInput {
  readonly ACL?: string | undefined;
  readonly GrantFullControl?: string | undefined;
  readonly GrantRead?: string | undefined;
  readonly GrantReadACP?: string | undefined;
  readonly GrantWrite?: string | undefined;
  readonly GrantWriteACP?: string | undefined;
  readonly AccessControlPolicy?:
    | {
        readonly Grants?:
          | readonly { readonly Grantee?: { readonly URI?: string | undefined } | undefined }[]
          | undefined;
      }
    | undefined;
}

/** Refuses a public ACL with AccessDenied when the bucket's BlockPublicAcls is on. */
export function checkBlockPublicAcls(input: PublicAclInput, blockPublicAcls: boolean): void {
  if (!blockPublicAcls) return;
  const headers = [input.GrantFullControl, input.GrantRead, input.GrantReadACP, input.GrantWrite, input.GrantWriteACP];
  const grants = input.AccessControlPolicy?.Grants ?? [];
  if (
    (input.ACL !== undefined && PUBLIC_CANNED.has(input.ACL)) ||
    headers.some((h) => h !== undefined && PUBLIC_GROUPS.test(h)) ||
    grants.some((g) => PUBLIC_GROUPS.test(g.Grantee?.URI ?? ''))
  ) {
    throw new AwsError('AccessDenied', 'Access Denied');
  }
}
