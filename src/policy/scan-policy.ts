/**
 * @module policy/scan-policy
 * Decides which statements of a policy apply to a request (IAM-SEMANTICS.md §4.2) and folds them into a layer
 * verdict. Checks run cheapest first: action, resource, principal, then conditions, so condition keys are only
 * looked up (and reported missing) for statements whose action and resource matched.
 */

import { type CompiledStatement, statementsFor } from './compiled-statement.js';
import { matchPrincipal, notPrincipalExempts, strongest } from './principal-matcher.js';
import type { ResourceView } from './resource-matcher.js';
import type {
  CompiledPolicy,
  MatchedStatement,
  MatchStrength,
  PolicyLayer,
  PrincipalInfo,
  RequestContext,
} from './types.js';
import type { MissingSink } from './variables.js';

/** The request as the statements see it, prepared once per evaluation. */
export interface RequestView extends ResourceView {
  /** Lower-cased service prefix and action name. */
  readonly service: string;
  readonly name: string;
  readonly principal: PrincipalInfo;
  readonly context: RequestContext;
  readonly missing: MissingSink;
}

/** What one layer (or one SCP/RCP level) says about the request. */
export interface LayerVerdict {
  allow: boolean;
  deny: boolean;
  /** Resource layer: the strongest principal match among applicable Allow statements. */
  strength: MatchStrength | undefined;
}

/**
 * Whether a statement applies: `false`, or the principal match strength (`'wildcard'` for statements without a
 * Principal element, where the principal is implicit).
 */
function applies(st: CompiledStatement, view: RequestView, layer: PolicyLayer): MatchStrength | false {
  if (st.actions(view.service, view.name) === st.notAction) return false;
  if (st.resources !== undefined && st.resources(view, view.context, view.missing) === st.notResource) return false;
  let strength: MatchStrength | undefined = 'wildcard';
  if (st.principal === undefined) {
    // A resource policy statement without a principal would grant to everyone: never let it apply.
    if (layer === 'resource') return false;
  } else if (!st.notPrincipal) {
    strength = matchPrincipal(st.principal, view.principal);
    if (strength === undefined) return false;
  } else if (!(st.effect === 'Deny' && view.principal.hasPermissionsBoundary === true)) {
    // Deny + NotPrincipal always applies to callers with a permissions boundary (§4.10, tricky case 9).
    if (notPrincipalExempts(st.principal, view.principal)) return false;
  }
  for (const condition of st.conditions) if (!condition(view.context, view.missing)) return false;
  return strength;
}

/**
 * Scans the policies of one layer, appending every applicable statement to `matched`.
 * @example
 * const verdict = scanLayer(policies.identity ?? [], 'identity', view, matched);
 */
export function scanLayer(
  policies: readonly CompiledPolicy[],
  layer: PolicyLayer,
  view: RequestView,
  matched: MatchedStatement[],
): LayerVerdict {
  const verdict: LayerVerdict = { allow: false, deny: false, strength: undefined };
  for (const policy of policies) {
    for (const st of statementsFor(policy, view.service)) {
      const strength = applies(st, view, layer);
      if (strength === false) continue;
      const base = { source: policy.source, layer, sid: st.sid, effect: st.effect, index: st.index };
      matched.push(layer === 'resource' ? { ...base, strength } : base);
      if (st.effect === 'Deny') verdict.deny = true;
      else {
        verdict.allow = true;
        verdict.strength = strongest(verdict.strength, strength);
      }
    }
  }
  return verdict;
}

/** Scans SCP/RCP levels: the gate opens only if every level has an applicable Allow (§4.7). */
export function scanLevels(
  levels: readonly (readonly CompiledPolicy[])[],
  layer: 'scp' | 'rcp',
  view: RequestView,
  matched: MatchedStatement[],
): LayerVerdict {
  const verdict: LayerVerdict = { allow: true, deny: false, strength: undefined };
  for (const level of levels) {
    const v = scanLayer(level, layer, view, matched);
    verdict.allow &&= v.allow;
    verdict.deny ||= v.deny;
  }
  return verdict;
}
