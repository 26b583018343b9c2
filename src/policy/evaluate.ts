/**
 * @module policy/evaluate
 * The decision procedure of IAM-SEMANTICS.md §4.3: explicit deny in any layer wins; then the SCP and RCP gates;
 * then the special cases (GetCallerIdentity, callers without identity policies, the root user); then the grant
 * rules of §4.4/§4.5. Every applicable statement is reported, so callers can explain the decision.
 *
 * Callers decide which layers exist: SCPs/RCPs are passed only where they apply (member accounts, not
 * service-linked roles). Principal-side layers (identity, boundary, session, SCP) are ignored for anonymous,
 * service and web-identity/SAML callers. A request without `resourceAccount` is treated as same-account.
 *
 * Speed: one state object per decision; a deny that matched nothing and missed no key returns a shared frozen
 * decision, so the common "nothing applies" answer allocates nothing else.
 */

import { EvalState } from './eval-state.js';
import { decideGrant } from './grant-rules.js';
import { ALLOW, DENY, scanLayer, scanLevels, scanPolicy } from './scan-policy.js';
import type { AuthzRequest, Decision, MatchedStatement, PolicyLayer, PolicySet } from './types.js';

const NOTHING: readonly never[] = Object.freeze([]);

/** sts:GetCallerIdentity needs no permission and cannot be denied (tricky case 19). */
const CALLER_IDENTITY: Decision = Object.freeze({ outcome: 'Allow', matched: NOTHING, missingKeys: NOTHING });

const LAYERS: readonly PolicyLayer[] = ['identity', 'boundary', 'session', 'resource', 'scp', 'rcp'];
/** Implicit denies with nothing matched and nothing missing, one per layer. */
const IMPLICIT: ReadonlyMap<PolicyLayer, Decision> = new Map(
  LAYERS.map((layer) => [
    layer,
    Object.freeze({
      outcome: 'ImplicitDeny',
      reason: Object.freeze({ kind: 'implicit', layer }),
      matched: NOTHING,
      missingKeys: NOTHING,
    }),
  ]),
);

/** Layer verdict for a layer that does not take part. */
const ABSENT = -1;

/** Callers with identity-side policies: IAM users, role and federated sessions, and the root user. */
function hasPrincipalSide(type: AuthzRequest['principal']['type']): boolean {
  return type === 'Account' || type === 'User' || type === 'AssumedRole' || type === 'FederatedUser';
}

/** `layer` undefined: Allow; otherwise a deny decided by that layer. */
function decision(state: EvalState, explicit: boolean, layer: PolicyLayer | undefined): Decision {
  const matched: readonly MatchedStatement[] = state.matched ?? NOTHING;
  const missingKeys: readonly string[] = state.missing === undefined ? NOTHING : [...new Set(state.missing)];
  if (layer === undefined) return { outcome: 'Allow', matched, missingKeys };
  if (!explicit && matched === NOTHING && missingKeys === NOTHING) return IMPLICIT.get(layer) as Decision;
  return {
    outcome: explicit ? 'ExplicitDeny' : 'ImplicitDeny',
    reason: { kind: explicit ? 'explicit' : 'implicit', layer },
    matched,
    missingKeys,
  };
}

const denies = (verdict: number): boolean => verdict !== ABSENT && (verdict & DENY) !== 0;
const allows = (verdict: number): boolean => verdict !== ABSENT && (verdict & ALLOW) !== 0;

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
  const state = new EvalState(request);
  const who = request.principal;
  if (state.action === 'sts:getcalleridentity' && who.type !== 'Anonymous') return CALLER_IDENTITY;

  const principalSide = hasPrincipalSide(who.type);
  const session = policies.session !== undefined && policies.session.length > 0 ? policies.session : undefined;
  const identity = principalSide ? scanLayer(policies.identity ?? NOTHING, 'identity', state) : ABSENT;
  const boundary = principalSide && policies.boundary ? scanPolicy(policies.boundary, 'boundary', state) : ABSENT;
  const sessionV = principalSide && session ? scanLayer(session, 'session', state) : ABSENT;
  const resource = policies.resource ? scanPolicy(policies.resource, 'resource', state) : ABSENT;
  const scp = principalSide && policies.scp ? scanLevels(policies.scp, 'scp', state) : ABSENT;
  const rcp = policies.rcp ? scanLevels(policies.rcp, 'rcp', state) : ABSENT;

  // Explicit denies, reported in the order AWS's messages prefer: organization, resource, then principal side.
  if (denies(scp)) return decision(state, true, 'scp');
  if (denies(rcp)) return decision(state, true, 'rcp');
  if (denies(resource)) return decision(state, true, 'resource');
  if (denies(identity)) return decision(state, true, 'identity');
  if (denies(boundary)) return decision(state, true, 'boundary');
  if (denies(sessionV)) return decision(state, true, 'session');
  if (scp !== ABSENT && !allows(scp)) return decision(state, false, 'scp');
  if (rcp !== ABSENT && !allows(rcp)) return decision(state, false, 'rcp');

  const accountId = who.accountId;
  const failed = decideGrant({
    principalSide,
    sameAccount:
      accountId !== undefined && (request.resourceAccount === undefined || request.resourceAccount === accountId),
    resourcePolicyRequired: policies.resourcePolicyRequired === true,
    identity: policies.rootUser === true || allows(identity),
    boundary: boundary === ABSENT || allows(boundary),
    session: sessionV === ABSENT ? policies.federatedUserSession !== true : allows(sessionV),
    resource: allows(resource) ? state.strength : undefined,
  });
  return decision(state, false, failed);
}
