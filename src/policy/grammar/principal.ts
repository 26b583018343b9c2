/**
 * @module policy/grammar/principal
 * Validation and normalization of the Principal element (IAM-SEMANTICS.md §4.9). `"*"` stays `'*'`; a bare
 * account ID becomes `arn:aws:iam::<id>:root`; principal ARNs must not contain wildcards. `Federated` is accepted
 * in trust policies, `CanonicalUser` in resource (bucket) policies; RCPs accept only `"*"`. Whether a named
 * principal exists is not checked here (the module is pure): IAM's "Invalid principal in policy" for unknown
 * principals is the caller's job.
 */

import type { PolicyKind, PrincipalBlock } from '../types.js';
import { isObject, stringList } from './json-shapes.js';
import { fail, invalidPrincipal, MISSING_PRINCIPAL } from './messages.js';
import type { JsonValue } from './parse-json.js';

const AWS_PRINCIPAL = [
  /^\d{12}$/,
  /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:root|user\/.+|role\/.+)$/,
  /^arn:aws(?:-[a-z]+)*:sts::\d{12}:(?:assumed-role\/[^/]+\/[^/]+|federated-user\/.+)$/,
  /^A(?:IDA|ROA)[A-Z0-9]{12,124}$/,
];
const HOST = /^[a-z0-9][a-z0-9.-]*$/i;
const PROVIDER = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:saml-provider|oidc-provider)\/[^*?]+$/;

const ALLOWED_TYPES: Readonly<Record<PolicyKind, readonly string[]>> = {
  identity: [],
  session: [],
  boundary: [],
  scp: [],
  rcp: [],
  trust: ['AWS', 'Service', 'Federated'],
  resource: ['AWS', 'Service', 'CanonicalUser'],
};

function normalizeValue(type: string, value: string): string {
  const valid =
    type === 'AWS'
      ? value === '*' || (!/[*?]/.test(value) && AWS_PRINCIPAL.some((re) => re.test(value)))
      : type === 'Service'
        ? HOST.test(value)
        : type === 'Federated'
          ? HOST.test(value) || PROVIDER.test(value)
          : /^[0-9a-f]{64}$/i.test(value);
  if (!valid) fail(invalidPrincipal(type, value));
  return type === 'AWS' && /^\d{12}$/.test(value) ? `arn:aws:iam::${value}:root` : value;
}

/**
 * Reads a Principal or NotPrincipal value for a policy of `kind`.
 * @example
 * readPrincipal(new Map([['AWS', '111122223333']]), 'trust'); // { AWS: ['arn:aws:iam::111122223333:root'] }
 */
export function readPrincipal(value: JsonValue, kind: PolicyKind): PrincipalBlock {
  if (value === '*') return '*';
  if (kind === 'rcp') fail(invalidPrincipal('AWS', typeof value === 'string' ? value : 'object'));
  if (typeof value === 'string') fail(invalidPrincipal('AWS', value));
  if (!isObject(value) || value.size === 0) fail(MISSING_PRINCIPAL);
  const out: Record<string, readonly string[]> = {};
  for (const [type, raw] of value) {
    const values = stringList(raw);
    if (!ALLOWED_TYPES[kind].includes(type)) fail(invalidPrincipal(type, values[0] ?? ''));
    if (values.length === 0) fail(MISSING_PRINCIPAL);
    out[type] = values.map((v) => normalizeValue(type, v));
  }
  return out;
}
