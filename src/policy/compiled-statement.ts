/**
 * @module policy/compiled-statement
 * The compiled form of a statement that `CompiledPolicy.statements` holds (typed `unknown[]` in the public types
 * so callers cannot depend on it), and the per-policy index of statements by action service. Everything that
 * can be decided once per policy is decided here.
 */

import type { ActionMatcher } from './action-matcher.js';
import type { CompiledCondition } from './conditions/index.js';
import type { CompiledPrincipal } from './principal-matcher.js';
import type { ResourceMatcher } from './resource-matcher.js';
import type { CompiledPolicy } from './types.js';

/** One statement, ready for evaluation. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: ActionMatcher;
  readonly notAction: boolean;
  /** Lower-cased services its Action names; `undefined` for `*` and for NotAction (any service). */
  readonly services: ReadonlySet<string> | undefined;
  /** Absent in trust policies, which have no Resource element: the statement covers the role itself. */
  readonly resources: ResourceMatcher | undefined;
  readonly notResource: boolean;
  /** Absent for identity-side policies and SCPs, whose principal is implicit. */
  readonly principal: CompiledPrincipal | undefined;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

/**
 * The statements that can apply to each service, in document order: those naming the service plus those
 * matching every service (`*`, NotAction). `other` serves services no statement names.
 */
export interface StatementIndex {
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  readonly other: readonly CompiledStatement[];
}

/** Builds the {@link StatementIndex} of a policy's statements. */
export function indexStatements(statements: readonly CompiledStatement[]): StatementIndex {
  const byService = new Map<string, CompiledStatement[]>();
  for (const st of statements) for (const service of st.services ?? []) byService.set(service, []);
  const other: CompiledStatement[] = [];
  for (const st of statements) {
    if (st.services === undefined) other.push(st);
    for (const [service, list] of byService) if (st.services === undefined || st.services.has(service)) list.push(st);
  }
  return { byService, other };
}

/**
 * The statements of a policy that can apply to `service`. The casts are the one place where the opaque fields
 * of the public type meet their real shape; only `compilePolicy` produces them.
 */
export function statementsFor(policy: CompiledPolicy, service: string): readonly CompiledStatement[] {
  const index = policy.index as StatementIndex | undefined;
  if (index === undefined) return policy.statements as readonly CompiledStatement[];
  return index.byService.get(service) ?? index.other;
}
