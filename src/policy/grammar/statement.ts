/**
 * @module policy/grammar/statement
 * Validation and normalization of one statement (IAM-SEMANTICS.md §4.16, "Statement"): known keys only, Effect
 * exactly `Allow`/`Deny`, exactly one of Action/NotAction, exactly one of Resource/NotResource (trust policies:
 * neither), the Principal rules of each policy kind, and the RCP restrictions.
 */

import type { PolicyKind, PolicyStatement, PrincipalBlock } from '../types.js';
import { checkAction, checkResource } from './action-resource.js';
import { type ConditionBlock, readCondition } from './condition.js';
import { objectOf, stringList } from './json-shapes.js';
import { isIamKind } from './limits.js';
import {
  fail,
  LEGACY,
  MISSING_PRINCIPAL,
  NO_ACTIONS,
  NO_PRINCIPAL_ALLOWED,
  NO_RESOURCES,
  prohibitedField,
  RCP_ALLOW,
  SID_CHARS,
  SYNTAX,
} from './messages.js';
import type { JsonObject, JsonValue } from './parse-json.js';
import { readPrincipal } from './principal.js';

const KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

/** Reads the one-of pair `name`/`notName`; fails with SYNTAX when both are present. */
function pair(s: JsonObject, name: string): { readonly key: string; readonly value: JsonValue } | undefined {
  const plain = s.get(name);
  const negated = s.get(`Not${name}`);
  if (plain !== undefined && negated !== undefined) fail(SYNTAX);
  if (plain !== undefined) return { key: name, value: plain };
  if (negated !== undefined) return { key: `Not${name}`, value: negated };
  return undefined;
}

function readSid(s: JsonObject, kind: PolicyKind): string | undefined {
  const sid = s.get('Sid');
  if (sid === undefined) return undefined;
  if (typeof sid !== 'string') fail(SYNTAX);
  if (isIamKind(kind) && !/^[A-Za-z0-9]*$/.test(sid)) fail(SID_CHARS);
  return sid;
}

function readPrincipals(
  s: JsonObject,
  kind: PolicyKind,
): { readonly key: string; readonly block: PrincipalBlock } | undefined {
  const found = pair(s, 'Principal');
  if (kind === 'identity' || kind === 'session' || kind === 'boundary' || kind === 'scp') {
    if (found !== undefined) fail(NO_PRINCIPAL_ALLOWED);
    return undefined;
  }
  if (found === undefined) fail(MISSING_PRINCIPAL);
  if (found.key === 'NotPrincipal' && kind !== 'resource') fail(prohibitedField('NotPrincipal'));
  return { key: found.key, block: readPrincipal(found.value, kind) };
}

function readActions(s: JsonObject): { readonly key: string; readonly list: string[] } {
  const found = pair(s, 'Action');
  if (found === undefined) fail(NO_ACTIONS);
  const list = stringList(found.value);
  if (list.length === 0) fail(NO_ACTIONS);
  list.forEach(checkAction);
  return { key: found.key, list };
}

function readResources(s: JsonObject, kind: PolicyKind): { readonly key: string; readonly list: string[] } | undefined {
  const found = pair(s, 'Resource');
  if (kind === 'trust') {
    if (found !== undefined) fail(prohibitedField(found.key));
    return undefined;
  }
  if (found === undefined) fail(NO_RESOURCES);
  const list = stringList(found.value);
  if (list.length === 0) fail(NO_RESOURCES);
  list.forEach(checkResource);
  return { key: found.key, list };
}

/**
 * The RCP rules (Organizations, "RCP syntax"): no NotAction, and `Allow` only in the exact form of
 * RCPFullAWSAccess (`Principal`, `Action` and `Resource` all `"*"`, no condition). `Principal: "*"` itself is
 * enforced by `readPrincipal`.
 */
function checkRcp(statement: PolicyStatement): void {
  if (statement.notAction !== undefined) fail(prohibitedField('NotAction'));
  if (statement.effect === 'Deny') return;
  const only = (list: readonly string[] | undefined) => list !== undefined && list.length === 1 && list[0] === '*';
  const fullAccess =
    statement.principal === '*' &&
    only(statement.action) &&
    only(statement.resource) &&
    statement.condition === undefined;
  if (!fullAccess) fail(RCP_ALLOW);
}

/**
 * Validates one statement of a `kind` policy and returns it normalized (lists as arrays, values as strings).
 * @example
 * readStatement(parsedStatement, 'identity', warnings).effect; // 'Allow'
 */
export function readStatement(value: JsonValue, kind: PolicyKind, warnings: string[]): PolicyStatement {
  const s = objectOf(value);
  for (const key of s.keys()) if (!KEYS.has(key)) fail(SYNTAX);
  const sid = readSid(s, kind);
  const effect = s.get('Effect');
  if (effect !== 'Allow' && effect !== 'Deny') fail(LEGACY);
  const principal = readPrincipals(s, kind);
  const actions = readActions(s);
  const resources = readResources(s, kind);
  const rawCondition = s.get('Condition');
  const condition: ConditionBlock | undefined =
    rawCondition === undefined ? undefined : readCondition(rawCondition, warnings);
  const statement: PolicyStatement = {
    ...(sid === undefined ? {} : { sid }),
    effect,
    ...(actions.key === 'Action' ? { action: actions.list } : { notAction: actions.list }),
    ...(resources === undefined
      ? {}
      : resources.key === 'Resource'
        ? { resource: resources.list }
        : { notResource: resources.list }),
    ...(principal === undefined
      ? {}
      : principal.key === 'Principal'
        ? { principal: principal.block }
        : { notPrincipal: principal.block }),
    ...(condition === undefined ? {} : { condition }),
  };
  if (kind === 'rcp') checkRcp(statement);
  return statement;
}
