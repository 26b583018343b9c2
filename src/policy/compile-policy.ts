/**
 * @module policy/compile-policy
 * Compiles a parsed policy once, so that evaluation does no parsing, no regex building and little allocation:
 * statements are indexed by the services their actions name (a request only visits the statements of its own
 * service), actions are grouped by service, resource and condition patterns are pre-built, principal lists become sets,
 * and condition values are pre-parsed (numbers, dates, CIDRs). Policy variables are enabled only for documents
 * with `Version: 2012-10-17`; in older documents `${…}` is literal text (IAM-SEMANTICS.md §4.14).
 */

import { actionServices, compileActions } from './action-matcher.js';
import { type CompiledStatement, indexStatements } from './compiled-statement.js';
import { compileConditionBlock } from './conditions/index.js';
import { compilePrincipal } from './principal-matcher.js';
import { compileResources } from './resource-matcher.js';
import type { CompiledPolicy, PolicyDocument, PolicyLayer, PolicyStatement } from './types.js';

function compileStatement(statement: PolicyStatement, index: number, variables: boolean): CompiledStatement {
  const actionList = statement.action ?? statement.notAction ?? [];
  const resourceList = statement.resource ?? statement.notResource;
  const principal = statement.principal ?? statement.notPrincipal;
  return Object.freeze({
    index,
    sid: statement.sid,
    effect: statement.effect,
    actions: compileActions(actionList),
    notAction: statement.action === undefined && statement.notAction !== undefined,
    services: statement.action === undefined ? undefined : actionServices(statement.action),
    resources: resourceList === undefined ? undefined : compileResources(resourceList, variables),
    notResource: statement.resource === undefined && statement.notResource !== undefined,
    principal: principal === undefined ? undefined : compilePrincipal(principal),
    notPrincipal: statement.principal === undefined && statement.notPrincipal !== undefined,
    conditions: compileConditionBlock(statement.condition, variables),
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
  const statements = policy.statements.map((s, i) => compileStatement(s, i, variables));
  return Object.freeze({ source, layer, statements: Object.freeze(statements), index: indexStatements(statements) });
}
