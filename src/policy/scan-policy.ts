/**
 * @module policy/scan-policy
 * Decides which statements of a policy apply to a request (IAM-SEMANTICS.md §4.2) and folds them into a layer
 * verdict. Candidates come from the policy's action index (and, for long lists, its resource-key split), so most
 * statements are never visited; for those that
 * are, checks run cheapest first: action (unless the index already decided it), resource, principal, then
 * conditions, so condition keys are only looked up (and reported missing) for statements whose action and
 * resource matched.
 */

import {
  type CandidateList,
  type CompiledStatement,
  indexOf,
  type Segment,
  statementsOf,
} from './compiled-statement.js';
import type { EvalState } from './eval-state.js';
import { matchPrincipal, notPrincipalExempts, strongest } from './principal-matcher.js';
import type { CompiledPolicy, MatchStrength, PolicyLayer } from './types.js';

/** Bit set in a layer verdict when an Allow statement applied. */
export const ALLOW = 1;
/** Bit set in a layer verdict when a Deny statement applied. */
export const DENY = 2;

/**
 * Whether a statement applies: `undefined`, or the principal match strength (`'wildcard'` for statements without
 * a Principal element, where the principal is implicit).
 */
function applies(
  st: CompiledStatement,
  state: EvalState,
  layer: PolicyLayer,
  actionDecided: boolean,
): MatchStrength | undefined {
  if (!actionDecided && st.actions(state.action) === st.notAction) return undefined;
  if (st.resources !== undefined && st.resources(state, state.context, state) === st.notResource) return undefined;
  let strength: MatchStrength | undefined = 'wildcard';
  if (st.principal === undefined) {
    // A resource policy statement without a principal would grant to everyone: never let it apply.
    if (layer === 'resource') return undefined;
  } else if (!st.notPrincipal) {
    strength = matchPrincipal(st.principal, state.principal);
    if (strength === undefined) return undefined;
  } else if (!(st.effect === 'Deny' && state.principal.hasPermissionsBoundary === true)) {
    // Deny + NotPrincipal always applies to callers with a permissions boundary (§4.10, tricky case 9).
    if (notPrincipalExempts(st.principal, state.principal)) return undefined;
  }
  const conditions = st.conditions;
  for (let i = 0; i < conditions.length; i++) {
    if (!(conditions[i] as (typeof conditions)[number])(state.context, state)) return undefined;
  }
  return strength;
}

/** Visits one candidate: reports it when it applies, and returns its ALLOW/DENY bit (0 when it does not). */
function visit(st: CompiledStatement, layer: PolicyLayer, state: EvalState, actionDecided: boolean): number {
  const strength = applies(st, state, layer, actionDecided);
  if (strength === undefined) return 0;
  state.report(st.reports === undefined ? st.report : st.reports[strength]);
  if (st.effect === 'Deny') return DENY;
  if (layer === 'resource') state.strength = strongest(state.strength, strength);
  return ALLOW;
}

function scanAll(statements: readonly CompiledStatement[], layer: PolicyLayer, state: EvalState, decided: boolean) {
  let verdict = 0;
  for (let i = 0; i < statements.length; i++)
    verdict |= visit(statements[i] as CompiledStatement, layer, state, decided);
  return verdict;
}

/**
 * Scans a candidate list. When it is split by resource key, only the statements of the request's key and those
 * without a key are visited, merged back into list order so reports keep document order.
 */
function scanList(list: CandidateList, layer: PolicyLayer, state: EvalState, decided: boolean): number {
  const key = list.byKey === undefined ? undefined : state.resourceKey();
  if (key === undefined) return scanAll(list.statements, layer, state, decided);
  const keyed = (list.byKey as ReadonlyMap<string, Segment>).get(key);
  const rest = list.unkeyed;
  if (keyed === undefined) return scanAll(rest.statements, layer, state, decided);
  let verdict = 0;
  let i = 0;
  let j = 0;
  while (i < rest.order.length || j < keyed.order.length) {
    if (j >= keyed.order.length || (i < rest.order.length && (rest.order[i] as number) < (keyed.order[j] as number))) {
      verdict |= visit(rest.statements[i++] as CompiledStatement, layer, state, decided);
    } else verdict |= visit(keyed.statements[j++] as CompiledStatement, layer, state, decided);
  }
  return verdict;
}

/**
 * Scans the policies of one layer, reporting every applicable statement to `state`; returns the
 * {@link ALLOW}/{@link DENY} bits.
 * @example
 * const verdict = scanLayer(policies.identity ?? [], 'identity', state);
 * if (verdict & DENY) …
 */
export function scanLayer(policies: readonly CompiledPolicy[], layer: PolicyLayer, state: EvalState): number {
  let verdict = 0;
  for (let i = 0; i < policies.length; i++) verdict |= scanPolicy(policies[i] as CompiledPolicy, layer, state);
  return verdict;
}

/** Scans one policy through its action index (or all its statements when it has none). */
export function scanPolicy(policy: CompiledPolicy, layer: PolicyLayer, state: EvalState): number {
  const index = indexOf(policy);
  if (index === undefined) return scanAll(statementsOf(policy), layer, state, false);
  const decided = index.byAction.get(state.action);
  if (decided !== undefined) return scanList(decided, layer, state, true);
  const byService = index.byService.size === 0 ? undefined : index.byService.get(state.service());
  return scanList(byService ?? index.other, layer, state, false);
}

/** Scans SCP/RCP levels: the gate opens (ALLOW) only if every level has an applicable Allow (§4.7). */
export function scanLevels(
  levels: readonly (readonly CompiledPolicy[])[],
  layer: 'scp' | 'rcp',
  state: EvalState,
): number {
  let allowEverywhere = true;
  let deny = 0;
  for (const level of levels) {
    const v = scanLayer(level, layer, state);
    if ((v & ALLOW) === 0) allowEverywhere = false;
    deny |= v & DENY;
  }
  return (allowEverywhere ? ALLOW : 0) | deny;
}
