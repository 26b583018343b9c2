/**
 * @module policy/compile-policy
 * Compiles a parsed policy once, so that evaluation does no parsing, no regex building and no allocation per
 * statement: statements are indexed by the actions they name (see `compiled-statement.ts`), actions are
 * lower-cased, resource and condition patterns are pre-built, principal lists become sets, condition values are
 * pre-parsed (numbers, dates, CIDRs), and the report a decision gives for each statement is built here.
 * Policy variables are enabled only for documents with `Version: 2012-10-17`; in older documents `${…}` is
 * literal text (IAM-SEMANTICS.md §4.14).
 */

import { compileActions, describeActions } from './action-matcher.js';
import { type CompiledStatement, indexStatements, statementsOf } from './compiled-statement.js';
import { compileConditionBlock } from './conditions/index.js';
import { compilePrincipal } from './principal-matcher.js';
import { statementKeys } from './resource-key.js';
import { compileResources } from './resource-matcher.js';
import type {
  CompiledPolicy,
  MatchedStatement,
  MatchStrength,
  PolicyDocument,
  PolicyLayer,
  PolicyStatement,
} from './types.js';

const STRENGTHS: readonly MatchStrength[] = ['exact', 'role', 'account', 'wildcard', 'service', 'federated'];

function reportsFor(base: MatchedStatement): Readonly<Record<MatchStrength, MatchedStatement>> {
  const out: Partial<Record<MatchStrength, MatchedStatement>> = {};
  for (const strength of STRENGTHS) out[strength] = Object.freeze({ ...base, strength });
  return Object.freeze(out as Record<MatchStrength, MatchedStatement>);
}

function compileStatement(
  statement: PolicyStatement,
  index: number,
  variables: boolean,
  source: string,
  layer: PolicyLayer,
): CompiledStatement {
  const actionList = statement.action ?? statement.notAction ?? [];
  const resourceList = statement.resource ?? statement.notResource;
  const principal = statement.principal ?? statement.notPrincipal;
  const report: MatchedStatement = Object.freeze({
    source,
    layer,
    ...(statement.sid === undefined ? {} : { sid: statement.sid }),
    effect: statement.effect,
    index,
  });
  return Object.freeze({
    index,
    sid: statement.sid,
    effect: statement.effect,
    actions: compileActions(actionList),
    notAction: statement.action === undefined && statement.notAction !== undefined,
    shape: describeActions(actionList),
    resources: resourceList === undefined ? undefined : compileResources(resourceList, variables),
    notResource: statement.resource === undefined && statement.notResource !== undefined,
    principal: principal === undefined ? undefined : compilePrincipal(principal),
    notPrincipal: statement.principal === undefined && statement.notPrincipal !== undefined,
    conditions: compileConditionBlock(statement.condition, variables),
    report,
    reports: layer === 'resource' ? reportsFor(report) : undefined,
    keys: statementKeys(resourceList, statement.notResource !== undefined && statement.resource === undefined),
  });
}

/**
 * Compiles a policy for {@link evaluate}. `source` names it in decisions (a policy ARN, `role/R/inline/P`,
 * `trust-policy`, …); `layer` is where it takes part in the decision.
 * @example
 * const parsed = parsePolicy(text, 'identity');
 * if (parsed.ok) cache.set(arn, compilePolicy(parsed.policy, arn, 'identity'));
 */
export function compilePolicy(policy: PolicyDocument, source: string, layer: PolicyLayer): CompiledPolicy {
  const variables = policy.version === '2012-10-17';
  const statements = policy.statements.map((s, i) => compileStatement(s, i, variables, source, layer));
  return Object.freeze({ source, layer, statements: Object.freeze(statements), index: indexStatements(statements) });
}

/**
 * Merges compiled policies of one layer into a single policy with one action index, so that a principal with
 * many attached policies costs one index lookup per decision instead of one per policy. Decisions still name
 * each statement's own policy. Meant for caches of a principal's compiled policy set, rebuilt when any of the
 * policies changes; evaluating the merged policy decides exactly as evaluating the list.
 * @example
 * const identity = mergePolicies([managedA, managedB, inline], 'user/alice');
 * evaluate(request, { identity: [identity] });
 */
export function mergePolicies(policies: readonly CompiledPolicy[], source: string): CompiledPolicy {
  const first = policies[0];
  if (first === undefined) throw new TypeError('mergePolicies needs at least one policy');
  for (const p of policies) {
    if (p.layer !== first.layer) throw new TypeError('mergePolicies takes policies of a single layer');
  }
  const statements = policies.flatMap((p) => statementsOf(p));
  return Object.freeze({
    source,
    layer: first.layer,
    statements: Object.freeze(statements),
    index: indexStatements(statements),
  });
}
