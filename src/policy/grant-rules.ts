/**
 * @module policy/grant-rules
 * Whether the allows gathered from each layer add up to a grant, once explicit denies and the SCP/RCP gates
 * have been checked (IAM-SEMANTICS.md §4.3 step 3–5, §4.4 same-account table, §4.5 cross-account).
 *
 * I = identity allow, B = boundary allow (true without a boundary), S = session allow (true without a session
 * policy, except for GetFederationToken sessions), R = how the resource policy's applicable Allow named the caller.
 */

import type { MatchStrength, PolicyLayer } from './types.js';

/** The inputs of the grant decision. */
export interface GrantInputs {
  /** False for anonymous, service and web-identity/SAML callers, for whom only the resource policy can grant. */
  readonly principalSide: boolean;
  readonly sameAccount: boolean;
  /** Trust and key policies: the identity policy alone never grants (§4.4 "Exceptions"). */
  readonly resourcePolicyRequired: boolean;
  readonly identity: boolean;
  readonly boundary: boolean;
  readonly session: boolean;
  readonly resource: MatchStrength | undefined;
}

/** `undefined` when granted, otherwise the layer whose missing allow caused the implicit deny. */
export type GrantResult = PolicyLayer | undefined;

/**
 * Applies the grant table.
 * @example
 * decideGrant({ principalSide: true, sameAccount: true, resourcePolicyRequired: false,
 *   identity: false, boundary: true, session: true, resource: 'exact' }); // undefined: granted
 */
export function decideGrant(g: GrantInputs): GrantResult {
  if (!g.principalSide) return g.resource === undefined ? 'resource' : undefined;
  const principalGap: PolicyLayer | undefined = !g.identity
    ? 'identity'
    : !g.boundary
      ? 'boundary'
      : !g.session
        ? 'session'
        : undefined;
  if (!g.sameAccount) {
    // Both accounts must agree; naming the exact session does not remove the need for I (§4.5).
    if (principalGap !== undefined) return principalGap;
    return g.resource === undefined ? 'resource' : undefined;
  }
  switch (g.resource) {
    case 'exact':
    case 'service':
    case 'federated':
    case 'wildcard':
      // Grants naming the caller itself (or everyone) are not capped by I, B or S (§4.4; wildcard: verify S).
      return undefined;
    case 'role':
      // Naming the role (or the user behind a federated session) is still capped by boundary and session.
      if (!g.boundary) return 'boundary';
      return g.session ? undefined : 'session';
    case 'account':
      // The account only delegates to its own identity policies.
      return principalGap;
    case undefined:
      return g.resourcePolicyRequired ? 'resource' : principalGap;
  }
}
