/**
 * @module policy/evaluate
 * The decision procedure of IAM-SEMANTICS.md §4.3: explicit deny in any layer wins; then the SCP and RCP gates;
 * then the special cases (GetCallerIdentity, callers without identity policies, the root user); then the grant
 * rules of §4.4/§4.5. Every applicable statement is reported, so callers can explain the decision.
 *
 * Callers decide which layers exist: SCPs/RCPs are passed only where they apply (member accounts, not
 * service-linked roles). Principal-side layers (identity, boundary, session, SCP) are ignored for anonymous,
 * service and web-identity/SAML callers. A request without `resourceAccount` is treated as same-account.
 */

import { splitArn } from './arn-fields.js';
import { decideGrant } from './grant-rules.js';
import { type LayerVerdict, type RequestView, scanLayer, scanLevels } from './scan-policy.js';
import type { AuthzRequest, Decision, MatchedStatement, PolicyLayer, PolicySet } from './types.js';

/** sts:GetCallerIdentity needs no permission and cannot be denied (tricky case 19). */
const CALLER_IDENTITY: Decision = Object.freeze({
  outcome: 'Allow',
  matched: Object.freeze([]),
  missingKeys: Object.freeze([]),
});
const NONE: LayerVerdict = Object.freeze({ allow: false, deny: false, strength: undefined });

function view(request: AuthzRequest, missing: string[]): RequestView {
  const action = request.action.toLowerCase();
  const colon = action.indexOf(':');
  return {
    service: colon < 0 ? '' : action.slice(0, colon),
    name: colon < 0 ? action : action.slice(colon + 1),
    resource: request.resource,
    fields: splitArn(request.resource),
    principal: request.principal,
    context: request.context,
    missing: (key) => missing.push(key),
  };
}

/** Callers with identity-side policies: IAM users, role and federated sessions, and the root user. */
function hasPrincipalSide(type: AuthzRequest['principal']['type']): boolean {
  return type === 'Account' || type === 'User' || type === 'AssumedRole' || type === 'FederatedUser';
}

function decision(
  matched: MatchedStatement[],
  missing: string[],
  deny?: { explicit: boolean; layer: PolicyLayer },
): Decision {
  const missingKeys = [...new Set(missing)];
  if (deny === undefined) return { outcome: 'Allow', matched, missingKeys };
  return {
    outcome: deny.explicit ? 'ExplicitDeny' : 'ImplicitDeny',
    reason: { kind: deny.explicit ? 'explicit' : 'implicit', layer: deny.layer },
    matched,
    missingKeys,
  };
}

/**
 * Decides one request against the policies gathered for it.
 * @example
 * const d = evaluate(
 *   { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111122223333', context },
 *   { identity: [compiled] },
 * );
 * if (d.outcome !== 'Allow') throw accessDenied(d.reason);
 */
export function evaluate(request: AuthzRequest, policies: PolicySet): Decision {
  const missing: string[] = [];
  const v = view(request, missing);
  const who = request.principal;
  if (v.service === 'sts' && v.name === 'getcalleridentity' && who.type !== 'Anonymous') return CALLER_IDENTITY;

  const principalSide = hasPrincipalSide(who.type);
  const matched: MatchedStatement[] = [];
  const session = policies.session !== undefined && policies.session.length > 0 ? policies.session : undefined;
  const verdicts: Readonly<Record<PolicyLayer, LayerVerdict | undefined>> = {
    identity: principalSide ? scanLayer(policies.identity ?? [], 'identity', v, matched) : undefined,
    boundary: principalSide && policies.boundary ? scanLayer([policies.boundary], 'boundary', v, matched) : undefined,
    session: principalSide && session ? scanLayer(session, 'session', v, matched) : undefined,
    resource: policies.resource ? scanLayer([policies.resource], 'resource', v, matched) : undefined,
    scp: principalSide && policies.scp ? scanLevels(policies.scp, 'scp', v, matched) : undefined,
    rcp: policies.rcp ? scanLevels(policies.rcp, 'rcp', v, matched) : undefined,
  };

  for (const layer of ['scp', 'rcp', 'resource', 'identity', 'boundary', 'session'] as const) {
    if (verdicts[layer]?.deny) return decision(matched, missing, { explicit: true, layer });
  }
  for (const layer of ['scp', 'rcp'] as const) {
    if (verdicts[layer] !== undefined && !verdicts[layer].allow)
      return decision(matched, missing, { explicit: false, layer });
  }

  const accountId = who.accountId;
  const failed = decideGrant({
    principalSide,
    sameAccount:
      accountId !== undefined && (request.resourceAccount === undefined || request.resourceAccount === accountId),
    resourcePolicyRequired: policies.resourcePolicyRequired === true,
    identity: policies.rootUser === true || (verdicts.identity ?? NONE).allow,
    boundary: verdicts.boundary === undefined || verdicts.boundary.allow,
    session: verdicts.session === undefined ? policies.federatedUserSession !== true : verdicts.session.allow,
    resource: verdicts.resource?.strength,
  });
  return failed === undefined
    ? decision(matched, missing)
    : decision(matched, missing, { explicit: false, layer: failed });
}
