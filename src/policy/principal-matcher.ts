/**
 * @module policy/principal-matcher
 * Matches the caller against a `Principal` / `NotPrincipal` block (IAM-SEMANTICS.md §4.9–4.10) and reports how
 * strongly it matched, because the same-account grant rules depend on which ARN the policy names (§4.4,
 * tricky cases 6 and 8). Principal ARNs are compared exactly (case-sensitive, no wildcards: IAM rejects them).
 */

import type { MatchStrength, PrincipalBlock, PrincipalInfo } from './types.js';

/** A Principal block compiled into lookup sets. */
export interface CompiledPrincipal {
  readonly wildcard: boolean;
  readonly accounts: ReadonlySet<string>;
  /** User, role-session and federated-user ARNs. */
  readonly exact: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
  /** `AIDA…` / `AROA…` IDs that IAM stores in saved trust policies. */
  readonly uniqueIds: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
  /** S3 canonical user IDs, lower-cased (S3 prints them in lower-case hex). */
  readonly canonicalUsers: ReadonlySet<string>;
}

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE = /^arn:[^:]+:iam::\d{12}:role\//;

/**
 * Compiles a normalized Principal block.
 * @example
 * compilePrincipal({ AWS: ['arn:aws:iam::111122223333:root'] }).accounts.has('111122223333'); // true
 */
export function compilePrincipal(block: PrincipalBlock): CompiledPrincipal {
  const out = {
    wildcard: block === '*',
    accounts: new Set<string>(),
    exact: new Set<string>(),
    roles: new Set<string>(),
    uniqueIds: new Set<string>(),
    services: new Set<string>(),
    federated: new Set<string>(),
    canonicalUsers: new Set<string>(),
  };
  if (block === '*') return out;
  for (const value of block['AWS'] ?? []) {
    const root = ROOT.exec(value) ?? /^(\d{12})$/.exec(value);
    if (value === '*') out.wildcard = true;
    else if (root !== null) out.accounts.add(root[1] as string);
    else if (ROLE.test(value)) out.roles.add(value);
    else if (value.startsWith('arn:')) out.exact.add(value);
    else out.uniqueIds.add(value);
  }
  for (const value of block['Service'] ?? []) out.services.add(value);
  for (const value of block['Federated'] ?? []) out.federated.add(value);
  for (const value of block['CanonicalUser'] ?? []) out.canonicalUsers.add(value.toLowerCase());
  return out;
}

/** Lower ranks are stronger, in the order the grant rules prefer them. */
const RANK: Readonly<Record<MatchStrength, number>> = {
  exact: 0,
  service: 1,
  federated: 2,
  wildcard: 3,
  role: 4,
  account: 5,
};

/** The stronger of two match strengths, in the order the grant rules prefer them. */
export function strongest(a: MatchStrength | undefined, b: MatchStrength | undefined): MatchStrength | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] <= RANK[b] ? a : b;
}

/** True when the caller's canonical user ID is listed. */
function canonicalListed(p: CompiledPrincipal, who: PrincipalInfo): boolean {
  return (
    p.canonicalUsers.size > 0 &&
    who.canonicalUserId !== undefined &&
    p.canonicalUsers.has(who.canonicalUserId.toLowerCase())
  );
}

function hasAccount(type: PrincipalInfo['type']): boolean {
  return type === 'Account' || type === 'User' || type === 'AssumedRole' || type === 'FederatedUser';
}

/**
 * How the caller matches a `Principal` block: the strongest applicable form, or `undefined` for no match.
 * Anonymous callers match only `"*"` / `{"AWS":"*"}` (tricky case 17).
 *
 * `CanonicalUser` (S3): a canonical user ID is "an obfuscated form of the AWS account ID" (S3 User Guide,
 * "Canonical user ID"), so for callers that belong to an account it names their account and only delegates,
 * like an account principal; for callers without an account (a CloudFront origin access identity has its own
 * canonical ID) it names the caller itself.
 * @example
 * matchPrincipal(compilePrincipal({ AWS: ['arn:aws:iam::111122223333:role/app'] }), session); // 'role'
 */
export function matchPrincipal(p: CompiledPrincipal, who: PrincipalInfo): MatchStrength | undefined {
  const t = who.type;
  if (t === 'Service' && who.serviceName !== undefined && p.services.has(who.serviceName)) return 'service';
  if (
    (t === 'WebIdentity' || t === 'SAML') &&
    who.federatedProvider !== undefined &&
    p.federated.has(who.federatedProvider)
  )
    return 'federated';
  if (hasAccount(t)) {
    if (who.arn !== undefined && p.exact.has(who.arn)) return 'exact';
    if (t === 'User' && who.uniqueId !== undefined && p.uniqueIds.has(who.uniqueId)) return 'exact';
    if (p.wildcard) return 'wildcard';
    if (t === 'AssumedRole' && who.roleArn !== undefined && p.roles.has(who.roleArn)) return 'role';
    if (t === 'AssumedRole' && who.uniqueId !== undefined && p.uniqueIds.has(who.uniqueId)) return 'role';
    if (t === 'FederatedUser' && who.parentUserArn !== undefined && p.exact.has(who.parentUserArn)) return 'role';
    if (who.accountId !== undefined && p.accounts.has(who.accountId)) return 'account';
    return canonicalListed(p, who) ? 'account' : undefined;
  }
  if (p.wildcard) return 'wildcard';
  return t !== 'Anonymous' && canonicalListed(p, who) ? 'exact' : undefined;
}

/**
 * True when the caller is exempt from a `NotPrincipal` block. AWS checks a caller as its account, then its
 * identity (role, then session), and each must be listed: exempting a role session takes the account and the
 * role or session ARN, exempting a user takes the account and the user (§4.10; IAM User Guide, "NotPrincipal").
 * @example
 * notPrincipalExempts(compilePrincipal({ AWS: ['arn:aws:iam::111122223333:user/bob'] }), bob); // false: account missing
 */
export function notPrincipalExempts(p: CompiledPrincipal, who: PrincipalInfo): boolean {
  if (p.wildcard) return true;
  const t = who.type;
  if (t === 'Service') return who.serviceName !== undefined && p.services.has(who.serviceName);
  if (t === 'WebIdentity' || t === 'SAML')
    return who.federatedProvider !== undefined && p.federated.has(who.federatedProvider);
  if (t === 'Anonymous' || who.accountId === undefined) return false;
  if (!p.accounts.has(who.accountId) && !canonicalListed(p, who)) return false;
  const arnListed = who.arn !== undefined && p.exact.has(who.arn);
  const idListed = who.uniqueId !== undefined && p.uniqueIds.has(who.uniqueId);
  switch (t) {
    case 'Account':
      return true;
    case 'User':
      return arnListed || idListed;
    case 'AssumedRole':
      return arnListed || idListed || (who.roleArn !== undefined && p.roles.has(who.roleArn));
    case 'FederatedUser':
      return arnListed || (who.parentUserArn !== undefined && p.exact.has(who.parentUserArn));
  }
}
